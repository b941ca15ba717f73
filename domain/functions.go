package domain

import "context"

// LambdaFunction is a Lambda@Edge function in us-east-1.
type LambdaFunction struct {
	Name       string
	ARN        string
	VersionARN string // the numbered version CloudFront uses
	State      string // Pending | Active | Failed
	CodeSize   int64
	CodeSHA256 string
	Runtime    string
}

// LambdaFunctions manages Lambda@Edge functions. CreateFunction of an existing name returns
// *AlreadyExistsError; DeleteFunction of a function whose replicas still exist returns a
// *RetryAfterError (replicas are removed by CloudFront within hours); a missing one ErrNotFound.
type LambdaFunctions interface {
	CreateFunction(ctx context.Context, name, roleARN string, zip []byte) (LambdaFunction, error)
	GetFunction(ctx context.Context, name string) (LambdaFunction, error)
	PublishVersion(ctx context.Context, name string) (LambdaFunction, error)
	AllowCloudFront(ctx context.Context, name string) error
	DeleteFunction(ctx context.Context, name string) error
}
