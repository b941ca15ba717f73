package cloud

import (
	"context"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

func (c *Cloud) cfDeleteFunction(ctx context.Context, name, ifMatch string) error {
	if err := c.gate(ctx, "DeleteFunction"); err != nil {
		return err
	}
	arn := c.functionARN(name)
	err := c.db.Update(func(tx *bolt.Tx) error {
		rec, err := loadFunction(tx, name)
		if err != nil {
			return err
		}
		if err := checkIfMatch(ifMatch, rec.ETag); err != nil {
			return err
		}
		err = eachJSON(tx, bktDistributions, "", func(id string, d distRecord) error {
			if b := d.Config.DefaultCacheBehavior; b != nil && b.FunctionAssociations != nil {
				for _, f := range b.FunctionAssociations.Items {
					if f.FunctionARN == arn {
						return fmt.Errorf("FunctionInUse: associated with distribution %s: %w", id, domain.ErrConflict)
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		return deleteKey(tx, bktCFFunctions, name)
	})
	if err != nil {
		return fmt.Errorf("delete cloudfront function %s: %w", name, err)
	}
	return nil
}

func loadFunction(tx *bolt.Tx, name string) (cfFunctionRecord, error) {
	rec, ok, err := getJSON[cfFunctionRecord](tx, bktCFFunctions, name)
	if err == nil && !ok {
		err = fmt.Errorf("NoSuchFunctionExists: The function does not exist: %s: %w", name, domain.ErrNotFound)
	}
	return rec, err
}

func checkFunction(name string, code []byte) error {
	switch {
	case !functionName.MatchString(name):
		return domain.Permanent(fmt.Errorf("InvalidArgument: function name %q must be 1-64 letters, digits, - or _", name))
	case len(code) == 0:
		return domain.Permanent(errors.New("InvalidArgument: FunctionCode is required"))
	case len(code) > MaxFunctionCodeSize:
		return domain.Permanent(fmt.Errorf("FunctionSizeLimitExceeded: %d bytes is over %d", len(code), MaxFunctionCodeSize))
	}
	return nil
}
