#!/usr/bin/env bash
# README line 1: from a fresh clone to the running web app (with demo data) and worker.
# Ctrl-C stops both.
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/setup.sh"
ensure_env_file
say "building the web app"
(cd "$ROOT" && pnpm --filter @dangol/web build >/dev/null)

pids=()
stop() { for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done; wait; }
trap stop EXIT INT TERM
set -m
(cd "$ROOT" && exec pnpm --filter @dangol/worker start) & pids+=($!)
(cd "$ROOT" && exec pnpm --filter @dangol/web start) & pids+=($!)
set +m
say "Dangol: http://localhost:${PORT:-3000}  (demo sign-ins in README.md; worker health: http://127.0.0.1:${WORKER_HEALTH_PORT:-3101}/health)"
wait -n
