#!/usr/bin/env bash
# Prints the project's speed figures, all measured in this one run on this machine:
#  - the accept path of POST /api/distributions vs a bare net/http handler (c=1 and c=32),
#  - per-request execution time and size of each generated edge function (one Node process),
#  - token verification, and the embedded store and queue.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS=-buildvcs=false
run() { go test -run '^$' -bench "$1" -benchtime "$2" "$3" 2>&1 | grep -E '^Benchmark|^(ok|FAIL)|panic|Error' || true; }
echo "== accept path: POST /api/distributions on loopback (api) vs bare net/http (ceiling)"
run BenchmarkAcceptPath 2000x ./cmd/cfm-local
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
