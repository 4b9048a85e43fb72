#!/usr/bin/env bash
# Installs what is missing, builds Folio in release mode and serves it on
# the embedded SQLite default (data/folio.db), filled with the demo site on
# first run. Extra arguments go to `folio serve` (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
export RUST_BACKTRACE=0

scripts/setup.sh
printf '\n==> Building Folio (release)\n'
# --precompress writes a brotli and a gzip copy of each asset at the best
# level, which the server sends as they are.
cargo leptos build --release --split --precompress

target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
exec "$target_dir/release/folio" serve "$@"
