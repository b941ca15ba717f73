package intake

import (
	"context"
	"errors"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// Distributions is the API side of distribution use cases.
type Distributions struct{ shared.Deps }

// Accepted is a mutation's answer: the resource as recorded and its operation.
type Accepted[T any] struct {
	Resource  T
	Operation domain.Operation
	Replayed  bool
}

// Create validates and plans a new distribution, records the intent and sends the command.
func (a Distributions) Create(ctx context.Context, p domain.Principal, req domain.DistributionRequest, idemKey string) (Accepted[domain.Distribution], error) {
	return a.CreatePrepared(ctx, p, PreparedCreate{Request: req, IdempotencyKey: idemKey,
		RequestHash: shared.RequestHash("create-distribution", req)})
}

// PreparedCreate is a create request built by another use case (a template apply): the
// request to plan, the Idempotency-Key, the hash of what the caller sent, and the template.
type PreparedCreate struct {
	Request        domain.DistributionRequest
	IdempotencyKey string
	RequestHash    string
	TemplateID     string
}

// CreatePrepared is Create for a prepared request: same planner, guardrails, intent and command.
// A multi-origin distribution gets its routing function record with it (multi_origin.go).
func (a Distributions) CreatePrepared(ctx context.Context, p domain.Principal, in PreparedCreate) (Accepted[domain.Distribution], error) {
	if !p.CanCreate() {
		return Accepted[domain.Distribution]{}, fmt.Errorf("create distribution: %w", domain.ErrForbidden)
	}
	distID := domain.NewID(domain.PrefixDistribution)
	op := a.NewOperation(domain.OpCreateDistribution, "distribution", distID, p, in.IdempotencyKey, in.RequestHash)
	if prev, ok, err := a.Replay(ctx, op); err != nil || ok {
		return a.replayed(ctx, prev, err)
	}
	pl, err := a.plan(ctx, p, in.Request, op.ID, distID) // plan.go
	if err != nil {
		return Accepted[domain.Distribution]{}, err
	}
	// Link the distribution to its managed origins (origin_links.go): the create worker lists
	// its ARN in their bucket policies, and an origin in use cannot be deleted.
	originIDs, writes, err := a.links(ctx, distID, pl)
	if err != nil {
		return Accepted[domain.Distribution]{}, err
	}
	req, cfg, now := pl.Request, pl.Config, a.Now()
	d := domain.Distribution{ID: distID, Name: req.Name, Status: domain.DistributionCreating,
		IsMultiOrigin: req.IsMultiOrigin, MultiOriginConfig: req.MultiOriginConfig, Config: cfg, OriginIDs: originIDs,
		OperationID: op.ID, Owner: p.Username, TemplateID: in.TemplateID, CreatedAt: now, UpdatedAt: now}
	hist := domain.HistoryEntry{ResourceID: distID, Action: "CreateRequested", Actor: p.Username,
		OperationID: op.ID, Changes: domain.DiffConfigs(nil, &cfg), At: now}
	if pl.Routing != nil {
		f, fnWrites := routingFunction(&d, pl.Routing, op.ID, p.Username, now)
		hist.Message = fmt.Sprintf("%d origins routed by %s function %s (%s)", len(pl.Routing.Origins), f.Target, f.Name, f.Preset)
		writes = append(writes, fnWrites...)
	}
	sub, err := a.Submit(ctx, op, append([]domain.Write{shared.PutDistribution(&d), shared.PutHistory(hist)}, writes...)...)
	if err != nil || sub.Replayed {
		return a.replayed(ctx, sub.Operation, err)
	}
	return Accepted[domain.Distribution]{Resource: d, Operation: sub.Operation}, nil
}

// replayed answers a repeated request with the original operation and the resource as it is now.
func (a Distributions) replayed(ctx context.Context, op domain.Operation, err error) (Accepted[domain.Distribution], error) {
	if err != nil {
		return Accepted[domain.Distribution]{}, err
	}
	d, err := shared.Load[domain.Distribution](ctx, a.Store, domain.KindDistribution, op.ResourceID)
	if errors.Is(err, domain.ErrNotFound) {
		// The resource is gone (deleted since): a replay still answers the original operation,
		// never a 404, so the key keeps its meaning (README, "Idempotency-Key").
		return Accepted[domain.Distribution]{Resource: domain.Distribution{ID: op.ResourceID, Status: domain.DistributionDeleted},
			Operation: op, Replayed: true}, nil
	}
	if err != nil {
		return Accepted[domain.Distribution]{}, err
	}
	return Accepted[domain.Distribution]{Resource: d, Operation: op, Replayed: true}, nil
}

// Get returns one distribution.
func (a Distributions) Get(ctx context.Context, p domain.Principal, id string) (domain.Distribution, error) {
	if !p.CanRead() {
		return domain.Distribution{}, fmt.Errorf("get distribution: %w", domain.ErrForbidden)
	}
	d, err := shared.Load[domain.Distribution](ctx, a.Store, domain.KindDistribution, id)
	if err == nil && d.Status == domain.DistributionDeleted {
		return domain.Distribution{}, fmt.Errorf("distribution %s: %w", id, domain.ErrNotFound)
	}
	return d, err
}

// List pages through distributions, newest first.
func (a Distributions) List(ctx context.Context, p domain.Principal, page PageRequest) (Page[domain.Distribution], error) {
	if !p.CanRead() {
		return Page[domain.Distribution]{}, fmt.Errorf("list distributions: %w", domain.ErrForbidden)
	}
	q, err := page.query(domain.KindDistribution, domain.ByKind, "", true)
	if err != nil {
		return Page[domain.Distribution]{}, err
	}
	items, next, err := shared.List[domain.Distribution](ctx, a.Store, q)
	return Page[domain.Distribution]{Items: items, Next: next}, err
}
