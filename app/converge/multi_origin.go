package converge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/edge"
)

// Step names of a multi-origin create.
const (
	stepEnsureOriginRequestPolicy = "EnsureOriginRequestPolicy"
	stepGrantEdgeRoleRead         = "GrantEdgeRoleRead"
	stepResolveEdgeSettings       = "ResolveEdgeSettings"
	stepLinkEdgeFunction          = "LinkEdgeFunction"
)

// EdgeRoleStatementSid names the bucket-policy statement that lets the Lambda@Edge execution
// role read a managed origin's bucket (the function signs its S3 requests with that role).
const EdgeRoleStatementSid = "CloudFrontManagerEdgeRole"

// viewerLocationPolicyName is the product's origin request policy forwarding
// edge.ForwardedHeaders (the same headers serve both targets).
func (w Worker) viewerLocationPolicyName() string {
	return strings.Trim(firstNonEmptyString(w.Prefix, "cfm"), "-") + "-viewer-location"
}

// convergeMultiOrigin is the multi-origin part of createDistribution (create.go calls
// it first on every pass): before the distribution exists it ensures the origin request policy,
// the edge role's bucket access (Lambda@Edge) and the routing function, and records the plan
// with the placeholders resolved; once the distribution exists it links the function to it.
// Single-origin distributions pass through.
func (w Worker) convergeMultiOrigin(ctx context.Context, r *run, d *domain.Distribution) error {
	if !d.IsMultiOrigin || d.LambdaEdgeFunctionID == "" {
		return nil
	}
	if d.CloudFrontID == "" {
		return w.prepareMultiOrigin(ctx, r, d)
	}
	return w.linkEdgeFunction(ctx, r, *d)
}

// prepareMultiOrigin resolves the plan's placeholders (once: a resolved plan is recorded, and a
// redelivery finds nothing pending). Every cloud call is idempotent, so a crash before the
// record is written repeats them harmlessly.
func (w Worker) prepareMultiOrigin(ctx context.Context, r *run, d *domain.Distribution) error {
	if !domain.HasPendingEdgeSettings(d.Config) {
		return nil
	}
	f, err := shared.Load[domain.EdgeFunction](ctx, w.Store, domain.KindEdgeFunction, d.LambdaEdgeFunctionID)
	if err != nil {
		return fmt.Errorf("edge function of distribution %s: %w", d.ID, err)
	}
	if w.Cloud.RequestPols == nil {
		return domain.Permanent(fmt.Errorf("distribution %s: origin request policies are not configured", d.ID))
	}
	policyID, done := stepDetail(r.op, stepEnsureOriginRequestPolicy)
	if !done {
		policyID, err = w.Cloud.RequestPols.EnsureOriginRequestPolicy(ctx, w.viewerLocationPolicyName(), edge.ForwardedHeaders(f.Target))
		if err != nil {
			return fmt.Errorf("ensure origin request policy %s: %w", w.viewerLocationPolicyName(), err)
		}
		r.op.Record(stepEnsureOriginRequestPolicy, "Done", policyID, w.Now())
		if err := w.checkpoint(ctx, r); err != nil {
			return err
		}
	}
	if f.Target == domain.EdgeTargetLambdaEdge && !r.op.HasStep(stepGrantEdgeRoleRead) {
		if err := w.grantEdgeRoleRead(ctx, r, d.OriginIDs); err != nil {
			return err
		}
	}
	if err := w.ensureEdgeFunction(ctx, r, &f); err != nil {
		return err
	}
	before := d.Config
	cfg, err := domain.ResolveEdgePlaceholders(before, policyID, associationARN(f))
	if err != nil {
		return domain.Permanent(fmt.Errorf("distribution %s: %w", d.ID, err))
	}
	now := w.Now()
	d.Config = cfg
	d.UpdatedAt = now
	f.UpdatedAt = now
	r.op.Record(stepResolveEdgeSettings, "Done", associationARN(f), now)
	r.op.UpdatedAt = now
	hist := domain.HistoryEntry{ResourceID: d.ID, Action: "EdgeSettingsResolved", Actor: r.op.Actor, OperationID: r.op.ID,
		Changes: domain.DiffConfigs(&before, &cfg), At: now,
		Message: fmt.Sprintf("routing function %s and origin request policy %s ready", f.Name, policyID)}
	fnHist := domain.HistoryEntry{ResourceID: f.ID, Action: "Published", Actor: r.op.Actor, OperationID: r.op.ID,
		Message: associationARN(f), At: now}
	if err := w.Store.Write(ctx, shared.PutDistribution(d), shared.PutEdgeFunction(&f), shared.PutOperation(r.op), shared.PutHistory(hist), shared.PutHistory(fnHist)); err != nil {
		return fmt.Errorf("record edge settings of %s: %w", d.ID, err)
	}
	return nil
}

