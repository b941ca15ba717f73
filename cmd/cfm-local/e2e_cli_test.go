package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/cli/commands"
)

// The cfm command line against the whole local system in this process: every command, its
// output formats and exit codes, through the generated client and the real HTTP API.

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/cli")

// cliUser runs cfm commands with its own config dir (profiles and token cache).
type cliUser struct {
	t    *testing.T
	api  string
	dir  string
	env  map[string]string
	seen *syncBuffer // everything every command printed, searched for tokens at the end
}

type cliResult struct {
	code           int
	stdout, stderr string
}

func newCLIUser(t *testing.T, api string, seen *syncBuffer) *cliUser {
	return &cliUser{t: t, api: api, dir: t.TempDir(), env: map[string]string{"CFM_API_URL": api}, seen: seen}
}

// run executes cfm with args the way main does, with output captured and fast polling.
func (u *cliUser) run(args ...string) cliResult {
	return u.runWith(commands.Env{}, args...)
}

func (u *cliUser) runWith(env commands.Env, args ...string) cliResult {
	u.t.Helper()
	var out, errOut bytes.Buffer
	if env.Stdout == nil {
		env.Stdout = &out
	}
	if env.Stderr == nil {
		env.Stderr = &errOut
	}
	env.ConfigDir = u.dir
	env.Getenv = func(k string) string { return u.env[k] }
	env.PollInterval = 20 * time.Millisecond
	code := commands.Execute(context.Background(), args, env)
	_, _ = u.seen.Write(out.Bytes())
	_, _ = u.seen.Write(errOut.Bytes())
	return cliResult{code: code, stdout: out.String(), stderr: errOut.String()}
}

// ok runs a command that must succeed and returns its standard output.
func (u *cliUser) ok(args ...string) string {
	u.t.Helper()
	r := u.run(args...)
	require.Equal(u.t, commands.ExitOK, r.code, "cfm %s\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.stdout, r.stderr)
	return r.stdout
}

// json runs a command with -o json and decodes what it printed.
func (u *cliUser) json(args ...string) map[string]any {
	u.t.Helper()
	out := u.ok(append(args, "-o", "json")...)
	var v map[string]any
	require.NoError(u.t, json.Unmarshal([]byte(out), &v), out)
	return v
}

// file writes a request body for -f.
func (u *cliUser) file(name string, body any) string {
	u.t.Helper()
	b, err := json.Marshal(body)
	require.NoError(u.t, err)
	path := filepath.Join(u.t.TempDir(), name)
	require.NoError(u.t, os.WriteFile(path, b, 0o600))
	return path
}

// token is the cached ID token of the default profile.
func (u *cliUser) token() string {
	u.t.Helper()
	b, err := os.ReadFile(filepath.Join(u.dir, "tokens", "default.json"))
	require.NoError(u.t, err)
	var tok struct {
		IDToken string `json:"idToken"`
	}
	require.NoError(u.t, json.Unmarshal(b, &tok))
	require.NotEmpty(u.t, tok.IDToken)
	return tok.IDToken
}

// syncBuffer is a buffer several goroutines write to (the system logs from its workers).
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// captureLogs sends the system's logs to buf for the test's duration.
func captureLogs(t *testing.T, buf io.Writer) {
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(prev) })
}

// assertNoToken fails when any part of a token shows in text.
func assertNoToken(t *testing.T, text string, tokens ...string) {
	t.Helper()
	for _, tok := range tokens {
		parts := strings.Split(tok, ".")
		require.Len(t, parts, 3)
		assert.NotContains(t, text, tok, "a token was printed or logged")
		assert.NotContains(t, text, parts[2], "a token's signature was printed or logged")
	}
}

