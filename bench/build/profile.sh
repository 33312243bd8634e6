#!/usr/bin/env bash
# Where `jamcart build` of the 10,000-product store spends its CPU, for a full build and for a rebuild
# with nothing changed: perf samples grouped by what the build was doing (the innermost frame that
# names a part of Jamcart or a library it calls) and by kind of work (managed code, runtime, JIT, kernel).
#
#   bench/build/profile.sh        uses the jamcart and the store that bench/build/run.sh left in bench/work/build
#
# Set runtime knobs from outside to compare, e.g. DOTNET_TieredPGO=0 bench/build/profile.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=bench/work/build
jamcart=$work/tools/jamcart/jamcart
store=$work/stores/jamcart-10000
if [ ! -x "$jamcart" ] || [ ! -f "$store/.complete" ]; then
  echo "profile.sh: run bench/build/run.sh --quick first (it publishes jamcart and writes the store)" >&2
  exit 1
fi
if ! command -v perf >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then sudo() { "$@"; }; fi
  sudo apt-get update -qq && sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null
fi

out="$work/profile/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
# perf names JIT-compiled methods from the perf map the runtime then writes; with W^X the code runs
# from a double mapping that perf cannot match to that map.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0

# Samples grouped twice: by phase and by kind. perf script prints one paragraph per sample: the
# thread, then its frames from the innermost out, each as "address symbol (object)".
summarize() {
  perf script -i "$1" -F comm,tid,ip,sym,dso 2>/dev/null | awk '
    BEGIN {
      RS = ""; FS = "\n"
      # Checked in this order against each frame, innermost first: a library beats the Jamcart code calling it.
      n = split("YamlDotNet|load: YAML front matter;ProductReader|load: product fields;StoreLoader|load: read files;" \
        "Markdig|render: Markdown;MarkdownRenderer|render: Markdown;JsonLd|render: JSON-LD;" \
        "AtomicFile|write files;OutputFolder|write files;Fluid|render: Liquid templates;SiteRenderer|render: Liquid templates;" \
        "InputHash|hashing;XxHash|hashing;CatalogJson|catalog.json;BuildManifest|manifest;ProductCache|product cache;" \
        "SitePlanner|plan;TemplateSet|compile templates;Jamcart|other Jamcart code;" \
        "System.CommandLine|start-up;libhostfxr|start-up;libhostpolicy|start-up;ld-linux|start-up", rules, ";")
      for (i = 1; i <= n; i++) { split(rules[i], rule, "|"); needle[i] = rule[1]; label[i] = rule[2] }
    }
    {
      kind = ""
      if ($1 ~ /Tiered Com/ || $2 ~ /libclrjit/) kind = "JIT"
      else if ($2 ~ /kernel\.kallsyms/) {
        kind = "kernel: other"
        for (f = 2; f <= NF; f++) {
          if (match($f, /__(x64|do)_sys_[a-z0-9_]+/)) {
            call = substr($f, RSTART, RLENGTH); sub(/__(x64|do)_sys_/, "", call)
            kind = "kernel: " call
            if (call == "openat") kind = ($0 ~ /ext4_create|new_inode/) ? "kernel: create file" : "kernel: open file"
            break
          }
          if ($f ~ /exc_page_fault/) { kind = "kernel: page fault"; break }
        }
      }
      else if ($2 ~ /libcoreclr/) kind = "runtime (GC, type loading, stubs)"
      else if ($2 ~ /perf-[0-9]+\.map|\.dll\)/) kind = "managed code"
      else kind = "native, other"

      phase = "unattributed"
      if (kind == "JIT") phase = "(JIT compiling)"
      else
        for (f = 2; f <= NF && phase == "unattributed"; f++)
          for (i = 1; i <= n; i++) if (index($f, needle[i])) { phase = label[i]; break }

      total++; byKind[kind]++; byPhase[phase]++; both[phase " / " kind]++
    }
    function show(title, counts, least,   key) {
      printf "\n%s\n", title
      for (key in counts) if (100 * counts[key] / total >= least) printf "%6.1f%%  %s\n", 100 * counts[key] / total, key | "sort -rn"
      close("sort -rn")
    }
    END {
      printf "%d samples\n", total
      show("by phase", byPhase, 0.5); show("by kind", byKind, 0.5); show("phase / kind, 1% and more", both, 1)
    }'
}

# A full build into a folder that never existed, and a rebuild of the same output with nothing changed.
perf record -q -F 999 -g -o "$out/full.data" -- "$jamcart" build "$store" -o "$out/site" --no-server 2>&1 | grep -v '^\[ perf' >&2 || true
perf record -q -F 4999 -g -o "$out/unchanged.data" -- "$jamcart" build "$store" -o "$out/site" --no-server 2>&1 | grep -v '^\[ perf' >&2 || true
{
  echo "## full build"; summarize "$out/full.data"
  echo; echo "## rebuild, nothing changed"; summarize "$out/unchanged.data"
} | tee "$out/summary.txt"
# The built site is not needed to read the profiles.
rm -rf "$out/site" "$out/.site.jamcart"
echo "profiles: $out (perf report -i $out/full.data)" >&2
