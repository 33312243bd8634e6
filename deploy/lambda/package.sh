#!/usr/bin/env bash
# The functions host for AWS Lambda behind the AWS Lambda Web Adapter: publishes the Native AOT binary and lays out
# a zip for the provided.al2023 runtime (see docs/deploy/lambda.md).
#
#   deploy/lambda/package.sh [--arch x64|arm64] [--out DIR] [--binary PATH]
#
#   --arch    linux-x64 (Lambda's x86_64, the default) or linux-arm64 (arm64; needs an arm64 build machine)
#   --out     where the package folder and the zip go (default artifacts/lambda)
#   --binary  an already published AOT folder's Jamcart.Functions: skip the publish
#
# The package holds bootstrap, run.sh, the binary, appsettings.json and the native libraries the publish put next
# to it; never a settings file with secrets. The zip is <out>/jamcart-functions-lambda-<arch>.zip.
set -euo pipefail

arch=x64
out=
binary=
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) arch=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$arch" in x64 | arm64) ;; *) echo "package.sh: --arch is x64 or arm64" >&2; exit 2 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${out:-$repo/artifacts/lambda}
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [ -z "$binary" ]; then
  publish="$out/publish-$arch"
  rm -rf "$publish"
  echo "publishing the functions host: Native AOT, linux-$arch" >&2
  dotnet publish "$repo/src/Jamcart.Functions" -c Release -r "linux-$arch" -p:PublishAot=true \
    --artifacts-path "$out/obj" -nologo -v quiet -o "$publish" >&2
  binary="$publish/Jamcart.Functions"
fi
[ -x "$binary" ] || { echo "package.sh: $binary is not an executable" >&2; exit 1; }
from=$(dirname "$binary")

package="$out/package-$arch"
rm -rf "$package" && mkdir -p "$package"
# The binary and what it loads at run time (appsettings.json, native libraries); debug symbols stay behind.
find "$from" -maxdepth 1 -type f ! -name '*.dbg' ! -name '*.pdb' ! -name '*.xml' -exec cp -p {} "$package/" \;
install -m 0755 "$here/bootstrap" "$package/bootstrap"
install -m 0755 "$here/run.sh" "$package/run.sh"
# Lambda runs the function as another user than the files' owner: everything readable, the entry points executable.
chmod -R a+rX "$package" && chmod 0755 "$package/Jamcart.Functions"

zip="$out/jamcart-functions-lambda-$arch.zip"
rm -f "$zip"
# Lambda keeps the files' modes from the zip: bootstrap, run.sh and the binary must stay executable.
(cd "$package" && python3 - "$zip" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
    for name in sorted(os.listdir(".")):
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = (os.stat(name).st_mode & 0xFFFF) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(name, "rb") as source:
            archive.writestr(info, source.read())
PY
)
echo "package folder: $package" >&2
echo "zip: $zip ($(du -h "$zip" | cut -f1))" >&2
echo "$zip"
