#!/usr/bin/env bash
# Installs whatever Folio's build and tests need and is missing, and nothing
# else: every step first checks whether its tool already answers with the
# right version. Only the package registries are used; nothing downloads a
# binary from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
# Must equal the wasm-bindgen version pinned in Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130

# Each step says how long the set-up has run so far, so a slow one shows.
started=$SECONDS
step() { printf '\n==> %s (set-up at %d s)\n' "$*" "$((SECONDS - started))"; }
need_apt_update=1
apt_install() {
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then SUDO=sudo; else SUDO=; fi
  if [ "$need_apt_update" = 1 ]; then $SUDO apt-get update -qq; need_apt_update=0; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@"
}

if ! command -v chromium >/dev/null; then
  step "Installing Chromium (Debian package) for the browser tests"
  apt_install chromium
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The build tools are compiled for a quick build, not for speed: their own
# release profiles (fat LTO, one codegen unit) made cargo-leptos alone take
# ~20 minutes on two cores. Thin local LTO, parallel codegen and opt-level 1
# took it to 12.5 minutes (its ~560 crates); wasm-bindgen-cli from 175 to
# 155 s. Both still run as fast where it shows (wasm-bindgen on the app's
# wasm: 0.72 s against 0.68 s).
quick_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false \
  CARGO_PROFILE_RELEASE_STRIP=true CARGO_PROFILE_RELEASE_INCREMENTAL=false \
    cargo install "$@"
}

if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION"; then
  step "Installing cargo-leptos $CARGO_LEPTOS_VERSION (once per machine)"
  quick_install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Without --locked: its lock file names a crate release the registry lacks.
  quick_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm install honours package-lock.json; `npm ci` fails at the root because
# the lock lacks other platforms' optional tailwind binaries.
if [ ! -x node_modules/.bin/tailwindcss ] || [ ! -x node_modules/.bin/wasm-opt ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing build tools from npm (tailwind, wasm-opt)"
  npm install --no-audit --no-fund
fi

if [ ! -d end2end/node_modules/@playwright/test ] \
   || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  step "Installing Playwright (it uses the system Chromium; no browser download)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
