package cloud

import (
	"context"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

type oacRecord struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	ETag        string `json:"etag"`
	// OriginType is s3 (absent, as records before it) or lambda.
	OriginType string `json:"originType,omitempty"`
}

func (r oacRecord) originType() string {
	if r.OriginType == "" {
		return "s3"
	}
	return r.OriginType
}

// oacOriginType is the OAC origin type an origin needs: lambda for a Lambda function URL,
// s3 for an S3 origin, none (no OAC possible) for another custom origin.
func oacOriginType(o domain.Origin) string {
	switch {
	case o.CustomOriginConfig == nil:
		return "s3"
	case domain.IsLambdaURL(o.DomainName):
		return "lambda"
	}
	return "none"
}

// EnsureLambdaOriginAccessControl returns the id of the lambda OAC named name, creating it
// (sigv4, always sign) when there is none.
func (c *Cloud) EnsureLambdaOriginAccessControl(ctx context.Context, name string) (string, error) {
	o, err := c.createOAC(ctx, name, "Lambda function URL origins", "lambda")
	var exists *domain.AlreadyExistsError
	if errors.As(err, &exists) {
		return exists.ExistingID, nil
	}
	return o.ID, err
}

func (r oacRecord) view() domain.OriginAccessControl {
	return domain.OriginAccessControl{ID: r.ID, Name: r.Name, ETag: r.ETag}
}

// CreateOriginAccessControl creates an S3 OAC (sigv4, always sign). Names are unique: an
// existing name is *domain.AlreadyExistsError carrying the existing id.
func (c *Cloud) CreateOriginAccessControl(ctx context.Context, name, description string) (domain.OriginAccessControl, error) {
	return c.createOAC(ctx, name, description, "")
}

func (c *Cloud) createOAC(ctx context.Context, name, description, originType string) (domain.OriginAccessControl, error) {
	if err := c.gate(ctx, "CreateOriginAccessControl"); err != nil {
		return domain.OriginAccessControl{}, err
	}
	if name == "" || len(name) > 64 {
		return domain.OriginAccessControl{}, fmt.Errorf("create origin access control: %w",
			domain.Permanent(errors.New("InvalidArgument: Name must be 1 to 64 characters")))
	}
	var rec oacRecord
	err := c.db.Update(func(tx *bolt.Tx) error {
		err := eachJSON(tx, bktOACs, "", func(id string, o oacRecord) error {
			if o.Name == name {
				return &domain.AlreadyExistsError{ExistingID: id, Err: fmt.Errorf(
					"OriginAccessControlAlreadyExists: An origin access control with the same name already exists: %s", id)}
			}
			return nil
		})
		if err != nil {
			return err
		}
		rec = oacRecord{ID: cloudFrontID(), Name: name, Description: description, ETag: newETag(), OriginType: originType}
		return putJSON(tx, bktOACs, rec.ID, rec)
	})
	if err != nil {
		return domain.OriginAccessControl{}, fmt.Errorf("create origin access control %s: %w", name, err)
	}
	if err := c.lostResponse("CreateOriginAccessControl", rec.ID); err != nil {
		return domain.OriginAccessControl{}, err
	}
	return rec.view(), nil
}

// GetOriginAccessControl describes an OAC; a missing one is ErrNotFound.
func (c *Cloud) GetOriginAccessControl(ctx context.Context, id string) (domain.OriginAccessControl, error) {
	if err := c.gate(ctx, "GetOriginAccessControl"); err != nil {
		return domain.OriginAccessControl{}, err
	}
	var rec oacRecord
	err := c.db.View(func(tx *bolt.Tx) (err error) {
		rec, err = loadOAC(tx, id)
		return err
	})
	if err != nil {
		return domain.OriginAccessControl{}, fmt.Errorf("get origin access control %s: %w", id, err)
	}
	return rec.view(), nil
}

// DeleteOriginAccessControl deletes an OAC no distribution uses (else ErrConflict).
func (c *Cloud) DeleteOriginAccessControl(ctx context.Context, id, ifMatch string) error {
	if err := c.gate(ctx, "DeleteOriginAccessControl"); err != nil {
		return err
	}
	err := c.db.Update(func(tx *bolt.Tx) error {
		rec, err := loadOAC(tx, id)
		if err != nil {
			return err
		}
		if err := checkIfMatch(ifMatch, rec.ETag); err != nil {
			return err
		}
		err = eachJSON(tx, bktDistributions, "", func(dist string, d distRecord) error {
			for _, o := range originsOf(d.Config) {
				if o.OriginAccessControlId == id {
					return fmt.Errorf("OriginAccessControlInUse: used by distribution %s: %w", dist, domain.ErrConflict)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		return deleteKey(tx, bktOACs, id)
	})
	if err != nil {
		return fmt.Errorf("delete origin access control %s: %w", id, err)
	}
	return nil
}

func loadOAC(tx *bolt.Tx, id string) (oacRecord, error) {
	rec, ok, err := getJSON[oacRecord](tx, bktOACs, id)
	if err == nil && !ok {
		err = fmt.Errorf("NoSuchOriginAccessControl: The origin access control does not exist: %w", domain.ErrNotFound)
	}
	return rec, err
}
