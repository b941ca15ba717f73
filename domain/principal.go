package domain

import "slices"

// Groups a token can carry (Cognito groups).
const (
	GroupAdmins     = "admins"
	GroupDevelopers = "developers"
	GroupViewers    = "viewers"
)

// Principal is the authenticated caller.
type Principal struct {
	Username string   `json:"username"`
	Groups   []string `json:"groups"`
}

// In reports whether the principal belongs to group.
func (p Principal) In(group string) bool { return slices.Contains(p.Groups, group) }

// CanRead: every known group reads everything.
func (p Principal) CanRead() bool {
	return p.In(GroupAdmins) || p.In(GroupDevelopers) || p.In(GroupViewers)
}

// CanCreate: admins and developers create.
func (p Principal) CanCreate() bool { return p.In(GroupAdmins) || p.In(GroupDevelopers) }

// CanModify: admins change anything; developers change what they own.
func (p Principal) CanModify(owner string) bool {
	return p.In(GroupAdmins) || (p.In(GroupDevelopers) && owner == p.Username)
}

// IsAdmin: platform-team actions (policy-level resources).
func (p Principal) IsAdmin() bool { return p.In(GroupAdmins) }
