package cloud

import (
	"bytes"
	"context"
	"fmt"
	"regexp"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// CloudFront Functions limits and stages.
const (
	MaxFunctionCodeSize = 10 * 1024
	StageDevelopment    = "DEVELOPMENT"
	StageLive           = "LIVE"
)

var functionName = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

type cfFunctionRecord struct {
	Name      string `json:"name"`
	Comment   string `json:"comment"`
	Code      []byte `json:"code"`
	LiveCode  []byte `json:"liveCode"`
	Published bool   `json:"published"`
	ETag      string `json:"etag"`
}

func (c *Cloud) functionARN(name string) string {
	return "arn:aws:cloudfront::" + c.account + ":function/" + name
}

// view reports the LIVE stage when the development code is published, else DEVELOPMENT.
func (c *Cloud) functionView(r cfFunctionRecord) domain.CloudFrontFunction {
	stage := StageDevelopment
	if r.Published && bytes.Equal(r.Code, r.LiveCode) {
		stage = StageLive
	}
	return domain.CloudFrontFunction{Name: r.Name, ARN: c.functionARN(r.Name), ETag: r.ETag, Stage: stage}
}

func (c *Cloud) functionCode(name string) (dev, live []byte, err error) {
	err = c.db.View(func(tx *bolt.Tx) error {
		r, err := loadFunction(tx, name)
		dev, live = r.Code, r.LiveCode
		return err
	})
	return dev, live, err
}

func (c *Cloud) cfCreateFunction(ctx context.Context, name, comment string, code []byte) (domain.CloudFrontFunction, error) {
	if err := c.gate(ctx, "CreateFunction"); err != nil {
		return domain.CloudFrontFunction{}, err
	}
	if err := checkFunction(name, code); err != nil {
		return domain.CloudFrontFunction{}, fmt.Errorf("create cloudfront function %s: %w", name, err)
	}
	rec := cfFunctionRecord{Name: name, Comment: comment, Code: code, ETag: newETag()}
	err := c.db.Update(func(tx *bolt.Tx) error {
		if _, ok, err := getJSON[cfFunctionRecord](tx, bktCFFunctions, name); err != nil {
			return err
		} else if ok {
			return &domain.AlreadyExistsError{ExistingID: name,
				Err: fmt.Errorf("FunctionAlreadyExists: A function with the same name already exists: %s", name)}
		}
		return putJSON(tx, bktCFFunctions, name, rec)
	})
	if err != nil {
		return domain.CloudFrontFunction{}, fmt.Errorf("create cloudfront function %s: %w", name, err)
	}
	if err := c.lostResponse("CreateFunction", name); err != nil {
		return domain.CloudFrontFunction{}, err
	}
	return c.functionView(rec), nil
}

func (c *Cloud) cfDescribeFunction(ctx context.Context, name string) (domain.CloudFrontFunction, error) {
	if err := c.gate(ctx, "DescribeFunction"); err != nil {
		return domain.CloudFrontFunction{}, err
	}
	var rec cfFunctionRecord
	err := c.db.View(func(tx *bolt.Tx) (err error) {
		rec, err = loadFunction(tx, name)
		return err
	})
	if err != nil {
		return domain.CloudFrontFunction{}, fmt.Errorf("describe cloudfront function %s: %w", name, err)
	}
	return c.functionView(rec), nil
}

func (c *Cloud) cfUpdateFunction(ctx context.Context, name, ifMatch, comment string, code []byte) (domain.CloudFrontFunction, error) {
	if err := c.gate(ctx, "UpdateFunction"); err != nil {
		return domain.CloudFrontFunction{}, err
	}
	if err := checkFunction(name, code); err != nil {
		return domain.CloudFrontFunction{}, fmt.Errorf("update cloudfront function %s: %w", name, err)
	}
	rec, err := c.writeFunction(name, ifMatch, func(r *cfFunctionRecord) { r.Comment, r.Code = comment, code })
	if err != nil {
		return domain.CloudFrontFunction{}, fmt.Errorf("update cloudfront function %s: %w", name, err)
	}
	return c.functionView(rec), nil
}

func (c *Cloud) cfPublishFunction(ctx context.Context, name, ifMatch string) (domain.CloudFrontFunction, error) {
	if err := c.gate(ctx, "PublishFunction"); err != nil {
		return domain.CloudFrontFunction{}, err
	}
	rec, err := c.writeFunction(name, ifMatch, func(r *cfFunctionRecord) { r.LiveCode, r.Published = r.Code, true })
	if err != nil {
		return domain.CloudFrontFunction{}, fmt.Errorf("publish cloudfront function %s: %w", name, err)
	}
	return c.functionView(rec), nil
}

func (c *Cloud) writeFunction(name, ifMatch string, change func(*cfFunctionRecord)) (rec cfFunctionRecord, err error) {
	err = c.db.Update(func(tx *bolt.Tx) error {
		if rec, err = loadFunction(tx, name); err != nil {
			return err
		}
		if err := checkIfMatch(ifMatch, rec.ETag); err != nil {
			return err
		}
		change(&rec)
		rec.ETag = newETag()
		return putJSON(tx, bktCFFunctions, name, rec)
	})
	return rec, err
}
