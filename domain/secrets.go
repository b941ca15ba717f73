package domain

import (
	"strings"
)

// SecretMask replaces a secret (an origin custom header's value) wherever a config or a
// change leaves the product: API answers, dry-run diffs, drift reports, events and logs. The
// applied config keeps the value; an update that sends the mask back keeps the stored one.
const SecretMask = "********"

// MaskSecrets returns c with every origin custom header value replaced by SecretMask.
func MaskSecrets(c DistributionConfig) DistributionConfig {
	if c.Origins == nil {
		return c
	}
	origins := *c.Origins
	origins.Items = make([]Origin, len(c.Origins.Items))
	for i, o := range c.Origins.Items {
		if o.CustomHeaders != nil {
			h := *o.CustomHeaders
			h.Items = make([]OriginCustomHeader, len(o.CustomHeaders.Items))
			for j, it := range o.CustomHeaders.Items {
				h.Items[j] = OriginCustomHeader{HeaderName: it.HeaderName, HeaderValue: SecretMask}
			}
			o.CustomHeaders = &h
		}
		origins.Items[i] = o
	}
	c.Origins = &origins
	return c
}

// MaskChanges masks the secrets in a list of changes: a changed header value shows as
// SecretMask on both sides, and so does every header value inside a changed subtree.
func MaskChanges(changes []Change) []Change {
	out := make([]Change, len(changes))
	for i, ch := range changes {
		if strings.HasSuffix(ch.Path, ".HeaderValue") && strings.Contains(ch.Path, "CustomHeaders") {
			ch.From, ch.To = maskValue(ch.From), maskValue(ch.To)
		} else {
			ch.From, ch.To = maskTree(ch.From), maskTree(ch.To)
		}
		out[i] = ch
	}
	return out
}

func maskValue(v any) any {
	if v == nil {
		return nil
	}
	return SecretMask
}

// maskTree replaces every "HeaderValue" in a JSON-shaped tree.
func maskTree(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			if k == "HeaderValue" {
				out[k] = maskValue(x)
				continue
			}
			out[k] = maskTree(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = maskTree(x)
		}
		return out
	}
	return v
}

// RestoreSecrets puts the stored value back into every header of next whose value is the
// mask, taking it from the same origin (by id) and header (by name, any case) of prev. A mask
// with no stored value behind it stays, and validation refuses it.
func RestoreSecrets(next *DistributionConfig, prev DistributionConfig) {
	if next.Origins == nil || prev.Origins == nil {
		return
	}
	stored := map[string]string{}
	for _, o := range prev.Origins.Items {
		if o.CustomHeaders == nil {
			continue
		}
		for _, h := range o.CustomHeaders.Items {
			stored[o.Id+"\x00"+strings.ToLower(h.HeaderName)] = h.HeaderValue
		}
	}
	for i := range next.Origins.Items {
		o := &next.Origins.Items[i]
		if o.CustomHeaders == nil {
			continue
		}
		items := make([]OriginCustomHeader, len(o.CustomHeaders.Items))
		for j, h := range o.CustomHeaders.Items {
			if v, ok := stored[o.Id+"\x00"+strings.ToLower(h.HeaderName)]; ok && h.HeaderValue == SecretMask {
				h.HeaderValue = v
			}
			items[j] = h
		}
		headers := *o.CustomHeaders
		headers.Items = items
		o.CustomHeaders = &headers
	}
}
