#!/usr/bin/env bash
# The many-instances chaos run of docs/benchmarks.md and docs/scale.md, in one command: a throwaway PostgreSQL on
# loopback, the sandbox payment provider, three functions instances as separate processes and two rebuild workers
# (`jamcart worker`, one active, one standby) publishing to one folder. Buyers go round robin over the instances:
# steady paying purchases, a flash sale (1,500 buyers for 100 units), then ordinary purchases while one instance and
# then the active worker are killed with SIGKILL. It waits for reconciliation and the standby, audits the database,
# the provider, the published site and the workers' logs, prints a summary and exits 1 on any violation.
#
#   bench/scale/run.sh [--small]     # --small: the test suite's sizes (about a minute with the publishing)
#
# Raw results (summary, JSON figures, every process's log) go to bench/results/scale-<UTC time>/.
set -euo pipefail

size=()
while [ $# -gt 0 ]; do
  case "$1" in
    --small) size=(--small); shift ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/../.."
repo=$(pwd)
work="$repo/bench/work/scale"
tools="$work/tools"
results="$repo/bench/results/scale-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$tools" "$results"
exec 2> >(tee -a "$results/run.log" >&2)
# shellcheck source=../lib/common.sh
source "$repo/bench/lib/common.sh"

pgdir=
cleanup() {
  if [ -n "$pgdir" ] && [ -d "$pgdir" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
}
trap cleanup EXIT


pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/pg_ctl" ]; then
  echo "run.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

log "publishing jamcart, the functions host and the scale run"
publish() { # project, folder
  dotnet publish "$1" -c Release -r linux-x64 --self-contained false -o "$tools/$2" \
    --artifacts-path "$work/artifacts" -nologo -v quiet >"$results/publish-$2.log" 2>&1
}
publish src/Jamcart.Cli jamcart
publish src/Jamcart.Functions functions
dotnet publish bench/scale/ScaleRun -c Release -o "$tools/scalerun" \
  --artifacts-path "$work/artifacts" -nologo -v quiet >"$results/publish-scalerun.log" 2>&1

log "starting PostgreSQL on loopback"
pgdir=$(mktemp -d /tmp/jamcart-scale-pg.XXXXXX)
pg_port=$(free_port)
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgdir"
as_postgres "$pg_bin/initdb" -D "$pgdir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
# Durable commits, as a shop would run: fsync stays on, unlike in the test suite. Three instances' pools and the
# workers' connections need more than the default 100.
as_postgres "$pg_bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
  -o "-p $pg_port -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=500 -c shared_buffers=256MB" start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres jamcart

{
  nproc | xargs printf 'cores: %s\n'
  grep -m1 'model name' /proc/cpuinfo || true
  dotnet --version | xargs printf 'dotnet: %s\n'
  "$pg_bin/postgres" --version
  git rev-parse --short HEAD | xargs printf 'commit: %s\n'
} >"$results/machine.txt"

log "running the scenario"
set +e
"$tools/scalerun/scalerun" "${size[@]+"${size[@]}"}" \
  --jamcart "$tools/jamcart/jamcart" --functions "$tools/functions/Jamcart.Functions" \
  --database "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=jamcart" \
  --work "$work/run" --results "$results"
status=$?
set -e
cp -r "$work/run/logs" "$results/logs" 2>/dev/null || true
echo "raw results: $results" >&2
exit $status
