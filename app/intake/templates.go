package intake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Templates is the template use cases. Templates are synchronous records: saving one needs no
// operation, applying one creates a distribution through Distributions.CreatePrepared.
type Templates struct{ shared.Deps }

// TemplateInput is the body of a template create. The owner is the caller, never a field.
type TemplateInput struct {
	Name              string                    `json:"name"`
	Description       string                    `json:"description"`
	Category          string                    `json:"category"`
	Features          []string                  `json:"features,omitempty"`
	Config            domain.DistributionConfig `json:"config"`
	MultiOriginConfig *domain.MultiOriginConfig `json:"multiOriginConfig,omitempty"`
}

// TemplatePatch is the body of a template update: fields present replace the stored ones
// (config as a whole). Version, when present, must be the stored version (else 409).
type TemplatePatch struct {
	Name              *string                    `json:"name,omitempty"`
	Description       *string                    `json:"description,omitempty"`
	Category          *string                    `json:"category,omitempty"`
	Features          *[]string                  `json:"features,omitempty"`
	Config            *domain.DistributionConfig `json:"config,omitempty"`
	MultiOriginConfig *domain.MultiOriginConfig  `json:"multiOriginConfig,omitempty"`
	Version           *int64                     `json:"version,omitempty"`
}

// TemplateApply is the body of an apply: the distribution's name and a partial
// DistributionConfig deep-merged over the template's (overrides win).
type TemplateApply struct {
	Name   string          `json:"name"`
	Config json.RawMessage `json:"config,omitempty"`
}

// templateIdempotency remembers which template an Idempotency-Key created. It shares the
// idempotency key space with operations, so reusing a key for another request is a conflict.
type templateIdempotency struct {
	OperationID string `json:"operationId"`
	RequestHash string `json:"requestHash"`
	TemplateID  string `json:"templateId"`
	// Template is the template as created: a replay after it was deleted answers it again.
	Template *domain.Template `json:"template,omitempty"`
}

// Create validates the template (its config is planned now) and stores it, owned by the caller.
// replayed is true when the Idempotency-Key already created it.
func (a Templates) Create(ctx context.Context, p domain.Principal, in TemplateInput, idemKey string) (t domain.Template, replayed bool, err error) {
	if !p.CanCreate() {
		return domain.Template{}, false, fmt.Errorf("create template: %w", domain.ErrForbidden)
	}
	hash := shared.RequestHash("create-template", in)
	if t, ok, err := a.replayCreate(ctx, p, idemKey, hash); err != nil || ok {
		return t, ok, err
	}
	now := a.Now()
	t = domain.Template{ID: domain.NewID(domain.PrefixTemplate), Name: in.Name, Description: in.Description,
		Category: in.Category, Features: in.Features, Config: in.Config, MultiOriginConfig: in.MultiOriginConfig, Owner: p.Username,
		CreatedAt: now, UpdatedAt: now}
	domain.NormalizeTemplate(&t)
	if err := a.check(ctx, p, t); err != nil {
		return domain.Template{}, false, err
	}
	writes := []domain.Write{shared.PutTemplate(&t)}
	if idemKey != "" {
		writes = append(writes, shared.Put(domain.KindIdempotency, shared.IdempotencyID(p.Username, idemKey), 1, "", "",
			shared.SortTime(now), templateIdempotency{RequestHash: hash, TemplateID: t.ID, Template: &t}))
	}
	if err := a.Store.Write(ctx, writes...); err != nil {
		if errors.Is(err, domain.ErrConflict) && idemKey != "" {
			// A concurrent request with the same key may have won the race.
			if prev, ok, rerr := a.replayCreate(ctx, p, idemKey, hash); rerr != nil || ok {
				return prev, ok, rerr
			}
		}
		return domain.Template{}, false, fmt.Errorf("write template %s: %w", t.ID, err)
	}
	return t, false, nil
}

