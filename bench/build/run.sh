#!/usr/bin/env bash
# The static build benchmark of docs/benchmarks.md: `jamcart build` against Hugo on the same synthetic
# catalog (1k, 10k and 100k products), then Jamcart's incremental rebuilds on the 10k store.
#
#   bench/build/run.sh [--quick] [--composite]
#
#   --quick       skips the 100,000-product store
#   --composite   times jamcart published self-contained as one composite ReadyToRun image (the runtime, the
#                 libraries and Jamcart compiled together, so generic code shared with them is precompiled too)
#                 instead of ReadyToRun on the shared runtime
#
# Prints a Markdown table of medians and writes everything raw (hyperfine JSON, max RSS per run, the
# machine's description) to bench/results/build-<UTC time>/. Stores, tools and outputs live in
# bench/work/build/; generated stores are kept between runs, keyed by size.
set -euo pipefail

quick=false
composite=false
for arg in "$@"; do
  case "$arg" in
    --quick) quick=true ;;
    --composite) composite=true ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/../.."
repo=$(pwd)
work="$repo/bench/work/build"
results="$repo/bench/results/build-$(date -u +%Y%m%dT%H%M%SZ)"
tools="$work/tools"
trash="$work/trash"
mkdir -p "$work/stores" "$work/out" "$tools" "$results"
# Everything the run says goes to its results too, for reading later what happened in a round.
exec 2> >(tee -a "$results/run.log" >&2)

# Old outputs are set aside during the run and deleted once at the end (why: bench/build/set-aside.sh).
set_aside() { "$repo/bench/build/set-aside.sh" "$trash" "$@"; }
rm -rf "$trash"
trap 'rm -rf "$trash"' EXIT

sizes=(1000 10000 100000)
$quick && sizes=(1000 10000)
incremental_size=10000

# Runs per size: enough for a stable median at 1k and 10k, few at 100k where one Hugo build takes minutes.
runs_for() { case "$1" in 100000) echo 3 ;; *) echo 10 ;; esac; }
warmups_for() { case "$1" in 100000) echo 0 ;; *) echo 1 ;; esac; }
incremental_runs=20

log() { printf '\n== %s\n' "$*" >&2; }

