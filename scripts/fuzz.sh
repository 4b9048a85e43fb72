#!/usr/bin/env bash
# Fuzzes the markdown renderer, the importer's front matter and the domain
# parsers with cargo-fuzz (libFuzzer), each target for a while, and fails on
# the first crash with the input that caused it and how to run it again.
#
#   scripts/fuzz.sh                                 # every target, 20 s each (CI)
#   scripts/fuzz.sh --seconds 3600 --keep-corpus    # the long run, an hour each
#   scripts/fuzz.sh --seconds 60 markdown
#
# The seeds in fuzz/corpus/<target> are only read. A run starts from them
# alone, in a fresh folder under the target folder, so it takes the time it
# is given: replaying a grown corpus comes first and is never cut short (five
# thousand markdown inputs took half a minute). --keep-corpus starts from
# what earlier such runs learned and adds to it, for long runs. Crashing
# inputs are written to fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2

seconds=20
keep=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --keep-corpus) keep=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done

# The only tool fuzzing needs, so it is installed here rather than in setup.sh.
if ! cargo fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\$"; then
  printf '\n==> Installing cargo-fuzz %s\n' "$CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# cargo-fuzz passes nightly-only flags (-Z, sanitizer coverage passes); this
# lets the stable compiler take them. Set for cargo fuzz only: build scripts
# such as proc-macro2's rebuild when it changes.
export RUSTC_BOOTSTRAP=1
export RUST_BACKTRACE=1
# Its own target folder: the build scripts and proc macros it compiles (with
# RUSTC_BOOTSTRAP set) would otherwise replace the release build's own and
# make each rebuild the other's.
work="${CARGO_TARGET_DIR:-$PWD/target}/fuzz"
# No sanitizer: Folio's code is safe Rust, so AddressSanitizer would mostly
# slow each run and the build; panics and failed assertions are what we look
# for. cargo-fuzz's one codegen unit builds each large crate on one core;
# sixteen let both cores share it, for slightly slower runs.
options=(--sanitizer none --codegen-units 16 --target-dir "$work")

if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi

printf '\n==> Building fuzz targets: %s\n' "${targets[*]}"
for target in "${targets[@]}"; do
  cargo fuzz build "${options[@]}" "$target"
done

failed=0
summary=()
for target in "${targets[@]}"; do
  if [ "$keep" = 1 ]; then
    corpus="$work/corpus/$target"
  else
    corpus="$work/fresh/$target"
    rm -rf "$corpus"
  fi
  log="$work/logs/$target.log"
  mkdir -p "$corpus" "$(dirname "$log")" "fuzz/artifacts/$target"
  printf '\n==> Fuzzing %s for %s s\n' "$target" "$seconds"
  # The first folder receives new inputs; the seeds after it are only read.
  status=0
  cargo fuzz run "${options[@]}" "$target" "$corpus" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=30 -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  inputs=$(find "$corpus" -type f | wc -l)
  if [ "$status" -eq 0 ]; then
    summary+=("$(printf '%-13s ok      %10s runs in %s s, corpus %s inputs' \
      "$target" "${runs:-?}" "$seconds" "$inputs")")
    continue
  fi
  failed=1
  crash=$(sed -n 's/.*Test unit written to \(\S*\).*/\1/p' "$log" | tail -n 1)
  crash=${crash#"$PWD/"}
  summary+=("$(printf '%-13s FAILED  %10s runs, input: %s' "$target" "${runs:-?}" "${crash:-none written}")")
  # The panic's message, or libFuzzer's word for a timeout or running out
  # of memory.
  sed -n '/panicked at/,/^stack backtrace/p' "$log" | head -n 60
  grep -E '^(==[0-9]+== ERROR|SUMMARY): libFuzzer' "$log" || true
  printf '\nFull log: %s\n' "$log"
  if [ -n "$crash" ]; then
    printf 'Run it again with:\n  RUSTC_BOOTSTRAP=1 cargo fuzz run %s %s %s\n' \
      "${options[*]}" "$target" "$crash"
  fi
done

printf '\n==> Fuzzing summary\n'
printf '%s\n' "${summary[@]}"
exit "$failed"