var (
	reOpID      = regexp.MustCompile(`op-[0-9a-f]{16}`)
	reDistID    = regexp.MustCompile(`dist-[0-9a-f]{16}`)
	reCFID      = regexp.MustCompile(`\bE[A-Z0-9]{13}\b`)
	reElapsed   = regexp.MustCompile(`\d+(\.\d+)?s\b|\d+m\d\ds\b`)
	reANSI      = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)
	reOriginID  = regexp.MustCompile(`origin-[0-9a-f]{16}`)
	reDomain    = regexp.MustCompile(`\bd[a-z0-9]+\.cloudfront\.net\b`)
	reTimestamp = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z`)
)

// normalize replaces what differs between runs (ids, durations) with placeholders.
func normalize(s string) string {
	s = reOpID.ReplaceAllString(s, "op-ID")
	s = reDistID.ReplaceAllString(s, "dist-ID")
	s = reOriginID.ReplaceAllString(s, "origin-ID")
	s = reCFID.ReplaceAllString(s, "E-ID")
	s = reDomain.ReplaceAllString(s, "DOMAIN")
	s = reTimestamp.ReplaceAllString(s, "TIME")
	return reElapsed.ReplaceAllString(s, "T")
}

// golden compares got with testdata/cli/name (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "cli", name)
	if *updateGolden {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file: go test ./cmd/cfm-local -run %s -update", t.Name())
	assert.Equal(t, string(want), got, "golden %s (go test ./cmd/cfm-local -run %s -update)", path, t.Name())
}

const exampleSite = "../../examples/site.json"

func TestCLISignInAndSessions(t *testing.T) {
	var seen syncBuffer
	captureLogs(t, &seen)
	_, anon := startLocal(t, t.TempDir())
	alice := newCLIUser(t, anon.base, &seen)

	r := alice.run("distributions", "list")
	assert.Equal(t, commands.ExitAuth, r.code, "not signed in")
	assert.Contains(t, r.stderr, "run cfm login")

	out := alice.ok("login", "--local", "alice", "--groups", "developers")
	assert.Regexp(t, `^Signed in to http://127\.0\.0\.1:\d+ as alice \(developers\) on profile default until `, out)
	info, err := os.Stat(filepath.Join(alice.dir, "tokens", "default.json"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the token cache is the user's only")
	info, err = os.Stat(filepath.Join(alice.dir, "tokens"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), info.Mode().Perm())
	tok := alice.token()

	who := alice.ok("whoami")
	assert.Contains(t, who, "alice")
	assert.Contains(t, who, "developers")

	// Profiles: a second profile signs in as someone else; CFM_PROFILE and --profile select it.
	alice.ok("login", "--profile", "ops", "--local", "root", "--groups", "admins")
	assert.Contains(t, alice.ok("whoami", "--profile", "ops"), "root")
	alice.env["CFM_PROFILE"] = "ops"
	assert.Contains(t, alice.ok("whoami"), "admins")
	delete(alice.env, "CFM_PROFILE")
	assert.Contains(t, alice.ok("whoami"), "alice", "the default profile is unchanged")

	// The API URL comes from --api-url, else CFM_API_URL, else the profile's.
	delete(alice.env, "CFM_API_URL")
	r = alice.run("distributions", "list", "--api-url", "http://127.0.0.1:1")
	assert.Equal(t, commands.ExitFailed, r.code, "nothing listens there: %s", r.stderr)
	alice.ok("login", "--local", "alice", "--groups", "developers", "--api-url", anon.base)
	alice.ok("distributions", "list")
	alice.env["CFM_API_URL"] = anon.base

	// A viewer is signed in but may not create: 3 as well.
	viewer := newCLIUser(t, anon.base, &seen)
	viewer.ok("login", "--local", "victor", "--groups", "viewers")
	r = viewer.run("distributions", "create", "-f", exampleSite)
	assert.Equal(t, commands.ExitAuth, r.code, r.stderr)
	assert.Contains(t, r.stderr, "403 forbidden")

	// A pipeline passes its token in CFM_TOKEN instead of signing in.
	ci := newCLIUser(t, anon.base, &seen)
	assert.Equal(t, commands.ExitAuth, ci.run("distributions", "list").code)
	ci.env["CFM_TOKEN"] = tok
	ci.ok("distributions", "list")
	ci.env["CFM_TOKEN"] = "not-a-token"
	r = ci.run("distributions", "list")
	assert.Equal(t, commands.ExitAuth, r.code, "401")
	assert.Contains(t, r.stderr, "401 unauthenticated")

	assert.Contains(t, alice.ok("logout"), "Signed out")
	assert.Equal(t, commands.ExitAuth, alice.run("distributions", "list").code)
	assert.Equal(t, commands.ExitAuth, alice.run("whoami").code)

	assertNoToken(t, seen.String(), tok, viewer.token())
}

func TestCLIDistributions(t *testing.T) {
	var seen syncBuffer
	captureLogs(t, &seen)
	_, anon := startLocal(t, t.TempDir())
	alice := newCLIUser(t, anon.base, &seen)
	alice.ok("login", "--local", "alice", "--groups", "developers")

	// A retried create with the same file returns the same operation.
	first := alice.json("distributions", "create", "-f", exampleSite)
	again := alice.json("distributions", "create", "-f", exampleSite)
	opID := dig(first, "operation", "id").(string)
	assert.Equal(t, opID, dig(again, "operation", "id"), "the Idempotency-Key is derived from the command and the file")
	distID := dig(first, "distribution", "id").(string)
	assert.Len(t, dig(alice.json("distributions", "list"), "distributions").([]any), 1)
	// --idempotency-key overrides the derived key: another operation (and a 409 when reused
	// with another body).
	other := alice.json("distributions", "create", "-f", exampleSite, "--idempotency-key", "ci-run-1")
	assert.NotEqual(t, opID, dig(other, "operation", "id"))
	alice.ok("operations", "wait", dig(other, "operation", "id").(string))
	r := alice.run("distributions", "create", "-f", alice.file("other.json", seedCreateBody("other")), "--idempotency-key", "ci-run-1")
	assert.Equal(t, commands.ExitRefused, r.code, "same key, other body: %s", r.stderr)
	assert.Contains(t, r.stderr, "409")

	// operations wait follows it; -o json is exactly the API's data.
	waited := alice.json("operations", "wait", opID)
	assert.Equal(t, "Succeeded", dig(waited, "operation", "status"))
	got := alice.json("operations", "get", opID)
	assert.Equal(t, waited, got)

	// Shell completion of ids, from the API.
	assert.Regexp(t, `(?m)^`+distID+`\tmy-site \(Deployed\)$`, alice.ok("__complete", "distributions", "get", ""))
	assert.Contains(t, alice.ok("__complete", "operations", "wait", ""), opID+"\tCreateDistribution "+distID)

	// Reads, in every format.
	table := alice.ok("distributions", "list")
	assert.Regexp(t, `(?m)^ID\s+NAME\s+STATUS\s+DOMAIN\s+OWNER\s+CREATED$`, table)
	assert.Regexp(t, `(?m)^`+distID+`\s+my-site\s+Deployed\s+d[a-z0-9]+\.cloudfront\.net\s+alice\s`, table)
	yaml := alice.ok("distributions", "get", distID, "-o", "yaml")
	assert.Contains(t, yaml, "distribution:\n  id: "+distID+"\n")
	assert.Regexp(t, `status:\s+Deployed`, alice.ok("distributions", "get", distID))
	assert.Regexp(t, `progress:\s+100%`, alice.ok("distributions", "status", distID))
	assert.EqualValues(t, 100, dig(alice.json("distributions", "status", distID), "deploymentProgress"))
	hist := alice.ok("distributions", "history", distID, "--limit", "1")
	assert.Regexp(t, `(?m)^\S+\s+Deployed\s+alice\s+op-`, hist)
	assert.Contains(t, hist, "More: --cursor ", "a full page says how to read the next")
	ops := alice.ok("operations", "list", "--resource", distID)
	assert.Contains(t, ops, opID)
	assert.Len(t, dig(alice.json("operations", "list", "--actor", "alice", "--status", "Succeeded"), "operations").([]any), 2)

	// Update: --dry-run prints the diff (no colour without a terminal) and writes nothing.
	change := alice.file("change.json", map[string]any{"config": map[string]any{"PriceClass": "PriceClass_200", "Comment": "v2"}})
	diff := alice.ok("distributions", "update", distID, "-f", change, "--dry-run")
	golden(t, "update-dry-run.golden", diff)
	assert.Equal(t, "PriceClass_100", dig(alice.json("distributions", "get", distID), "distribution", "config", "PriceClass"))
	plan := alice.json("distributions", "update", distID, "-f", change, "--dry-run")
	assert.Len(t, plan["changes"], 2)
	created := alice.ok("distributions", "create", "-f", exampleSite, "--dry-run")
	assert.Contains(t, created, "+ ", "a create's plan lists what it sets")
	out := alice.ok("distributions", "update", distID, "-f", change, "--wait")
	assert.Regexp(t, `status:\s+Succeeded`, out)
	assert.Regexp(t, `distribution `+distID+` Deployed d[a-z0-9]+\.cloudfront\.net`, out)
	assert.Equal(t, "PriceClass_200", dig(alice.json("distributions", "get", distID), "distribution", "config", "PriceClass"))
	noop := alice.file("noop.json", map[string]any{"config": map[string]any{"PriceClass": "PriceClass_200"}})
	assert.Contains(t, alice.ok("distributions", "update", distID, "-f", noop, "--wait"), "no changes", "nothing to do, no operation")

	// A guardrail violation exits 4 and names the rule.
	r = alice.run("distributions", "update", distID, "-f", "../../examples/site-http.json")
	assert.Equal(t, commands.ExitRefused, r.code, r.stderr)
	assert.Contains(t, r.stderr, "422 policy_violation")
	assert.Contains(t, r.stderr, "guardrail viewerProtocolPolicies")
	assert.Contains(t, r.stderr, "config.DefaultCacheBehavior.ViewerProtocolPolicy")

	// Invalidate and wait.
	out = alice.ok("distributions", "invalidate", distID, "/index.html", "/css/*", "--wait")
	assert.Contains(t, out, "InvalidateDistribution")
	assert.Contains(t, out, "Succeeded")
	// Every mutation sends its derived key: the same invalidation again is the same operation,
	// and CFM_RUN_ID (the next pipeline run) makes it a new one.
	inv := reOpID.FindString(out)
	assert.Equal(t, inv, dig(alice.json("distributions", "invalidate", distID, "/index.html", "/css/*"), "operation", "id"))
	alice.env["CFM_RUN_ID"] = "run-2"
	next := alice.json("distributions", "invalidate", distID, "/index.html", "/css/*", "--wait")
	assert.NotEqual(t, inv, dig(next, "operation", "id"))
	delete(alice.env, "CFM_RUN_ID")

	// Delete and wait: the distribution ends Deleted.
	out = alice.ok("distributions", "delete", distID, "--wait", "-o", "yaml")
	assert.Contains(t, out, "kind: DeleteDistribution")
	assert.Contains(t, out, "status: Succeeded")
	assert.Equal(t, commands.ExitFailed, alice.run("distributions", "get", "dist-0000000000000000").code, "404")

	assertNoToken(t, seen.String(), alice.token())
}

func TestCLIOriginsCertificatesEdgeFunctionsTemplates(t *testing.T) {
	var seen syncBuffer
	captureLogs(t, &seen)
	sys, anon := startLocal(t, t.TempDir())
	alice := newCLIUser(t, anon.base, &seen)
	alice.ok("login", "--local", "alice", "--groups", "developers")

	// Origins.
	created := alice.json("origins", "create", "-f", alice.file("origin.json", newOriginBody("assets", "cfm-cli-assets", "eu-central-1")), "--wait")
	assert.Equal(t, "Succeeded", dig(created, "operation", "status"))
	originID := dig(created, "operation", "resourceId").(string)
	assert.Regexp(t, `(?m)^`+originID+`\s+assets\s+cfm-cli-assets\s+eu-central-1\s+Active`, alice.ok("origins", "list"))
	assert.Regexp(t, `bucket:\s+cfm\-cli\-assets`, alice.ok("origins", "get", originID))
	alice.ok("origins", "update", originID, "-f", alice.file("rename.json", map[string]any{"name": "static assets"}), "--wait")
	assert.Equal(t, "static assets", dig(alice.json("origins", "get", originID), "origin", "name"))
	alice.ok("origins", "delete", originID, "--force", "--wait")

	// An operation that fails exits 1 and prints the reason.
	require.NoError(t, sys.Cloud.AddForeignBucket("cfm-someone-elses", "us-east-1"))
	r := alice.run("origins", "create", "-f", alice.file("foreign.json", newOriginBody("foreign", "cfm-someone-elses", "us-east-1")), "--wait")
	assert.Equal(t, commands.ExitFailed, r.code, r.stderr)
	assert.Regexp(t, `operation op-[0-9a-f]+ Failed after \S+: \S+`, r.stderr)
	assert.Regexp(t, `status:\s+Failed`, r.stdout)

	// Certificates.
	certs := dig(alice.json("certificates", "list"), "certificates").([]any)
	require.NotEmpty(t, certs)
	arn := certs[0].(map[string]any)["certificateArn"].(string)
	assert.Contains(t, alice.ok("certificates", "list"), arn)
	assert.Regexp(t, `status:\s+ISSUED`, alice.ok("certificates", "get", arn))

	// Edge functions.
	fn := seedFunctionBody("cli-routing")
	routing := seedFunctionBody("")
	delete(routing, "name")
	preview := alice.ok("edge-functions", "preview", "-f", alice.file("preview.json", routing))
	assert.Regexp(t, `preset:\s+geographic`, preview)
	assert.Contains(t, alice.ok("edge-functions", "presets"), "geographic")
	done := alice.json("edge-functions", "create", "-f", alice.file("fn.json", fn), "--wait")
	assert.Equal(t, "Succeeded", dig(done, "operation", "status"))
	fnID := dig(done, "operation", "resourceId").(string)
	assert.Contains(t, alice.ok("edge-functions", "list"), fnID)
	assert.Regexp(t, `name:\s+cli\-routing`, alice.ok("edge-functions", "get", fnID))
	alice.ok("edge-functions", "delete", fnID, "--wait")

	// Templates (written at once: no operation to wait for).
	tmpl := alice.json("templates", "create", "-f", alice.file("tmpl.json", templateBody("SPA", "Web")))
	tmplID := dig(tmpl, "template", "templateId").(string)
	assert.Contains(t, alice.ok("templates", "list", "--category", "Web"), tmplID)
	assert.NotContains(t, alice.ok("templates", "list", "--category", "Other"), tmplID)
	assert.Regexp(t, `category:\s+Web`, alice.ok("templates", "get", tmplID))
	alice.ok("templates", "update", tmplID, "-f", alice.file("tpatch.json", map[string]any{"description": "changed"}))
	assert.Equal(t, "changed", dig(alice.json("templates", "get", tmplID), "template", "description"))
	applied := alice.ok("templates", "apply", tmplID, "-f", alice.file("apply.json",
		map[string]any{"name": "from template", "config": map[string]any{"Origins": originOverride()}}), "--wait")
	assert.Regexp(t, `distribution dist-[0-9a-f]+ Deployed`, applied)
	assert.Contains(t, alice.ok("templates", "delete", tmplID), "template "+tmplID+" deleted")

	assertNoToken(t, seen.String(), alice.token())
}

func TestCLIUsageAndCompletion(t *testing.T) {
	var seen syncBuffer
	_, anon := startLocal(t, t.TempDir())
	alice := newCLIUser(t, anon.base, &seen)
	alice.ok("login", "--local", "alice", "--groups", "developers")

	for _, args := range [][]string{
		{"distributions", "create"},                       // -f is required
		{"distributions", "get"},                          // an id is required
		{"distributions", "lisst"},                        // unknown command
		{"distributions", "list", "--no-such-flag"},       // unknown flag
		{"distributions", "list", "-o", "xml"},            // unknown format
		{"distributions", "create", "-f", "/nonexistent"}, // unreadable file
		{"distributions", "invalidate", "dist-1"},         // no path
		{"operations", "wait", "op-1", "--timeout=-1s"},   // bad timeout
		{"--profile", "../x", "distributions", "list"},    // unsafe profile name
		{"distributions", "create", "-f", alice.file("bad.json", "not json")},
	} {
		r := alice.run(args...)
		assert.Equal(t, commands.ExitUsage, r.code, "cfm %v: %s", args, r.stderr)
	}
	r := alice.run("distributions", "create", "-f", alice.file("invalid.json", map[string]any{"name": "x"}))
	assert.Equal(t, commands.ExitUsage, r.code, "a 400 from the API is a usage error: %s", r.stderr)
	assert.Contains(t, r.stderr, "400 validation")

	for _, shell := range []string{"bash", "zsh", "fish"} {
		out := alice.ok("completion", shell)
		assert.Contains(t, out, "cfm", shell)
	}
	help := alice.ok("--help")
	for _, c := range []string{"distributions", "origins", "certificates", "edge-functions", "templates", "operations", "login", "Exit codes"} {
		assert.Contains(t, help, c)
	}
}
