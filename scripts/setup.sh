#!/usr/bin/env bash
# Clone → ready to run: services, pnpm, dependencies, .env, migrations, demo data.
source "$(dirname "$0")/lib.sh"
ensure_node
ensure_pnpm
bash "$ROOT/scripts/services.sh"
ensure_env_file
ensure_dependencies
# Once more after the install: on a fresh machine maildev arrives with the dependencies.
bash "$ROOT/scripts/mail-catcher.sh" || true
migrate_and_seed
