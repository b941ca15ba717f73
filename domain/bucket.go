package domain

import (
	"net/netip"
	"regexp"
	"strings"
)

var (
	bucketChars  = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	regionFormat = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]$`)
	// s3Domain matches S3 REST endpoints: bucket.s3.amazonaws.com, bucket.s3.region.amazonaws.com,
	// and the legacy bucket.s3-region.amazonaws.com. Website endpoints (s3-website) are not REST.
	s3Domain = regexp.MustCompile(`^(.+)\.s3(?:[.-]([a-z0-9-]+))?\.amazonaws\.com$`)
)

// ValidBucketName reports why name breaks the S3 general-purpose bucket naming rules, or "".
func ValidBucketName(name string) string {
	switch {
	case len(name) < 3 || len(name) > 63:
		return "must be 3 to 63 characters long"
	case !bucketChars.MatchString(name):
		return "must use only lowercase letters, digits, dots and hyphens, and begin and end with a letter or digit"
	case strings.Contains(name, ".."):
		return "must not contain two adjacent dots"
	case isIPv4(name):
		return "must not be formatted as an IP address"
	}
	for _, p := range []string{"xn--", "sthree-", "amzn-s3-demo-"} {
		if strings.HasPrefix(name, p) {
			return "must not begin with " + p
		}
	}
	for _, s := range []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"} {
		if strings.HasSuffix(name, s) {
			return "must not end with " + s
		}
	}
	return ""
}

func isIPv4(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is4()
}

// ValidRegionFormat reports whether s looks like an AWS region code (e.g. eu-central-1).
func ValidRegionFormat(s string) bool { return regionFormat.MatchString(s) }

// ParseS3Domain splits an S3 REST endpoint into bucket and region ("" for the global endpoint).
func ParseS3Domain(domain string) (bucket, region string, ok bool) {
	m := s3Domain.FindStringSubmatch(strings.ToLower(domain))
	if m == nil || strings.HasPrefix(m[2], "website") || ValidBucketName(m[1]) != "" {
		return "", "", false
	}
	return m[1], m[2], true
}
