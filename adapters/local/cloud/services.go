package cloud

import (
	"context"

	"github.com/cloudfront-manager/cfm/domain"
)

// Lambda and CloudFront Functions both name their calls CreateFunction and DeleteFunction, so
// one type cannot implement both ports: each gets a view onto the same simulated account.
var (
	_ domain.CloudFrontFunctions = (*FunctionService)(nil)
	_ domain.LambdaFunctions     = (*LambdaService)(nil)
)

// FunctionService is the simulated CloudFront Functions API of a Cloud.
type FunctionService struct{ c *Cloud }

// Functions returns the CloudFront Functions view of the cloud.
func (c *Cloud) Functions() *FunctionService { return &FunctionService{c: c} }

// CreateFunction creates a function in the DEVELOPMENT stage; an existing name is
// *domain.AlreadyExistsError.
func (f *FunctionService) CreateFunction(ctx context.Context, name, comment string, code []byte) (domain.CloudFrontFunction, error) {
	return f.c.cfCreateFunction(ctx, name, comment, code)
}

// DescribeFunction describes a function with the ETag its next write needs.
func (f *FunctionService) DescribeFunction(ctx context.Context, name string) (domain.CloudFrontFunction, error) {
	return f.c.cfDescribeFunction(ctx, name)
}

// UpdateFunction replaces the development code and comment (IfMatch required).
func (f *FunctionService) UpdateFunction(ctx context.Context, name, ifMatch, comment string, code []byte) (domain.CloudFrontFunction, error) {
	return f.c.cfUpdateFunction(ctx, name, ifMatch, comment, code)
}

// PublishFunction copies the development code to LIVE (IfMatch required).
func (f *FunctionService) PublishFunction(ctx context.Context, name, ifMatch string) (domain.CloudFrontFunction, error) {
	return f.c.cfPublishFunction(ctx, name, ifMatch)
}

// DeleteFunction deletes a function no distribution uses (else ErrConflict FunctionInUse).
func (f *FunctionService) DeleteFunction(ctx context.Context, name, ifMatch string) error {
	return f.c.cfDeleteFunction(ctx, name, ifMatch)
}

// Code returns the development and live code of a function (for tests).
func (f *FunctionService) Code(name string) (dev, live []byte, err error) {
	return f.c.functionCode(name)
}

// LambdaService is the simulated Lambda API (us-east-1) of a Cloud.
type LambdaService struct{ c *Cloud }

// Lambda returns the Lambda@Edge view of the cloud.
func (c *Cloud) Lambda() *LambdaService { return &LambdaService{c: c} }

// CreateFunction creates a function from a zip; an existing name is *domain.AlreadyExistsError.
func (l *LambdaService) CreateFunction(ctx context.Context, name, roleARN string, zip []byte) (domain.LambdaFunction, error) {
	return l.c.lambdaCreateFunction(ctx, name, roleARN, zip)
}

// UpdateFunctionCode replaces $LATEST's code (not part of the port).
func (l *LambdaService) UpdateFunctionCode(ctx context.Context, name string, zip []byte) (domain.LambdaFunction, error) {
	return l.c.lambdaUpdateFunctionCode(ctx, name, zip)
}

// GetFunction describes a function; VersionARN is the latest published version.
func (l *LambdaService) GetFunction(ctx context.Context, name string) (domain.LambdaFunction, error) {
	return l.c.lambdaGetFunction(ctx, name)
}

// PublishVersion publishes $LATEST (:1, :2…); unchanged code returns the latest version again.
func (l *LambdaService) PublishVersion(ctx context.Context, name string) (domain.LambdaFunction, error) {
	return l.c.lambdaPublishVersion(ctx, name)
}

// AllowCloudFront grants CloudFront the invoke permission (idempotent).
func (l *LambdaService) AllowCloudFront(ctx context.Context, name string) error {
	return l.c.lambdaAllowCloudFront(ctx, name)
}

// DeleteFunction deletes a function whose replicas are gone, else *domain.RetryAfterError.
func (l *LambdaService) DeleteFunction(ctx context.Context, name string) error {
	return l.c.lambdaDeleteFunction(ctx, name)
}
