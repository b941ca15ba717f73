package cloud

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

var viewerProtocolPolicies = []string{"allow-all", "https-only", "redirect-to-https"}

// validateDistribution checks what CloudFront checks before accepting a config. self is the
// distribution being updated ("" on create). Rejections are *domain.PermanentError.
func (c *Cloud) validateDistribution(tx *bolt.Tx, self string, cfg domain.DistributionConfig) error {
	r := &rejections{}
	bad := r.add
	if cfg.Enabled == nil {
		bad("MissingBody", "Enabled is required")
	}
	if len(cfg.Comment) > 128 {
		bad("InvalidArgument", "Comment is longer than 128 characters")
	}
	origins := originIDs(cfg)
	targets := append(slices.Clone(origins), validateOriginGroups(cfg, origins, bad)...) // distribution_validate_sites.go
	if len(origins) == 0 {
		bad("InvalidArgument", "at least one origin is required")
	}
	validateErrorResponses(cfg, bad)
	for _, o := range originsOf(cfg) {
		// 0 = omitted: CloudFront applies its defaults (3 attempts, 10 seconds).
		if o.ConnectionAttempts < 0 || o.ConnectionAttempts > 3 {
			bad("InvalidArgument", "origin %s: ConnectionAttempts must be 1-3", o.Id)
		}
		if o.ConnectionTimeout < 0 || o.ConnectionTimeout > 10 {
			bad("InvalidArgument", "origin %s: ConnectionTimeout must be 1-10", o.Id)
		}
		if o.OriginAccessControlId == "" {
			continue
		}
		if oac, ok, err := getJSON[oacRecord](tx, bktOACs, o.OriginAccessControlId); err != nil {
			return err
		} else if !ok {
			bad("NoSuchOriginAccessControl", "origin %s: origin access control %s does not exist", o.Id, o.OriginAccessControlId)
		} else if want := oacOriginType(o); oac.originType() != want && (want == "lambda" || oac.originType() == "lambda") {
			bad("IllegalOriginAccessConfiguration", "origin %s: origin access control %s is of origin type %s, the origin needs %s", o.Id, oac.ID, oac.originType(), want)
		}
	}
	if b := cfg.DefaultCacheBehavior; b == nil {
		bad("InvalidArgument", "DefaultCacheBehavior is required")
	} else {
		if !slices.Contains(targets, b.TargetOriginId) {
			bad("NoSuchOrigin", "DefaultCacheBehavior.TargetOriginId %q names no origin or origin group", b.TargetOriginId)
		}
		if !slices.Contains(viewerProtocolPolicies, b.ViewerProtocolPolicy) {
			bad("InvalidArgument", "ViewerProtocolPolicy %q is not one of %v", b.ViewerProtocolPolicy, viewerProtocolPolicies)
		}
		if err := c.validateEdgeFunctions(tx, b, bad); err != nil {
			return err
		}
	}
	validateOriginKinds(cfg, bad)
	if err := validateResponseHeadersPolicies(tx, cfg, bad); err != nil { // response_headers_policies.go
		return err
	}
	validateRestrictions(cfg, bad)
	if err := c.validatePathBehaviors(tx, cfg, targets, bad); err != nil {
		return err
	}
	c.validateViewerCertificate(cfg, bad)
	if err := c.validateAliasesUnique(tx, self, cfg, r); err != nil {
		return err
	}
	if len(r.errs) > 0 {
		return domain.Permanent(errors.Join(r.errs...))
	}
	return nil
}

// rejections collects every reason a config is refused, as CloudFront reports the first one
// but a developer wants them all.
type rejections struct{ errs []error }

func (r *rejections) add(code, format string, args ...any) {
	r.errs = append(r.errs, fmt.Errorf(code+": "+format, args...))
}

func originsOf(cfg domain.DistributionConfig) []domain.Origin {
	if cfg.Origins == nil {
		return nil
	}
	return cfg.Origins.Items
}

func originIDs(cfg domain.DistributionConfig) []string {
	var ids []string
	for _, o := range originsOf(cfg) {
		ids = append(ids, o.Id)
	}
	return ids
}

