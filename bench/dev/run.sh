#!/usr/bin/env bash
# The dev start benchmark of docs/benchmarks.md: how long `jamcart dev` takes, on a warm machine, from the start of
# its process to the first successful answer of both the shop (http://127.0.0.1:PORT/) and its API (/api/health).
#
#   bench/dev/run.sh [RUNS=5]
#
# Publishes the command once (Release, framework-dependent as `dotnet tool install` installs it, into bench/work/dev),
# copies samples/tea-shop once, starts `jamcart dev` on the copy once without counting it (that first start builds the
# site and creates the database, as a developer's first run does), then RUNS more times, each stopped cleanly (SIGTERM)
# before the next. Every start gets free ports (--port, --sandbox-port) on 127.0.0.1 only. Prints a Markdown table of
# the runs, the median and the machine's load (uptime) before and after; the figures and each start's output go to
# bench/results/dev-<UTC time>/.
set -euo pipefail

runs=${1:-5}
case "$runs" in
  -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
  '' | *[!0-9]* | 0) echo "run.sh: RUNS must be a positive number (try --help)" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/../.."
repo=$(pwd)
work="$repo/bench/work/dev"
results="$repo/bench/results/dev-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$work" "$results"

log() { printf '== %s\n' "$*" >&2; }

need_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v curl >/dev/null 2>&1; then
  log "installing curl"
  need_root apt-get update -qq
  need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null
fi

# Intermediate files go to bench/work, not the projects' obj/, so this never races a build someone runs in src/.
log "publishing jamcart (Release)"
dotnet publish src/Jamcart.Cli -c Release -o "$work/tool" --artifacts-path "$work/artifacts" -nologo -v quiet \
  >"$results/publish.log" 2>&1 || { echo "publishing failed: see $results/publish.log" >&2; exit 1; }

# A fresh copy of the sample, without its build output or database, so the sample itself is never touched.
store="$work/tea-shop"
rm -rf "$store"
mkdir -p "$store"
tar -C samples/tea-shop --exclude=./public --exclude=./.public.jamcart --exclude=./.jamcart -cf - . | tar -C "$store" -xf -

# A port nothing listens on: picked at random above the usual ones, checked by trying to connect to it.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

answers() { curl -fs -o /dev/null --max-time 2 "$1"; }

pid=""
stop() {
  [ -n "$pid" ] || return 0
  # Not SIGINT: a background job of a script ignores it.
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
}
trap stop EXIT

# Starts jamcart dev, sets $site and $api to when each URL first answered 2xx (ms from the process start), stops it.
site=""; api=""
start_once() {
  local name=$1 port sandbox_port start now
  site=""; api=""
  port=$(free_port)
  sandbox_port=$(free_port)
  while [ "$sandbox_port" = "$port" ]; do sandbox_port=$(free_port); done
  start=$(now_ms)
  # The development database in the copy's .jamcart/, whatever this machine's environment says.
  env -u JAMCART_DATABASE "$work/tool/jamcart" dev "$store" --port "$port" --sandbox-port "$sandbox_port" >"$results/$name.log" 2>&1 &
  pid=$!
  while [ -z "$site" ] || [ -z "$api" ]; do
    kill -0 "$pid" 2>/dev/null || { pid=""; echo "jamcart dev exited early: see $results/$name.log" >&2; exit 1; }
    now=$(now_ms)
    [ $((now - start)) -lt 60000 ] || { echo "jamcart dev did not answer within 60 s: see $results/$name.log" >&2; exit 1; }
    [ -z "$site" ] && answers "http://127.0.0.1:$port/" && site=$(($(now_ms) - start))
    [ -z "$api" ] && answers "http://127.0.0.1:$port/api/health" && api=$(($(now_ms) - start))
    [ -n "$site" ] && [ -n "$api" ] || sleep 0.01
  done
  stop
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

load_before=$(uptime)
echo "$load_before" >"$results/uptime-before.txt"
log "first start of the copy (not counted): builds the site, creates the database"
start_once first
echo "first $site $api" >"$results/runs.txt"
first=$((site > api ? site : api))

echo "| run | \`/\` answers | \`/api/health\` answers | both |"
echo "| ---: | ---: | ---: | ---: |"
for i in $(seq "$runs"); do
  start_once "run-$i"
  echo "$i $site $api" >>"$results/runs.txt"
  echo "| $i | $site ms | $api ms | $((site > api ? site : api)) ms |"
done
load_after=$(uptime)
echo "$load_after" >"$results/uptime-after.txt"

both=$(awk '$1 != "first" { print ($2 > $3 ? $2 : $3) }' "$results/runs.txt" | median)
echo
echo "median of $runs starts, process start to both answering: $both ms (first start of the fresh copy: $first ms)"
echo "load before: ${load_before#*load average: }; after: ${load_after#*load average: }"
echo "results: ${results#"$repo"/}"
