package acmcerts

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/domain"
)

// selfSigned returns a PEM certificate and key for names, signed by key.
func selfSigned(t *testing.T, key crypto.Signer, names ...string) (certPEM, keyPEM []byte) {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: names[0]},
		DNSNames:     names,
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(90 * 24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	require.NoError(t, err)
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})
}

func TestCertificatesOnMoto(t *testing.T) {
	ctx := context.Background()
	cfg := awstest.Config(t)
	raw := awsconfig.NewACMForCloudFront(cfg)
	c := New(cfg)

	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	ec384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	require.NoError(t, err)

	suffix := awstest.Name(t, "x")[len("x-TestCertificatesOnMoto-"):]
	imported := map[string]string{} // ARN → key algorithm
	host := func(algo string) string {
		return strings.ToLower(strings.ReplaceAll(algo, "_", "-")) + "-" + suffix + ".example.com"
	}
	for algo, key := range map[string]crypto.Signer{"RSA_2048": rsaKey, "EC_prime256v1": ecKey, "EC_secp384r1": ec384} {
		certPEM, keyPEM := selfSigned(t, key, host(algo), "*."+host(algo))
		out, err := raw.ImportCertificate(ctx, &acm.ImportCertificateInput{Certificate: certPEM, PrivateKey: keyPEM})
		require.NoError(t, err, algo)
		imported[aws.ToString(out.CertificateArn)] = algo
	}
	req, err := raw.RequestCertificate(ctx, &acm.RequestCertificateInput{DomainName: aws.String("www-" + suffix + ".example.com")})
	require.NoError(t, err)

	list, err := c.ListCertificates(ctx)
	require.NoError(t, err)
	byARN := map[string]domain.Certificate{}
	for _, cert := range list {
		byARN[cert.ARN] = cert
	}
	for arn, algo := range imported {
		got, ok := byARN[arn]
		if assert.True(t, ok, "%s certificate listed (ACM lists only RSA_1024/RSA_2048 unless asked)", algo) {
			assert.Equal(t, algo, got.KeyAlgorithm)
			assert.Equal(t, "IMPORTED", got.Type)
			assert.Equal(t, "ISSUED", got.Status)
			assert.Equal(t, host(algo), got.DomainName)
			// moto 5.2.5 leaves SubjectAlternativeNameSummaries out of ListCertificates (AWS
			// lists up to 100); DescribeCertificate carries them, checked below.
		}
		d, err := c.DescribeCertificate(ctx, arn)
		require.NoError(t, err)
		assert.Equal(t, arn, d.ARN)
		assert.Equal(t, algo, d.KeyAlgorithm)
		assert.ElementsMatch(t, []string{host(algo), "*." + host(algo)}, d.SubjectAlternativeNames)
		assert.True(t, d.Covers("www."+host(algo)), "%+v", d)
		assert.False(t, d.NotAfter.IsZero())
		assert.False(t, d.IssuedAt.IsZero(), "import time stands in for issue time")
		assert.False(t, d.InUse)
	}
	requested, ok := byARN[aws.ToString(req.CertificateArn)]
	require.True(t, ok)
	assert.Equal(t, "AMAZON_ISSUED", requested.Type)
	assert.Equal(t, "www-"+suffix+".example.com", requested.DomainName)

	// The detail the seed shows: DNS validation with its CNAME, key usages, serial, subject,
	// issuer, renewal eligibility, transparency logging.
	detail, err := c.DescribeCertificate(ctx, aws.ToString(req.CertificateArn))
	require.NoError(t, err)
	require.NotEmpty(t, detail.DomainValidationOptions)
	dv := detail.DomainValidationOptions[0]
	assert.Equal(t, "www-"+suffix+".example.com", dv.DomainName)
	assert.NotEmpty(t, dv.ValidationStatus)
	if assert.NotNil(t, dv.ResourceRecord, "the DNS validation record") {
		assert.Equal(t, "CNAME", dv.ResourceRecord.Type)
		assert.NotEmpty(t, dv.ResourceRecord.Name)
		assert.NotEmpty(t, dv.ResourceRecord.Value)
	}
	assert.NotEmpty(t, detail.RenewalEligibility)
	assert.NotEmpty(t, detail.CertificateTransparencyLoggingPreference)
	for arn := range imported {
		d, err := c.DescribeCertificate(ctx, arn)
		require.NoError(t, err)
		assert.NotEmpty(t, d.Serial, "imported certificates carry their serial")
		assert.Contains(t, d.Subject, "CN=")
		assert.NotEmpty(t, d.Issuer)
		// moto 5.2.5 answers no KeyUsages/ExtendedKeyUsages; their mapping is pinned by
		// TestDescribeCertificateMapsTheDetail.
	}

	for _, arn := range []string{
		"arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
		"not-an-arn",
	} {
		_, err := c.DescribeCertificate(ctx, arn)
		assert.ErrorIs(t, err, domain.ErrNotFound, arn)
	}
}
