package httpapi

import (
	"sort"
	"strings"
)

// completeContract adds to the assembled document what holds for every route by construction,
// so that a fragment (or a route added later) cannot leave it out:
//   - every request object that lists its properties is closed (additionalProperties: false),
//     because decode rejects unknown fields everywhere;
//   - every status the shared code answers is documented (documentStatuses);
//   - the values the code defines (edge presets, CloudFront's value sets) are enums
//     (contract_enums.go);
//   - every answer that carries a resource or an operation links to the routes that read and
//     change it (resourceLinks), so stateful clients follow real workflows.
func completeContract(doc map[string]any) {
	schemas := map[string]any{}
	if c, ok := doc["components"].(map[string]any); ok {
		schemas, _ = c["schemas"].(map[string]any)
	}
	fillEnums(schemas)
	throttled := "#/components/responses/Error"
	if asMap(asMap(doc["components"])["responses"])["Throttled"] != nil {
		throttled = "#/components/responses/Throttled" // with its Retry-After header
	}
	closed := map[string]bool{}
	paths, _ := doc["paths"].(map[string]any)
	for path, item := range paths {
		for method, op := range asMap(item) {
			o := asMap(op)
			if o == nil || method == "parameters" {
				continue
			}
			if body := asMap(asMap(asMap(o["requestBody"])["content"])["application/json"]); body != nil {
				closeObjects(body["schema"], schemas, closed)
			}
			documentStatuses(o, strings.Contains(path, "{"), throttled)
			addLinks(o, schemas)
		}
	}
}

// documentStatuses adds the error answers every route of a kind can give:
//   - 401 (no or bad token), 403 (role: gate, method_gate.go), 429 (the store or a cloud call
//     throttled; the Throttled answer with Retry-After when the document defines it) and 503
//     (a deadline passed) on every route;
//   - 404 on every route with a path parameter (no such resource, or not the caller's);
//   - 400, 413 (over maxBody) and 415 (not JSON) on every route with a body;
//   - 400 on every route with a query or header parameter (each is checked);
//   - 400 (malformed key) and 409 (the key reused with another body) on every route that
//     takes an Idempotency-Key.
func documentStatuses(op map[string]any, hasPathParam bool, throttled string) {
	responses := asMap(op["responses"])
	if responses == nil {
		return
	}
	add := func(codes ...string) {
		for _, c := range codes {
			if responses[c] == nil {
				responses[c] = map[string]any{"$ref": "#/components/responses/Error"}
			}
		}
	}
	if responses["429"] == nil {
		responses["429"] = map[string]any{"$ref": throttled}
	}
	add("401", "403", "503")
	if hasPathParam {
		add("404")
	}
	if op["requestBody"] != nil {
		add("400", "413", "415")
	}
	params, _ := op["parameters"].([]any)
	if len(params) > 0 {
		add("400")
	}
	if takesIdempotencyKey(op) {
		add("400", "409")
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

// resourceLink names, for a member of a success answer's data, the field holding its id and
// the operations that take that id as their path parameter.
type resourceLink struct {
	idField string
	param   string
	targets []string
}

// resourceLinks is the table of OpenAPI links: a data member (an object, or a list whose first
// item is followed) → the routes that read and change what it names.
var resourceLinks = map[string]resourceLink{
	"distribution":  {"id", "id", []string{"getDistribution", "getDistributionStatus", "getDistributionHistory", "updateDistribution", "invalidateDistribution", "deleteDistribution"}},
	"distributions": {"id", "id", []string{"getDistribution"}},
	"origin":        {"originId", "id", []string{"getOrigin", "updateOrigin", "deleteOrigin"}},
	"origins":       {"originId", "id", []string{"getOrigin"}},
	"function":      {"functionId", "id", []string{"getEdgeFunction", "deleteEdgeFunction"}},
	"functions":     {"functionId", "id", []string{"getEdgeFunction"}},
	"template":      {"templateId", "id", []string{"getTemplate", "updateTemplate", "applyTemplate", "deleteTemplate"}},
	"templates":     {"templateId", "id", []string{"getTemplate"}},
	"certificates":  {"certificateArn", "arn", []string{"getCertificate"}},
	"operations":    {"id", "id", []string{"getOperation"}},
	// An operation: itself, and the resource it works on (a distribution, origin or edge
	// function: the ones of another type answer 404).
	"operation": {"id", "id", []string{"getOperation"}},
}

// operationResourceTargets are the routes an operation's resourceId may name.
var operationResourceTargets = []string{"getDistribution", "getOrigin", "getEdgeFunction"}

// addLinks declares, on every 2xx answer whose data carries a member of resourceLinks, a link
// per target operation with the id taken from the answer.
func addLinks(op map[string]any, schemas map[string]any) {
	self, _ := op["operationId"].(string)
	for code, r := range asMap(op["responses"]) {
		resp := asMap(r)
		if !strings.HasPrefix(code, "2") || resp == nil {
			continue
		}
		data := dataProperties(asMap(asMap(asMap(resp["content"])["application/json"])["schema"]), schemas)
		links := map[string]any{}
		names := make([]string, 0, len(data))
		for name := range data {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			l, ok := resourceLinks[name]
			if !ok {
				continue
			}
			pointer := "#/data/" + name + "/" + l.idField
			if asMap(data[name])["type"] == "array" {
				pointer = "#/data/" + name + "/0/" + l.idField
			}
			for _, target := range l.targets {
				if target == self {
					continue
				}
				links[target] = map[string]any{"operationId": target,
					"parameters": map[string]any{l.param: "$response.body" + pointer}}
			}
			if name == "operation" && self == "getOperation" {
				for _, target := range operationResourceTargets {
					links[target] = map[string]any{"operationId": target,
						"parameters": map[string]any{"id": "$response.body#/data/operation/resourceId"}}
				}
			}
		}
		if len(links) > 0 && resp["links"] == nil {
			resp["links"] = links
		}
	}
}

// dataProperties returns the properties of a success answer's data member ({} when there is
// none), looking through allOf and one $ref.
func dataProperties(s map[string]any, schemas map[string]any) map[string]any {
	if ref, ok := s["$ref"].(string); ok {
		s = asMap(schemas[strings.TrimPrefix(ref, "#/components/schemas/")])
	}
	if data := asMap(asMap(s["properties"])["data"]); data != nil {
		if ref, ok := data["$ref"].(string); ok {
			data = asMap(schemas[strings.TrimPrefix(ref, "#/components/schemas/")])
		}
		return asMap(data["properties"])
	}
	list, _ := s["allOf"].([]any)
	for _, sub := range list {
		if p := dataProperties(asMap(sub), schemas); len(p) > 0 {
			return p
		}
	}
	return nil
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
