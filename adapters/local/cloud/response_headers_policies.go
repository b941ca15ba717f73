package cloud

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// rhpRecord is one response headers policy (by name).
type rhpRecord struct {
	ID   string                           `json:"id"`
	Name string                           `json:"name"`
	Spec domain.ResponseHeadersPolicySpec `json:"spec"`
}

// MaxResponseHeadersPolicies is CloudFront's default quota of custom policies per account.
const MaxResponseHeadersPolicies = 20

var rhpName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)

// EnsureResponseHeadersPolicy finds the policy named spec.Name, else creates it (CloudFront's
// quota of 20 policies applies; TooManyResponseHeadersPolicies is permanent).
func (c *Cloud) EnsureResponseHeadersPolicy(ctx context.Context, spec domain.ResponseHeadersPolicySpec) (string, error) {
	if err := c.gate(ctx, "CreateResponseHeadersPolicy"); err != nil {
		return "", err
	}
	if !rhpName.MatchString(spec.Name) {
		return "", fmt.Errorf("create response headers policy: %w", domain.Permanent(errors.New("InvalidArgument: Name must be 1-128 letters, digits, - and _")))
	}
	if spec.Security == nil && spec.CORS == nil && len(spec.Headers) == 0 {
		return "", fmt.Errorf("create response headers policy %s: %w", spec.Name, domain.Permanent(errors.New("InvalidArgument: the policy sets no header")))
	}
	var rec rhpRecord
	created := false
	err := c.db.Update(func(tx *bolt.Tx) error {
		old, ok, err := getJSON[rhpRecord](tx, bktRHPs, spec.Name)
		if err != nil || ok {
			rec = old
			return err
		}
		n := 0
		if err := eachJSON(tx, bktRHPs, "", func(string, rhpRecord) error { n++; return nil }); err != nil {
			return err
		}
		if n >= MaxResponseHeadersPolicies {
			return domain.Permanent(fmt.Errorf("TooManyResponseHeadersPolicies: the account has %d response headers policies", n))
		}
		rec, created = rhpRecord{ID: uuidFrom(""), Name: spec.Name, Spec: spec}, true
		return putJSON(tx, bktRHPs, spec.Name, rec)
	})
	if err != nil {
		return "", fmt.Errorf("ensure response headers policy %s: %w", spec.Name, err)
	}
	if created {
		if err := c.lostResponse("CreateResponseHeadersPolicy", rec.ID); err != nil {
			return "", err
		}
	}
	return rec.ID, nil
}

// DeleteResponseHeadersPolicy deletes the named policy unless a distribution uses it
// (ResponseHeadersPolicyInUse, ErrConflict); a missing one is ErrNotFound.
func (c *Cloud) DeleteResponseHeadersPolicy(ctx context.Context, name string) error {
	if err := c.gate(ctx, "DeleteResponseHeadersPolicy"); err != nil {
		return err
	}
	err := c.db.Update(func(tx *bolt.Tx) error {
		rec, ok, err := getJSON[rhpRecord](tx, bktRHPs, name)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("NoSuchResponseHeadersPolicy: %w", domain.ErrNotFound)
		}
		err = eachJSON(tx, bktDistributions, "", func(dist string, d distRecord) error {
			if slices.Contains(responseHeadersPolicyIDs(d.Config), rec.ID) {
				return fmt.Errorf("ResponseHeadersPolicyInUse: used by distribution %s: %w", dist, domain.ErrConflict)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return deleteKey(tx, bktRHPs, name)
	})
	if err != nil {
		return fmt.Errorf("delete response headers policy %s: %w", name, err)
	}
	return nil
}

// ResponseHeadersPolicy returns the policy with that id (for tests and e2e checks).
func (c *Cloud) ResponseHeadersPolicy(id string) (name string, spec domain.ResponseHeadersPolicySpec, ok bool, err error) {
	err = c.db.View(func(tx *bolt.Tx) error {
		return eachJSON(tx, bktRHPs, "", func(_ string, r rhpRecord) error {
			if r.ID == id {
				name, spec, ok = r.Name, r.Spec, true
			}
			return nil
		})
	})
	return name, spec, ok, err
}

// responseHeadersPolicyIDs lists the policy ids cfg's behaviors use.
func responseHeadersPolicyIDs(cfg domain.DistributionConfig) []string {
	var ids []string
	add := func(b domain.CacheBehavior) {
		if b.ResponseHeadersPolicyId != "" {
			ids = append(ids, b.ResponseHeadersPolicyId)
		}
	}
	if cfg.DefaultCacheBehavior != nil {
		add(*cfg.DefaultCacheBehavior)
	}
	if cfg.CacheBehaviors != nil {
		for _, b := range cfg.CacheBehaviors.Items {
			add(b.CacheBehavior)
		}
	}
	return ids
}

// validateResponseHeadersPolicies: every policy a behavior names exists (a managed one, or
// one of the account's).
func validateResponseHeadersPolicies(tx *bolt.Tx, cfg domain.DistributionConfig, bad func(string, string, ...any)) error {
	known := map[string]bool{}
	for _, id := range domain.ManagedResponseHeadersPolicies {
		known[id] = true
	}
	if err := eachJSON(tx, bktRHPs, "", func(_ string, r rhpRecord) error { known[r.ID] = true; return nil }); err != nil {
		return err
	}
	for _, id := range responseHeadersPolicyIDs(cfg) {
		if !known[id] {
			bad("NoSuchResponseHeadersPolicy", "response headers policy %s does not exist", id)
		}
	}
	return nil
}
