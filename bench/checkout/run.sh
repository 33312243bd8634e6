#!/usr/bin/env bash
# The checkout load benchmark of docs/benchmarks.md: the functions (`jamcart serve`) and the sandbox payment
# provider as separate processes on loopback, the load generators (wrk with bench/checkout/checkout.lua for throughput,
# bench/checkout/LoadGen for the flash sale) on the same machine.
#
#   bench/checkout/run.sh [--seconds N] [--warmup N] [--connections N] [--db sqlite|postgres|both]
#
# For each database: a closed-loop throughput run (every checkout reserves stock and creates a PaymentIntent at
# the sandbox), then a flash sale (2,000 buyers at once for 100 units). On PostgreSQL, pgbench's built-in
# simple-update script runs against the same server in the same run, as the yardstick. Raw figures go to
# bench/results/checkout-<UTC time>/; a Markdown summary is printed at the end.
set -euo pipefail

seconds=20
# Long enough for the functions to reach their steady state on PostgreSQL too (docs/benchmarks.md): the runtime's
# optimizing JIT gets little of a saturated machine's CPU, Npgsql's code is much of what it has to compile, and with
# dynamic PGO (which jamcart serve runs with) each hot method is compiled twice, the second time from what the first saw.
warmup=40
connections=32
databases=(sqlite postgres)
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --db) case "$2" in both) databases=(sqlite postgres) ;; *) databases=("$2") ;; esac; shift 2 ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/../.."
repo=$(pwd)
work="$repo/bench/work/checkout"
tools="$work/tools"
results="$repo/bench/results/checkout-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$tools" "$results"
exec 2> >(tee -a "$results/run.log" >&2)
# shellcheck source=../lib/common.sh
source "$repo/bench/lib/common.sh"

