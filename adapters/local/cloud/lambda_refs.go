package cloud

import (
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

func lambdaAssociations(b *domain.CacheBehavior) []domain.LambdaFunctionAssociation {
	if b == nil || b.LambdaFunctionAssociations == nil {
		return nil
	}
	return b.LambdaFunctionAssociations.Items
}

// parseLambdaVersionARN splits a numbered-version ARN of this account in us-east-1.
func (c *Cloud) parseLambdaVersionARN(arn string) (name string, version int, ok bool) {
	rest, ok := strings.CutPrefix(arn, c.lambdaARN(""))
	if !ok {
		return "", 0, false
	}
	name, v, ok := strings.Cut(rest, ":")
	if !ok {
		return "", 0, false
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || strconv.Itoa(n) != v {
		return "", 0, false
	}
	return name, n, true
}

// lambdaNames lists the functions whose versions a config references.
func (c *Cloud) lambdaNames(cfg domain.DistributionConfig) map[string]bool {
	names := map[string]bool{}
	for _, l := range lambdaAssociations(cfg.DefaultCacheBehavior) {
		if n, _, ok := c.parseLambdaVersionARN(l.LambdaFunctionARN); ok {
			names[n] = true
		}
	}
	return names
}

// releaseLambdas stamps ReleasedAt on every function old references and next no longer does:
// its replicas start to be removed now.
func (c *Cloud) releaseLambdas(tx *bolt.Tx, old, next domain.DistributionConfig) error {
	keep := c.lambdaNames(next)
	for name := range c.lambdaNames(old) {
		if keep[name] {
			continue
		}
		rec, ok, err := getJSON[lambdaRecord](tx, bktLambdas, name)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		rec.ReleasedAt = c.now()
		if err := putJSON(tx, bktLambdas, name, rec); err != nil {
			return err
		}
	}
	return nil
}

// lambdaUsers lists the distributions that reference a version of the function.
func (c *Cloud) lambdaUsers(tx *bolt.Tx, name string) ([]string, error) {
	var ids []string
	err := eachJSON(tx, bktDistributions, "", func(id string, d distRecord) error {
		if c.lambdaNames(d.Config)[name] {
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}
