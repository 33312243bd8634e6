#!/usr/bin/env bash
# The functions' cold start of docs/benchmarks.md: the host published three ways (JIT, ReadyToRun, Native AOT),
# each started again and again on a fresh copy of a seeded SQLite database, with the sandbox payment provider
# as its own process on loopback. Measures process start to the first answered GET /api/health, process start
# to the first completed POST /api/checkout (a separate start), the publish size, and the resident set once idle.
#
#   bench/startup/run.sh [--runs N] [--no-publish]
#
# Raw figures go to bench/results/startup-<UTC time>/; a Markdown table of medians is printed at the end.
set -euo pipefail

runs=10
publish=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --no-publish) publish=0; shift ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/../.."
repo=$(pwd)
work="$repo/bench/work/startup"
results="$repo/bench/results/startup-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$work" "$results"
exec 2> >(tee -a "$results/run.log" >&2)
# shellcheck source=../lib/common.sh
source "$repo/bench/lib/common.sh"

pids=()
cleanup() {
  # Only the processes started here: a bare `wait` would also wait for the tee above, which waits for this shell.
  for pid in "${pids[@]+"${pids[@]}"}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT


# Each build in its own folder; intermediate files under bench/work, never in the projects' own obj/ and bin/.
functions=src/Jamcart.Functions
build_args=(-c Release -r linux-x64 --artifacts-path "$work/artifacts" -nologo -v quiet)
if [ "$publish" -eq 1 ]; then
  rm -rf "$work/jit" "$work/r2r" "$work/aot"
  log "publishing the functions host: JIT (framework-dependent)"
  dotnet publish "$functions" "${build_args[@]}" --self-contained false -o "$work/jit" >"$results/publish-jit.log" 2>&1
  log "publishing the functions host: ReadyToRun (framework-dependent)"
  dotnet publish "$functions" "${build_args[@]}" --self-contained false -p:PublishReadyToRun=true -o "$work/r2r" >"$results/publish-r2r.log" 2>&1
  log "publishing the functions host: Native AOT"
  dotnet publish "$functions" "${build_args[@]}" -p:PublishAot=true -o "$work/aot" >"$results/publish-aot.log" 2>&1
  log "publishing jamcart (the sandbox and the catalog sync)"
  dotnet publish src/Jamcart.Cli -c Release -r linux-x64 --self-contained false --artifacts-path "$work/artifacts" -nologo -v quiet \
    -o "$work/jamcart" >"$results/publish-jamcart.log" 2>&1
fi
jamcart="$work/jamcart/jamcart"

# One product, seeded by a build's catalog sync: every start gets a copy of this database.
store="$work/store"
rm -rf "$store" "$work/seed.db" && mkdir -p "$store/products"
cat >"$store/jamcart.yml" <<'YAML'
name: Startup Tea
baseUrl: https://startup.example
currency: KRW
locale: ko
shipping:
  flatRate: 3000
  freeOver: 50000
tax:
  rate: 10
  inclusive: true
YAML
printf -- '---\nsku: TEA-1\ntitle: Tea 1\nprice: 12000\nstock: 1000000\n---\nA tea.\n' >"$store/products/tea-1.md"
JAMCART_DATABASE="sqlite:$work/seed.db" "$jamcart" build "$store" --quiet >"$results/seed.log" 2>&1

secret=sk_test_startup$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
publishable=pk_test_startup$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
webhook=whsec_startup$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
sandbox_port=$(free_port)
log "starting the sandbox on $sandbox_port"
"$jamcart" sandbox --port "$sandbox_port" --secret-key "$secret" --publishable-key "$publishable" \
  --webhook-secret "$webhook" >"$results/sandbox.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$sandbox_port/health" "the sandbox"
# The sandbox stands in for Stripe, which is warm: its own first requests are not the functions' start-up.
for _ in $(seq 1 20); do
  curl -fsS -o /dev/null -u "$secret:" -d amount=1000 -d currency=krw "http://127.0.0.1:$sandbox_port/v1/payment_intents"
done

{
  nproc | xargs printf 'cores: %s\n'
  grep -m1 'model name' /proc/cpuinfo || true
  dotnet --version | xargs printf 'dotnet SDK: %s\n'
  git rev-parse --short HEAD | xargs printf 'commit: %s\n'
  uptime | sed 's/^/before: /'
} >"$results/machine.txt"

log "measuring: $runs starts of each build for each figure"
export JAMCART_ADMIN_KEY=startup-admin-key-0123456789abcdef0123456789
export Jamcart__Payments__Provider=sandbox Jamcart__Payments__SecretKey="$secret" Jamcart__Payments__PublishableKey="$publishable"
export Jamcart__Payments__WebhookSecrets__0="$webhook" Jamcart__Payments__ApiBase="http://127.0.0.1:$sandbox_port/"
python3 bench/startup/measure.py --out "$results/samples.json" --runs "$runs" --seed "$work/seed.db" --sku TEA-1 \
  "JIT=$work/jit" "ReadyToRun=$work/r2r" "Native AOT=$work/aot" | tee "$results/summary.md"

uptime | sed 's/^/after: /' >>"$results/machine.txt"
cat "$results/machine.txt" >&2
echo "raw results: $results" >&2
