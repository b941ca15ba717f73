package shared

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// KindDriftReport holds the last drift found on a distribution (ID = the distribution id), so
// that reading a distribution shows the difference without calling CloudFront.
const KindDriftReport domain.Kind = "driftReport"

// DriftReport is the difference between the config this product last applied (From) and the
// live one (To), as last detected.
type DriftReport struct {
	DistributionID string          `json:"distributionId"`
	CloudFrontID   string          `json:"cloudfrontId"`
	DetectedAt     time.Time       `json:"detectedAt"`
	EventID        string          `json:"eventId,omitempty"`
	EventName      string          `json:"eventName"`
	Actor          string          `json:"actor"`
	DeletedOutside bool            `json:"deletedOutside,omitempty"`
	Changes        []domain.Change `json:"changes"`
	Version        int64           `json:"version"`
}

// ConfigDrift lists what differs between the applied and the live config. Fields that only
// differ in representation are not drift: absent vs "", false, an empty list or object, a
// {Quantity: 0} wrapper (CloudFront reports disabled logging as {Enabled: false, Bucket: ""}
// where the plan has none); nor is the CallerReference, which CloudFront never changes.
func ConfigDrift(applied, live *domain.DistributionConfig) []domain.Change {
	a, l := normalizeConfig(applied), normalizeConfig(live)
	if reflect.DeepEqual(a, l) {
		return nil
	}
	return domain.MaskChanges(domain.Diff(a, l))
}

func normalizeConfig(c *domain.DistributionConfig) any {
	if c == nil {
		return nil
	}
	cfg := *c
	cfg.CallerReference = ""
	if vc := cfg.ViewerCertificate; vc != nil && vc.CloudFrontDefaultCertificate != nil && *vc.CloudFrontDefaultCertificate {
		// With the default *.cloudfront.net certificate, CloudFront fixes the TLS settings
		// itself and reports whatever it fills in; they are not the product's to drift from.
		cfg.ViewerCertificate = &domain.ViewerCertificate{CloudFrontDefaultCertificate: vc.CloudFrontDefaultCertificate}
	}
	return prune(toJSONTree(&cfg))
}

// toJSONTree turns a config into maps, slices and scalars, as domain.Diff compares them.
func toJSONTree(c *domain.DistributionConfig) any {
	b, err := json.Marshal(c)
	if err != nil {
		panic(fmt.Sprintf("encode config: %v", err)) // plain data
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		panic(fmt.Sprintf("decode config: %v", err))
	}
	return v
}

// prune drops nulls, "", false, empty lists and maps and {Quantity: 0} wrappers, recursively.
// Numbers stay: an absent TTL means CloudFront's default, not 0.
func prune(v any) any {
	switch t := v.(type) {
	case string:
		if t == "" {
			return nil
		}
	case bool:
		if !t {
			return nil
		}
	case map[string]any:
		out := map[string]any{}
		for k, x := range t {
			if p := prune(x); p != nil {
				out[k] = p
			}
		}
		if q, ok := out["Quantity"].(float64); ok && q == 0 && len(out) == 1 {
			return nil
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case []any:
		if len(t) == 0 {
			return nil
		}
		out := make([]any, 0, len(t))
		for _, x := range t {
			out = append(out, prune(x))
		}
		return out
	}
	return v
}

// PutDriftReport writes rep over the report it was loaded as (Version 0 = there was none).
func PutDriftReport(rep *DriftReport) domain.Write {
	rep.Version++
	return Put(KindDriftReport, rep.DistributionID, rep.Version, "", "", SortTime(rep.DetectedAt)+"#"+rep.DistributionID, rep)
}

// LastDriftReport loads the current report, a zero one (version 0) when there is none.
func (d Deps) LastDriftReport(ctx context.Context, distributionID string) (DriftReport, error) {
	rep, err := Load[DriftReport](ctx, d.Store, KindDriftReport, distributionID)
	if errors.Is(err, domain.ErrNotFound) {
		return DriftReport{DistributionID: distributionID}, nil
	}
	if err != nil {
		return DriftReport{}, fmt.Errorf("drift report of %s: %w", distributionID, err)
	}
	return rep, nil
}
