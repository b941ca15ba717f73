package cloud

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// LambdaRuntime is the runtime simulated Lambda@Edge functions report.
const LambdaRuntime = "nodejs20.x"

var lambdaName = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

type lambdaRecord struct {
	Name        string `json:"name"`
	RoleARN     string `json:"roleArn"`
	CodeSHA256  string `json:"codeSha256"`
	CodeSize    int64  `json:"codeSize"`
	LastVersion int    `json:"lastVersion"`
	// PublishedSHA256 is the code of LastVersion: publishing unchanged code returns it again.
	PublishedSHA256  string `json:"publishedSha256"`
	AllowsCloudFront bool   `json:"allowsCloudFront"`
	// ReleasedAt is when a distribution last dropped a reference to one of its versions.
	ReleasedAt time.Time `json:"releasedAt"`
}

func (c *Cloud) lambdaARN(name string) string {
	return "arn:aws:lambda:us-east-1:" + c.account + ":function:" + name
}

func (c *Cloud) lambdaView(r lambdaRecord) domain.LambdaFunction {
	f := domain.LambdaFunction{Name: r.Name, ARN: c.lambdaARN(r.Name), State: "Active",
		CodeSize: r.CodeSize, CodeSHA256: r.CodeSHA256, Runtime: LambdaRuntime}
	if r.LastVersion > 0 {
		f.VersionARN = fmt.Sprintf("%s:%d", f.ARN, r.LastVersion)
	}
	return f
}

func (c *Cloud) lambdaCreateFunction(ctx context.Context, name, roleARN string, zipped []byte) (domain.LambdaFunction, error) {
	if err := c.gate(ctx, "lambda:CreateFunction"); err != nil {
		return domain.LambdaFunction{}, err
	}
	sum, size, err := checkZip(zipped)
	if err == nil && !lambdaName.MatchString(name) {
		err = fmt.Errorf("InvalidParameterValueException: invalid function name %q", name)
	}
	if err == nil && roleARN == "" {
		err = errors.New("InvalidParameterValueException: Role is required")
	}
	if err != nil {
		return domain.LambdaFunction{}, fmt.Errorf("create function %s: %w", name, domain.Permanent(err))
	}
	rec := lambdaRecord{Name: name, RoleARN: roleARN, CodeSHA256: sum, CodeSize: size}
	err = c.db.Update(func(tx *bolt.Tx) error {
		if _, ok, err := getJSON[lambdaRecord](tx, bktLambdas, name); err != nil {
			return err
		} else if ok {
			return &domain.AlreadyExistsError{ExistingID: c.lambdaARN(name),
				Err: fmt.Errorf("ResourceConflictException: Function already exist: %s", name)}
		}
		return putJSON(tx, bktLambdas, name, rec)
	})
	if err != nil {
		return domain.LambdaFunction{}, fmt.Errorf("create function %s: %w", name, err)
	}
	if err := c.lostResponse("lambda:CreateFunction", name); err != nil {
		return domain.LambdaFunction{}, err
	}
	return c.lambdaView(rec), nil
}

func (c *Cloud) lambdaUpdateFunctionCode(ctx context.Context, name string, zipped []byte) (domain.LambdaFunction, error) {
	if err := c.gate(ctx, "lambda:UpdateFunctionCode"); err != nil {
		return domain.LambdaFunction{}, err
	}
	sum, size, err := checkZip(zipped)
	if err != nil {
		return domain.LambdaFunction{}, fmt.Errorf("update function code %s: %w", name, domain.Permanent(err))
	}
	rec, err := c.updateLambda(name, func(r *lambdaRecord) error {
		r.CodeSHA256, r.CodeSize = sum, size
		return nil
	})
	if err != nil {
		return domain.LambdaFunction{}, fmt.Errorf("update function code %s: %w", name, err)
	}
	return c.lambdaView(rec), nil
}

func (c *Cloud) lambdaGetFunction(ctx context.Context, name string) (domain.LambdaFunction, error) {
	if err := c.gate(ctx, "lambda:GetFunction"); err != nil {
		return domain.LambdaFunction{}, err
	}
	var rec lambdaRecord
	err := c.db.View(func(tx *bolt.Tx) (err error) {
		rec, err = loadLambda(tx, name)
		return err
	})
	if err != nil {
		return domain.LambdaFunction{}, fmt.Errorf("get function %s: %w", name, err)
	}
	return c.lambdaView(rec), nil
}

func (c *Cloud) lambdaPublishVersion(ctx context.Context, name string) (domain.LambdaFunction, error) {
	if err := c.gate(ctx, "lambda:PublishVersion"); err != nil {
		return domain.LambdaFunction{}, err
	}
	rec, err := c.updateLambda(name, func(r *lambdaRecord) error {
		if r.LastVersion == 0 || r.PublishedSHA256 != r.CodeSHA256 {
			r.LastVersion++
			r.PublishedSHA256 = r.CodeSHA256
		}
		return nil
	})
	if err != nil {
		return domain.LambdaFunction{}, fmt.Errorf("publish version of %s: %w", name, err)
	}
	if err := c.lostResponse("lambda:PublishVersion", name); err != nil {
		return domain.LambdaFunction{}, err
	}
	return c.lambdaView(rec), nil
}

func (c *Cloud) lambdaAllowCloudFront(ctx context.Context, name string) error {
	if err := c.gate(ctx, "lambda:AddPermission"); err != nil {
		return err
	}
	if _, err := c.updateLambda(name, func(r *lambdaRecord) error {
		r.AllowsCloudFront = true
		return nil
	}); err != nil {
		return fmt.Errorf("allow cloudfront to invoke %s: %w", name, err)
	}
	return nil
}

func (c *Cloud) lambdaDeleteFunction(ctx context.Context, name string) error {
	if err := c.gate(ctx, "lambda:DeleteFunction"); err != nil {
		return err
	}
	err := c.db.Update(func(tx *bolt.Tx) error {
		rec, err := loadLambda(tx, name)
		if err != nil {
			return err
		}
		wait := time.Duration(0)
		if users, err := c.lambdaUsers(tx, name); err != nil {
			return err
		} else if len(users) > 0 {
			wait = c.replica
		} else if until := rec.ReleasedAt.Add(c.replica); c.now().Before(until) {
			wait = until.Sub(c.now())
		}
		if wait > 0 {
			return domain.RetryAfter(fmt.Errorf(
				"InvalidParameterValueException: Lambda was unable to delete %s because it is a replicated function: %w",
				c.lambdaARN(name), domain.ErrConflict), wait)
		}
		return deleteKey(tx, bktLambdas, name)
	})
	if err != nil {
		return fmt.Errorf("delete function %s: %w", name, err)
	}
	return nil
}
