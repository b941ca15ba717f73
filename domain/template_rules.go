package domain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// DefaultTemplateCategory is the category of a template saved without one (the seed's default).
const DefaultTemplateCategory = "General"

// Limits of a template's descriptive fields.
const (
	maxTemplateDescription = 1024
	maxTemplateCategory    = 64
	maxTemplateFeatures    = 20
	maxTemplateFeature     = 32
)

// Template probe: when a template is saved its config is planned now, under a dummy name and
// caller reference, so a template that can never produce a valid distribution is rejected at
// save time instead of at every apply.
const (
	TemplateProbeName      = "template-check"
	TemplateProbeReference = "template-check"
	TemplateProbeDistID    = "dist-template-check"
	// templatePlaceholderBucket stands in for the origins of a template that has none.
	templatePlaceholderBucket = "cfm-template-placeholder"
)

// NormalizeTemplate trims the descriptive fields, defaults the category and drops what the
// product sets itself (CallerReference is the create operation's id).
func NormalizeTemplate(t *Template) {
	t.Name = strings.TrimSpace(t.Name)
	t.Category = strings.TrimSpace(t.Category)
	if t.Category == "" {
		t.Category = DefaultTemplateCategory
	}
	t.Config.CallerReference = ""
	for i, f := range t.Features {
		t.Features[i] = strings.TrimSpace(f)
	}
}

// ValidateTemplateFields checks name, description and category (not the config: see
// TemplateProbe). Every offending field is named.
func ValidateTemplateFields(t Template) error {
	v := &ValidationError{}
	validateName(v, "name", t.Name)
	if len([]rune(t.Description)) > maxTemplateDescription {
		v.Add("description", "must be at most %d characters", maxTemplateDescription)
	}
	if msg := TemplateCategoryProblem(t.Category); msg != "" {
		v.Add("category", "%s", msg)
	}
	validateTemplateFeatures(v, t.Features)
	return v.OrNil()
}

// validateTemplateFeatures: at most maxTemplateFeatures labels, each 1-maxTemplateFeature
// letters, digits, spaces, '-', '_', '.', '+' or '/', no label twice (ignoring case).
func validateTemplateFeatures(v *ValidationError, features []string) {
	if len(features) > maxTemplateFeatures {
		v.Add("features", "must hold at most %d labels", maxTemplateFeatures)
		return
	}
	seen := map[string]int{}
	for i, f := range features {
		field := fmt.Sprintf("features[%d]", i)
		switch {
		case f == "":
			v.Add(field, "must not be empty")
		case len([]rune(f)) > maxTemplateFeature:
			v.Add(field, "must be at most %d characters", maxTemplateFeature)
		case strings.ContainsFunc(f, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" -_.+/", r)
		}):
			v.Add(field, "may hold only letters, digits, spaces, '-', '_', '.', '+' and '/'")
		default:
			if j, dup := seen[strings.ToLower(f)]; dup {
				v.Add(field, "repeats features[%d]", j)
			}
			seen[strings.ToLower(f)] = i
		}
	}
}

// TemplateCategoryProblem says why c is not a usable category, or "" when it is: 1-64
// letters, digits, spaces, '-', '_' or '.'.
func TemplateCategoryProblem(c string) string {
	switch {
	case c == "":
		return "must not be empty"
	case len([]rune(c)) > maxTemplateCategory:
		return fmt.Sprintf("must be at most %d characters", maxTemplateCategory)
	case strings.ContainsFunc(c, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" -_.", r)
	}):
		return "may hold only letters, digits, spaces, '-', '_' and '.'"
	}
	return ""
}

// TemplateProbe returns the distribution request a template is planned with when it is saved.
//
// Rule for templates without origins: they are allowed, because the apply overrides may bring
// the origins. Such a template is planned with one placeholder origin (id = the template's
// DefaultCacheBehavior.TargetOriginId, or "template-origin"), returned as a managed origin so
// that a RequireOAC policy holds; every other setting is checked as is. A template with
// origins, or a multi-origin template, is planned exactly as an apply without overrides
// would be (placeholder == nil).
func TemplateProbe(t Template) (req DistributionRequest, placeholder *ManagedOrigin) {
	req = DistributionRequest{Name: TemplateProbeName, IsMultiOrigin: t.MultiOriginConfig != nil,
		MultiOriginConfig: t.MultiOriginConfig, Config: t.Config}
	if t.MultiOriginConfig != nil || (t.Config.Origins != nil && len(t.Config.Origins.Items) > 0) {
		return req, nil
	}
	id := "template-origin"
	if b := t.Config.DefaultCacheBehavior; b != nil && b.TargetOriginId != "" {
		id = b.TargetOriginId
	}
	ph := &ManagedOrigin{ID: PrefixOrigin + "template-check", BucketName: templatePlaceholderBucket,
		Region: "us-east-1", OACID: "template-check", Status: OriginActive}
	req.Config.Origins = &Origins{Quantity: 1, Items: []Origin{{Id: id, DomainName: ph.RegionalDomain()}}}
	return req, ph
}

// MergeTemplateConfig deep-merges the apply overrides (a partial DistributionConfig as JSON)
// over a template's config: objects merge key by key, any other value present in the
// overrides (strings, numbers, booleans, lists, and null, which clears) replaces the
// template's. Unknown fields and wrong types in the overrides are a ValidationError naming
// "config.<field>".
func MergeTemplateConfig(base DistributionConfig, overrides []byte) (DistributionConfig, error) {
	overrides = bytes.TrimSpace(overrides)
	if len(overrides) == 0 || bytes.Equal(overrides, []byte("null")) {
		return base, nil
	}
	var over map[string]any
	if err := decodeNumbers(overrides, &over); err != nil || over == nil {
		return DistributionConfig{}, Invalid("config", "must be a JSON object")
	}
	if err := decodeConfigStrict(overrides, &DistributionConfig{}); err != nil {
		return DistributionConfig{}, err
	}
	raw, err := json.Marshal(base)
	if err != nil {
		return DistributionConfig{}, fmt.Errorf("encode template config: %w", err)
	}
	var merged map[string]any
	if err := decodeNumbers(raw, &merged); err != nil {
		return DistributionConfig{}, fmt.Errorf("decode template config: %w", err)
	}
	deepMerge(merged, over)
	if raw, err = json.Marshal(merged); err != nil {
		return DistributionConfig{}, fmt.Errorf("encode merged config: %w", err)
	}
	var out DistributionConfig
	if err := decodeConfigStrict(raw, &out); err != nil {
		return DistributionConfig{}, err
	}
	return out, nil
}

func deepMerge(dst, src map[string]any) {
	for k, v := range src {
		sv, srcIsObject := v.(map[string]any)
		dv, dstIsObject := dst[k].(map[string]any)
		if srcIsObject && dstIsObject {
			deepMerge(dv, sv)
			continue
		}
		dst[k] = v
	}
}

func decodeNumbers(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return dec.Decode(v)
}

// decodeConfigStrict decodes a DistributionConfig, naming the offending field on failure.
func decodeConfigStrict(raw []byte, out *DistributionConfig) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(out)
	if err == nil {
		if dec.More() {
			return Invalid("config", "must be a single JSON object")
		}
		return nil
	}
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ):
		field := "config"
		if typ.Field != "" {
			field += "." + typ.Field
		}
		return Invalid(field, "must be a %s", typ.Type.String())
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return Invalid("config."+strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "is not a known field")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return Invalid("config", "must be a JSON object")
	}
	return Invalid("config", "is not a valid DistributionConfig: %v", err)
}
