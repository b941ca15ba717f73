package identity

import (
	"fmt"
	"slices"

	"github.com/cloudfront-manager/cfm/domain"
)

// Username bounds: Cognito's own limit, with a charset that is safe in logs, URLs and JSON.
const maxUsernameLen = 128

// knownGroups are the groups a local token may carry.
var knownGroups = []string{domain.GroupAdmins, domain.GroupDevelopers, domain.GroupViewers}

// tokenRequest is the body of POST /local/token.
type tokenRequest struct {
	Username string   `json:"username"`
	Groups   []string `json:"groups"`
}

// validate names every offending field.
func (r tokenRequest) validate() error {
	v := &domain.ValidationError{}
	switch {
	case r.Username == "":
		v.Add("username", "is required")
	case len(r.Username) > maxUsernameLen:
		v.Add("username", "must be at most %d characters", maxUsernameLen)
	case !safeUsername(r.Username):
		v.Add("username", "may contain only letters, digits and . _ @ + - and must start with a letter or digit")
	}
	seen := make(map[string]bool, len(r.Groups))
	for i, g := range r.Groups {
		field := fmt.Sprintf("groups[%d]", i)
		switch {
		case !slices.Contains(knownGroups, g):
			v.Add(field, "must be one of admins, developers, viewers")
		case seen[g]:
			v.Add(field, "duplicate group %s", g)
		}
		seen[g] = true
	}
	return v.OrNil()
}

func safeUsername(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if alnum || i > 0 && (c == '.' || c == '_' || c == '@' || c == '+' || c == '-') {
			continue
		}
		return false
	}
	return true
}
