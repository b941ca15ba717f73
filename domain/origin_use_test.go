package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cloudfront-manager/cfm/domain"
)

func TestCheckOriginUse(t *testing.T) {
	t.Parallel()
	o := domain.ManagedOrigin{ID: "origin-1", Owner: "alice"}
	shared := domain.DefaultPolicy()
	shared.ManagedOriginUse = domain.OriginUseShared
	alice := domain.Principal{Username: "alice", Groups: []string{domain.GroupDevelopers}}
	bob := domain.Principal{Username: "bob", Groups: []string{domain.GroupDevelopers}}
	root := domain.Principal{Username: "root", Groups: []string{domain.GroupAdmins}}

	assert.Equal(t, domain.OriginUseOwner, domain.DefaultPolicy().ManagedOriginUse, "owner-only is the default")
	assert.NoError(t, domain.CheckOriginUse(domain.DefaultPolicy(), alice, o, "f"))
	assert.NoError(t, domain.CheckOriginUse(domain.DefaultPolicy(), root, o, "f"))
	err := domain.CheckOriginUse(domain.DefaultPolicy(), bob, o, "config.Origins.Items[0].DomainName")
	var pv *domain.PolicyViolation
	if assert.ErrorAs(t, err, &pv) {
		assert.Equal(t, "managedOriginUse", pv.Rule)
		assert.Equal(t, "config.Origins.Items[0].DomainName", pv.Field)
	}
	assert.NoError(t, domain.CheckOriginUse(shared, bob, o, "f"), "shared: any developer")

	_, err = domain.ParsePolicy([]byte(`{"managedOriginUse":"everyone"}`))
	assert.ErrorContains(t, err, "managedOriginUse")
}
