package cloudtest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
)

// RunCertificates runs the ACM contract. The backend must hold at least one certificate in
// us-east-1 (the simulator seeds some; on moto, import or request one in the factory).
func RunCertificates(t *testing.T, newCerts func(t *testing.T) domain.Certificates, opts Options) {
	run(t, opts, "list-and-describe", func(t *testing.T) {
		certs := newCerts(t)
		list, err := certs.ListCertificates(t.Context())
		require.NoError(t, err)
		require.NotEmpty(t, list, "the backend must hold a certificate")
		for _, c := range list {
			assert.True(t, strings.HasPrefix(c.ARN, "arn:aws:acm:us-east-1:"), c.ARN)
			assert.NotEmpty(t, c.DomainName)
			assert.NotEmpty(t, c.Status)
			got, err := certs.DescribeCertificate(t.Context(), c.ARN)
			require.NoError(t, err)
			assert.Equal(t, c.ARN, got.ARN)
			assert.Equal(t, c.DomainName, got.DomainName)
			assert.Equal(t, c.Status, got.Status)
			assert.True(t, got.Covers(strings.Replace(c.DomainName, "*", "www", 1)), "a certificate covers its own name")
		}
	})

	run(t, opts, "not-found", func(t *testing.T) {
		certs := newCerts(t)
		list, err := certs.ListCertificates(t.Context())
		require.NoError(t, err)
		require.NotEmpty(t, list)
		account := strings.Split(list[0].ARN, ":")[4]
		_, err = certs.DescribeCertificate(t.Context(),
			"arn:aws:acm:us-east-1:"+account+":certificate/00000000-0000-4000-8000-000000000000")
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
}
