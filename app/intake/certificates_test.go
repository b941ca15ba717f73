package intake

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// certCatalog is a hand-written ACM: a map of certificates and an optional error.
type certCatalog struct {
	certs map[string]domain.Certificate
	err   error
}

func (c certCatalog) ListCertificates(context.Context) ([]domain.Certificate, error) {
	out := []domain.Certificate{}
	for _, x := range c.certs {
		out = append(out, x)
	}
	return out, c.err
}

func (c certCatalog) DescribeCertificate(_ context.Context, arn string) (domain.Certificate, error) {
	if c.err != nil {
		return domain.Certificate{}, c.err
	}
	x, ok := c.certs[arn]
	if !ok {
		return domain.Certificate{}, fmt.Errorf("describe %s: %w", arn, domain.ErrNotFound)
	}
	return x, nil
}

const (
	arnWildcard = "arn:aws:acm:us-east-1:111122223333:certificate/aaaaaaaa-0000-0000-0000-000000000001"
	arnPending  = "arn:aws:acm:us-east-1:111122223333:certificate/aaaaaaaa-0000-0000-0000-000000000002"
	arnEC384    = "arn:aws:acm:us-east-1:111122223333:certificate/aaaaaaaa-0000-0000-0000-000000000003"
	arnMissing  = "arn:aws:acm:us-east-1:111122223333:certificate/aaaaaaaa-0000-0000-0000-000000000009"
)

func catalog() certCatalog {
	return certCatalog{certs: map[string]domain.Certificate{
		arnWildcard: {ARN: arnWildcard, DomainName: "*.example.com", SubjectAlternativeNames: []string{"example.com"}, Status: "ISSUED", KeyAlgorithm: "RSA-2048"},
		arnPending:  {ARN: arnPending, DomainName: "pending.example.com", Status: "PENDING_VALIDATION", KeyAlgorithm: "RSA_2048"},
		arnEC384:    {ARN: arnEC384, DomainName: "ec.example.com", Status: "ISSUED", KeyAlgorithm: "EC_secp384r1"},
	}}
}

func aliased(arn string, aliases ...string) domain.DistributionConfig {
	return domain.DistributionConfig{Aliases: domain.NewStringList(aliases...), ViewerCertificate: &domain.ViewerCertificate{ACMCertificateArn: arn}}
}

func TestCheckCertificate(t *testing.T) {
	const certField = "config.ViewerCertificate.ACMCertificateArn"
	cases := []struct {
		name  string
		cfg   domain.DistributionConfig
		field string // "" = accepted
	}{
		{"no aliases", domain.DistributionConfig{}, ""},
		{"wildcard and apex", aliased(arnWildcard, "www.example.com", "example.com"), ""},
		{"two labels under the wildcard", aliased(arnWildcard, "www.example.com", "a.b.example.com"), "config.Aliases.Items[1]"},
		{"other domain", aliased(arnWildcard, "example.org"), "config.Aliases.Items[0]"},
		{"unknown certificate", aliased(arnMissing, "www.example.com"), certField},
		{"not issued", aliased(arnPending, "pending.example.com"), certField},
		{"key CloudFront does not serve", aliased(arnEC384, "ec.example.com"), certField},
	}
	d := shared.Deps{Cloud: shared.Cloud{Certificates: catalog()}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := checkCertificate(context.Background(), d, tc.cfg)
			if tc.field == "" {
				require.NoError(t, err)
				return
			}
			var pv *domain.PolicyViolation
			require.ErrorAs(t, err, &pv)
			assert.Equal(t, tc.field, pv.Field)
		})
	}
	throttled := shared.Deps{Cloud: shared.Cloud{Certificates: certCatalog{err: domain.RetryAfter(domain.ErrThrottled, 0)}}}
	err := checkCertificate(context.Background(), throttled, aliased(arnWildcard, "www.example.com"))
	assert.ErrorIs(t, err, domain.ErrThrottled, "a cloud failure is not a policy violation")
	var pv *domain.PolicyViolation
	assert.False(t, errors.As(err, &pv))
}

func TestCertificatesListAndGet(t *testing.T) {
	a := Certificates{shared.Deps{Cloud: shared.Cloud{Certificates: catalog()}}}
	viewer := domain.Principal{Username: "v", Groups: []string{domain.GroupViewers}}
	got, err := a.List(context.Background(), viewer)
	require.NoError(t, err)
	require.Len(t, got, 1, "pending and unsupported keys are left out")
	assert.Equal(t, arnWildcard, got[0].ARN)

	_, err = a.List(context.Background(), domain.Principal{Username: "nobody"})
	assert.ErrorIs(t, err, domain.ErrForbidden)

	c, err := a.Get(context.Background(), viewer, "arn:aws:acm:us-east-1:111122223333:certificate:aaaaaaaa-0000-0000-0000-000000000002")
	require.NoError(t, err, "the seed's ':certificate:' spelling")
	assert.Equal(t, "PENDING_VALIDATION", c.Status)
	assert.NotNil(t, c.SubjectAlternativeNames, "ACM listed none: [], never null")
	assert.Empty(t, c.SubjectAlternativeNames)
	_, err = a.Get(context.Background(), viewer, arnMissing)
	assert.ErrorIs(t, err, domain.ErrNotFound)
	_, err = a.Get(context.Background(), viewer, "arn:aws:acm:eu-west-1:111122223333:certificate/x")
	var ve *domain.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "arn", ve.Fields[0].Field)
}
