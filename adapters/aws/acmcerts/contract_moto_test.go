package acmcerts_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/acmcerts"
	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/adapters/contract/cloudtest"
	"github.com/cloudfront-manager/cfm/domain"
)

func TestCertificatesContractOnMoto(t *testing.T) {
	cfg := awstest.Config(t)
	// the suite needs at least one certificate in the backend
	_, err := awsconfig.NewACMForCloudFront(cfg).RequestCertificate(t.Context(), &acm.RequestCertificateInput{
		DomainName:              aws.String("contract.example.com"),
		SubjectAlternativeNames: []string{"*.contract.example.com"},
	})
	require.NoError(t, err)
	cloudtest.RunCertificates(t, func(*testing.T) domain.Certificates { return acmcerts.New(cfg) }, cloudtest.Options{})
}