// replayCreate returns the template an earlier create with the same key made.
func (a Templates) replayCreate(ctx context.Context, p domain.Principal, key, hash string) (domain.Template, bool, error) {
	if key == "" {
		return domain.Template{}, false, nil
	}
	rec, err := shared.Load[templateIdempotency](ctx, a.Store, domain.KindIdempotency, shared.IdempotencyID(p.Username, key))
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return domain.Template{}, false, nil
	case err != nil:
		return domain.Template{}, false, err
	case rec.RequestHash != hash || rec.TemplateID == "":
		return domain.Template{}, false, fmt.Errorf("Idempotency-Key %q was used for a different request: %w", key, domain.ErrConflict)
	}
	t, err := shared.Load[domain.Template](ctx, a.Store, domain.KindTemplate, rec.TemplateID)
	if errors.Is(err, domain.ErrNotFound) && rec.Template != nil {
		return *rec.Template, true, nil // deleted since: the replay answers what the create answered
	}
	return t, err == nil, err
}

// Get returns one template.
func (a Templates) Get(ctx context.Context, p domain.Principal, id string) (domain.Template, error) {
	if !p.CanRead() {
		return domain.Template{}, fmt.Errorf("get template: %w", domain.ErrForbidden)
	}
	return shared.Load[domain.Template](ctx, a.Store, domain.KindTemplate, id)
}

// List pages through templates, newest first; a category reads the status index (putTemplate
// stores the category there), so filtering never scans.
func (a Templates) List(ctx context.Context, p domain.Principal, category string, page PageRequest) (Page[domain.Template], error) {
	if !p.CanRead() {
		return Page[domain.Template]{}, fmt.Errorf("list templates: %w", domain.ErrForbidden)
	}
	index := domain.ByKind
	if category != "" {
		if msg := domain.TemplateCategoryProblem(category); msg != "" {
			return Page[domain.Template]{}, domain.Invalid("category", "%s", msg)
		}
		index = domain.ByStatus
	}
	q, err := page.query(domain.KindTemplate, index, category, true)
	if err != nil {
		return Page[domain.Template]{}, err
	}
	items, next, err := shared.List[domain.Template](ctx, a.Store, q)
	return Page[domain.Template]{Items: items, Next: next}, err
}

// Update changes a template (owner or admin). A stale version, given or lost to a concurrent
// update, is a conflict.
func (a Templates) Update(ctx context.Context, p domain.Principal, id string, in TemplatePatch) (domain.Template, error) {
	t, err := a.modifiable(ctx, p, id, "update")
	if err != nil {
		return domain.Template{}, err
	}
	if in == (TemplatePatch{}) {
		return domain.Template{}, domain.Invalid("(body)", "give at least one of name, description, category, features, config, multiOriginConfig, version")
	}
	if in.Version != nil && *in.Version != t.Version {
		return domain.Template{}, fmt.Errorf("update template %s: version %d is not the current %d: %w", id, *in.Version, t.Version, domain.ErrConflict)
	}
	if in.Name != nil {
		t.Name = *in.Name
	}
	if in.Description != nil {
		t.Description = *in.Description
	}
	if in.Category != nil {
		t.Category = *in.Category
	}
	if in.Features != nil {
		t.Features = *in.Features
	}
	if in.Config != nil {
		t.Config = *in.Config
	}
	if in.MultiOriginConfig != nil {
		t.MultiOriginConfig = in.MultiOriginConfig
	}
	domain.NormalizeTemplate(&t)
	if err := a.check(ctx, p, t); err != nil {
		return domain.Template{}, err
	}
	t.UpdatedAt = a.Now()
	if err := a.Store.Write(ctx, shared.PutTemplate(&t)); err != nil {
		return domain.Template{}, fmt.Errorf("update template %s: %w", id, err)
	}
	return t, nil
}

// Delete removes a template (owner or admin). Distributions made from it keep their templateId.
func (a Templates) Delete(ctx context.Context, p domain.Principal, id string) error {
	t, err := a.modifiable(ctx, p, id, "delete")
	if err != nil {
		return err
	}
	if err := a.Store.Write(ctx, shared.DeleteKey(domain.KindTemplate, id, t.Version)); err != nil {
		return fmt.Errorf("delete template %s: %w", id, err)
	}
	return nil
}

