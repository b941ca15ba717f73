#!/usr/bin/env bash
# Runs a command with a moto server on a free loopback port; exports CFM_TEST_AWS_ENDPOINT.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
log="$(mktemp)"
"$root/.venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$port/moto-api/" >/dev/null 2>&1; then break; fi
  if ! kill -0 $pid 2>/dev/null; then cat "$log"; echo "moto server did not start" >&2; exit 1; fi
  sleep 0.2
done
export CFM_TEST_AWS_ENDPOINT="http://127.0.0.1:$port"
"$@"
