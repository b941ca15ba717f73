package watch

import (
	"context"
	"fmt"

	"github.com/cloudfront-manager/cfm/app/shared"
	"github.com/cloudfront-manager/cfm/domain"
)

// DriftCheckReport counts what one periodic drift check did.
type DriftCheckReport struct {
	Checked  int `json:"checked"`
	Drifted  int `json:"drifted"`
	Resolved int `json:"resolved"`
}

// CheckAll compares every Deployed distribution with its live config, page by page, for the
// changes CloudTrail did not deliver (delivery is best-effort). It runs on a schedule, never on
// a request path; CloudFront's rate limit paces it through the adapter.
func (w Watch) CheckAll(ctx context.Context) (DriftCheckReport, error) {
	var rep DriftCheckReport
	q := domain.Query{Kind: domain.KindDistribution, Index: domain.ByStatus, Key: string(domain.DistributionDeployed), Limit: 50}
	for {
		ds, next, err := shared.List[domain.Distribution](ctx, w.Store, q)
		if err != nil {
			return rep, err
		}
		for _, d := range ds {
			if d.CloudFrontID == "" || d.AppliedConfig == nil || d.Busy() {
				continue
			}
			out, err := w.compare(ctx, d, driftSource{EventName: "PeriodicDriftCheck", Actor: "unknown"})
			if err != nil {
				return rep, fmt.Errorf("drift check of %s: %w", d.ID, err)
			}
			rep.Checked++
			switch out {
			case WatchDrifted:
				rep.Drifted++
			case WatchResolved:
				rep.Resolved++
			}
		}
		if next == "" {
			return rep, nil
		}
		q.Cursor = next
	}
}
