#!/usr/bin/env bash
# Installs what is missing, then runs every test: unit and integration tests
# (cargo nextest), a short fuzzing run (scripts/fuzz.sh), then the Playwright
# journeys in the system Chromium against a release build serving a fresh
# SQLite file.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUST_BACKTRACE=0

scripts/setup.sh

printf '\n==> Unit and integration tests\n'
cargo nextest run -p app -p folio --features app/ssr --no-fail-fast

printf '\n==> Fuzzing (short run)\n'
scripts/fuzz.sh --seconds 20

printf '\n==> Release build for the browser tests\n'
cargo leptos build --release --split --precompress

target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
export FOLIO_BIN="$target_dir/release/folio"

printf '\n==> Browser tests (Playwright, system Chromium)\n'
cd end2end
npx playwright test