// Apply creates a distribution from the template deep-merged with the overrides, through the
// same planner, guardrails, intent and command as POST /api/distributions. Applying is a change
// made with the template, so it is allowed to its owner and to admins.
func (a Templates) Apply(ctx context.Context, p domain.Principal, id string, in TemplateApply, idemKey string) (Accepted[domain.Distribution], error) {
	dists := Distributions(a)
	if !p.CanCreate() {
		return Accepted[domain.Distribution]{}, fmt.Errorf("apply template: %w", domain.ErrForbidden)
	}
	// The hash covers what the caller sent, not the merged result: a retry with the same key
	// returns the same operation even if the template changed (or is gone) meanwhile.
	hash := shared.RequestHash("apply-template", id, in.Name, compactJSON(in.Config))
	probe := domain.Operation{Actor: p.Username, IdempotencyKey: idemKey, RequestHash: hash}
	if prev, ok, err := a.Replay(ctx, probe); err != nil || ok {
		return dists.replayed(ctx, prev, err)
	}
	t, err := shared.Load[domain.Template](ctx, a.Store, domain.KindTemplate, id)
	if err != nil {
		return Accepted[domain.Distribution]{}, err
	}
	if t.Owner != domain.ShippedTemplateOwner && !p.CanModify(t.Owner) { // a shipped template is anyone's to apply
		return Accepted[domain.Distribution]{}, fmt.Errorf("apply template %s owned by %s: %w", id, t.Owner, domain.ErrForbidden)
	}
	cfg, err := domain.MergeTemplateConfig(t.Config, in.Config)
	if err != nil {
		return Accepted[domain.Distribution]{}, err
	}
	req := domain.DistributionRequest{Name: in.Name, IsMultiOrigin: t.MultiOriginConfig != nil,
		MultiOriginConfig: t.MultiOriginConfig, Config: cfg}
	return dists.CreatePrepared(ctx, p, PreparedCreate{Request: req, IdempotencyKey: idemKey, RequestHash: hash, TemplateID: t.ID})
}

// modifiable loads a template the caller may change: the role first (so a viewer is refused
// whether or not the template exists), then ownership.
func (a Templates) modifiable(ctx context.Context, p domain.Principal, id, action string) (domain.Template, error) {
	if !p.CanCreate() {
		return domain.Template{}, fmt.Errorf("%s template: %w", action, domain.ErrForbidden)
	}
	t, err := shared.Load[domain.Template](ctx, a.Store, domain.KindTemplate, id)
	if err != nil {
		return domain.Template{}, err
	}
	if !p.CanModify(t.Owner) {
		return domain.Template{}, fmt.Errorf("%s template %s owned by %s: %w", action, id, t.Owner, domain.ErrForbidden)
	}
	return t, nil
}

// check validates a template now: its fields, then its config through the planner under a
// dummy name and caller reference (see domain.TemplateProbe for templates without origins).
func (a Templates) check(ctx context.Context, p domain.Principal, t domain.Template) error {
	if err := domain.ValidateTemplateFields(t); err != nil {
		return err
	}
	req, placeholder := domain.TemplateProbe(t)
	var err error
	if placeholder == nil {
		_, err = Distributions(a).plan(ctx, p, req, domain.TemplateProbeReference, domain.TemplateProbeDistID)
	} else {
		_, err = domain.PlanDistribution(domain.PlanInput{Request: req, CallerReference: domain.TemplateProbeReference,
			ManagedOrigins: map[string]domain.ManagedOrigin{placeholder.BucketName: *placeholder},
			DistributionID: domain.TemplateProbeDistID}, a.Policy)
	}
	if err != nil {
		return fmt.Errorf("check template config: %w", err)
	}
	return nil
}

// compactJSON is raw without insignificant white space (raw as is when it is not JSON), so a
// re-sent body hashes the same however it was formatted.
func compactJSON(raw []byte) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}

// EnsureShipped writes the shipped templates (domain.ShippedTemplates) that are missing; one
// already there, possibly changed by an admin, is kept. Startup calls it; it is idempotent.
func (a Templates) EnsureShipped(ctx context.Context) error {
	for _, t := range domain.ShippedTemplates(a.Now()) {
		_, err := shared.Load[domain.Template](ctx, a.Store, domain.KindTemplate, t.ID)
		if err == nil {
			continue
		}
		if !errors.Is(err, domain.ErrNotFound) {
			return fmt.Errorf("shipped template %s: %w", t.ID, err)
		}
		if err := a.Store.Write(ctx, shared.PutTemplate(&t)); err != nil && !errors.Is(err, domain.ErrConflict) {
			return fmt.Errorf("write shipped template %s: %w", t.ID, err)
		}
	}
	return nil
}
