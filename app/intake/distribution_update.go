package intake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// DistributionChange is a PUT body: an optional new name and a partial config. Config is a JSON
// merge patch (RFC 7396) over the distribution's current desired config: objects merge key by
// key, lists and scalars replace, null removes. A patch that sets a CloudFront list's Items
// without its Quantity gets the Quantity of the new Items.
type DistributionChange struct {
	Name              *string                   `json:"name,omitempty"`
	IsMultiOrigin     *bool                     `json:"isMultiOrigin,omitempty"`
	MultiOriginConfig *domain.MultiOriginConfig `json:"multiOriginConfig,omitempty"`
	Config            json.RawMessage           `json:"config,omitempty"`
}

// UpdatePlan is what a change would do: the exact config to apply and how it differs from the
// current desired config.
type UpdatePlan struct {
	Current domain.Distribution
	Name    string
	Config  domain.DistributionConfig
	Changes []domain.Change
	// request is the request as planned; originIDs and links are the managed origins the new
	// config uses and the writes that link them; routing is set when a multi-origin
	// distribution's function must be regenerated.
	request   domain.DistributionRequest
	originIDs []string
	links     []domain.Write
	routing   *shared.RoutingChange
}

// Updated answers a change. When nothing in CloudFront changes, Unchanged is set and no
// operation was started (Operation is zero); a rename alone is recorded at once.
type Updated struct {
	Accepted[domain.Distribution]
	Changes   []domain.Change
	Unchanged bool
}

// CreatePlan is what a create would apply (dry run). CallerReference is empty: it becomes the
// id of the operation a real create starts.
type CreatePlan struct {
	Config  domain.DistributionConfig
	Changes []domain.Change
}

// PlanCreate validates and plans a create without writing anything.
func (a Distributions) PlanCreate(ctx context.Context, p domain.Principal, req domain.DistributionRequest) (CreatePlan, error) {
	if !p.CanCreate() {
		return CreatePlan{}, fmt.Errorf("plan distribution: %w", domain.ErrForbidden)
	}
	pl, err := a.plan(ctx, p, req, "", "{id}") // plan.go
	if err != nil {
		return CreatePlan{}, err
	}
	return CreatePlan{Config: pl.Config, Changes: domain.DiffConfigs(nil, &pl.Config)}, nil
}

// PlanUpdate merges a change into the current request, re-plans it through the policy with the
// same CallerReference, and diffs the result against the current desired config. It writes
// nothing (it is also the dry run).
func (a Distributions) PlanUpdate(ctx context.Context, p domain.Principal, id string, ch DistributionChange) (UpdatePlan, error) {
	d, err := a.loadForChange(ctx, p, id, "update")
	if err != nil {
		return UpdatePlan{}, err
	}
	req, err := mergeRequest(d, ch)
	if err != nil {
		return UpdatePlan{}, err
	}
	if req.IsMultiOrigin != d.IsMultiOrigin {
		return UpdatePlan{}, domain.Invalid("isMultiOrigin", "cannot change (it is %t); create a new distribution instead", d.IsMultiOrigin)
	}
	pl, err := a.plan(ctx, p, req, d.Config.CallerReference, d.ID) // plan.go
	if err != nil {
		return UpdatePlan{}, err
	}
	cfg := pl.Config
	var rt *shared.RoutingChange
	if pl.Routing != nil {
		if cfg, rt, err = a.resolveRouting(ctx, d, pl); err != nil { // multi_origin.go
			return UpdatePlan{}, err
		}
	}
	ids, links, err := a.links(ctx, d.ID, pl)
	if err != nil {
		return UpdatePlan{}, err
	}
	return UpdatePlan{Current: d, Name: req.Name, Config: cfg, Changes: domain.DiffConfigs(&d.Config, &cfg),
		request: pl.Request, originIDs: ids, links: links, routing: rt}, nil
}

