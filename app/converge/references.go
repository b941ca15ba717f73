package converge

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cloudfront-manager/cfm/domain"
)

// lambdaOACName names the product's Origin Access Control of origin type lambda, shared by
// every Lambda function URL origin.
func (w Worker) lambdaOACName() string {
	return strings.Trim(firstNonEmptyString(w.Prefix, "cfm"), "-") + "-lambda-url"
}

// resolveReferences returns the config CloudFront gets for the desired cfg: the response
// headers policies behind its cfm: references are ensured (found by name, else created) and
// the Lambda function URL OAC too, and their ids replace the references. Every call is
// idempotent by name, so a retried pass repeats them harmlessly.
func (w Worker) resolveReferences(ctx context.Context, cfg domain.DistributionConfig) (domain.DistributionConfig, error) {
	specs := domain.ResponseHeadersSpecs(cfg, w.Policy, w.Prefix)
	ids := map[string]string{}
	if len(specs) > 0 && w.Cloud.HeaderPols == nil {
		return domain.DistributionConfig{}, domain.Permanent(errors.New("response headers policies are not configured"))
	}
	for _, ref := range slices.Sorted(maps.Keys(specs)) {
		id, err := w.Cloud.HeaderPols.EnsureResponseHeadersPolicy(ctx, specs[ref])
		if err != nil {
			return domain.DistributionConfig{}, fmt.Errorf("ensure response headers policy %s: %w", specs[ref].Name, err)
		}
		ids[ref] = id
	}
	oac := ""
	if domain.UsesLambdaURLOAC(cfg) {
		if w.Cloud.LambdaOAC == nil {
			return domain.DistributionConfig{}, domain.Permanent(errors.New("the Lambda function URL origin access control is not configured"))
		}
		var err error
		if oac, err = w.Cloud.LambdaOAC.EnsureLambdaOriginAccessControl(ctx, w.lambdaOACName()); err != nil {
			return domain.DistributionConfig{}, fmt.Errorf("ensure origin access control %s: %w", w.lambdaOACName(), err)
		}
	}
	out, err := domain.ResolveReferences(cfg, ids, oac)
	if err != nil {
		return domain.DistributionConfig{}, domain.Permanent(err)
	}
	return out, nil
}

// syncTags brings the distribution's user tags to desired: TagResource for what is missing or
// different, UntagResource for user tags no longer wanted. The product's own tags (ManagedBy,
// cfm:…) are never touched.
func (w Worker) syncTags(ctx context.Context, arn string, desired map[string]string) error {
	if w.Cloud.Tagger == nil || arn == "" {
		return nil
	}
	live, err := w.Cloud.Tagger.ListTags(ctx, arn)
	if err != nil {
		return fmt.Errorf("list tags of %s: %w", arn, err)
	}
	set := map[string]string{}
	for k, v := range desired {
		if cur, ok := live[k]; !ok || cur != v {
			set[k] = v
		}
	}
	var remove []string
	for k := range domain.UserTags(live) {
		if _, keep := desired[k]; !keep {
			remove = append(remove, k)
		}
	}
	slices.Sort(remove)
	if len(set) > 0 {
		if err := w.Cloud.Tagger.TagResource(ctx, arn, set); err != nil {
			return fmt.Errorf("tag %s: %w", arn, err)
		}
	}
	if len(remove) > 0 {
		if err := w.Cloud.Tagger.UntagResource(ctx, arn, remove); err != nil {
			return fmt.Errorf("untag %s: %w", arn, err)
		}
	}
	return nil
}

// withoutTags is cfg as CloudFront's DistributionConfig holds it (tags live apart).
func withoutTags(cfg domain.DistributionConfig) domain.DistributionConfig {
	cfg.Tags = nil
	return cfg
}

// deleteUnusedHeaderPolicies deletes the CORS and custom response headers policies of a
// deleted distribution: ResponseHeadersPolicyInUse (ErrConflict) means another distribution
// shares the definition, so the policy stays; an absent one is done. The security-headers
// preset is shared by every distribution and never deleted here.
func (w Worker) deleteUnusedHeaderPolicies(ctx context.Context, d domain.Distribution, _ *run) error {
	if w.Cloud.HeaderPols == nil {
		return nil
	}
	specs := domain.ResponseHeadersSpecs(d.Config, w.Policy, w.Prefix)
	for _, ref := range []string{domain.ResponseHeadersCORSRef, domain.ResponseHeadersCustomRef} {
		spec, ok := specs[ref]
		if !ok {
			continue
		}
		err := w.Cloud.HeaderPols.DeleteResponseHeadersPolicy(ctx, spec.Name)
		switch {
		case err == nil, errors.Is(err, domain.ErrNotFound):
		case errors.Is(err, domain.ErrConflict):
			w.Logger().InfoContext(ctx, "response headers policy still in use; kept", "policy", spec.Name, "distribution", d.ID)
		default:
			return fmt.Errorf("delete response headers policy %s: %w", spec.Name, err)
		}
	}
	return nil
}
