package acmcerts

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/aws/aws-sdk-go-v2/service/acm/types"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// pagedFake serves two pages and records the filters it was asked with. Moto 5.2.5 lists every
// key type when no filter is given, so only a fake can show the adapter asks for all of them
// (AWS returns just RSA_1024 and RSA_2048 without the filter).
type pagedFake struct {
	inputs []*acm.ListCertificatesInput
}

func (f *pagedFake) ListCertificates(_ context.Context, in *acm.ListCertificatesInput, _ ...func(*acm.Options)) (*acm.ListCertificatesOutput, error) {
	f.inputs = append(f.inputs, in)
	if in.NextToken == nil {
		return &acm.ListCertificatesOutput{NextToken: aws.String("p2"), CertificateSummaryList: []types.CertificateSummary{
			{CertificateArn: aws.String("arn:1"), KeyAlgorithm: types.KeyAlgorithmRsa2048},
		}}, nil
	}
	return &acm.ListCertificatesOutput{CertificateSummaryList: []types.CertificateSummary{
		{CertificateArn: aws.String("arn:2"), KeyAlgorithm: "EC-prime256v1", InUse: aws.Bool(true)},
	}}, nil
}

func (f *pagedFake) DescribeCertificate(context.Context, *acm.DescribeCertificateInput, ...func(*acm.Options)) (*acm.DescribeCertificateOutput, error) {
	return nil, &smithy.GenericAPIError{Code: "InvalidArnException"}
}

func TestListCertificatesAsksForEveryKeyTypeAndPaginates(t *testing.T) {
	f := &pagedFake{}
	certs, err := (&Client{api: f}).ListCertificates(context.Background())
	require.NoError(t, err)
	require.Len(t, certs, 2)
	assert.Equal(t, "EC_prime256v1", certs[1].KeyAlgorithm)
	assert.True(t, certs[1].InUse)
	require.Len(t, f.inputs, 2)
	for _, in := range f.inputs {
		require.NotNil(t, in.Includes)
		assert.ElementsMatch(t, []types.KeyAlgorithm{"RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"}, in.Includes.KeyTypes)
	}

	_, err = (&Client{api: f}).DescribeCertificate(context.Background(), "bad")
	assert.ErrorIs(t, err, domain.ErrNotFound)
}

// detailFake answers DescribeCertificate with everything ACM reports for a DNS-validated
// certificate (moto leaves the key usages out).
type detailFake struct{ pagedFake }

func (detailFake) DescribeCertificate(context.Context, *acm.DescribeCertificateInput, ...func(*acm.Options)) (*acm.DescribeCertificateOutput, error) {
	return &acm.DescribeCertificateOutput{Certificate: &types.CertificateDetail{
		CertificateArn: aws.String("arn:aws:acm:us-east-1:1:certificate/x"), DomainName: aws.String("*.example.com"),
		Status: types.CertificateStatusIssued, Type: types.CertificateTypeAmazonIssued, KeyAlgorithm: "RSA-2048",
		DomainValidationOptions: []types.DomainValidation{{DomainName: aws.String("*.example.com"), ValidationDomain: aws.String("example.com"),
			ValidationStatus: types.DomainStatusSuccess, ValidationMethod: types.ValidationMethodDns,
			ResourceRecord: &types.ResourceRecord{Name: aws.String("_a.example.com."), Type: types.RecordTypeCname, Value: aws.String("_b.acm-validations.aws.")}}},
		KeyUsages:         []types.KeyUsage{{Name: types.KeyUsageNameDigitalSignature}, {Name: types.KeyUsageNameKeyEncipherment}},
		ExtendedKeyUsages: []types.ExtendedKeyUsage{{Name: types.ExtendedKeyUsageNameTlsWebServerAuthentication}},
		Serial:            aws.String("01:23:45"), Subject: aws.String("CN=*.example.com"), Issuer: aws.String("Amazon"),
		RenewalEligibility: types.RenewalEligibilityEligible,
		Options:            &types.CertificateOptions{CertificateTransparencyLoggingPreference: types.CertificateTransparencyLoggingPreferenceEnabled}, //nolint:staticcheck // see transparency
	}}, nil
}

func TestDescribeCertificateMapsTheDetail(t *testing.T) {
	got, err := (&Client{api: &detailFake{}}).DescribeCertificate(context.Background(), "arn:aws:acm:us-east-1:1:certificate/x")
	require.NoError(t, err)
	assert.Equal(t, "RSA_2048", got.KeyAlgorithm)
	assert.Equal(t, []domain.DomainValidation{{DomainName: "*.example.com", ValidationDomain: "example.com", ValidationStatus: "SUCCESS",
		ValidationMethod: "DNS", ResourceRecord: &domain.DNSRecord{Name: "_a.example.com.", Type: "CNAME", Value: "_b.acm-validations.aws."}}},
		got.DomainValidationOptions)
	assert.Equal(t, []string{"DIGITAL_SIGNATURE", "KEY_ENCIPHERMENT"}, got.KeyUsages)
	assert.Equal(t, []string{"TLS_WEB_SERVER_AUTHENTICATION"}, got.ExtendedKeyUsages)
	assert.Equal(t, "01:23:45", got.Serial)
	assert.Equal(t, "CN=*.example.com", got.Subject)
	assert.Equal(t, "Amazon", got.Issuer)
	assert.Equal(t, "ELIGIBLE", got.RenewalEligibility)
	assert.Equal(t, "ENABLED", got.CertificateTransparencyLoggingPreference)
}
