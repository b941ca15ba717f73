package acmcerts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/aws/aws-sdk-go-v2/service/acm/types"

	"github.com/cloudfront-manager/cfm/adapters/aws/awserr"
	"github.com/cloudfront-manager/cfm/domain"
)

// allKeyTypes: ListCertificates without a key-type filter returns only RSA_1024 and RSA_2048
// certificates, hiding every EC and larger RSA certificate.
var allKeyTypes = types.KeyAlgorithm("").Values()

// ListCertificates lists every certificate in us-east-1, whatever its key type or status.
func (c *Client) ListCertificates(ctx context.Context) ([]domain.Certificate, error) {
	var out []domain.Certificate
	p := acm.NewListCertificatesPaginator(c.api, &acm.ListCertificatesInput{
		Includes: &types.Filters{KeyTypes: allKeyTypes},
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, classify(err, "list certificates")
		}
		for _, s := range page.CertificateSummaryList {
			out = append(out, fromSummary(s))
		}
	}
	return out, nil
}

// DescribeCertificate reads one certificate; a malformed or unknown ARN is ErrNotFound.
func (c *Client) DescribeCertificate(ctx context.Context, arn string) (domain.Certificate, error) {
	out, err := c.api.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: aws.String(arn)})
	if err != nil {
		return domain.Certificate{}, classify(err, "describe certificate %s", arn)
	}
	d := out.Certificate
	if d == nil {
		return domain.Certificate{}, fmt.Errorf("describe certificate %s: empty answer: %w", arn, domain.ErrNotFound)
	}
	return domain.Certificate{
		ARN:                                      aws.ToString(d.CertificateArn),
		DomainName:                               aws.ToString(d.DomainName),
		SubjectAlternativeNames:                  d.SubjectAlternativeNames,
		Status:                                   string(d.Status),
		Type:                                     string(d.Type),
		KeyAlgorithm:                             keyAlgorithm(d.KeyAlgorithm),
		InUse:                                    len(d.InUseBy) > 0,
		CreatedAt:                                aws.ToTime(d.CreatedAt),
		IssuedAt:                                 issuedAt(d.IssuedAt, d.ImportedAt),
		NotBefore:                                aws.ToTime(d.NotBefore),
		NotAfter:                                 aws.ToTime(d.NotAfter),
		DomainValidationOptions:                  domainValidations(d.DomainValidationOptions),
		KeyUsages:                                keyUsages(d.KeyUsages),
		ExtendedKeyUsages:                        extendedKeyUsages(d.ExtendedKeyUsages),
		Serial:                                   aws.ToString(d.Serial),
		Subject:                                  aws.ToString(d.Subject),
		Issuer:                                   aws.ToString(d.Issuer),
		RenewalEligibility:                       string(d.RenewalEligibility),
		CertificateTransparencyLoggingPreference: transparency(d.Options),
	}, nil
}

func domainValidations(in []types.DomainValidation) []domain.DomainValidation {
	out := make([]domain.DomainValidation, 0, len(in))
	for _, v := range in {
		dv := domain.DomainValidation{DomainName: aws.ToString(v.DomainName), ValidationDomain: aws.ToString(v.ValidationDomain),
			ValidationStatus: string(v.ValidationStatus), ValidationMethod: string(v.ValidationMethod)}
		if r := v.ResourceRecord; r != nil {
			dv.ResourceRecord = &domain.DNSRecord{Name: aws.ToString(r.Name), Type: string(r.Type), Value: aws.ToString(r.Value)}
		}
		out = append(out, dv)
	}
	return out
}

func keyUsages(in []types.KeyUsage) []string {
	out := make([]string, 0, len(in))
	for _, k := range in {
		out = append(out, string(k.Name))
	}
	return out
}

func extendedKeyUsages(in []types.ExtendedKeyUsage) []string {
	out := make([]string, 0, len(in))
	for _, k := range in {
		out = append(out, string(k.Name))
	}
	return out
}

func transparency(o *types.CertificateOptions) string {
	if o == nil {
		return ""
	}
	return string(o.CertificateTransparencyLoggingPreference) //nolint:staticcheck // deprecated for opting out (no longer possible), still answered; the seed API shows it
}

func fromSummary(s types.CertificateSummary) domain.Certificate {
	return domain.Certificate{
		ARN:                     aws.ToString(s.CertificateArn),
		DomainName:              aws.ToString(s.DomainName),
		SubjectAlternativeNames: s.SubjectAlternativeNameSummaries,
		Status:                  string(s.Status),
		Type:                    string(s.Type),
		KeyAlgorithm:            keyAlgorithm(s.KeyAlgorithm),
		InUse:                   aws.ToBool(s.InUse),
		CreatedAt:               aws.ToTime(s.CreatedAt),
		IssuedAt:                issuedAt(s.IssuedAt, s.ImportedAt),
		NotBefore:               aws.ToTime(s.NotBefore),
		NotAfter:                aws.ToTime(s.NotAfter),
		KeyUsages:               names(s.KeyUsages),
		ExtendedKeyUsages:       names(s.ExtendedKeyUsages),
	}
}

// names spells ACM's enum values as strings (nil stays nil).
func names[T ~string](in []T) []string {
	var out []string
	for _, v := range in {
		out = append(out, string(v))
	}
	return out
}

// keyAlgorithm spells a key algorithm the way the API's enum does (RSA_2048, EC_prime256v1):
// DescribeCertificate on AWS has been seen answering "RSA-2048".
func keyAlgorithm(k types.KeyAlgorithm) string {
	return strings.ReplaceAll(string(k), "-", "_")
}

// issuedAt is when ACM issued the certificate, or when it was imported.
func issuedAt(issued, imported *time.Time) time.Time {
	if issued != nil {
		return *issued
	}
	return aws.ToTime(imported)
}

// errorKinds is ACM's error-code table. A malformed ARN (InvalidArnException,
// ValidationException) names no certificate, so it is NotFound as well.
var errorKinds = map[string]awserr.Kind{
	"ResourceNotFoundException":  awserr.NotFound,
	"InvalidArnException":        awserr.NotFound,
	"ValidationException":        awserr.NotFound,
	"RequestInProgressException": awserr.ConflictRetry,
	"ThrottlingException":        awserr.Throttled,
	"TooManyRequestsException":   awserr.Throttled,
	"AccessDeniedException":      awserr.Forbidden,
	"InvalidParameterException":  awserr.Permanent,
	"InvalidArgsException":       awserr.Permanent,
}

var delays = awserr.Delays{Throttle: 5 * time.Second, Conflict: 5 * time.Second}

// classify maps ACM's errors once, keeping the AWS error in the chain.
func classify(err error, format string, args ...any) error {
	return awserr.Classify(err, fmt.Sprintf(format, args...), errorKinds, delays)
}
