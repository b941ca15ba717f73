#!/usr/bin/env bash
# Runs a command with a moto server (the AWS wire protocol on loopback) and exports its URL as
# CFM_TEST_AWS_ENDPOINT:   scripts/with-moto.sh go test ./adapters/aws/...
# Works from a clean clone: creates the pinned virtualenv with `make moto` when it is missing.
# The server runs without the caller's AWS_* variables (moto answers 500 under some of them),
# on a free loopback port (retried if taken), and stops when the command ends or is interrupted.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
moto="$root/.venv/bin/moto_server"

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi
if [ ! -x "$moto" ]; then
  echo "with-moto: $moto missing, creating it (make moto)" >&2
  make -C "$root" --no-print-directory moto >&2
fi

# python3 is needed for the virtualenv anyway; it also probes ports and readiness (no curl).
py="$root/.venv/bin/python3"
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ready() {
  "$py" - "$1" <<'PY' 2>/dev/null
import sys, urllib.request
try:
    sys.exit(0 if urllib.request.urlopen(sys.argv[1] + "/moto-api/", timeout=1).status == 200 else 1)
except Exception:
    sys.exit(1)
PY
}

pid=""
log="$(mktemp)"
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

unset_aws=()
while IFS= read -r name; do unset_aws+=(-u "$name"); done < <(compgen -e | grep '^AWS_' || true)

url=""
for _ in 1 2 3; do
  port="$(free_port)"
  env "${unset_aws[@]}" "$moto" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do # up to 60 s: a cold start on a busy machine is slow
    if ready "http://127.0.0.1:$port"; then url="http://127.0.0.1:$port"; break 2; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi # exited (port taken?): try another port
    sleep 0.2
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
done
if [ -z "$url" ]; then
  cat "$log" >&2
  echo "with-moto: moto server did not start" >&2
  exit 1
fi

export CFM_TEST_AWS_ENDPOINT="$url"
"$@"
