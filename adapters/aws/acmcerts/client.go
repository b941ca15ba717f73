// Package acmcerts reads AWS Certificate Manager in us-east-1, the only region whose
// certificates CloudFront accepts (domain.Certificates).
package acmcerts

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/domain"
)

// certificatesAPI is the slice of the ACM client this adapter uses.
type certificatesAPI interface {
	ListCertificates(ctx context.Context, in *acm.ListCertificatesInput, optFns ...func(*acm.Options)) (*acm.ListCertificatesOutput, error)
	DescribeCertificate(ctx context.Context, in *acm.DescribeCertificateInput, optFns ...func(*acm.Options)) (*acm.DescribeCertificateOutput, error)
}

// Client implements domain.Certificates.
type Client struct {
	api certificatesAPI
}

var _ domain.Certificates = (*Client)(nil)

// New builds the adapter; the region is always us-east-1.
func New(cfg aws.Config) *Client {
	return &Client{api: awsconfig.NewACMForCloudFront(cfg)}
}