// linkEdgeFunction records the distribution's ARN on its function, which makes the function
// Active and undeletable until the distribution is gone (once per operation).
func (w Worker) linkEdgeFunction(ctx context.Context, r *run, d domain.Distribution) error {
	if d.ARN == "" || r.op.HasStep(stepLinkEdgeFunction) {
		return nil
	}
	f, err := shared.Load[domain.EdgeFunction](ctx, w.Store, domain.KindEdgeFunction, d.LambdaEdgeFunctionID)
	if err != nil {
		return fmt.Errorf("edge function of distribution %s: %w", d.ID, err)
	}
	now := w.Now()
	if !slices.Contains(f.AssociatedDistributions, d.ARN) {
		f.AssociatedDistributions = append(f.AssociatedDistributions, d.ARN)
	}
	if f.Status == domain.EdgeFunctionCreating {
		f.Status = domain.EdgeFunctionActive
	}
	if f.OperationID == r.op.ID {
		f.OperationID = ""
	}
	f.UpdatedAt = now
	r.op.Record(stepLinkEdgeFunction, "Done", f.ID, now)
	r.op.UpdatedAt = now
	hist := domain.HistoryEntry{ResourceID: f.ID, Action: "Associated", Actor: r.op.Actor, OperationID: r.op.ID,
		Message: "associated with " + d.ARN, At: now}
	if err := w.Store.Write(ctx, shared.PutEdgeFunction(&f), shared.PutOperation(r.op), shared.PutHistory(hist)); err != nil {
		return fmt.Errorf("link edge function %s to %s: %w", f.ID, d.ID, err)
	}
	return nil
}

// grantEdgeRoleRead lets the edge execution role read every origin's bucket: the Lambda@Edge
// function signs its requests with that role, because OAC cannot follow its origin switch.
// Each granted origin is checkpointed, so throttling never repeats the whole list.
func (w Worker) grantEdgeRoleRead(ctx context.Context, r *run, originIDs []string) error {
	if w.Cloud.Buckets == nil {
		return domain.Permanent(errors.New("grant the edge role read access: no bucket service is configured"))
	}
	granted, _ := stepDetail(r.op, stepGrantEdgeRoleRead)
	ids := strings.FieldsFunc(granted, func(c rune) bool { return c == ',' })
	for _, id := range originIDs {
		if slices.Contains(ids, id) {
			continue
		}
		o, err := shared.Load[domain.ManagedOrigin](ctx, w.Store, domain.KindOrigin, id)
		if err != nil {
			return fmt.Errorf("grant the edge role read access to origin %s: %w", id, err)
		}
		if err := w.Cloud.Buckets.MergePolicyStatement(ctx, o.BucketName, o.Region, edgeRoleStatement(o.BucketName, w.EdgeRoleARN)); err != nil {
			return fmt.Errorf("grant the edge role read access to bucket %s: %w", o.BucketName, err)
		}
		ids = append(ids, id)
		r.op.Record(stepGrantEdgeRoleRead, "Running", strings.Join(ids, ","), w.Now())
		if err := w.checkpoint(ctx, r); err != nil {
			return err
		}
	}
	r.op.Record(stepGrantEdgeRoleRead, "Done", strings.Join(ids, ","), w.Now())
	return w.checkpoint(ctx, r)
}

// stepDetail returns the detail of the operation's latest step of that name and whether that
// step is Done.
func stepDetail(op *domain.Operation, name string) (string, bool) {
	for i := len(op.Steps) - 1; i >= 0; i-- {
		if op.Steps[i].Name == name {
			return op.Steps[i].Detail, op.Steps[i].Status == "Done"
		}
	}
	return "", false
}

// checkpoint persists the operation's recorded steps, so a retried pass skips what is done.
func (w Worker) checkpoint(ctx context.Context, r *run) error {
	r.op.UpdatedAt = w.Now()
	if err := w.Store.Write(ctx, shared.PutOperation(r.op)); err != nil {
		return fmt.Errorf("record progress of %s: %w", r.op.ID, err)
	}
	return nil
}

// edgeRoleStatement allows s3:GetObject on bucket to the edge role; an empty role removes it.
func edgeRoleStatement(bucket, roleARN string) domain.PolicyStatement {
	st := domain.PolicyStatement{Sid: EdgeRoleStatementSid}
	if roleARN == "" {
		return st
	}
	partition := "aws"
	if parts := strings.SplitN(roleARN, ":", 3); len(parts) == 3 && parts[1] != "" {
		partition = parts[1]
	}
	b, err := json.Marshal(map[string]any{
		"Sid":       EdgeRoleStatementSid,
		"Effect":    "Allow",
		"Principal": map[string]any{"AWS": roleARN},
		"Action":    "s3:GetObject",
		"Resource":  "arn:" + partition + ":s3:::" + bucket + "/*",
	})
	if err != nil {
		panic(fmt.Sprintf("encode policy statement: %v", err)) // plain maps and strings
	}
	st.JSON = b
	return st
}
