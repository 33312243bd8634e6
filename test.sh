#!/usr/bin/env bash
# Runs every Jamcart test. On a fresh Debian machine with only the .NET SDK it first installs what the
# tests need. Ends with one line: "N passed, N failed" (", N skipped" when any were skipped).
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests use, as "need:package" pairs, installed only when the need is missing. A need is a
# command looked up on PATH, a file pattern (when it holds a "/") such as a program outside PATH, or "font:LANG" for
# any installed font that covers a language.
APT_NEEDS=(
  "/usr/lib/postgresql/*/bin/pg_ctl:postgresql"  # the storage tests start a throwaway server with it
  "chromium:chromium"                            # the browser tests drive it through Playwright
  "font:ko:fonts-nanum"                          # Korean glyphs in the browser tests' screenshots
  "npm:npm"                                      # the client's packages and tests, axe-core for the browser tests, s3rver for publishing
)

need_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

is_present() {
  if [[ "$1" == font:* ]]; then
    # A font for a language ("font:ko"), whichever package brought it.
    [ -n "$(fc-list ":lang=${1#font:}" family 2>/dev/null)" ]
  elif [[ "$1" == */* ]]; then
    compgen -G "$1" >/dev/null
  else
    command -v "$1" >/dev/null 2>&1
  fi
}

install_missing_packages() {
  local missing=()
  for pair in "${APT_NEEDS[@]+"${APT_NEEDS[@]}"}"; do
    is_present "${pair%:*}" || missing+=("${pair##*:}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    need_root apt-get update -qq
    need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

command -v dotnet >/dev/null 2>&1 || { echo "the .NET SDK 10 is required: https://dotnet.microsoft.com/download" >&2; exit 1; }
install_missing_packages

# axe-core, which the browser tests inject into pages, pinned by the test project's lock file (node_modules is ignored).
e2e=tests/Jamcart.EndToEnd.Tests
if [ ! -f "$e2e/node_modules/axe-core/axe.min.js" ] || [ "$e2e/package-lock.json" -nt "$e2e/node_modules/.package-lock.json" ]; then
  echo "installing: axe-core"
  npm ci --prefix "$e2e" --no-audit --no-fund >/dev/null
fi

results="$(pwd)/TestResults"
rm -rf "$results"
mkdir -p "$results"

# The shop's JavaScript (client/): its packages (node_modules is ignored) when missing or older than the lock file,
# the type check, then node --test, whose counts join the .NET tests' below. A failed install or check fails the run.
client_log="$results/client.log"
client_status=0
set +e
if [ ! -f client/node_modules/.package-lock.json ] || [ client/package-lock.json -nt client/node_modules/.package-lock.json ]; then
  echo "installing: client packages"
  npm ci --prefix client --no-audit --no-fund >/dev/null || { echo "client: npm ci failed" >&2; client_status=1; }
fi
if [ "$client_status" -eq 0 ]; then
  npm run --prefix client --silent check || { echo "client: the type check failed" >&2; client_status=1; }
fi
if [ "$client_status" -eq 0 ]; then
  npm test --prefix client --silent 2>&1 | tee "$client_log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || client_status=1
fi
set -e

set +e
dotnet test --solution Jamcart.slnx -c Release --results-directory "$results" --report-trx 2>&1 | tee "$results.log"
status=${PIPESTATUS[0]}
set -e

# Totals from every test project's TRX report: the runner's own summary is per project.
passed=0; failed=0; skipped=0; reports=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
rm -f "$results.log"

# node --test ends with "# pass N", "# fail N", … lines.
client_count() { sed -n "s/^# $1 \([0-9]*\)$/\1/p" "$client_log" 2>/dev/null | tail -n 1; }
client_failed=$(( $(client_count fail || true) + $(client_count cancelled || true) + 0 ))
passed=$((passed + $(client_count pass || true) + 0))
skipped=$((skipped + $(client_count skipped || true) + $(client_count todo || true) + 0))
# A step that failed before any test could fail (install, type check) counts as one failed test.
[ "$client_status" -ne 0 ] && [ "$client_failed" -eq 0 ] && client_failed=1
failed=$((failed + client_failed))

if [ "$reports" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test report was written" >&2
  status=1
fi
[ "$failed" -gt 0 ] && status=1
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
