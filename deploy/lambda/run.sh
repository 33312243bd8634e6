#!/bin/sh
# The functions host's start on AWS Lambda: the Lambda Web Adapter (a layer) waits for GET /api/health on
# 127.0.0.1:$AWS_LWA_PORT, then forwards each invocation to it as an HTTP request.
set -eu
cd "$(dirname "$0")"
port=${AWS_LWA_PORT:-${PORT:-8080}}
export ASPNETCORE_URLS="http://127.0.0.1:$port"
# The package folder is read-only on Lambda; /tmp is the only place anything may be written.
export HOME="${HOME:-/tmp}" TMPDIR="${TMPDIR:-/tmp}"
exec ./Jamcart.Functions
