#!/usr/bin/env bash
# README line 2 and .ci/run: the whole suite on a bare machine — lint, types, schema drift,
# unit, integration (real Postgres and Redis, a fresh database per run) and browser e2e.
source "$(dirname "$0")/lib.sh"
ensure_node
ensure_pnpm
bash "$ROOT/scripts/services.sh"
ensure_env_file
ensure_browser
ensure_weka
ensure_dependencies
cd "$ROOT"
reports=$(mktemp -d)

say "lint"; pnpm lint
say "typecheck"; pnpm typecheck
say "schema drift (prisma/schema.prisma vs prisma/migrations)"; pnpm --silent dangol db check
say "unit tests"; pnpm exec vitest run --project unit --reporter=default --reporter=json --outputFile.json="$reports/unit.json"
say "integration tests"; pnpm exec vitest run --project integration --reporter=default --reporter=json --outputFile.json="$reports/integration.json"
say "browser end-to-end tests (builds the web app first)"; PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" pnpm test:e2e

node -e '
  const fs = require("fs"); let passed = 0, failed = 0, skipped = 0;
  for (const f of ["unit", "integration"]) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f + ".json", "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  }
  const e = JSON.parse(fs.readFileSync(process.argv[1] + "/e2e.json", "utf8")).stats;
  passed += e.expected; failed += e.unexpected + e.flaky; skipped += e.skipped;
  console.log(`tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$reports"
