package chaos

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cloudfront-manager/cfm/adapters/local/cloud"
	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// finalOp is an operation as the API reports it at the end.
type finalOp struct {
	ID, Action, Resource, Status, LastError string
	InvalidationID                          string        // the result of a Succeeded invalidation
	Took                                    time.Duration // createdAt → updatedAt, once terminal
	Found                                   bool
}

func terminal(status string) bool { return status == "Succeeded" || status == "Failed" }

// settle polls every accepted operation until all are terminal or the deadline passed.
func settle(ctx context.Context, admin *client, ops []accepted, deadline time.Time) map[string]finalOp {
	final := map[string]finalOp{}
	for {
		pending := 0
		for _, op := range ops {
			if f, ok := final[op.ID]; ok && terminal(f.Status) {
				continue
			}
			final[op.ID] = readOp(ctx, admin, op)
			if !terminal(final[op.ID].Status) {
				pending++
			}
		}
		if pending == 0 || time.Now().After(deadline) || ctx.Err() != nil {
			return final
		}
		_ = sleep(ctx, 500*time.Millisecond)
	}
}

func readOp(ctx context.Context, admin *client, op accepted) finalOp {
	a, err := admin.do(ctx, http.MethodGet, "/api/operations/"+op.ID, nil, "")
	if err != nil || a.Status != http.StatusOK {
		return finalOp{ID: op.ID, Action: op.Action, Resource: op.Resource}
	}
	return opFrom(op, dig(a.Body, "data", "operation"))
}

// opFrom is the final state of op read from the API's view of it, o.
func opFrom(op accepted, o any) finalOp {
	f := finalOp{ID: op.ID, Action: op.Action, Resource: op.Resource}
	f.Found, f.Status, f.LastError = true, str(o, "status"), str(o, "lastError")
	f.InvalidationID = str(o, "result", "invalidationId")
	created, _ := time.Parse(time.RFC3339Nano, str(o, "createdAt"))
	updated, _ := time.Parse(time.RFC3339Nano, str(o, "updatedAt"))
	if terminal(f.Status) {
		f.Took = updated.Sub(created)
	}
	return f
}

// listAll reads every page of a list route.
func listAll(ctx context.Context, c *client, path, key string) ([]map[string]any, error) {
	var out []map[string]any
	cursor := ""
	for {
		q := path + "?limit=100"
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		a, err := c.do(ctx, http.MethodGet, q, nil, "")
		if err != nil {
			return nil, err
		}
		if a.Status != http.StatusOK {
			return nil, fmt.Errorf("GET %s: %d", q, a.Status)
		}
		rows, _ := dig(a.Body, "data", key).([]any)
		for _, r := range rows {
			if m, ok := r.(map[string]any); ok {
				out = append(out, m)
			}
		}
		if cursor = str(a.Body, "data", "nextCursor"); cursor == "" {
			return out, nil
		}
	}
}

// records are the product's records at the end, read through the API.
type records struct {
	dists   []domain.Distribution
	origins []domain.ManagedOrigin
	fns     []domain.EdgeFunction
	// unknownOps are operations the API lists that the driver never saw accepted (a 202
	// lost with a killed process and never replayed): they count as accepted too.
	unknownOps []accepted
	// ops are the listed operations by id (the same view as GET /api/operations/{id}).
	ops map[string]map[string]any
}

// final is op as the listed records have it (Found false when the API does not list it).
func (r records) final(op accepted) finalOp {
	if row, ok := r.ops[op.ID]; ok {
		return opFrom(op, row)
	}
	return finalOp{ID: op.ID, Action: op.Action, Resource: op.Resource}
}

func readRecords(ctx context.Context, admin *client, known map[string]bool) (records, error) {
	var r records
	rows, err := listAll(ctx, admin, "/api/distributions", "distributions")
	if err != nil {
		return r, err
	}
	for _, row := range rows {
		a, err := admin.do(ctx, http.MethodGet, "/api/distributions/"+str(row, "id"), nil, "")
		if err != nil {
			return r, fmt.Errorf("GET distribution %s: %w", str(row, "id"), err)
		}
		if a.Status != http.StatusOK {
			return r, fmt.Errorf("GET distribution %s: %d", str(row, "id"), a.Status)
		}
		var d domain.Distribution
		if err := recode(dig(a.Body, "data", "distribution"), &d); err != nil {
			return r, err
		}
		r.dists = append(r.dists, d)
	}
	if err := listInto(ctx, admin, "/api/origins", "origins", &r.origins); err != nil {
		return r, err
	}
	if err := listInto(ctx, admin, "/api/lambda-edge/functions", "functions", &r.fns); err != nil {
		return r, err
	}
	ops, err := listAll(ctx, admin, "/api/operations", "operations")
	if err != nil {
		return r, err
	}
	r.ops = make(map[string]map[string]any, len(ops))
	for _, o := range ops {
		r.ops[str(o, "id")] = o
		if !known[str(o, "id")] && str(o, "actor") != "system" {
			r.unknownOps = append(r.unknownOps, accepted{ID: str(o, "id"), Action: "(unseen) " + str(o, "kind"), Resource: str(o, "resourceId")})
		}
	}
	return r, nil
}

