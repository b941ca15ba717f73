package events_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/domain"
	"github.com/cloudfront-manager/cfm/events"
	"github.com/cloudfront-manager/cfm/events/schemas"
)

// typeConstants reads every exported Type* string constant declared in this package's source,
// so that a new event type without a schema fails here even if nobody lists it.
func typeConstants(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	out := map[string]string{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			for i, name := range vs.Names {
				if !strings.HasPrefix(name.Name, "Type") || i >= len(vs.Values) {
					continue
				}
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					v, err := strconv.Unquote(lit.Value)
					require.NoError(t, err)
					out[name.Name] = v
				}
			}
			return true
		})
	}
	return out
}

func TestEveryEventTypeHasASchemaAndEverySchemaAType(t *testing.T) {
	consts := typeConstants(t)
	require.NotEmpty(t, consts)
	require.Contains(t, consts, "TypeDistributionDrifted", "the source scan must find the known constants")
	want := map[string]bool{}
	for name, typ := range consts {
		for v := 1; v <= events.EventVersion; v++ { // shipped versions stay, for subscribers
			file := schemas.FileName(typ, v)
			want[file] = true
			_, err := schemas.Document(typ, v)
			assert.NoError(t, err, "%s = %q has no schema file %s", name, typ, file)
		}
	}
	for _, file := range schemas.Names() {
		assert.True(t, want[file], "schema %s belongs to no Type constant", file)
	}
}

func TestEmittedEventsValidate(t *testing.T) {
	v, err := schemas.NewValidator()
	require.NoError(t, err)
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		typ    string
		detail any
	}{
		{"operation succeeded with result", events.TypeOperationSucceeded, events.OperationSucceeded{Version: events.EventVersion,
			OperationID: "op-0123456789abcdef", Kind: string(domain.OpCreateDistribution), ResourceType: "distribution",
			ResourceID: "dist-0123456789abcdef", Actor: "alice", Result: map[string]string{"cloudfrontId": "E2QWRUHAPOMQZL"}}},
		{"operation succeeded without result", events.TypeOperationSucceeded, events.OperationSucceeded{Version: events.EventVersion,
			OperationID: "op-0123456789abcdef", Kind: "DeleteOrigin", ResourceType: "origin", ResourceID: "origin-01", Actor: "bob"}},
		{"operation failed", events.TypeOperationFailed, events.OperationFailed{Version: events.EventVersion, OperationID: "op-0123456789abcdef",
			Kind: "CreateDistribution", ResourceType: "distribution", ResourceID: "dist-0123456789abcdef", Actor: "alice",
			Error: "operation passed its deadline"}},
		{"distribution deployed", events.TypeDistributionDeployed, events.DistributionDeployed{Version: events.EventVersion,
			DistributionID: "dist-0123456789abcdef", CloudFrontID: "E2QWRUHAPOMQZL", DomainName: "d111111abcdef8.cloudfront.net",
			ARN: "arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL", OperationID: "op-0123456789abcdef"}},
		{"distribution deleted", events.TypeDistributionDeleted, events.DistributionDeleted{Version: events.EventVersion,
			DistributionID: "dist-0123456789abcdef", CloudFrontID: "E2QWRUHAPOMQZL", OperationID: "op-0123456789abcdef"}},
		{"distribution drifted with changes", events.TypeDistributionDrifted, events.DistributionDrifted{Version: events.EventVersion,
			DistributionID: "dist-0123456789abcdef", CloudFrontID: "E2QWRUHAPOMQZL", EventName: "UpdateDistribution",
			Actor:   "arn:aws:sts::123456789012:assumed-role/Admin/mallory",
			Changes: []domain.Change{{Path: "Comment", From: "site", To: "hacked"}, {Path: "Enabled", From: true, To: false}, {Path: "Aliases.Items[1]", To: "x.example.com"}}}},
		{"distribution drifted by delete", events.TypeDistributionDrifted, events.DistributionDrifted{Version: events.EventVersion,
			DistributionID: "dist-0123456789abcdef", CloudFrontID: "E2QWRUHAPOMQZL", EventName: "DeleteDistribution", Actor: "root"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ev := events.New(tc.typ, "k", at, tc.detail)
			assert.NoError(t, v.Validate(ev.Type, ev.Detail))
			var got map[string]any
			require.NoError(t, json.Unmarshal(ev.Detail, &got))
			assert.Equal(t, tc.typ+":k", got["eventId"], "the stable event id is in the detail")
			assert.Equal(t, ev.ID, got["eventId"])
		})
	}
}

func TestSchemasRejectBadDetails(t *testing.T) {
	v, err := schemas.NewValidator()
	require.NoError(t, err)
	cases := []struct {
		name   string
		typ    string
		detail string
		want   string
	}{
		{"missing field", events.TypeOperationFailed, `{"version":1,"operationId":"op-01","kind":"k","resourceType":"distribution","resourceId":"dist-01","actor":"a"}`, "error"},
		{"unknown field", events.TypeDistributionDeleted, `{"version":1,"distributionId":"dist-01","operationId":"op-01","extra":true}`, "extra"},
		{"wrong type", events.TypeOperationSucceeded, `{"version":1,"operationId":"op-01","kind":"k","resourceType":"r","resourceId":"x","actor":"a","result":{"n":1}}`, "result"},
		{"bad id", events.TypeDistributionDeployed, `{"version":1,"distributionId":"d-1","cloudfrontId":"E1","domainName":"x","arn":"arn:aws:cloudfront::123456789012:distribution/E1","operationId":"op-01"}`, "distributionId"},
		{"missing event id", events.TypeDistributionDeleted, `{"version":2,"distributionId":"dist-01","operationId":"op-01"}`, "eventId"},
		{"foreign event id", events.TypeDistributionDeleted, `{"version":2,"eventId":"operation.failed:op-01","distributionId":"dist-01","operationId":"op-01"}`, "eventId"},
		{"unknown version", events.TypeDistributionDrifted, `{"version":3,"distributionId":"dist-01","cloudfrontId":"E1","eventName":"x","actor":"a"}`, "no schema"},
		{"unknown type", "distribution.exploded", `{"version":1}`, "no schema"},
		{"not an object", events.TypeDistributionDeleted, `[1]`, "not a JSON object"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := v.Validate(tc.typ, []byte(tc.detail))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
