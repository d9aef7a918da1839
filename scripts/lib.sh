# Shared by scripts/*.sh: small steps that make a bare machine ready. Sourced, not run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PNPM_VERSION=12.21.0
export NEXT_TELEMETRY_DISABLED=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

say() { printf '\033[1m▸ %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  is_root || die "missing $*; install it (sudo apt-get install $*) or run this script as root"
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_node() {
  command -v node >/dev/null || die "Node.js 20.19+ is required (apt-get install nodejs, or nvm)"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    die "Node.js 20.19+ is required; this is $(node --version)"
}

ensure_pnpm() {
  if command -v pnpm >/dev/null && [ "$(pnpm --version)" = "$PNPM_VERSION" ]; then return; fi
  say "installing pnpm $PNPM_VERSION"
  if ! npm install -g --silent "pnpm@$PNPM_VERSION" 2>/dev/null; then
    npm install -g --silent --prefix "$HOME/.local" "pnpm@$PNPM_VERSION"
    export PATH="$HOME/.local/bin:$PATH"
  fi
}

# One .env at the repo root, read by web, worker and CLI; a fresh AUTH_SECRET per machine.
ensure_env_file() {
  if [ ! -f "$ROOT/.env" ]; then
    say "writing .env from .env.example"
    local secret
    secret=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')
    sed "s|^AUTH_SECRET=.*|AUTH_SECRET=$secret|" "$ROOT/.env.example" >"$ROOT/.env"
  fi
  # Like every Dangol process: a variable already set in the environment wins over .env.
  local line name
  while IFS= read -r line || [ -n "$line" ]; do
    [[ "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    name=${BASH_REMATCH[1]}
    [ -n "${!name+x}" ] || export "$name=${BASH_REMATCH[2]}"
  done <"$ROOT/.env"
}

ensure_dependencies() {
  say "installing dependencies"
  (cd "$ROOT" && pnpm install --frozen-lockfile --reporter=append-only | tail -n 3)
  (cd "$ROOT" && pnpm --silent db:generate >/dev/null)
}

# Browser tests drive Debian's Chromium (Playwright never downloads one); Korean needs a CJK font.
ensure_browser() {
  [ -x /usr/bin/chromium ] || { say "installing Chromium (apt)"; apt_install chromium; }
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || { say "installing Korean fonts (apt)"; apt_install fonts-noto-cjk; }
}

# The association-rule tests check against Weka's Apriori too: Debian's weka on a headless JRE.
ensure_weka() {
  if [ ! -f /usr/share/java/weka.jar ] || ! command -v java >/dev/null; then
    say "installing Weka (apt)"
    apt_install default-jre-headless weka
  fi
}

migrate_and_seed() {
  say "applying migrations"
  (cd "$ROOT" && pnpm --silent dangol db migrate)
  say "seeding the demo users and analytics settings (the demo's data comes through the ETL)"
  (cd "$ROOT" && pnpm --silent dangol db seed --no-demo-retailer)
}
