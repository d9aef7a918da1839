#!/usr/bin/env bash
# README line 1: from a fresh clone to the running web app and worker, with the demo filled
# through the real path: generated demo-scale feeds loaded by the ETL workers (progress on /data).
# Ctrl-C stops everything.
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/setup.sh"
ensure_env_file

# Deterministic (seed 1): reused when an earlier run finished writing it (the manifest comes last).
DEMO_DELIVERY="$ROOT/.data/demo-delivery"
if [[ ! -f "$DEMO_DELIVERY/delivery_manifest.json" ]]; then
  say "generating the demo delivery (50,000 people, a year of DPT / MART / SM feeds)"
  rm -rf "$DEMO_DELIVERY"
  (cd "$ROOT" && pnpm --silent dangol generate --scale demo --seed 1 --out "$DEMO_DELIVERY" >/dev/null)
fi
say "building the web app"
(cd "$ROOT" && pnpm --filter @dangol/web build >/dev/null)

pids=()
stop() { for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done; wait; }
trap stop EXIT INT TERM
set -m
(cd "$ROOT" && exec pnpm --filter @dangol/worker start) & pids+=($!)
(cd "$ROOT" && exec pnpm --filter @dangol/web start) & pids+=($!)
# The delivery goes through `dangol etl run` like any other (already loaded files are reported as
# duplicates and change nothing); the store account is added once its store master is in.
(
  cd "$ROOT" &&
    pnpm --silent dangol etl run "$DEMO_DELIVERY" >"$ROOT/.data/demo-load.log" 2>&1 &&
    pnpm --silent dangol db seed --no-demo-retailer >>"$ROOT/.data/demo-load.log" 2>&1 &&
    echo "▸ demo delivery loaded (.data/demo-load.log)"
) & pids+=($!)
set +m
say "Dangol: http://localhost:${PORT:-3000}  (demo sign-ins in README.md; the demo loads in the background: /data shows it; worker health: http://127.0.0.1:${WORKER_HEALTH_PORT:-3101}/health)"
wait -n "${pids[0]}" "${pids[1]}"
