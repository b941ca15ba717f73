package domain

import "fmt"

// Managed-origin use modes (Policy.ManagedOriginUse).
const (
	// OriginUseOwner: only an origin's owner (and admins) may put it behind a distribution. The
	// default: using an origin grants the distribution read access in the owner's bucket policy
	// and keeps the owner from deleting it.
	OriginUseOwner = "owner"
	// OriginUseShared: any developer may use any managed origin; GET /api/origins/{id} lists
	// the distributions that use it.
	OriginUseShared = "shared"
)

// CheckOriginUse enforces Policy.ManagedOriginUse for one managed origin a plan uses; field
// names the request field that selected it.
func CheckOriginUse(p Policy, actor Principal, o ManagedOrigin, field string) error {
	if p.ManagedOriginUse == OriginUseShared || actor.IsAdmin() || o.Owner == actor.Username {
		return nil
	}
	return &PolicyViolation{Rule: "managedOriginUse", Field: field,
		Message: fmt.Sprintf("managed origin %s belongs to %s; only its owner or an admin may use it", o.ID, o.Owner)}
}
