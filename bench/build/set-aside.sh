#!/usr/bin/env bash
# set-aside.sh TRASH PATH...: moves each existing PATH into the folder TRASH under a new unique name.
#
# The benchmark gives every build a fresh output folder by moving the last one away instead of
# deleting it. On ext4, inodes freed in the last minutes are skipped (and checked one by one) when
# new ones are allocated: deleting 10,000 pages right before a build made that build's mkdir and
# create calls several times slower, for Jamcart and Hugo alike. run.sh deletes TRASH once, at the end.
set -euo pipefail
trash=$1
shift
mkdir -p "$trash"
for path in "$@"; do
  if [ -e "$path" ]; then
    mv "$path" "$(mktemp -d "$trash/XXXXXXXX")/"
  fi
done