// Update records the intent to apply a change and sends the command. The owner or an admin
// may change a distribution, and only while no other operation owns it (409 otherwise).
func (a Distributions) Update(ctx context.Context, p domain.Principal, id string, ch DistributionChange, idemKey string) (Updated, error) {
	if !p.CanCreate() {
		return Updated{}, fmt.Errorf("update distribution %s: %w", id, domain.ErrForbidden)
	}
	op := a.NewOperation(domain.OpUpdateDistribution, "distribution", id, p, idemKey, shared.RequestHash("update-distribution", id, ch))
	if prev, ok, err := a.Replay(ctx, op); err != nil || ok {
		acc, err := a.replayed(ctx, prev, err)
		return Updated{Accepted: acc}, err
	}
	plan, err := a.PlanUpdate(ctx, p, id, ch)
	if err != nil {
		return Updated{}, err
	}
	d := plan.Current
	queue, err := a.queueBehind(ctx, d, plan)
	if err != nil {
		return Updated{}, err
	}
	now := a.Now()
	if len(plan.Changes) == 0 {
		return a.rename(ctx, p, d, plan.Name)
	}
	if d.CloudFrontID == "" {
		return Updated{}, fmt.Errorf("distribution %s was never created in CloudFront (status %s); delete it and create a new one: %w",
			d.ID, d.Status, domain.ErrConflict)
	}
	changes := plan.Changes
	if plan.Name != d.Name {
		changes = append([]domain.Change{{Path: "name", From: d.Name, To: plan.Name}}, changes...)
	}
	op.Input = shared.MustJSON(shared.UpdateDistributionInput{PreviousOriginIDs: d.OriginIDs, Routing: plan.routing})
	d.Name, d.Config, d.OriginIDs = plan.Name, plan.Config, plan.originIDs
	if d.IsMultiOrigin {
		d.MultiOriginConfig = plan.request.MultiOriginConfig
	}
	action := "UpdateRequested"
	if queue {
		// Coalesced: the patch is merged into the desired config behind the earlier ones; the
		// next UpdateDistribution, once the one deploying is Deployed, carries them all.
		d.QueuedUpdates = append(d.QueuedUpdates, op.ID)
		d.UpdatedAt = now
		action = "UpdateQueued"
	} else {
		d.Status, d.OperationID, d.UpdatedAt = domain.DistributionUpdating, op.ID, now
	}
	hist := domain.HistoryEntry{ResourceID: d.ID, Action: action, Actor: p.Username,
		OperationID: op.ID, Changes: changes, At: now}
	sub, err := a.Submit(ctx, op, append([]domain.Write{shared.PutDistribution(&d), shared.PutHistory(hist)}, plan.links...)...)
	if err != nil || sub.Replayed {
		acc, err := a.replayed(ctx, sub.Operation, err)
		return Updated{Accepted: acc}, err
	}
	return Updated{Accepted: Accepted[domain.Distribution]{Resource: d, Operation: sub.Operation}, Changes: changes}, nil
}

// queueBehind decides whether a change waits behind the update deploying now (true), is
// applied at once (false, the distribution is idle), or is refused (409): only a plain config
// change (no new origins, no routing change) joins an update in flight.
func (a Distributions) queueBehind(ctx context.Context, d domain.Distribution, plan UpdatePlan) (bool, error) {
	if checkIdle(d) == nil {
		return false, nil
	}
	if d.OperationID == "" || plan.routing != nil || len(plan.links) > 0 ||
		!slices.Equal(plan.originIDs, d.OriginIDs) {
		return false, checkIdle(d)
	}
	holder, err := shared.Load[domain.Operation](ctx, a.Store, domain.KindOperation, d.OperationID)
	if err != nil {
		return false, err
	}
	if holder.Kind != domain.OpUpdateDistribution || holder.Status.Done() {
		return false, checkIdle(d)
	}
	return true, nil
}

// rename records a change of the product-side name alone: nothing changes in CloudFront, so no
// operation is needed.
func (a Distributions) rename(ctx context.Context, p domain.Principal, d domain.Distribution, name string) (Updated, error) {
	if name == d.Name {
		return Updated{Accepted: Accepted[domain.Distribution]{Resource: d}, Changes: []domain.Change{}, Unchanged: true}, nil
	}
	changes := []domain.Change{{Path: "name", From: d.Name, To: name}}
	d.Name, d.UpdatedAt = name, a.Now()
	hist := domain.HistoryEntry{ResourceID: d.ID, Action: "Renamed", Actor: p.Username, Changes: changes, At: d.UpdatedAt}
	if err := a.Store.Write(ctx, shared.PutDistribution(&d), shared.PutHistory(hist)); err != nil {
		return Updated{}, fmt.Errorf("rename distribution %s: %w", d.ID, err)
	}
	return Updated{Accepted: Accepted[domain.Distribution]{Resource: d}, Changes: changes, Unchanged: true}, nil
}

// loadForChange loads a distribution the principal may change (owner or admin).
func (a Distributions) loadForChange(ctx context.Context, p domain.Principal, id, action string) (domain.Distribution, error) {
	if !p.CanCreate() {
		return domain.Distribution{}, fmt.Errorf("%s distribution %s: %w", action, id, domain.ErrForbidden)
	}
	d, err := a.Get(ctx, p, id)
	if err != nil {
		return domain.Distribution{}, err
	}
	if !p.CanModify(d.Owner) {
		return domain.Distribution{}, fmt.Errorf("%s distribution %s owned by %s: %w", action, id, d.Owner, domain.ErrForbidden)
	}
	return d, nil
}