pids=()
cleanup() {
  for pid in "${pids[@]+"${pids[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  # Only these: a bare `wait` would also wait for the tee that copies stderr into run.log, which never ends first.
  for pid in "${pids[@]+"${pids[@]}"}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${pgdir:-}" ] && [ -d "$pgdir" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
}
trap cleanup EXIT


# Debian packages, installed only when missing: GNU time (the load generator's CPU), wrk, PostgreSQL and pgbench.
missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v wrk >/dev/null || missing+=(wrk)
ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  need_root apt-get update -qq
  need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log "publishing jamcart and the load generator"
dotnet publish src/Jamcart.Cli -c Release -r linux-x64 --self-contained false -o "$tools/jamcart" \
  --artifacts-path "$work/artifacts" -nologo -v quiet >"$results/publish-jamcart.log" 2>&1
dotnet publish bench/checkout/LoadGen -c Release -o "$tools/loadgen" \
  --artifacts-path "$work/artifacts" -nologo -v quiet >"$results/publish-loadgen.log" 2>&1
jamcart="$tools/jamcart/jamcart"
loadgen="$tools/loadgen/loadgen"

# A small shop: 100 teas with plenty of stock (throughput never runs out) and one flash-sale item with 100 units.
store="$work/store"
rm -rf "$store" && mkdir -p "$store/products"
cat >"$store/jamcart.yml" <<'YAML'
name: Bench Tea
baseUrl: https://bench.example
currency: KRW
locale: ko
shipping:
  flatRate: 3000
  freeOver: 50000
tax:
  rate: 10
  inclusive: true
YAML
# TEA-001 to TEA-100, the SKUs checkout.lua buys.
for i in $(seq -w 1 100); do
  printf -- '---\nsku: TEA-%s\ntitle: Tea %s\nprice: 12000\nstock: 1000000\n---\nA tea.\n' "$i" "$i" >"$store/products/tea-$i.md"
done
printf -- '---\nsku: FLASH\ntitle: Flash sale\nprice: 9000\nstock: 100\n---\nOnly a hundred.\n' >"$store/products/flash.md"

secret=sk_test_bench$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
publishable=pk_test_bench$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
webhook=whsec_bench$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
# A sandbox of its own for each database's run, as Stripe would be: one that kept the first run's objects would
# answer the second slower (a larger heap to collect), and the second database's figures would carry that.
start_sandbox() { # <db>
  sandbox_port=$(free_port)
  log "starting the sandbox on $sandbox_port"
  # The sandbox stands in for Stripe, which runs on other machines. Here it shares the two cores with the functions,
  # and its thread pool's idle workers spinning for the next request (sched_yield) took a third of its CPU; without
  # the spin it answers as fast and leaves that CPU to the functions (+5 % checkouts/s measured). Its garbage
  # collector's settings for a heap that only grows (every object of the run, ~4 KB per checkout, as Stripe keeps
  # them) are its own: `jamcart sandbox` starts with them (src/Jamcart.Cli/Serve/ServingRuntime.cs).
  DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 \
  "$jamcart" sandbox --port "$sandbox_port" --secret-key "$secret" --publishable-key "$publishable" \
    --webhook-secret "$webhook" >"$results/sandbox-$1.log" 2>&1 &
  sandbox_pid=$!
  pids+=("$sandbox_pid")
  wait_for "http://127.0.0.1:$sandbox_port/health" "the sandbox"
}

# The sum over the given processes of a figure awk reads from /proc/<pid>/<file>; a process already gone counts 0.
proc_sum() { # file, awk program, pids...
  local file=$1 program=$2 total=0 pid
  shift 2
  for pid in "$@"; do
    [ -r "/proc/$pid/$file" ] || continue
    total=$((total + $(awk "$program" "/proc/$pid/$file")))
  done
  echo "$total"
}
# CPU time used so far, in clock ticks (user + system).
cpu_ticks() { proc_sum stat '{ print $14 + $15 }' "$@"; }
# Bytes handed to write calls so far (wchar): files, in practice, since sends on sockets are not counted there.
written_bytes() { proc_sum io '/^wchar:/ { print $2 }' "$@"; }
# One of the two above for every process of user postgres.
of_postgres() { local found; if found=$(pgrep -u postgres 2>/dev/null); then "$1" $found; else echo 0; fi; }

start_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pgdir=$(mktemp -d /tmp/jamcart-bench-pg.XXXXXX)
  pg_port=$(free_port)
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgdir"
  as_postgres "$pg_bin/initdb" -D "$pgdir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  # Durable commits, as a shop would run: fsync stays on, unlike in the test suite.
  as_postgres "$pg_bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
    -o "-p $pg_port -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres jamcart
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres pgbench
}

run_database() { # sqlite | postgres
  local db=$1 connection port serve_pid
  start_sandbox "$db"
  if [ "$db" = postgres ]; then
    start_postgres
    connection="postgres://postgres@127.0.0.1:$pg_port/jamcart"
    log "pgbench simple-update, $connections clients, ${seconds} s"
    "$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -i -s 10 -q pgbench >/dev/null 2>&1
    "$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -b simple-update -c "$connections" -j 2 -T "$seconds" pgbench \
      >"$results/pgbench.txt" 2>&1
    grep -E "^tps" "$results/pgbench.txt" >&2
  else
    rm -rf "$work/sqlite" && mkdir -p "$work/sqlite"
    connection="sqlite:$work/sqlite/store.db"
  fi

  rm -rf "$store/public" "$store/.jamcart"
  port=$(free_port)
  log "jamcart serve on $db, port $port"
  JAMCART_ADMIN_KEY=bench-admin-key-0123456789abcdef0123456789 \
  Jamcart__Payments__Provider=sandbox Jamcart__Payments__SecretKey="$secret" Jamcart__Payments__PublishableKey="$publishable" \
  Jamcart__Payments__WebhookSecrets__0="$webhook" Jamcart__Payments__ApiBase="http://127.0.0.1:$sandbox_port/" \
  Jamcart__RateLimit__PermitsPerMinute=100000000 Jamcart__RateLimit__StockPermitsPerMinute=100000000 \
    "$jamcart" serve "$store" --port "$port" --database "$connection" >"$results/serve-$db.log" 2>&1 &
  serve_pid=$!
  pids+=("$serve_pid")
  wait_for "http://127.0.0.1:$port/api/health" "jamcart serve"

  log "throughput on $db: $connections connections, ${seconds} s after a ${warmup} s warm-up"
  # wrk (C, epoll) costs the machine a fifth of the CPU per checkout that an HttpClient-based generator did; the
  # warm-up run's figures are thrown away.
  wrk -t 1 -c "$connections" -d "$warmup" -s bench/checkout/checkout.lua "http://127.0.0.1:$port" >"$results/warmup-$db.txt" 2>&1
  # Where the machine's CPU goes during the measured run, per process, to divide by the checkouts.
  local serve_before sandbox_before pg_before loadgen_cpu serve_written_before pg_written_before
  serve_before=$(cpu_ticks "$serve_pid"); sandbox_before=$(cpu_ticks "$sandbox_pid"); pg_before=$(of_postgres cpu_ticks)
  serve_written_before=$(written_bytes "$serve_pid"); pg_written_before=$(of_postgres written_bytes)
  /usr/bin/time -f '%U %S' -o "$results/loadgen-cpu-$db.txt" \
    wrk -t 1 -c "$connections" -d "$seconds" --latency -s bench/checkout/checkout.lua "http://127.0.0.1:$port" \
    >"$results/throughput-$db.txt"
  local hz; hz=$(getconf CLK_TCK)
  loadgen_cpu=$(awk '{ printf "%.0f", ($1 + $2) * 1000 }' "$results/loadgen-cpu-$db.txt")
  printf '{"functionsMs": %d, "sandboxMs": %d, "postgresMs": %d, "loadgenMs": %d, "functionsWritten": %d, "postgresWritten": %d}\n' \
    $(( ($(cpu_ticks "$serve_pid") - serve_before) * 1000 / hz )) $(( ($(cpu_ticks "$sandbox_pid") - sandbox_before) * 1000 / hz )) \
    $(( ($(of_postgres cpu_ticks) - pg_before) * 1000 / hz )) "$loadgen_cpu" \
    $(( $(written_bytes "$serve_pid") - serve_written_before )) $(( $(of_postgres written_bytes) - pg_written_before )) >"$results/cpu-$db.json"
  sed -n 's/^JSON //p' "$results/throughput-$db.txt" >"$results/throughput-$db.json"
  grep -v '^JSON ' "$results/throughput-$db.txt" >&2
  python3 - "$results/throughput-$db.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
print("checkouts/s %.0f, p50 %.2f ms, p99 %.2f ms, Jamcart's own p99 %.3f ms, statuses %s, socket errors %d"
      % (t["checkoutsPerSecond"], t["p50"], t["p99"], t["appP99"], t["statuses"], t["socketErrors"]), file=sys.stderr)
# Anything but 201 under a load that never runs out of stock is a failure of the run.
sys.exit(0 if t["socketErrors"] == 0 and set(t["statuses"]) == {"201"} else 1)
PY
  log "flash sale on $db: 2,000 buyers for 100 units"
  "$loadgen" flash-sale --url "http://127.0.0.1:$port/" --sku FLASH --buyers 2000 -c 256 \
    --json "$results/flash-$db.json" | tee "$results/flash-$db.txt" >&2
  # The flash sale's peer in the same run: as many requests at once for the cheapest answer the functions give.
  log "floor on $db: 2,000 GET /api/health at once"
  "$loadgen" floor --url "http://127.0.0.1:$port/" --buyers 2000 -c 256 \
    --json "$results/floor-$db.json" | tee "$results/floor-$db.txt" >&2

  kill "$serve_pid" "$sandbox_pid" 2>/dev/null || true
  wait "$serve_pid" "$sandbox_pid" 2>/dev/null || true
  if [ "$db" = postgres ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null
    rm -rf "$pgdir"; pgdir=
  fi
}

for db in "${databases[@]}"; do run_database "$db"; done

{
  nproc | xargs printf 'cores: %s\n'
  grep -m1 'model name' /proc/cpuinfo || true
  dotnet --version | xargs printf 'dotnet: %s\n'
} >"$results/machine.txt"

figure() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d[sys.argv[2]])' "$@"; }
# One line per database: "<db>: " and the given Python expression over c (its cpu-<db>.json) and n (its checkouts).
per_checkout() {
  for db in "${databases[@]}"; do
    python3 -c 'import json,sys
c=json.load(open(sys.argv[1])); t=json.load(open(sys.argv[2]))
n=t["checkoutsPerSecond"]*t["seconds"]
print(sys.argv[3] + ": " + eval(sys.argv[4]))' "$results/cpu-$db.json" "$results/throughput-$db.json" "$db" "$1"
  done
}
{
  echo
  echo "| database | checkouts/s | p50 ms | p99 ms | Jamcart's own p99 ms | flash sale: orders / 409s / other | flash p99 ms | floor p99 ms | flash / floor |"
  echo "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |"
  for db in "${databases[@]}"; do
    t="$results/throughput-$db.json"; f="$results/flash-$db.json"; g="$results/floor-$db.json"
    printf '| %s | %.0f | %.1f | %.1f | %.2f | %s / %s / %s | %.1f | %.1f | %.1f× |\n' "$db" \
      "$(figure "$t" checkoutsPerSecond)" "$(figure "$t" p50)" "$(figure "$t" p99)" "$(figure "$t" appP99)" \
      "$(figure "$f" orders)" "$(figure "$f" conflicts)" "$(figure "$f" other)" "$(figure "$f" p99)" \
      "$(figure "$g" p99)" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["p99"] / json.load(open(sys.argv[2]))["p99"])' "$f" "$g")"
  done
  echo
  # Server-Timing's split of each checkout: where its time went, queues included (SQLite's one writer is one).
  echo "Time in the store database / at the payment provider per checkout, from Server-Timing, ms: p50, p99"
  for db in "${databases[@]}"; do
    t="$results/throughput-$db.json"
    printf '%s: database %.2f, %.2f; provider %.2f, %.2f\n' "$db" \
      "$(figure "$t" dbP50)" "$(figure "$t" dbP99)" "$(figure "$t" providerP50)" "$(figure "$t" providerP99)"
  done
  echo
  echo "CPU per checkout over the measured throughput run, in ms: functions / sandbox / PostgreSQL / load generator (wrk)"
  per_checkout '"%.2f / %.2f / %.2f / %.2f" % (c["functionsMs"] / n, c["sandboxMs"] / n, c["postgresMs"] / n, c["loadgenMs"] / n)'
  echo
  # Files only, in practice: the database's log and files, and the log lines; sends on sockets are not counted there.
  echo "KB handed to write calls per checkout over the measured run: functions / PostgreSQL"
  per_checkout '"%.1f / %.1f" % (c["functionsWritten"] / 1024 / n, c["postgresWritten"] / 1024 / n)'
  if [ -f "$results/pgbench.txt" ]; then
    echo
    grep -E "^tps" "$results/pgbench.txt" | sed 's/^/pgbench simple-update: /'
    # The issue's yardstick: PostgreSQL checkouts per second against pgbench's transactions per second, same run.
    python3 -c 'import json,re,sys
t=json.load(open(sys.argv[1])); tps=float(re.search(r"^tps = ([0-9.]+)", open(sys.argv[2]).read(), re.M).group(1))
print("checkouts per pgbench transaction: %.3f (%.0f / %.0f)" % (t["checkoutsPerSecond"]/tps, t["checkoutsPerSecond"], tps))' \
      "$results/throughput-postgres.json" "$results/pgbench.txt"
  fi
} | tee "$results/summary.md"
echo "raw results: $results" >&2
