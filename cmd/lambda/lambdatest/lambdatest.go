// Package lambdatest supports the Lambda binaries' tests: resources of their own on the moto
// server with the environment of docs/aws-resources.md pointing at them, a token issuer with a
// JWKS URL (a test key set), and the event fixtures under the repository's testdata/.
package lambdatest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/adapters/aws/dynamo"
	"github.com/cloudfront-manager/cfm/adapters/aws/eventbus"
	"github.com/cloudfront-manager/cfm/adapters/aws/sqsqueue"
	"github.com/cloudfront-manager/cfm/adapters/local/identity"
)

// Audience is the app client id the test tokens are issued for.
const Audience = "cfm-lambda-test"

// Env creates a table, queues and a bus on moto for t and returns the environment of every
// binary (api, worker, watch, sweeper) pointing at them, JWT settings included.
func Env(t testing.TB, iss *Issuer) map[string]string {
	t.Helper()
	ctx := context.Background()
	cfg := awstest.Config(t)
	name := awstest.Name(t, "cfm")
	if err := dynamo.CreateTable(ctx, awsconfig.NewDynamoDB(cfg), name); err != nil {
		t.Fatalf("create table: %v", err)
	}
	urls, err := sqsqueue.CreateQueues(ctx, awsconfig.NewSQS(cfg), name)
	if err != nil {
		t.Fatalf("create queues: %v", err)
	}
	if _, err := eventbus.CreateBus(ctx, awsconfig.NewEventBridge(cfg), name); err != nil {
		t.Fatalf("create bus: %v", err)
	}
	return map[string]string{
		"CFM_AWS_ENDPOINT_URL": awstest.Endpoint(t), "AWS_REGION": awstest.Region,
		"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
		"CFM_TABLE_NAME": name, "CFM_COMMAND_QUEUE_URL": urls.Commands, "CFM_POLL_QUEUE_URL": urls.Polls,
		"CFM_COMMAND_DLQ_URL": urls.CommandsDLQ, "CFM_POLL_DLQ_URL": urls.PollsDLQ,
		"CFM_EVENT_BUS_NAME": name, "CFM_EDGE_ROLE_ARN": "arn:aws:iam::123456789012:role/cfm-edge",
		"CFM_WORKER_ROLE_ARN": "arn:aws:iam::123456789012:role/cfm-worker-role-1A2B3C4D5E6F",
		"CFM_JWT_ISSUER":      iss.Issuer, "CFM_JWT_AUDIENCE": Audience, "CFM_JWKS_URL": iss.JWKSURL,
	}
}

// Setenv sets env for the rest of t.
func Setenv(t *testing.T, env map[string]string) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
}

// Issuer issues Cognito-shaped ID tokens signed by a test key set served at JWKSURL.
type Issuer struct {
	Issuer, JWKSURL string
	p               *identity.Provider
}

// NewIssuer starts a loopback JWKS server with a fresh key set.
func NewIssuer(t testing.TB) *Issuer {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	p, err := identity.Open(t.TempDir(), srv.URL+"/pool", Audience)
	if err != nil {
		t.Fatalf("test identity provider: %v", err)
	}
	mux.Handle("GET /pool/.well-known/jwks.json", p.JWKSHandler())
	return &Issuer{Issuer: p.Issuer(), JWKSURL: srv.URL + "/pool/.well-known/jwks.json", p: p}
}

// Token returns an ID token for user in groups, valid for an hour.
func (i *Issuer) Token(t testing.TB, user string, groups ...string) string {
	t.Helper()
	tok, err := i.p.Issue(user, groups, time.Hour)
	if err != nil {
		t.Fatalf("issue token: %v", err)
	}
	return tok
}

// Fixture reads testdata/<rel> at the repository root, replacing each "{{KEY}}" by vars[KEY].
func Fixture(t testing.TB, rel string, vars map[string]string) []byte {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..")
	raw, err := os.ReadFile(filepath.Join(root, "testdata", rel))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	s := string(raw)
	for k, v := range vars {
		s = strings.ReplaceAll(s, "{{"+k+"}}", v)
	}
	if i := strings.Index(s, "{{"); i >= 0 {
		t.Fatalf("fixture %s: unreplaced placeholder at %q", rel, s[i:min(len(s), i+20)])
	}
	return []byte(s)
}
