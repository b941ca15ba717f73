#!/usr/bin/env bash
# Prints the project's speed figures, all measured in this one run on this machine:
#  - issue 12's goals table: deployment seen, CloudFront reads, coalesced invalidations and
#    updates, throttles (virtual time on the real worker, store and rate-limited simulator,
#    each next to today's behaviour in the same run), then the accept path against GET /healthz,
#  - per-request execution time and size of each generated edge function (one Node process),
#  - token verification, and the embedded store and queue.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS=-buildvcs=false
run() { go test -run '^$' -bench "$1" -benchtime "$2" "$3" 2>&1 | grep -E '^Benchmark|^(ok|FAIL)|panic|Error' || true; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go test -run '^$' -bench '^BenchmarkAcceptPath$' -benchtime 2000x ./cmd/cfm-local >"$tmp/accept" 2>&1 || true
go test -run '^$' -bench '^BenchmarkGoals$' -benchtime 1x -timeout 20m ./cmd/cfm-local >"$tmp/goals" 2>&1 || true
echo "== issue 12 goals (one run)"
grep -E '^\|' "$tmp/goals" || { echo "goals benchmark failed:"; grep -E 'FAIL|panic|Error' "$tmp/goals"; }
# The accept row: POST /api/distributions vs GET /healthz, both at c=32 on the same server.
awk '
  /^BenchmarkAcceptPath\/api\/c=32/     { for (i = 1; i < NF; i++) { if ($(i+1) == "req/s") api = $i; if ($(i+1) == "p99-µs") apip99 = $i } }
  /^BenchmarkAcceptPath\/healthz\/c=32/ { for (i = 1; i < NF; i++) { if ($(i+1) == "req/s") hz = $i; if ($(i+1) == "p99-µs") hzp99 = $i } }
  END {
    if (api == "" || hz == "") { print "| accept path c=32 | | benchmark failed |"; exit }
    ratio = api / hz; met = (ratio >= 0.25 && apip99 <= 10000) ? "met" : "NOT met"
    printf "| POST /api/distributions at c=32 vs GET /healthz (real time, fsync on) | 1 340 vs 16 444 req/s = 0.08, p99 43.6 ms (issue, another run) | %.0f vs %.0f req/s = %.2f, p99 %.1f ms (healthz p99 %.1f ms); goal >= 0.25 with p99 <= 10 ms: %s |\n", api, hz, ratio, apip99 / 1000, hzp99 / 1000, met
  }' "$tmp/accept"
echo
echo "== accept path: POST /api/distributions on loopback (api), GET /healthz, bare net/http (ceiling)"
grep -E '^Benchmark|^(ok|FAIL)' "$tmp/accept" || true
grep -E '^goal ' "$tmp/goals" || true
echo
echo "== generated edge functions: per-request time in one Node process, code and zip sizes"
run BenchmarkGeneratedFunctions 20000x ./edge
echo
echo "== token verification (every API request)"
run . 2000x ./adapters/jwtauth
echo
echo "== embedded store and queue (fsync on every commit)"
run . 500x ./adapters/local/store
run . 500x ./adapters/local/queue
echo
echo "== web console: gzipped JavaScript and first paint on loopback (headless Chromium)"
make -s console-deps chromium >/dev/null
(cd console && node scripts/bench.mjs)