func (c *Cloud) validateEdgeFunctions(tx *bolt.Tx, b *domain.CacheBehavior, bad func(string, string, ...any)) error {
	for _, l := range lambdaAssociations(b) {
		name, version, ok := c.parseLambdaVersionARN(l.LambdaFunctionARN)
		if !ok {
			bad("InvalidLambdaFunctionAssociation", "%s is not a numbered version of a Lambda function in us-east-1 of this account", l.LambdaFunctionARN)
			continue
		}
		fn, found, err := getJSON[lambdaRecord](tx, bktLambdas, name)
		if err != nil {
			return err
		}
		if !found || version < 1 || version > fn.LastVersion {
			bad("InvalidLambdaFunctionAssociation", "the function %s does not exist", l.LambdaFunctionARN)
		}
	}
	if b.FunctionAssociations == nil {
		return nil
	}
	for _, f := range b.FunctionAssociations.Items {
		name, ok := strings.CutPrefix(f.FunctionARN, c.functionARN(""))
		if !ok {
			bad("InvalidFunctionAssociation", "%s is not a CloudFront Function ARN of this account", f.FunctionARN)
			continue
		}
		fn, found, err := getJSON[cfFunctionRecord](tx, bktCFFunctions, name)
		if err != nil {
			return err
		}
		if !found || !fn.Published {
			bad("InvalidFunctionAssociation", "the function %s does not exist or is not published", f.FunctionARN)
		}
	}
	return nil
}

func (c *Cloud) validateViewerCertificate(cfg domain.DistributionConfig, bad func(string, string, ...any)) {
	var aliases []string
	if cfg.Aliases != nil {
		aliases = cfg.Aliases.Items
	}
	vc := cfg.ViewerCertificate
	if vc == nil || vc.ACMCertificateArn == "" {
		if len(aliases) > 0 {
			bad("InvalidViewerCertificate", "aliases %v need a custom SSL certificate", aliases)
		}
		return
	}
	cert, ok := c.certificate(vc.ACMCertificateArn)
	if !ok || cert.Status != "ISSUED" {
		bad("InvalidViewerCertificate", "the certificate %s does not exist or is not issued", vc.ACMCertificateArn)
		return
	}
	for _, a := range aliases {
		if !cert.Covers(a) {
			bad("InvalidViewerCertificate", "the certificate %s does not cover the alias %s", vc.ACMCertificateArn, a)
		}
	}
}

func (c *Cloud) validateAliasesUnique(tx *bolt.Tx, self string, cfg domain.DistributionConfig, r *rejections) error {
	if cfg.Aliases == nil || len(cfg.Aliases.Items) == 0 {
		return nil
	}
	return eachJSON(tx, bktDistributions, "", func(id string, d distRecord) error {
		if id == self || d.Config.Aliases == nil {
			return nil
		}
		for _, a := range cfg.Aliases.Items {
			if slices.ContainsFunc(d.Config.Aliases.Items, func(b string) bool { return strings.EqualFold(a, b) }) {
				r.errs = append(r.errs, fmt.Errorf("CNAMEAlreadyExists: the alias %s is already used by distribution %s: %w", a, id, domain.ErrConflict))
			}
		}
		return nil
	})
}

// validateErrorResponses checks custom error responses as CloudFront does: known error codes,
// each once, a page path with a response code.
func validateErrorResponses(cfg domain.DistributionConfig, bad func(code, format string, args ...any)) {
	r := cfg.CustomErrorResponses
	if r == nil {
		return
	}
	if r.Quantity != len(r.Items) {
		bad("InconsistentQuantities", "CustomErrorResponses.Quantity %d does not match %d items", r.Quantity, len(r.Items))
	}
	seen := map[int]bool{}
	for _, it := range r.Items {
		if !slices.Contains(domain.ErrorCodes, it.ErrorCode) || seen[it.ErrorCode] {
			bad("InvalidArgument", "CustomErrorResponse ErrorCode %d is unknown or repeated", it.ErrorCode)
		}
		seen[it.ErrorCode] = true
		if (it.ResponsePagePath == "") != (it.ResponseCode == "") {
			bad("InvalidArgument", "CustomErrorResponse %d: ResponsePagePath and ResponseCode go together", it.ErrorCode)
		}
	}
}