// checkIdle refuses a change while another operation owns the distribution.
func checkIdle(d domain.Distribution) error {
	if d.Busy() || d.OperationID != "" {
		return fmt.Errorf("distribution %s is %s under operation %s; retry when it has finished: %w",
			d.ID, d.Status, d.OperationID, domain.ErrConflict)
	}
	return nil
}

// mergeRequest rebuilds the request behind the current desired config and applies the change.
func mergeRequest(d domain.Distribution, ch DistributionChange) (domain.DistributionRequest, error) {
	req := domain.DistributionRequest{Name: d.Name, IsMultiOrigin: d.IsMultiOrigin, MultiOriginConfig: d.MultiOriginConfig}
	if ch.Name != nil {
		req.Name = *ch.Name
	}
	if ch.IsMultiOrigin != nil {
		req.IsMultiOrigin = *ch.IsMultiOrigin
	}
	if ch.MultiOriginConfig != nil {
		req.MultiOriginConfig = ch.MultiOriginConfig
	}
	base := d.Config
	if b := base.DefaultCacheBehavior; b != nil {
		// Edge functions are attached by the product, never by request: drop them from the base
		// so that re-planning attaches them again and a patch that adds some is still refused.
		clean := *b
		clean.FunctionAssociations, clean.LambdaFunctionAssociations = nil, nil
		if d.IsMultiOrigin {
			clean.OriginRequestPolicyId = "" // the product's, set again by the plan
		}
		base.DefaultCacheBehavior = &clean
	}
	if d.IsMultiOrigin {
		base.Origins = nil // one per managed origin in multiOriginConfig, planned again
	}
	if base.Logging != nil {
		// The destination is the platform team's, planned again from the current policy.
		base.Logging = &domain.LoggingConfig{Enabled: base.Logging.Enabled}
	}
	cfg, err := patchConfig(base, ch.Config)
	if err != nil {
		return domain.DistributionRequest{}, err
	}
	domain.RestoreSecrets(&cfg, d.Config) // a header sent back masked keeps its value
	if cfg.CallerReference != d.Config.CallerReference {
		return domain.DistributionRequest{}, domain.Invalid("config.CallerReference", "cannot change (it is %q)", d.Config.CallerReference)
	}
	req.Config = cfg
	return req, nil
}

// patchConfig applies a JSON merge patch to a config and decodes the result strictly.
func patchConfig(base domain.DistributionConfig, patch json.RawMessage) (domain.DistributionConfig, error) {
	if len(bytes.TrimSpace(patch)) == 0 || bytes.Equal(bytes.TrimSpace(patch), []byte("null")) {
		return base, nil
	}
	var p any
	if err := json.Unmarshal(patch, &p); err != nil {
		return domain.DistributionConfig{}, domain.Invalid("config", "is not valid JSON")
	}
	if _, ok := p.(map[string]any); !ok {
		return domain.DistributionConfig{}, domain.Invalid("config", "must be an object")
	}
	raw, err := json.Marshal(base)
	if err != nil {
		return domain.DistributionConfig{}, fmt.Errorf("encode config: %w", err)
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return domain.DistributionConfig{}, fmt.Errorf("decode config: %w", err)
	}
	merged, err := json.Marshal(mergePatch(doc, p))
	if err != nil {
		return domain.DistributionConfig{}, fmt.Errorf("encode merged config: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(merged))
	dec.DisallowUnknownFields()
	var out domain.DistributionConfig
	if err := dec.Decode(&out); err != nil {
		return domain.DistributionConfig{}, configDecodeError(err)
	}
	return out, nil
}

// mergePatch applies an RFC 7396 merge patch; see DistributionChange for the Quantity rule.
func mergePatch(doc, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	dm, ok := doc.(map[string]any)
	if !ok {
		dm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(dm, k)
			continue
		}
		dm[k] = mergePatch(dm[k], v)
	}
	if items, ok := pm["Items"].([]any); ok {
		if _, set := pm["Quantity"]; !set {
			dm["Quantity"] = float64(len(items))
		}
	}
	return dm
}

// configDecodeError names the config field a merged config fails on.
func configDecodeError(err error) error {
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ):
		field := "config"
		if typ.Field != "" {
			field += "." + typ.Field
		}
		return domain.Invalid(field, "must be a %s", typ.Type.String())
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return domain.Invalid("config."+name, "is not a known field")
	}
	return domain.Invalid("config", "is not a valid DistributionConfig: %v", err)
}
