#!/usr/bin/env bash
# The development SMTP catcher: every campaign e-mail and query-result mail lands in a web inbox
# instead of going out. SMTP on 127.0.0.1:1025 (SMTP_URL=smtp://127.0.0.1:1025), inbox on :8025.
# Mailpit with docker compose where an engine runs, else the npm maildev from the workspace's
# devDependencies. Optional: whatever goes wrong here only says so (campaign e-mail then fails
# over to its retries), it never fails setup. Idempotent.
source "$(dirname "$0")/lib.sh"
set +e

smtp_up() { (exec 3<>/dev/tcp/127.0.0.1/1025) 2>/dev/null; }
if smtp_up; then exit 0; fi

if [ "${DANGOL_DOCKER:-auto}" != never ] && command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  say "starting the SMTP catcher (Mailpit): inbox http://127.0.0.1:8025"
  (cd "$ROOT" && docker compose up -d mailpit) || say "Mailpit did not start; e-mail has no catcher"
  exit 0
fi

MAILDEV="$ROOT/node_modules/.bin/maildev"
if [ ! -x "$MAILDEV" ]; then
  say "no SMTP catcher yet (maildev comes with pnpm install; run scripts/mail-catcher.sh afterwards)"
  exit 0
fi
mkdir -p /tmp/dangol-maildev
say "starting the SMTP catcher (maildev): inbox http://127.0.0.1:8025/index.html"
nohup "$MAILDEV" --smtp 1025 --web 8025 --ip 127.0.0.1 >/tmp/dangol-maildev/maildev.log 2>&1 &
for _ in $(seq 1 20); do smtp_up && break; sleep 0.5; done
smtp_up || say "maildev did not come up on 127.0.0.1:1025; see /tmp/dangol-maildev/maildev.log"
exit 0
