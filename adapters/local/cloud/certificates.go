package cloud

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

// DefaultCertificates is the local ACM: two issued certificates and one awaiting validation.
func DefaultCertificates() []domain.Certificate {
	return []domain.Certificate{
		{DomainName: "*.example.com", SubjectAlternativeNames: []string{"*.example.com", "example.com"}, Status: "ISSUED"},
		{DomainName: "app.example.org", SubjectAlternativeNames: []string{"app.example.org"}, Status: "ISSUED"},
		{DomainName: "pending.example.net", SubjectAlternativeNames: []string{"pending.example.net"}, Status: "PENDING_VALIDATION"},
	}
}

// seedCertificates fills the simulated ACM, giving each certificate a stable ARN and dates.
func (c *Cloud) seedCertificates(opts Options) []domain.Certificate {
	var certs []domain.Certificate
	if !opts.NoDefaultCertificates {
		certs = DefaultCertificates()
	}
	certs = append(certs, opts.Certificates...)
	out := make([]domain.Certificate, 0, len(certs))
	day := c.now().Truncate(24 * time.Hour)
	for _, cert := range certs {
		if cert.ARN == "" {
			cert.ARN = "arn:aws:acm:us-east-1:" + c.account + ":certificate/" + uuidFrom(c.account+"/"+cert.DomainName)
		}
		cert.Type = cmp.Or(cert.Type, "AMAZON_ISSUED")
		cert.KeyAlgorithm = cmp.Or(cert.KeyAlgorithm, "RSA_2048")
		if cert.CreatedAt.IsZero() {
			cert.CreatedAt = day.AddDate(0, 0, -30)
		}
		if cert.Status == "ISSUED" && cert.NotAfter.IsZero() {
			cert.IssuedAt, cert.NotBefore, cert.NotAfter = cert.CreatedAt, cert.CreatedAt, cert.CreatedAt.AddDate(0, 13, 0)
		}
		certificateDetail(&cert)
		out = append(out, cert)
	}
	slices.SortFunc(out, func(a, b domain.Certificate) int { return strings.Compare(a.DomainName, b.DomainName) })
	return out
}

// certificateDetail fills what ACM's DescribeCertificate reports for an Amazon-issued,
// DNS-validated certificate: one validation per name with its CNAME, the key usages of a TLS
// server certificate, serial, subject and issuer (issued certificates), transparency logging.
func certificateDetail(c *domain.Certificate) {
	issued := c.Status == "ISSUED"
	names := append([]string{c.DomainName}, c.SubjectAlternativeNames...)
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			continue
		}
		seen[n] = true
		base := strings.TrimPrefix(n, "*.")
		status := "PENDING_VALIDATION"
		if issued {
			status = "SUCCESS"
		}
		token := strings.ReplaceAll(uuidFrom(c.ARN+"/"+base), "-", "")
		c.DomainValidationOptions = append(c.DomainValidationOptions, domain.DomainValidation{DomainName: n,
			ValidationDomain: base, ValidationStatus: status, ValidationMethod: "DNS",
			ResourceRecord: &domain.DNSRecord{Name: "_" + token[:32] + "." + base + ".", Type: "CNAME",
				Value: "_" + strings.ReplaceAll(uuidFrom(token), "-", "") + ".acm-validations.aws."}})
	}
	if c.KeyUsages == nil {
		c.KeyUsages = []string{"DIGITAL_SIGNATURE", "KEY_ENCIPHERMENT"}
	}
	if c.ExtendedKeyUsages == nil {
		c.ExtendedKeyUsages = []string{"TLS_WEB_SERVER_AUTHENTICATION", "TLS_WEB_CLIENT_AUTHENTICATION"}
	}
	c.CertificateTransparencyLoggingPreference = cmp.Or(c.CertificateTransparencyLoggingPreference, "ENABLED")
	if issued {
		hex := strings.ReplaceAll(uuidFrom("serial/"+c.ARN), "-", "")
		var pairs []string
		for i := 0; i+2 <= len(hex); i += 2 {
			pairs = append(pairs, hex[i:i+2])
		}
		c.Serial = cmp.Or(c.Serial, strings.Join(pairs, ":"))
		c.Subject = cmp.Or(c.Subject, "CN="+c.DomainName)
		c.Issuer = cmp.Or(c.Issuer, "Amazon")
	}
}

// summary is a certificate as ListCertificates shows it: without the detail.
func summary(c domain.Certificate) domain.Certificate {
	c.DomainValidationOptions, c.Serial, c.Subject, c.Issuer = nil, "", "", ""
	c.RenewalEligibility, c.CertificateTransparencyLoggingPreference = "", ""
	return c
}

func (c *Cloud) certificate(arn string) (domain.Certificate, bool) {
	i := slices.IndexFunc(c.certs, func(x domain.Certificate) bool { return x.ARN == arn })
	if i < 0 {
		return domain.Certificate{}, false
	}
	return c.certs[i], true
}

// ListCertificates returns every certificate, InUse when a distribution references it.
func (c *Cloud) ListCertificates(ctx context.Context) ([]domain.Certificate, error) {
	if err := c.gate(ctx, "acm:ListCertificates"); err != nil {
		return nil, err
	}
	used, err := c.certificatesInUse()
	if err != nil {
		return nil, fmt.Errorf("list certificates: %w", err)
	}
	out := make([]domain.Certificate, 0, len(c.certs))
	for _, cert := range c.certs {
		cert = summary(cert)
		cert.SubjectAlternativeNames = slices.Clone(cert.SubjectAlternativeNames)
		cert.InUse = used[cert.ARN]
		out = append(out, cert)
	}
	return out, nil
}

// DescribeCertificate describes one certificate; an unknown ARN is ErrNotFound.
func (c *Cloud) DescribeCertificate(ctx context.Context, arn string) (domain.Certificate, error) {
	if err := c.gate(ctx, "acm:DescribeCertificate"); err != nil {
		return domain.Certificate{}, err
	}
	cert, ok := c.certificate(arn)
	if !ok {
		return domain.Certificate{}, fmt.Errorf("describe certificate %s: ResourceNotFoundException: %w", arn, domain.ErrNotFound)
	}
	used, err := c.certificatesInUse()
	if err != nil {
		return domain.Certificate{}, fmt.Errorf("describe certificate %s: %w", arn, err)
	}
	cert.SubjectAlternativeNames = slices.Clone(cert.SubjectAlternativeNames)
	cert.DomainValidationOptions = slices.Clone(cert.DomainValidationOptions)
	cert.InUse = used[arn]
	// ACM renews an Amazon-issued certificate only while something uses it.
	cert.RenewalEligibility = "INELIGIBLE"
	if cert.InUse {
		cert.RenewalEligibility = "ELIGIBLE"
	}
	return cert, nil
}

func (c *Cloud) certificatesInUse() (map[string]bool, error) {
	used := map[string]bool{}
	err := c.db.View(func(tx *bolt.Tx) error {
		return eachJSON(tx, bktDistributions, "", func(_ string, d distRecord) error {
			if vc := d.Config.ViewerCertificate; vc != nil && vc.ACMCertificateArn != "" {
				used[vc.ACMCertificateArn] = true
			}
			return nil
		})
	})
	return used, err
}
