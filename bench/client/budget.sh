#!/usr/bin/env bash
# The client JavaScript budget of docs/benchmarks.md: builds the sample tea shop with jamcart build and adds up,
# per page type, the gzipped bytes of every script the page loads (not counting the payment provider's own script,
# which the checkout loads from the provider). Fails when a page type is over its budget.
#
#   bench/client/budget.sh
#
# Budgets: 5 KB (5,000 bytes) on product and category pages, 15 KB on checkout. gzip at its default level, as web
# servers and CDNs compress; -9 is shown too.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet run --project src/Jamcart.Cli -c Release -- build samples/tea-shop -o "$out/site" --quiet --no-server >/dev/null
site="$out/site"

first() { find "$site/$1" -mindepth 1 -maxdepth 1 -type d | sort | head -n 1; }
# page type, page, budget in bytes (0: reported, no budget)
pages=(
  "product|$site/products/jeju-sejak/index.html|5000"
  "category|$(first categories)/index.html|5000"
  "home|$site/index.html|5000"
  "cart|$site/cart/index.html|0"
  "checkout|$site/checkout/index.html|15000"
  "order|$site/order/index.html|0"
)

status=0
echo "| page | scripts | raw bytes | gzip bytes | gzip -9 bytes | budget |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
for entry in "${pages[@]}"; do
  IFS='|' read -r kind page budget <<<"$entry"
  raw=0; gz=0; gz9=0; names=()
  while read -r src; do
    file="$site${src}"
    names+=("$(basename "$src" | sed 's/\.[0-9a-f]\{10\}\.js$/.js/')")
    raw=$((raw + $(wc -c <"$file")))
    gz=$((gz + $(gzip -c "$file" | wc -c)))
    gz9=$((gz9 + $(gzip -9 -c "$file" | wc -c)))
  done < <(grep -o '<script [^>]*src="[^"]*"' "$page" | sed 's/.*src="\([^"]*\)"/\1/')
  verdict="—"
  if [ "$budget" -gt 0 ]; then
    if [ "$gz" -le "$budget" ]; then verdict="$budget ✓"; else verdict="$budget ✗ over"; status=1; fi
  fi
  echo "| $kind | ${names[*]} | $raw | $gz | $gz9 | $verdict |"
done
exit "$status"
