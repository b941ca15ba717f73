package intake

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
)

// Limits on an origin's settings.
const (
	maxOriginName     = 128
	maxCORSMaxAge     = 86400
	maxCORSEntries    = 100
	maxDocumentLength = 1024
	defaultIndex      = "index.html"
)

// corsMethods are the methods an S3 CORS rule accepts. OPTIONS is accepted in a request (the
// seed's examples send it) and dropped: S3 answers preflight requests itself.
var corsMethods = []string{"GET", "HEAD", "PUT", "POST", "DELETE"}

// validateOriginRequest checks a create request and returns it normalized.
func validateOriginRequest(req OriginRequest) (OriginRequest, error) {
	v := &domain.ValidationError{}
	req.Name = validOriginName(v, "name", req.Name)
	if why := domain.ValidBucketName(req.BucketName); why != "" {
		v.Add("bucketName", "%s", why)
	}
	switch {
	case req.Region == "":
		v.Add("region", "is required")
	case !edge.KnownRegion(req.Region):
		v.Add("region", "%q is not a known commercial AWS region", req.Region)
	}
	req.WebsiteHosting = validWebsite(v, req.WebsiteHosting)
	req.CORSConfiguration = validCORS(v, req.CORSConfiguration)
	return req, v.OrNil()
}

// validateOriginUpdate checks an update request and returns it normalized.
func validateOriginUpdate(req OriginUpdate) (OriginUpdate, error) {
	v := &domain.ValidationError{}
	if req.Name != nil {
		n := validOriginName(v, "name", *req.Name)
		req.Name = &n
	}
	if req.Name == nil && req.WebsiteHosting == nil && req.CORSConfiguration == nil {
		v.Add("(body)", "give at least one of name, websiteHosting, corsConfiguration")
	}
	req.WebsiteHosting = validWebsite(v, req.WebsiteHosting)
	req.CORSConfiguration = validCORS(v, req.CORSConfiguration)
	return req, v.OrNil()
}

func validOriginName(v *domain.ValidationError, field, name string) string {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		v.Add(field, "is required")
	case len([]rune(name)) > maxOriginName:
		v.Add(field, "must be at most %d characters", maxOriginName)
	case strings.ContainsFunc(name, unicode.IsControl):
		v.Add(field, "must not contain control characters")
	}
	return name
}

func validWebsite(v *domain.ValidationError, w *domain.WebsiteHosting) *domain.WebsiteHosting {
	if w == nil {
		return nil
	}
	if !w.Enabled {
		// Settings with website hosting off would be dropped: refuse them instead.
		if w.IndexDocument != "" || w.ErrorDocument != "" {
			v.Add("websiteHosting", "indexDocument and errorDocument apply only with enabled: true; leave them out")
		}
		return &domain.WebsiteHosting{Enabled: false}
	}
	out := *w
	if out.IndexDocument == "" {
		out.IndexDocument = defaultIndex
	}
	if why := badDocumentName(out.IndexDocument); why != "" {
		v.Add("websiteHosting.indexDocument", "%s", why)
	} else if strings.Contains(out.IndexDocument, "/") {
		v.Add("websiteHosting.indexDocument", "must not contain a slash (it is a suffix appended to folder requests)")
	}
	if out.ErrorDocument != "" {
		if why := badDocumentName(out.ErrorDocument); why != "" {
			v.Add("websiteHosting.errorDocument", "%s", why)
		}
	}
	return &out
}

// badDocumentName reports why an index or error document name is not a sane object key.
func badDocumentName(s string) string {
	switch {
	case len(s) > maxDocumentLength:
		return fmt.Sprintf("must be at most %d bytes", maxDocumentLength)
	case strings.HasPrefix(s, "/"):
		return "must be an object key, without a leading slash"
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }):
		return "must not contain spaces or control characters"
	case slices.Contains(strings.Split(s, "/"), ".."), slices.Contains(strings.Split(s, "/"), "."), strings.Contains(s, "//"):
		return "must not contain empty, . or .. path segments"
	}
	return ""
}

