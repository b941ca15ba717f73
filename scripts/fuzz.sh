#!/usr/bin/env bash
# Fuzzes the API from its own OpenAPI document with the project's pinned Schemathesis: every
# check (schemathesis.toml lists the accepted exceptions, each with its reason), all phases
# including the stateful one, as admin, developer and viewer, against a cfm-local started here
# on a free loopback port with fast simulated-cloud timings. It covers whatever the document
# lists. Usage: scripts/fuzz.sh <seconds per run>   (two runs per role; make test: 30, make fuzz: 300)
set -uo pipefail
budget=${1:-45}
root=$(cd "$(dirname "$0")/.." && pwd)
st=$root/.venv/bin/schemathesis
work=$(mktemp -d "${TMPDIR:-/tmp}/cfm-fuzz.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$root" && go build -o "$work/cfm-local" ./cmd/cfm-local) || exit 1
CFM_ADDR=127.0.0.1:$port CFM_DATA_DIR=$work/data CFM_SIM_DEPLOY_SECONDS=0.2 CFM_SIM_INVALIDATION_SECONDS=0.2 \
  CFM_SIM_REPLICA_SECONDS=0.5 CFM_POLL_INITIAL=100ms "$work/cfm-local" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

token() {
  curl -sf "$base/local/token" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"groups\":[\"$2\"]}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

status=0
start=$(date +%s)
export PYTHONPATH=$root/scripts SCHEMATHESIS_HOOKS=fuzz_hooks
# Per role, two runs of <budget> seconds each: the stateless phases (examples, coverage,
# fuzzing), then the stateful phase alone, so the coverage phase cannot eat the workflows' time.
for role in admins:fuzz-admin developers:fuzz-dev viewers:fuzz-viewer; do
  group=${role%%:*} user=${role##*:}
  tok=$(token "$user" "$group") || { echo "fuzz: no token for $group"; exit 1; }
  for phases in examples,coverage,fuzzing stateful; do
    out=$work/$group-${phases%%,*}.out
    for attempt in 1 2; do
      "$st" --config-file "$root/schemathesis.toml" run "$base/api/openapi.json" \
        --phases "$phases" --max-time "$budget" --workers 1 \
        -H "Authorization: Bearer $tok" --no-color >"$out" 2>&1
      rc=$?
      # The one accepted flake (schemathesis.toml): a CPython error inside Schemathesis' own
      # code generation, with no failure found. Only then is the run repeated, once.
      if [ "$rc" -ne 0 ] && [ "$attempt" -eq 1 ] && ! grep -q '^Failures:' "$out" &&
        grep -q 'SystemError: AST constructor recursion depth mismatch' "$out"; then
        echo "schemathesis as $group ($phases): internal CPython error in Schemathesis, no failure found; running again"
        continue
      fi
      break
    done
    summary=$(grep -E '^=+ .* in [0-9.]+s =+$' "$out" | tail -1)
    cases=$(grep -E '^  [0-9]+ generated' "$out" | tail -1 | sed 's/^ *//')
    extra=
    if [ "$phases" = stateful ]; then
      extra=" | $(grep -E '^ +Scenarios:' "$out" | tail -1 | sed 's/^ *//'), $(grep -E '^ +API Links:' "$out" | tail -1 | sed 's/^ *//')"
    fi
    echo "schemathesis as $group ($phases): ${cases:-?}$extra | ${summary:-no summary} (exit $rc)"
    if [ "$rc" -ne 0 ]; then status=1; cat "$out"; fi
  done
done
echo "schemathesis: $(( $(date +%s) - start )) s for three roles, two runs each"
if grep -qiE 'panic|fatal error' "$work/server.log"; then echo "fuzz: the server logged a panic"; cat "$work/server.log"; status=1; fi
exit $status