func listInto[T any](ctx context.Context, c *client, path, key string, into *[]T) error {
	rows, err := listAll(ctx, c, path, key)
	if err != nil {
		return err
	}
	for _, row := range rows {
		var v T
		if err := recode(row, &v); err != nil {
			return err
		}
		*into = append(*into, v)
	}
	return nil
}

func recode(from, into any) error {
	raw, err := json.Marshal(from)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, into)
}

// findings are the audit's counts and the details behind them.
type findings struct {
	duplicates, orphans, disagreements []string
	audited                            Audited
}

// compare checks the records against the simulated cloud, opened after the process stopped
// with the process's deployment time (seconds; negative: at once).
func compare(dataDir string, deploySeconds float64, r records, ops []finalOp) (findings, error) {
	cl, err := cloud.Open(filepath.Join(dataDir, "cloud"), cloud.Options{DeploySeconds: deploySeconds})
	if err != nil {
		return findings{}, err
	}
	defer cl.Close()
	inv, err := cl.Inventory()
	if err != nil {
		return findings{}, err
	}
	f := findings{audited: Audited{Distributions: len(r.dists), Origins: len(r.origins), Functions: len(r.fns),
		CloudDistributions: len(inv.Distributions), Buckets: len(inv.Buckets), OACs: len(inv.OACs),
		CloudFunctions: len(inv.LambdaFunctions) + len(inv.CloudFrontFunctions)}}
	byProduct := map[string][]string{}
	live := map[string]cloud.InventoryDistribution{}
	for _, d := range inv.Distributions {
		live[d.ID] = d
		byProduct[d.Tags["cfm:distribution"]] = append(byProduct[d.Tags["cfm:distribution"]], d.ID)
	}
	for product, ids := range byProduct {
		if product != "" && len(ids) > 1 {
			f.duplicates = append(f.duplicates, fmt.Sprintf("distribution %s has %d in CloudFront: %v", product, len(ids), ids))
		}
	}
	pointed := map[string]bool{}
	for _, d := range r.dists {
		if d.CloudFrontID == "" {
			if d.Status != domain.DistributionFailed {
				f.disagreements = append(f.disagreements, fmt.Sprintf("distribution %s is %s without a CloudFront id", d.ID, d.Status))
			}
			continue
		}
		pointed[d.CloudFrontID] = true
		l, ok := live[d.CloudFrontID]
		switch {
		case !ok:
			f.disagreements = append(f.disagreements, fmt.Sprintf("distribution %s points at %s, which CloudFront does not have", d.ID, d.CloudFrontID))
		case d.Status != domain.DistributionDeployed || l.Status != domain.CloudStatusDeployed:
			f.disagreements = append(f.disagreements, fmt.Sprintf("distribution %s is %s, CloudFront says %s", d.ID, d.Status, l.Status))
		case !sameConfig(d.Config, l.Config):
			f.disagreements = append(f.disagreements, fmt.Sprintf("distribution %s: the record's config is not CloudFront's (comment %q vs %q)", d.ID, d.Config.Comment, l.Config.Comment))
		}
	}
	for _, d := range inv.Distributions {
		if !pointed[d.ID] {
			f.orphans = append(f.orphans, fmt.Sprintf("CloudFront distribution %s (%s, tagged %q) has no record", d.ID, d.Config.Comment, d.Tags["cfm:distribution"]))
		}
	}
	oacs, buckets := map[string]bool{}, map[string]bool{}
	for _, o := range r.origins {
		oacs[o.OACID], buckets[o.BucketName] = true, true
		if o.Status != domain.OriginActive && o.Status != domain.OriginFailed {
			f.disagreements = append(f.disagreements, fmt.Sprintf("origin %s is still %s", o.ID, o.Status))
		}
		if o.Status == domain.OriginActive && (!slices.Contains(inv.Buckets, o.BucketName) || !slices.ContainsFunc(inv.OACs, func(x domain.OriginAccessControl) bool { return x.ID == o.OACID })) {
			f.disagreements = append(f.disagreements, fmt.Sprintf("origin %s is Active but its bucket %s or OAC %q is missing", o.ID, o.BucketName, o.OACID))
		}
	}
	f.disagreements = append(f.disagreements, bucketPolicies(r, inv)...)
	for _, o := range inv.OACs {
		if !oacs[o.ID] {
			f.orphans = append(f.orphans, fmt.Sprintf("OAC %s (%s) has no origin", o.ID, o.Name))
		}
	}
	for _, b := range inv.Buckets {
		if !buckets[b] {
			f.orphans = append(f.orphans, "bucket "+b+" has no origin")
		}
	}
	fns := map[string]bool{}
	for _, fn := range r.fns {
		fns[fn.Name] = true
		if fn.Status != domain.EdgeFunctionActive && fn.Status != domain.EdgeFunctionFailed {
			f.disagreements = append(f.disagreements, fmt.Sprintf("edge function %s is still %s", fn.ID, fn.Status))
		}
		if fn.Status == domain.EdgeFunctionActive && !slices.Contains(inv.LambdaFunctions, fn.Name) && !slices.Contains(inv.CloudFrontFunctions, fn.Name) {
			f.disagreements = append(f.disagreements, fmt.Sprintf("edge function %s is Active but %s is not in the cloud", fn.ID, fn.Name))
		}
	}
	for _, name := range slices.Concat(inv.LambdaFunctions, inv.CloudFrontFunctions) {
		if !fns[name] {
			f.orphans = append(f.orphans, "function "+name+" has no edge function record")
		}
	}
	f.disagreements = append(f.disagreements, outcomes(ops, r, live)...)
	slices.Sort(f.duplicates)
	slices.Sort(f.orphans)
	slices.Sort(f.disagreements)
	return f, nil
}

