package cloudfront

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdk "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// CreateOriginAccessControl creates an S3 OAC (sigv4, always sign). OAC names are unique per
// account: an existing name is *domain.AlreadyExistsError carrying its id. The name is looked
// up first, so a retried create converges on the OAC the first attempt made.
func (c *Client) CreateOriginAccessControl(ctx context.Context, name, description string) (domain.OriginAccessControl, error) {
	return c.createOAC(ctx, name, description, types.OriginAccessControlOriginTypesS3)
}

// EnsureLambdaOriginAccessControl returns the id of the OAC of origin type lambda named name,
// creating it (sigv4, always sign) when there is none.
func (c *Client) EnsureLambdaOriginAccessControl(ctx context.Context, name string) (string, error) {
	o, err := c.createOAC(ctx, name, "Managed by CloudFront Manager: Lambda function URL origins", types.OriginAccessControlOriginTypesLambda)
	var exists *domain.AlreadyExistsError
	if errors.As(err, &exists) {
		return exists.ExistingID, nil
	}
	return o.ID, err
}

func (c *Client) createOAC(ctx context.Context, name, description string, originType types.OriginAccessControlOriginTypes) (domain.OriginAccessControl, error) {
	if id, err := c.findOriginAccessControl(ctx, name); err != nil {
		return domain.OriginAccessControl{}, err
	} else if id != "" {
		return domain.OriginAccessControl{}, alreadyExistsOAC(name, id, nil)
	}
	out, err := c.oac.CreateOriginAccessControl(ctx, &sdk.CreateOriginAccessControlInput{
		OriginAccessControlConfig: &types.OriginAccessControlConfig{
			Name:                          aws.String(name),
			Description:                   aws.String(description),
			OriginAccessControlOriginType: originType,
			SigningBehavior:               types.OriginAccessControlSigningBehaviorsAlways,
			SigningProtocol:               types.OriginAccessControlSigningProtocolsSigv4,
		},
	})
	if err != nil {
		err = classify(err, "create origin access control %s", name)
		if errors.Is(err, domain.ErrAlreadyExists) { // lost a race with another creator
			id, ferr := c.findOriginAccessControl(ctx, name)
			if ferr != nil {
				return domain.OriginAccessControl{}, errors.Join(err, ferr)
			}
			return domain.OriginAccessControl{}, alreadyExistsOAC(name, id, err)
		}
		return domain.OriginAccessControl{}, err
	}
	return domain.OriginAccessControl{
		ID:   aws.ToString(out.OriginAccessControl.Id),
		Name: name,
		ETag: aws.ToString(out.ETag),
	}, nil
}

func alreadyExistsOAC(name, id string, cause error) error {
	if cause == nil {
		cause = fmt.Errorf("origin access control %q: %w", name, domain.ErrAlreadyExists)
	}
	return &domain.AlreadyExistsError{ExistingID: id, Err: cause}
}

// findOriginAccessControl returns the id of the OAC named name, or "".
func (c *Client) findOriginAccessControl(ctx context.Context, name string) (string, error) {
	var marker *string
	for {
		out, err := c.oac.ListOriginAccessControls(ctx, &sdk.ListOriginAccessControlsInput{Marker: marker})
		if err != nil {
			return "", classify(err, "list origin access controls")
		}
		l := out.OriginAccessControlList
		if l == nil {
			return "", nil
		}
		for _, s := range l.Items {
			if aws.ToString(s.Name) == name {
				return aws.ToString(s.Id), nil
			}
		}
		if !aws.ToBool(l.IsTruncated) || aws.ToString(l.NextMarker) == "" {
			return "", nil
		}
		marker = l.NextMarker
	}
}

// GetOriginAccessControl reads an OAC and its ETag.
func (c *Client) GetOriginAccessControl(ctx context.Context, id string) (domain.OriginAccessControl, error) {
	out, err := c.oac.GetOriginAccessControl(ctx, &sdk.GetOriginAccessControlInput{Id: aws.String(id)})
	if err != nil {
		return domain.OriginAccessControl{}, classify(err, "get origin access control %s", id)
	}
	oac := domain.OriginAccessControl{ID: aws.ToString(out.OriginAccessControl.Id), ETag: aws.ToString(out.ETag)}
	if cfg := out.OriginAccessControl.OriginAccessControlConfig; cfg != nil {
		oac.Name = aws.ToString(cfg.Name)
	}
	return oac, nil
}

// DeleteOriginAccessControl deletes an OAC. An empty ifMatch reads the current ETag first.
// Still attached to a distribution: ErrConflict.
func (c *Client) DeleteOriginAccessControl(ctx context.Context, id, ifMatch string) error {
	if ifMatch == "" {
		cur, err := c.GetOriginAccessControl(ctx, id)
		if err != nil {
			return fmt.Errorf("delete origin access control: %w", err)
		}
		ifMatch = cur.ETag
	}
	_, err := c.oac.DeleteOriginAccessControl(ctx, &sdk.DeleteOriginAccessControlInput{Id: aws.String(id), IfMatch: aws.String(ifMatch)})
	return classify(err, "delete origin access control %s", id)
}
