#!/usr/bin/env bash
# The after-the-sale benchmark of docs/benchmarks.md: order paid → updated page published, end to end, through the
# rebuild worker with its production pacing (poll 100 ms, debounce 25 ms), SQLite, publishing to a folder; and the
# worker's render and publish time per rebuild. Every round changes what one product's page shows.
#
#   bench/rebuild/run.sh [PRODUCTS=10000] [ROUNDS=100]
set -euo pipefail
cd "$(dirname "$0")/../.."
work=bench/work/rebuild
dotnet build bench/rebuild/RebuildBench -c Release -o "$work/tool" -nologo -v quiet >/dev/null
"$work/tool/rebuildbench" "$work" "${1:-10000}" "${2:-100}"
