package cloud

import (
	"context"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

type orpRecord struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Headers []string `json:"headers"`
}

// EnsureOriginRequestPolicy creates the named policy forwarding headers, or brings an existing
// one of that name to exactly those headers; it returns the policy's id either way.
func (c *Cloud) EnsureOriginRequestPolicy(ctx context.Context, name string, headers []string) (string, error) {
	if err := c.gate(ctx, "EnsureOriginRequestPolicy"); err != nil {
		return "", err
	}
	if name == "" {
		return "", fmt.Errorf("ensure origin request policy: %w", domain.Permanent(errors.New("InvalidArgument: Name is required")))
	}
	want := slices.Clone(headers)
	slices.Sort(want)
	var rec orpRecord
	created := false
	err := c.db.Update(func(tx *bolt.Tx) error {
		old, ok, err := getJSON[orpRecord](tx, bktORPs, name)
		if err != nil {
			return err
		}
		if ok && slices.Equal(old.Headers, want) {
			rec = old
			return nil
		}
		rec = orpRecord{ID: old.ID, Name: name, Headers: want}
		if !ok {
			rec.ID, created = uuidFrom(""), true
		}
		return putJSON(tx, bktORPs, name, rec)
	})
	if err != nil {
		return "", fmt.Errorf("ensure origin request policy %s: %w", name, err)
	}
	if created {
		if err := c.lostResponse("CreateOriginRequestPolicy", rec.ID); err != nil {
			return "", err
		}
	}
	return rec.ID, nil
}