func validCORS(v *domain.ValidationError, c *domain.CORSConfiguration) *domain.CORSConfiguration {
	if c == nil {
		return nil
	}
	if !c.Enabled {
		// Settings with CORS off would be dropped: refuse them instead.
		if len(c.AllowedOrigins)+len(c.AllowedMethods)+len(c.AllowedHeaders) > 0 || c.MaxAgeSeconds != 0 {
			v.Add("corsConfiguration", "allowedOrigins, allowedMethods, allowedHeaders and maxAgeSeconds apply only with enabled: true; leave them out")
		}
		return &domain.CORSConfiguration{Enabled: false}
	}
	out := domain.CORSConfiguration{Enabled: true, MaxAgeSeconds: c.MaxAgeSeconds}
	if len(c.AllowedOrigins) == 0 {
		v.Add("corsConfiguration.allowedOrigins", "at least one origin is required when CORS is enabled")
	}
	if len(c.AllowedOrigins) > maxCORSEntries {
		v.Add("corsConfiguration.allowedOrigins", "at most %d entries", maxCORSEntries)
	}
	for i, o := range c.AllowedOrigins {
		if why := badCORSOrigin(o); why != "" {
			v.Add(fmt.Sprintf("corsConfiguration.allowedOrigins[%d]", i), "%s", why)
		}
		if !slices.Contains(out.AllowedOrigins, o) {
			out.AllowedOrigins = append(out.AllowedOrigins, o)
		}
	}
	for i, m := range c.AllowedMethods {
		m = strings.ToUpper(strings.TrimSpace(m))
		switch {
		case m == "OPTIONS":
		case !slices.Contains(corsMethods, m):
			v.Add(fmt.Sprintf("corsConfiguration.allowedMethods[%d]", i), "must be one of %s", strings.Join(corsMethods, ", "))
		case !slices.Contains(out.AllowedMethods, m):
			out.AllowedMethods = append(out.AllowedMethods, m)
		}
	}
	if len(out.AllowedMethods) == 0 {
		v.Add("corsConfiguration.allowedMethods", "at least one of %s is required when CORS is enabled", strings.Join(corsMethods, ", "))
	}
	if len(c.AllowedHeaders) > maxCORSEntries {
		v.Add("corsConfiguration.allowedHeaders", "at most %d entries", maxCORSEntries)
	}
	for i, h := range c.AllowedHeaders {
		if h == "" || len(h) > 256 || strings.ContainsFunc(h, func(r rune) bool { return r <= ' ' || r > '~' || r == ':' }) {
			v.Add(fmt.Sprintf("corsConfiguration.allowedHeaders[%d]", i), "must be a header name (or *), 1-256 printable characters")
		}
	}
	out.AllowedHeaders = c.AllowedHeaders
	if c.MaxAgeSeconds < 0 || c.MaxAgeSeconds > maxCORSMaxAge {
		v.Add("corsConfiguration.maxAgeSeconds", "must be between 0 and %d", maxCORSMaxAge)
	}
	return &out
}

// badCORSOrigin accepts "*" or an http(s) origin (scheme, host, optional port), whose host may
// start with one "*." wildcard label.
func badCORSOrigin(o string) string {
	const want = `must be "*" or an origin such as https://example.com`
	if o == "*" {
		return ""
	}
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil || u.RawQuery != "" ||
		u.Fragment != "" || (u.Path != "" && u.Path != "/") || u.Opaque != "" {
		return want
	}
	host := strings.TrimPrefix(u.Hostname(), "*.")
	if host == "" || !validHostLabels(host) {
		return want
	}
	return ""
}

func validHostLabels(h string) bool {
	if len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') && r != '-' {
				return false
			}
		}
	}
	return true
}
