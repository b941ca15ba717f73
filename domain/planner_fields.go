package domain

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// CloudFront's limits for an origin's connection settings, and its defaults.
const (
	MinConnectionAttempts     = 1
	MaxConnectionAttempts     = 3
	DefaultConnectionAttempts = 3
	MinConnectionTimeout      = 1
	MaxConnectionTimeout      = 10
	DefaultConnectionTimeout  = 10
)

// validateConnection checks an origin's ConnectionAttempts and ConnectionTimeout against
// CloudFront's limits (0 = CloudFront's default).
func validateConnection(v *ValidationError, field string, o Origin) {
	if o.ConnectionAttempts != 0 && (o.ConnectionAttempts < MinConnectionAttempts || o.ConnectionAttempts > MaxConnectionAttempts) {
		v.Add(field+".ConnectionAttempts", "must be %d-%d", MinConnectionAttempts, MaxConnectionAttempts)
	}
	if o.ConnectionTimeout != 0 && (o.ConnectionTimeout < MinConnectionTimeout || o.ConnectionTimeout > MaxConnectionTimeout) {
		v.Add(field+".ConnectionTimeout", "must be %d-%d seconds", MinConnectionTimeout, MaxConnectionTimeout)
	}
}

// connectionSettings returns the connection settings to apply: the request's, or CloudFront's
// defaults.
func connectionSettings(o Origin) (attempts, timeout int) {
	attempts, timeout = DefaultConnectionAttempts, DefaultConnectionTimeout
	if o.ConnectionAttempts != 0 {
		attempts = o.ConnectionAttempts
	}
	if o.ConnectionTimeout != 0 {
		timeout = o.ConnectionTimeout
	}
	return attempts, timeout
}

// validateServiceFields refuses values for the fields the service sets itself: a create's
// CallerReference is its operation id (an update keeps the distribution's).
func validateServiceFields(v *ValidationError, c DistributionConfig, in PlanInput) {
	if c.CallerReference != "" && c.CallerReference != in.CallerReference {
		v.Add("config.CallerReference", "is set by the service (the operation id); leave it empty")
	}
}

// ErrorCodes are the origin status codes CloudFront lets a custom error response replace;
// ResponseCodes the codes it may answer viewers with instead.
var (
	ErrorCodes    = []int{400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504}
	ResponseCodes = []int{200, 400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504}
)

// MaxErrorCachingMinTTL bounds ErrorCachingMinTTL (one year, in seconds).
const MaxErrorCachingMinTTL = 31536000

// planErrorResponses validates config.CustomErrorResponses and returns the list to apply (nil
// when there is none).
func planErrorResponses(r *CustomErrorResponses) (*CustomErrorResponses, error) {
	if r == nil || (r.Quantity == 0 && len(r.Items) == 0) {
		return nil, nil
	}
	const f = "config.CustomErrorResponses"
	v := &ValidationError{}
	if r.Quantity != len(r.Items) {
		v.Add(f+".Quantity", "must equal the number of Items (%d)", len(r.Items))
	}
	seen := map[int]bool{}
	out := &CustomErrorResponses{Quantity: len(r.Items)}
	for i, it := range r.Items {
		g := fmt.Sprintf("%s.Items[%d]", f, i)
		switch {
		case !slices.Contains(ErrorCodes, it.ErrorCode):
			v.Add(g+".ErrorCode", "must be one of %s", joinInts(ErrorCodes))
		case seen[it.ErrorCode]:
			v.Add(g+".ErrorCode", "%d is listed twice", it.ErrorCode)
		}
		seen[it.ErrorCode] = true
		if it.ResponsePagePath != "" && (!strings.HasPrefix(it.ResponsePagePath, "/") || len(it.ResponsePagePath) > 4096) {
			v.Add(g+".ResponsePagePath", "must begin with / and be at most 4096 characters")
		}
		if it.ResponseCode != "" {
			if n, err := strconv.Atoi(it.ResponseCode); err != nil || !slices.Contains(ResponseCodes, n) {
				v.Add(g+".ResponseCode", "must be one of %s", joinInts(ResponseCodes))
			}
		}
		if (it.ResponsePagePath == "") != (it.ResponseCode == "") {
			v.Add(g, "ResponsePagePath and ResponseCode go together")
		}
		if it.ErrorCachingMinTTL < 0 || it.ErrorCachingMinTTL > MaxErrorCachingMinTTL {
			v.Add(g+".ErrorCachingMinTTL", "must be 0-%d seconds", MaxErrorCachingMinTTL)
		}
		out.Items = append(out.Items, it)
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	return out, nil
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}
