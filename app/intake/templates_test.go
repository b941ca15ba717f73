package intake_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/local/store"
	"github.com/cloudfront-manager/cfm/app/intake"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// sentCommands records what the use cases send.
type sentCommands struct {
	mu   sync.Mutex
	msgs []domain.Message
}

func (s *sentCommands) Send(_ context.Context, _ string, m domain.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, m)
	return nil
}

func (s *sentCommands) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.msgs)
}

var (
	ownerDev = domain.Principal{Username: "owner-dev", Groups: []string{domain.GroupDevelopers}}
	otherDev = domain.Principal{Username: "other-dev", Groups: []string{domain.GroupDevelopers}}
	admin    = domain.Principal{Username: "root", Groups: []string{domain.GroupAdmins}}
	viewer   = domain.Principal{Username: "victor", Groups: []string{domain.GroupViewers}}
)

func newTemplates(t *testing.T, policy domain.Policy) (intake.Templates, *sentCommands) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "store.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	q := &sentCommands{}
	return intake.Templates{Deps: shared.Deps{Store: st, Queue: q, Policy: policy, Timing: shared.DefaultTiming()}}, q
}

func staticSite() intake.TemplateInput {
	return intake.TemplateInput{Name: "static site", Description: "S3 site behind HTTPS", Category: "Web",
		Config: domain.DistributionConfig{DefaultRootObject: "index.html", PriceClass: "PriceClass_200",
			DefaultCacheBehavior: &domain.CacheBehavior{TargetOriginId: "web", ViewerProtocolPolicy: "https-only"}}}
}

func fieldOf(t *testing.T, err error) string {
	t.Helper()
	var (
		ve *domain.ValidationError
		pv *domain.PolicyViolation
	)
	switch {
	case errors.As(err, &ve):
		return ve.Fields[0].Field
	case errors.As(err, &pv):
		return pv.Field
	}
	t.Fatalf("not a field error: %v", err)
	return ""
}

func TestTemplateCreate(t *testing.T) {
	t.Parallel()
	strict := domain.DefaultPolicy()
	strict.RequireOAC = true
	withOrigin := func(domainName string) intake.TemplateInput {
		in := staticSite()
		in.Config.Origins = &domain.Origins{Quantity: 1, Items: []domain.Origin{{Id: "web", DomainName: domainName}}}
		return in
	}
	cases := []struct {
		name   string
		caller domain.Principal
		in     intake.TemplateInput
		policy domain.Policy
		want   error  // sentinel, or nil
		field  string // a ValidationError/PolicyViolation field
	}{
		{"developer without origins", ownerDev, staticSite(), strict, nil, ""},
		{"admin with an origin", admin, withOrigin("site.s3.amazonaws.com"), domain.DefaultPolicy(), nil, ""},
		{"viewer", viewer, staticSite(), strict, domain.ErrForbidden, ""},
		{"no group", domain.Principal{Username: "nobody"}, staticSite(), strict, domain.ErrForbidden, ""},
		{"missing name", ownerDev, intake.TemplateInput{}, strict, nil, "name"},
		{"config the policy forbids", ownerDev, func() intake.TemplateInput {
			in := staticSite()
			in.Config.DefaultCacheBehavior.ViewerProtocolPolicy = "allow-all"
			return in
		}(), strict, nil, "config.DefaultCacheBehavior.ViewerProtocolPolicy"},
		{"origin that is not managed under requireOac", ownerDev, withOrigin("site.s3.amazonaws.com"), strict, nil, "config.Origins.Items[0].DomainName"},
		{"origin that is not S3", ownerDev, withOrigin("example.com"), strict, nil, "config.Origins.Items[0].DomainName"},
		{"target origin missing from the origins", ownerDev, func() intake.TemplateInput {
			in := withOrigin("site.s3.amazonaws.com")
			in.Config.DefaultCacheBehavior.TargetOriginId = "elsewhere"
			return in
		}(), domain.DefaultPolicy(), nil, "config.DefaultCacheBehavior.TargetOriginId"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, _ := newTemplates(t, tc.policy)
			got, replayed, err := a.Create(context.Background(), tc.caller, tc.in, "")
			switch {
			case tc.want != nil:
				require.ErrorIs(t, err, tc.want)
			case tc.field != "":
				require.Error(t, err)
				assert.Equal(t, tc.field, fieldOf(t, err))
			default:
				require.NoError(t, err)
				assert.False(t, replayed)
				assert.Regexp(t, `^tmpl-[0-9a-f]{16}$`, got.ID)
				assert.Equal(t, tc.caller.Username, got.Owner)
				assert.EqualValues(t, 1, got.Version)
				stored, err := a.Get(context.Background(), viewer, got.ID)
				require.NoError(t, err)
				assert.Equal(t, got.Config, stored.Config)
				assert.Equal(t, tc.caller.Username, stored.Owner)
			}
		})
	}
}

