#!/usr/bin/env bash
# A production install works: a clone of HEAD with `npm ci --omit=dev` (no development packages)
# starts `motcua serve` (it answers /api/v1/health) and `motcua worker` (it keeps running).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/motcua-prod-XXXXXX)"
# As root the embedded PostgreSQL runs as a system user, which must reach its folder.
chmod 755 "$work"
cleanup() {
  [ -n "${serve_pid:-}" ] && kill "$serve_pid" 2>/dev/null || true
  [ -n "${worker_pid:-}" ] && kill "$worker_pid" 2>/dev/null || true
  sleep 2
  rm -rf "$work"
}
trap cleanup EXIT
# Health through Node (no curl needed): prints the answer, fails on anything but 200.
health() {
  node -e 'fetch(process.argv[1],{signal:AbortSignal.timeout(2000)}).then(async r=>{console.log(await r.text());process.exit(r.ok?0:1)},()=>process.exit(1))' \
    "http://127.0.0.1:$PORT/api/v1/health"
}
git clone -q "$repo" "$work/app"
cd "$work/app"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
export PORT=3987 MOTCUA_PG_PORT=55987 MOTCUA_STANDINS_PORT=3988 MOTCUA_DATA_DIR="$work/data"
export MOTCUA_DEMO_DOSSIERS=200 LOG_LEVEL=warn
mkdir -p "$MOTCUA_DATA_DIR" && chmod 755 "$MOTCUA_DATA_DIR"
node bin/motcua.js serve > "$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 180); do
  if health > /dev/null; then break; fi
  if ! kill -0 "$serve_pid" 2>/dev/null; then cat "$work/serve.log"; echo "production install: serve exited" >&2; exit 1; fi
  sleep 1
done
health || { cat "$work/serve.log"; echo "production install: no health answer" >&2; exit 1; }
node bin/motcua.js worker > "$work/worker.log" 2>&1 &
worker_pid=$!
sleep 8
if ! kill -0 "$worker_pid" 2>/dev/null; then cat "$work/worker.log"; echo "production install: worker exited" >&2; exit 1; fi
echo "production install: serve and worker run without development packages"
