package cloud

import (
	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// Inventory is everything the simulated account holds that a product record may point at:
// what an audit (the chaos run) compares with the product's records.
type Inventory struct {
	Distributions []InventoryDistribution
	OACs          []domain.OriginAccessControl
	Buckets       []string // names
	// BucketPolicies are the buckets' policy documents, by name (a bucket without one is absent).
	BucketPolicies map[string][]byte
	// CloudFrontFunctions and LambdaFunctions are function names.
	CloudFrontFunctions []string
	LambdaFunctions     []string
}

// InventoryDistribution is one distribution as stored, with its tags and invalidations.
type InventoryDistribution struct {
	domain.LiveDistribution
	Tags          map[string]string
	Invalidations []domain.Invalidation
}

// Inventory reads every distribution (with its tags), OAC, bucket and function in one
// consistent view.
func (c *Cloud) Inventory() (Inventory, error) {
	inv := Inventory{BucketPolicies: map[string][]byte{}}
	err := c.db.View(func(tx *bolt.Tx) error {
		if err := eachJSON(tx, bktDistributions, "", func(_ string, r distRecord) error {
			tags, _, err := getJSON[map[string]string](tx, bktTags, r.ARN)
			if err != nil {
				return err
			}
			d := InventoryDistribution{LiveDistribution: c.live(r), Tags: tags}
			err = eachJSON(tx, bktInvalidations, r.ID+"/", func(_ string, ir invalidationRecord) error {
				d.Invalidations = append(d.Invalidations, c.invalidationView(ir))
				return nil
			})
			inv.Distributions = append(inv.Distributions, d)
			return err
		}); err != nil {
			return err
		}
		if err := eachJSON(tx, bktOACs, "", func(_ string, r oacRecord) error {
			inv.OACs = append(inv.OACs, r.view())
			return nil
		}); err != nil {
			return err
		}
		if err := eachJSON(tx, bktS3Buckets, "", func(_ string, r bucketRecord) error {
			inv.Buckets = append(inv.Buckets, r.Name)
			if len(r.Policy) > 0 {
				inv.BucketPolicies[r.Name] = r.Policy
			}
			return nil
		}); err != nil {
			return err
		}
		if err := eachJSON(tx, bktCFFunctions, "", func(_ string, r cfFunctionRecord) error {
			inv.CloudFrontFunctions = append(inv.CloudFrontFunctions, r.Name)
			return nil
		}); err != nil {
			return err
		}
		return eachJSON(tx, bktLambdas, "", func(_ string, r lambdaRecord) error {
			inv.LambdaFunctions = append(inv.LambdaFunctions, r.Name)
			return nil
		})
	})
	return inv, err
}