func TestTemplateCreateDefaultsAndIdempotency(t *testing.T) {
	t.Parallel()
	a, _ := newTemplates(t, domain.DefaultPolicy())
	ctx := context.Background()
	in := staticSite()
	in.Category = ""
	first, replayed, err := a.Create(ctx, ownerDev, in, "k-1")
	require.NoError(t, err)
	assert.False(t, replayed)
	assert.Equal(t, domain.DefaultTemplateCategory, first.Category)

	again, replayed, err := a.Create(ctx, ownerDev, in, "k-1")
	require.NoError(t, err)
	assert.True(t, replayed)
	assert.Equal(t, first.ID, again.ID)

	in.Name = "different"
	_, _, err = a.Create(ctx, ownerDev, in, "k-1")
	require.ErrorIs(t, err, domain.ErrConflict)

	page, err := a.List(ctx, viewer, "", intake.PageRequest{})
	require.NoError(t, err)
	assert.Len(t, page.Items, 1, "a replay creates nothing")
}

func TestTemplateListByCategory(t *testing.T) {
	t.Parallel()
	a, _ := newTemplates(t, domain.DefaultPolicy())
	ctx := context.Background()
	ids := map[string][]string{}
	for i, cat := range []string{"Web", "API", "Web", "Web"} {
		in := staticSite()
		in.Category = cat
		in.Name = "t" + string(rune('a'+i))
		tm, _, err := a.Create(ctx, ownerDev, in, "")
		require.NoError(t, err)
		ids[cat] = append([]string{tm.ID}, ids[cat]...) // newest first
	}
	var got []string
	cursor := ""
	for {
		page, err := a.List(ctx, viewer, "Web", intake.PageRequest{Limit: 2, Cursor: cursor})
		require.NoError(t, err)
		for _, tm := range page.Items {
			assert.Equal(t, "Web", tm.Category)
			got = append(got, tm.ID)
		}
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	assert.Equal(t, ids["Web"], got)

	page, err := a.List(ctx, viewer, "API", intake.PageRequest{})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, ids["API"][0], page.Items[0].ID)

	_, err = a.List(ctx, viewer, "a/b", intake.PageRequest{})
	assert.Equal(t, "category", fieldOf(t, err))
	_, err = a.List(ctx, domain.Principal{Username: "nobody"}, "", intake.PageRequest{})
	require.ErrorIs(t, err, domain.ErrForbidden)
}

func TestTemplateUpdateAndDelete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ptr := func(s string) *string { return &s }
	cases := []struct {
		name   string
		caller domain.Principal
		patch  intake.TemplatePatch
		want   error
		field  string
	}{
		{"owner renames", ownerDev, intake.TemplatePatch{Name: ptr("renamed")}, nil, ""},
		{"admin recategorizes", admin, intake.TemplatePatch{Category: ptr("Ops")}, nil, ""},
		{"non-owner developer", otherDev, intake.TemplatePatch{Name: ptr("mine now")}, domain.ErrForbidden, ""},
		{"viewer", viewer, intake.TemplatePatch{Name: ptr("x")}, domain.ErrForbidden, ""},
		{"stale version", ownerDev, intake.TemplatePatch{Name: ptr("x"), Version: new(int64(7))}, domain.ErrConflict, ""},
		{"config the policy forbids", ownerDev, intake.TemplatePatch{Config: &domain.DistributionConfig{HttpVersion: "http1.1"}}, nil, "config.HttpVersion"},
		{"empty name", ownerDev, intake.TemplatePatch{Name: ptr("")}, nil, "name"},
		{"empty patch", ownerDev, intake.TemplatePatch{}, nil, "(body)"},
		{"empty patch from another developer", otherDev, intake.TemplatePatch{}, domain.ErrForbidden, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, _ := newTemplates(t, domain.DefaultPolicy())
			tm, _, err := a.Create(ctx, ownerDev, staticSite(), "")
			require.NoError(t, err)
			got, err := a.Update(ctx, tc.caller, tm.ID, tc.patch)
			switch {
			case tc.want != nil:
				require.ErrorIs(t, err, tc.want)
			case tc.field != "":
				require.Error(t, err)
				assert.Equal(t, tc.field, fieldOf(t, err))
			default:
				require.NoError(t, err)
				assert.EqualValues(t, 2, got.Version)
				assert.Equal(t, "owner-dev", got.Owner, "an update never changes the owner")
				assert.Equal(t, tm.Config, got.Config, "fields not in the patch stay")
			}
			stored, err := a.Get(ctx, viewer, tm.ID)
			require.NoError(t, err)
			if tc.want != nil || tc.field != "" {
				assert.Equal(t, tm, stored, "a refused update changes nothing")
			}

			err = a.Delete(ctx, otherDev, tm.ID)
			require.ErrorIs(t, err, domain.ErrForbidden)
			err = a.Delete(ctx, viewer, tm.ID)
			require.ErrorIs(t, err, domain.ErrForbidden)
			require.NoError(t, a.Delete(ctx, ownerDev, tm.ID))
			_, err = a.Get(ctx, viewer, tm.ID)
			require.ErrorIs(t, err, domain.ErrNotFound)
			require.ErrorIs(t, a.Delete(ctx, admin, tm.ID), domain.ErrNotFound)
		})
	}
}