// sameConfig compares two configs as CloudFront would store them (JSON, so nil and empty
// optional blocks compare by their encoding).
func sameConfig(a, b domain.DistributionConfig) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// outcomes checks that what each Succeeded operation did is still there, unless a later
// Succeeded delete removed it: a created resource has its record, a deleted one has none, an
// invalidation is in CloudFront on its distribution.
func outcomes(ops []finalOp, r records, live map[string]cloud.InventoryDistribution) []string {
	have := map[string]domain.Distribution{}
	for _, d := range r.dists {
		have[d.ID] = d
	}
	for _, o := range r.origins {
		have[o.ID] = domain.Distribution{}
	}
	for _, fn := range r.fns {
		have[fn.ID] = domain.Distribution{}
	}
	deleted := map[string]bool{}
	for _, op := range ops {
		if op.Status == "Succeeded" && strings.HasPrefix(op.Action, "delete ") {
			deleted[op.Resource] = true
		}
	}
	var out []string
	for _, op := range ops {
		if op.Status != "Succeeded" {
			continue
		}
		_, exists := have[op.Resource]
		switch {
		case strings.HasPrefix(op.Action, "create ") && !exists && !deleted[op.Resource]:
			out = append(out, fmt.Sprintf("%s %s Succeeded (%s), but there is no record", op.Action, op.Resource, op.ID))
		case strings.HasPrefix(op.Action, "delete ") && exists:
			out = append(out, fmt.Sprintf("%s %s Succeeded (%s), but the record is still there", op.Action, op.Resource, op.ID))
		case op.Action == "invalidate" && exists:
			d := live[have[op.Resource].CloudFrontID]
			if !slices.ContainsFunc(d.Invalidations, func(i domain.Invalidation) bool { return i.ID == op.InvalidationID }) {
				out = append(out, fmt.Sprintf("invalidate %s Succeeded (%s) as %q, which CloudFront does not have", op.Resource, op.ID, op.InvalidationID))
			}
		}
	}
	return out
}

// bucketPolicies checks every Active origin's bucket policy: the product's statement lets in
// exactly the distributions whose records use the origin, as does the origin's record.
func bucketPolicies(r records, inv cloud.Inventory) []string {
	var out []string
	for _, o := range r.origins {
		if o.Status != domain.OriginActive {
			continue
		}
		var want []string
		for _, d := range r.dists {
			if slices.Contains(d.OriginIDs, o.ID) && d.ARN != "" {
				want = append(want, d.ARN)
			}
		}
		got, err := sourceARNs(inv.BucketPolicies[o.BucketName])
		if err != nil {
			out = append(out, fmt.Sprintf("origin %s: bucket policy of %s: %v", o.ID, o.BucketName, err))
			continue
		}
		slices.Sort(want)
		slices.Sort(got)
		recorded := slices.Sorted(slices.Values(o.AssociatedDistributions))
		if !slices.Equal(want, got) || !slices.Equal(want, recorded) {
			out = append(out, fmt.Sprintf("origin %s: distributions using it %v, bucket policy lets in %v, record lists %v", o.ID, want, got, recorded))
		}
	}
	return out
}

// sourceARNs are the distributions the product's statement (shared.OACStatementSid) names.
func sourceARNs(policy []byte) ([]string, error) {
	if len(policy) == 0 {
		return nil, nil
	}
	var doc struct {
		Statement []struct {
			Sid       string
			Condition struct {
				StringEquals map[string]json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(policy, &doc); err != nil {
		return nil, err
	}
	for _, st := range doc.Statement {
		if st.Sid != shared.OACStatementSid {
			continue
		}
		raw := st.Condition.StringEquals["AWS:SourceArn"]
		var many []string
		if err := json.Unmarshal(raw, &many); err == nil {
			return many, nil
		}
		var one string
		if err := json.Unmarshal(raw, &one); err != nil {
			return nil, fmt.Errorf("AWS:SourceArn: %w", err)
		}
		return []string{one}, nil
	}
	return nil, nil
}
