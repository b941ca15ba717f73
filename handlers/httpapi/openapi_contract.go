package httpapi

import "strings"

// completeContract adds to the assembled document what holds for every route by construction,
// so that a fragment (or a route added later) cannot leave it out:
//   - every request object that lists its properties is closed (additionalProperties: false),
//     because decode rejects unknown fields everywhere;
//   - every operation that takes an Idempotency-Key documents the 400 for a malformed key.
func completeContract(doc map[string]any) {
	schemas := map[string]any{}
	if c, ok := doc["components"].(map[string]any); ok {
		schemas, _ = c["schemas"].(map[string]any)
	}
	closed := map[string]bool{}
	paths, _ := doc["paths"].(map[string]any)
	for _, item := range paths {
		for _, op := range asMap(item) {
			o := asMap(op)
			if o == nil {
				continue
			}
			if body := asMap(asMap(asMap(o["requestBody"])["content"])["application/json"]); body != nil {
				closeObjects(body["schema"], schemas, closed)
			}
			if takesIdempotencyKey(o) {
				responses := asMap(o["responses"])
				if responses != nil && responses["400"] == nil {
					responses["400"] = map[string]any{"$ref": "#/components/responses/Error"}
				}
			}
		}
	}
}

func takesIdempotencyKey(op map[string]any) bool {
	params, _ := op["parameters"].([]any)
	for _, p := range params {
		pm := asMap(p)
		if ref, _ := pm["$ref"].(string); strings.HasSuffix(ref, "/idempotencyKey") {
			return true
		}
		if name, _ := pm["name"].(string); name == "Idempotency-Key" {
			return true
		}
	}
	return false
}

// closeObjects sets additionalProperties: false on s and every object schema under it
// (following $refs into components once) that lists properties and says nothing itself.
func closeObjects(s any, schemas map[string]any, seen map[string]bool) {
	m := asMap(s)
	if m == nil {
		return
	}
	if ref, ok := m["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		if !seen[name] {
			seen[name] = true
			closeObjects(schemas[name], schemas, seen)
		}
		return
	}
	if props := asMap(m["properties"]); props != nil {
		if _, set := m["additionalProperties"]; !set {
			m["additionalProperties"] = false
		}
		for _, p := range props {
			closeObjects(p, schemas, seen)
		}
	}
	closeObjects(m["items"], schemas, seen)
	for _, k := range []string{"oneOf", "anyOf", "allOf"} {
		list, _ := m[k].([]any)
		for _, sub := range list {
			closeObjects(sub, schemas, seen)
		}
	}
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