func TestTemplateConcurrentUpdatesOneWins(t *testing.T) {
	t.Parallel()
	a, _ := newTemplates(t, domain.DefaultPolicy())
	ctx := context.Background()
	tm, _, err := a.Create(ctx, ownerDev, staticSite(), "")
	require.NoError(t, err)
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			name := "writer " + string(rune('a'+i))
			_, errs[i] = a.Update(ctx, ownerDev, tm.ID, intake.TemplatePatch{Name: &name, Version: new(tm.Version)})
		})
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
			continue
		}
		require.ErrorIs(t, err, domain.ErrConflict)
	}
	assert.Equal(t, 1, won)
	stored, err := a.Get(ctx, viewer, tm.ID)
	require.NoError(t, err)
	assert.EqualValues(t, 2, stored.Version)
}

func TestTemplateApply(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	origin := `"Origins":{"Quantity":1,"Items":[{"Id":"web","DomainName":"site.s3.amazonaws.com"}]}`
	cases := []struct {
		name      string
		caller    domain.Principal
		overrides string
		want      error
		field     string
	}{
		{"owner with origins from the overrides", ownerDev, `{` + origin + `,"PriceClass":"PriceClass_All"}`, nil, ""},
		{"admin", admin, `{` + origin + `}`, nil, ""},
		{"non-owner developer", otherDev, `{` + origin + `}`, domain.ErrForbidden, ""},
		{"viewer", viewer, `{` + origin + `}`, domain.ErrForbidden, ""},
		{"no origins anywhere", ownerDev, ``, nil, "config.Origins"},
		{"override the policy forbids", ownerDev, `{` + origin + `,"DefaultCacheBehavior":{"ViewerProtocolPolicy":"allow-all"}}`, nil, "config.DefaultCacheBehavior.ViewerProtocolPolicy"},
		{"unknown override field", ownerDev, `{"Nope":true}`, nil, "config.Nope"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, sent := newTemplates(t, domain.DefaultPolicy())
			tm, _, err := a.Create(ctx, ownerDev, staticSite(), "")
			require.NoError(t, err)
			acc, err := a.Apply(ctx, tc.caller, tm.ID, intake.TemplateApply{Name: "from template", Config: json.RawMessage(tc.overrides)}, "")
			switch {
			case tc.want != nil:
				require.ErrorIs(t, err, tc.want)
			case tc.field != "":
				require.Error(t, err)
				assert.Equal(t, tc.field, fieldOf(t, err))
			default:
				require.NoError(t, err)
				d := acc.Resource
				assert.Equal(t, tm.ID, d.TemplateID)
				assert.Equal(t, tc.caller.Username, d.Owner)
				assert.Equal(t, domain.DistributionCreating, d.Status)
				assert.Equal(t, "index.html", d.Config.DefaultRootObject, "from the template")
				assert.Equal(t, "https-only", d.Config.DefaultCacheBehavior.ViewerProtocolPolicy, "from the template")
				assert.Equal(t, acc.Operation.ID, d.Config.CallerReference)
				assert.Equal(t, 1, sent.count(), "one command")
				return
			}
			assert.Zero(t, sent.count(), "a refused apply sends nothing")
		})
	}
}

func TestTemplateApplyOverridesWinAndReplay(t *testing.T) {
	t.Parallel()
	a, sent := newTemplates(t, domain.DefaultPolicy())
	ctx := context.Background()
	tm, _, err := a.Create(ctx, ownerDev, staticSite(), "")
	require.NoError(t, err)
	body := intake.TemplateApply{Name: "site", Config: json.RawMessage(`{"PriceClass":"PriceClass_All",
		"Origins":{"Quantity":1,"Items":[{"Id":"web","DomainName":"site.s3.amazonaws.com"}]}}`)}
	first, err := a.Apply(ctx, ownerDev, tm.ID, body, "apply-1")
	require.NoError(t, err)
	assert.Equal(t, "PriceClass_All", first.Resource.Config.PriceClass)

	// The template changes and is deleted: a retry with the same key still answers the original.
	require.NoError(t, a.Delete(ctx, ownerDev, tm.ID))
	again, err := a.Apply(ctx, ownerDev, tm.ID, body, "apply-1")
	require.NoError(t, err)
	assert.True(t, again.Replayed)
	assert.Equal(t, first.Operation.ID, again.Operation.ID)
	assert.Equal(t, first.Resource.ID, again.Resource.ID)
	assert.Equal(t, 1, sent.count())

	body.Name = "other"
	_, err = a.Apply(ctx, ownerDev, tm.ID, body, "apply-1")
	require.ErrorIs(t, err, domain.ErrConflict)
	_, err = a.Apply(ctx, ownerDev, tm.ID, body, "")
	require.ErrorIs(t, err, domain.ErrNotFound)
}
