package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/cloudfront-manager/cfm/domain"
)

// kindDriftReport holds the last drift found on a distribution (ID = the distribution id), so
// that reading a distribution shows the difference without calling CloudFront.
const kindDriftReport domain.Kind = "driftReport"

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

// Drift returns the last drift report of a drifted distribution, nil when it is in sync.
func (a Distributions) Drift(ctx context.Context, d domain.Distribution) (*DriftReport, error) {
	if !d.Drifted {
		return nil, nil
	}
	rep, err := load[DriftReport](ctx, a.Store, kindDriftReport, d.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return &DriftReport{DistributionID: d.ID, CloudFrontID: d.CloudFrontID, Changes: []domain.Change{}}, nil
	}
	if err != nil {
		return nil, err
	}
	return &rep, nil
}

// configDrift lists what differs between the applied and the live config. Fields that only
// differ in representation are not drift: absent vs "", false, an empty list or object, a
// {Quantity: 0} wrapper (CloudFront reports disabled logging as {Enabled: false, Bucket: ""}
// where the plan has none); nor is the CallerReference, which CloudFront never changes.
func configDrift(applied, live *domain.DistributionConfig) []domain.Change {
	a, l := normalizeConfig(applied), normalizeConfig(live)
	if reflect.DeepEqual(a, l) {
		return nil
	}
	return domain.Diff(a, l)
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

// putDriftReport writes rep over the report it was loaded as (Version 0 = there was none).
func putDriftReport(rep *DriftReport) domain.Write {
	rep.Version++
	return put(kindDriftReport, rep.DistributionID, rep.Version, "", "", sortTime(rep.DetectedAt)+"#"+rep.DistributionID, rep)
}

// lastDriftReport loads the current report, a zero one (version 0) when there is none.
func (d Deps) lastDriftReport(ctx context.Context, distributionID string) (DriftReport, error) {
	rep, err := load[DriftReport](ctx, d.Store, kindDriftReport, distributionID)
	if errors.Is(err, domain.ErrNotFound) {
		return DriftReport{DistributionID: distributionID}, nil
	}
	if err != nil {
		return DriftReport{}, fmt.Errorf("drift report of %s: %w", distributionID, err)
	}
	return rep, nil
}