need_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages, as "command:package": installed only when the command is missing.
install_missing_packages() {
  local missing=() pair
  for pair in hugo:hugo hyperfine:hyperfine /usr/bin/time:time jq:jq; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    need_root apt-get update -qq
    need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Publishes a project in Release into $tools/<name>. Intermediate files go to bench/work, not the
# project's obj/, so a build here never races one that someone runs in src/ at the same moment.
# Someone may also be mid-edit in src/: a failed build is retried after a pause.
publish() {
  local project=$1 name=$2 attempt artifacts="$work/artifacts"
  shift 2
  # A composite publish compiles differently: its intermediate files are kept apart from the shared-runtime one's.
  $composite && artifacts="$work/artifacts-composite"
  rm -rf "${tools:?}/$name"
  for attempt in 1 2 3; do
    if dotnet publish "$project" -c Release -o "$tools/$name" --artifacts-path "$artifacts" "$@" \
        -nologo -v quiet >"$results/publish-$name.log" 2>&1; then
      return 0
    fi
    echo "publishing $project failed (attempt $attempt, see $results/publish-$name.log)" >&2
    [ "$attempt" -lt 3 ] && sleep 60
  done
  return 1
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan" } else if (NR % 2) { print v[(NR + 1) / 2] } else { print (v[NR / 2] + v[NR / 2 + 1]) / 2 } }'; }

# A store is only reused once it was written completely: an interrupted `generate` leaves no marker.
ensure_store() {
  local n=$1 store="$work/stores/jamcart-$1"
  if [ ! -f "$store/.complete" ]; then
    log "generating a store of $n products"
    set_aside "$store"
    "$jamcart" generate "$store" --products "$n" >/dev/null
    touch "$store/.complete"
  fi
}

# The Hugo site is keyed by the converter's sources (theme included) and Hugo's version as well, so
# that a change to either never benchmarks a stale site.
ensure_hugo_site() {
  local n=$1 site="$work/stores/hugo-$1" key
  key=$( { find "$repo/bench/build/HugoSite" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 \
    | sort -z | xargs -0 cat; echo "$hugo_version"; } | sha256sum | cut -c1-16)
  if [ "$(cat "$site/.complete" 2>/dev/null)" != "$key" ]; then
    log "converting the $n-product store for Hugo"
    set_aside "$site"
    "$tools/hugosite/hugosite" "$work/stores/jamcart-$n" "$site" --hugo-version "$hugo_version" \
      --assets "$repo/src/Jamcart.Site/Theme/assets" >/dev/null
    echo "$key" >"$site/.complete"
  fi
}

# Every timed command runs under /usr/bin/time, which appends the run's max RSS (KiB) to a file: peak
# memory comes from the very runs that are timed, at a cost of one fork.
rss() { shell_words /usr/bin/time -f %M -a -o "$1"; }

# A command line for hyperfine, which hands it to a shell: every word quoted as that shell needs.
shell_words() { printf '%q ' "$@"; }

install_missing_packages
hugo_version=$(hugo version | sed -E 's/^hugo v([0-9.]+).*/\1/')

log "publishing jamcart and the Hugo site converter (Release)"
# For this machine's runtime identifier, so that the command is ReadyToRun-compiled as a release of it would be
# (Jamcart.Cli.csproj turns ReadyToRun on whenever a runtime identifier is given); the .NET runtime stays shared.
if $composite; then
  publish src/Jamcart.Cli jamcart -r linux-x64 --self-contained -p:PublishReadyToRunComposite=true
else
  publish src/Jamcart.Cli jamcart -r linux-x64 --self-contained false
fi
publish bench/build/HugoSite hugosite
jamcart="$tools/jamcart/jamcart"

{
  echo "date (UTC):   $(date -u '+%Y-%m-%d %H:%M')"
  echo "cpu:          $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory:       $(free -m | awk '/^Mem:/ { print $2 " MiB" }')"
  echo "os:           $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo ".NET SDK:     $(dotnet --version)"
  echo ".NET runtime: $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')"
  echo "hugo:         $(hugo version)"
  echo "hyperfine:    $(hyperfine --version)"
  # Others change src/ meanwhile: this says which Jamcart was measured.
  echo "jamcart:      $($composite && echo "self-contained composite ReadyToRun" || echo "ReadyToRun on the shared runtime"), commit $(git rev-parse --short HEAD 2>/dev/null || echo none), $(git status --porcelain -- src 2>/dev/null | wc -l) changed files under src/, assemblies sha256 $(cat "$tools/jamcart/"Jamcart.*.dll "$tools/jamcart/jamcart.dll" | sha256sum | cut -c1-16)"
  echo "load before:  $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$results/machine.txt"
cat "$results/machine.txt" >&2

for n in "${sizes[@]}"; do
  ensure_store "$n"
  ensure_hugo_site "$n"
done

# Full builds. Each run starts from nothing: no output folder, no Jamcart sidecar (the hidden sibling
# .<outname>.jamcart holding the manifest), no Hugo resources cache. The previous ones are set aside,
# not deleted, then `sync`, so that no run pays for writing back the previous run's files.
#
# The machine is shared: other work comes and goes over minutes. So rather than all Jamcart runs and
# then all Hugo runs, each round times one of each (in alternating order) and rounds are merged:
# both tools see the same conditions, and each round gives a paired ratio.
full_build_round() {
  local n=$1 round=$2 store="$work/stores/jamcart-$1" site="$work/stores/hugo-$1"
  local jout="$work/out/jamcart-$1" hout="$work/out/hugo-$1"
  local set_aside=("$repo/bench/build/set-aside.sh" "$trash")
  local jamcart_run=(--command-name "jamcart $n"
    --prepare "$(shell_words "${set_aside[@]}" "$jout" "$work/out/.jamcart-$n.jamcart") && sync"
    "$(rss "$results/full-$n.jamcart.rss")$(shell_words "$jamcart" build "$store" -o "$jout" --quiet --no-server)")
  local hugo_run=(--command-name "hugo $n"
    --prepare "$(shell_words "${set_aside[@]}" "$hout" "$site/resources") && sync"
    "$(rss "$results/full-$n.hugo.rss")$(shell_words hugo --quiet -s "$site" -d "$hout")")
  if [ $((round % 2)) -eq 1 ]; then
    hyperfine --style none --runs 1 --export-json "$results/full-$n.round-$round.json" "${jamcart_run[@]}" "${hugo_run[@]}"
  else
    hyperfine --style none --runs 1 --export-json "$results/full-$n.round-$round.json" "${hugo_run[@]}" "${jamcart_run[@]}"
  fi
}

# hyperfine's JSON, one entry per command, over every round; plus the median of the per-round ratios.
merge_rounds() {
  jq -s '
    def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    (map(.results[]) | group_by(.command) | map({
      command: .[0].command,
      times: map(.times[]),
      user: (map(.user) | add / length),
      system: (map(.system) | add / length)
    } | . + { median: (.times | median), mean: (.times | add / length), min: (.times | min), max: (.times | max) })) as $results
    | { results: $results,
        paired_ratio_median: (map((.results | map({ (.command | split(" ")[0]): .times[0] }) | add) | .jamcart / .hugo) | median) }
  ' "$@"
}

for n in "${sizes[@]}"; do
  rounds=$(runs_for "$n")
  log "full build, $n products: $(warmups_for "$n") warm-up and $rounds timed rounds of one Jamcart and one Hugo build"
  rm -f "$results/full-$n".*
  for ((round = 1 - $(warmups_for "$n"); round <= rounds; round++)); do
    full_build_round "$n" "$round"
    printf '  round %s: %s\n' "$round" "$(jq -r '[.results[] | "\(.command) \(.times[0] * 100 | round / 100) s"] | join(", ")' "$results/full-$n.round-$round.json")" >&2
  done
  # Warm-up rounds only fill the page cache: they are neither timed nor measured.
  rm -f "$results/full-$n.round-0.json"
  for tool in jamcart hugo; do tail -n "$rounds" "$results/full-$n.$tool.rss" >"$results/full-$n.$tool.rss.tmp" && mv "$results/full-$n.$tool.rss.tmp" "$results/full-$n.$tool.rss"; done
  merge_rounds "$results/full-$n.round-"*.json >"$results/full-$n.json"
  # What each tool published, so that the doc can say the page counts match.
  for tool in jamcart hugo; do
    out="$work/out/$tool-$n"
    echo "$tool $n: $(find "$out" -name '*.html' | wc -l) html, $(find "$out/products" -name index.html | wc -l) product pages, $(find "$out/categories" -mindepth 2 -name index.html | wc -l) category pages"
  done | tee "$results/pages-$n.txt" >&2
done

# Incremental rebuilds, on a copy of the store so that the cached one stays as generated.
log "incremental rebuilds, $incremental_size products"
istore="$work/incremental/store" iout="$work/incremental/out"
set_aside "$work/incremental" && mkdir -p "$work/incremental"
cp -a "$work/stores/jamcart-$incremental_size" "$istore"
product="$istore/products/product-000100.md"

# One sed that flips the stock line between two values: `t` skips the second substitution when the first one hit.
toggle() { shell_words sed -i -E -e "s/^stock: $1\$/stock: $2/" -e t -e "s/^stock: $2\$/stock: $1/" "$product"; }

# A rebuild is timed two ways: one-shot (--no-server: the process loads the store from the sidecar's caches) and
# through the build server that an earlier `jamcart build` of the store started (the default outside CI).
server_pid() { pgrep -f -- "build-server run $istore " | head -n 1; }

incremental() {
  local name=$1 mode=$2 prepare=$3 options=() loud=()
  [ -n "$prepare" ] && options=(--prepare "$prepare")
  [ "$mode" = one-shot ] && loud+=(--no-server)
  local flags=(--quiet "${loud[@]}")
  # Every case starts from stock 40, built: the previous case may have left the other value of its pair.
  sed -i -E 's/^stock: .*/stock: 40/' "$product"
  "$jamcart" build "$istore" -o "$iout" "${flags[@]}"
  if [ "$mode" = server ]; then
    for _ in $(seq 100); do [ -n "$(server_pid)" ] && break; sleep 0.1; done
    [ -n "$(server_pid)" ] || { echo "run.sh: no build server started for $istore" >&2; exit 1; }
    # Answered once by the server before timing: this build waits while it loads the store.
    "$jamcart" build "$istore" -o "$iout" "${flags[@]}"
  fi
  rm -f "$results/incremental-$name-$mode.rss"
  hyperfine --style basic --runs "$incremental_runs" --warmup 2 \
    --export-json "$results/incremental-$name-$mode.json" --command-name "$name ($mode)" "${options[@]}" \
    "$(rss "$results/incremental-$name-$mode.rss")$(shell_words "$jamcart" build "$istore" -o "$iout" "${flags[@]}")"
  # One more, not timed and not quiet, to record what such a rebuild renders and writes.
  if [ -n "$prepare" ]; then bash -c "$prepare"; fi
  "$jamcart" build "$istore" -o "$iout" "${loud[@]}" | grep '^built' | sed 's/^built [^:]*: //' >"$results/incremental-$name-$mode.txt"
  cat "$results/incremental-$name-$mode.txt" >&2
  if [ "$mode" = server ]; then
    # The server's own peak memory, beside the client's in the table.
    awk '/^VmHWM/ { printf "%.0f\n", $2 / 1024 }' "/proc/$(server_pid)/status" >"$results/incremental-$name-$mode.server-mib"
  fi
}

for mode in one-shot server; do
  incremental unchanged "$mode" ""
  incremental stock-40-41 "$mode" "$(toggle 40 41)"
  incremental stock-40-0 "$mode" "$(toggle 40 0)"
done
"$jamcart" build-server shutdown "$istore" -o "$iout" >&2

echo "load after:   $(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/machine.txt"

# The summary: medians from hyperfine's JSON, peak memory as the median of the runs' max RSS.
seconds() { jq -r --arg name "$2" '.results[] | select(.command == $name) | .median' "$1"; }
paired() { jq -r '.paired_ratio_median' "$1"; }
cpu() { jq -r --arg name "$2" '.results[] | select(.command == $name) | (.user + .system)' "$1"; }
mebibytes() { median <"$1" | awk '{ printf "%.0f", $1 / 1024 }'; }
{
  echo "| products | Jamcart median | Hugo median | Jamcart / Hugo (medians) | Jamcart / Hugo (paired) | Jamcart CPU (mean user+sys) | Hugo CPU (mean user+sys) | Jamcart peak RSS | Hugo peak RSS | Jamcart ms per 1k products |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for n in "${sizes[@]}"; do
    j=$(seconds "$results/full-$n.json" "jamcart $n") h=$(seconds "$results/full-$n.json" "hugo $n")
    jc=$(cpu "$results/full-$n.json" "jamcart $n") hc=$(cpu "$results/full-$n.json" "hugo $n")
    awk -v n="$n" -v j="$j" -v h="$h" -v p="$(paired "$results/full-$n.json")" -v jc="$jc" -v hc="$hc" \
        -v jm="$(mebibytes "$results/full-$n.jamcart.rss")" -v hm="$(mebibytes "$results/full-$n.hugo.rss")" \
      'BEGIN { printf "| %d | %.2f s | %.2f s | %.2f× | %.2f× | %.1f s | %.1f s | %d MiB | %d MiB | %.0f |\n", n, j, h, j / h, p, jc, hc, jm, hm, j * 1000000 / n }'
  done
  echo
  echo "| rebuild of the $incremental_size-product store | median | min | max | peak RSS (command) | peak RSS (server) | what it did |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
  for mode in one-shot server; do
    for name in unchanged stock-40-41 stock-40-0; do
      file="$results/incremental-$name-$mode.json"
      server_mib=$(cat "$results/incremental-$name-$mode.server-mib" 2>/dev/null || echo "–")
      jq -r --arg mb "$(mebibytes "$results/incremental-$name-$mode.rss")" --arg server "$server_mib" \
        --arg did "$(sed 's/|/\\|/g' "$results/incremental-$name-$mode.txt")" \
        '.results[0] | "| \(.command) | \(.median * 1000 | round) ms | \(.min * 1000 | round) ms | \(.max * 1000 | round) ms | \($mb) MiB | \($server)\(if $server == "–" then "" else " MiB" end) | \($did) |"' "$file"
    done
  done
} | tee "$results/summary.md"

echo >&2
echo "raw results: ${results#"$repo"/}" >&2
