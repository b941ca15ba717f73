package domain

import (
	"context"
	"strings"
	"time"
)

// Certificate is an ACM certificate in us-east-1 (the region CloudFront reads them from).
type Certificate struct {
	ARN                     string    `json:"certificateArn"`
	DomainName              string    `json:"domainName"`
	SubjectAlternativeNames []string  `json:"subjectAlternativeNames"`
	Status                  string    `json:"status"`
	Type                    string    `json:"type,omitempty"`
	KeyAlgorithm            string    `json:"keyAlgorithm,omitempty"`
	InUse                   bool      `json:"inUse"`
	CreatedAt               time.Time `json:"createdAt,omitzero"`
	IssuedAt                time.Time `json:"issuedAt,omitzero"`
	NotBefore               time.Time `json:"notBefore,omitzero"`
	NotAfter                time.Time `json:"notAfter,omitzero"`

	// Detail (DescribeCertificate; lists leave them empty).
	DomainValidationOptions                  []DomainValidation `json:"domainValidationOptions,omitempty"`
	KeyUsages                                []string           `json:"keyUsages,omitempty"`
	ExtendedKeyUsages                        []string           `json:"extendedKeyUsages,omitempty"`
	Serial                                   string             `json:"serial,omitempty"`
	Subject                                  string             `json:"subject,omitempty"`
	Issuer                                   string             `json:"issuer,omitempty"`
	RenewalEligibility                       string             `json:"renewalEligibility,omitempty"`
	CertificateTransparencyLoggingPreference string             `json:"certificateTransparencyLoggingPreference,omitempty"`
}

// DomainValidation is how one of a certificate's names is validated; for DNS validation,
// ResourceRecord is the CNAME to create.
type DomainValidation struct {
	DomainName       string     `json:"domainName"`
	ValidationDomain string     `json:"validationDomain,omitempty"`
	ValidationStatus string     `json:"validationStatus,omitempty"`
	ValidationMethod string     `json:"validationMethod,omitempty"`
	ResourceRecord   *DNSRecord `json:"resourceRecord,omitempty"`
}

// DNSRecord is a DNS record to create (ACM's DNS validation record).
type DNSRecord struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Covers reports whether the certificate's names cover host (one-label wildcards included).
func (c Certificate) Covers(host string) bool {
	host = strings.ToLower(host)
	for _, n := range append([]string{c.DomainName}, c.SubjectAlternativeNames...) {
		n = strings.ToLower(n)
		if n == host {
			return true
		}
		if rest, ok := strings.CutPrefix(n, "*."); ok {
			if i := strings.IndexByte(host, '.'); i > 0 && host[i+1:] == rest && !strings.HasPrefix(host, "*.") {
				return true
			}
		}
	}
	return false
}

// Certificates reads ACM in us-east-1. Describe of a missing ARN returns ErrNotFound.
type Certificates interface {
	ListCertificates(ctx context.Context) ([]Certificate, error)
	DescribeCertificate(ctx context.Context, arn string) (Certificate, error)
}
