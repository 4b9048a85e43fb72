#!/usr/bin/env bash
# A bounded soak of the release server on loopback: 100 connections for
# 60 seconds of mixed traffic — page reads, searches and a signed-in
# author's autosaves — on the demo site in a fresh database. Prints the
# request count, errors, p50/p99 and the server's peak memory, and fails
# if any request failed or the database is not sound afterwards.
#
#   scripts/soak.sh                 60 s, 100 connections
#   scripts/soak.sh --quick         15 s, 50 connections
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DURATION=60; CONNECTIONS=100
for arg in "$@"; do
  case "$arg" in
    --quick) DURATION=15; CONNECTIONS=50 ;;
    *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
  esac
done
PORT=${FOLIO_PORT:-39090}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
step() { printf '\n==> %s\n' "$*" >&2; }

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v sqlite3 >/dev/null || need+=(sqlite3)
if [ ${#need[@]} -gt 0 ]; then
  step "Installing ${need[*]} (Debian packages)"
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

step "Building the release server"
cargo build --release -p folio --features app/ssr >&2
FOLIO=$CARGO_TARGET_DIR/release/folio

WORK=$(mktemp -d "${TMPDIR:-/tmp}/folio-soak.XXXXXX")
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

DB=$WORK/folio.db
PASSWORD="soak test password $$"
printf '%s\n' "$PASSWORD" | "$FOLIO" user add soak --password-stdin --db "$DB" >/dev/null
step "Serving the demo site on 127.0.0.1:$PORT"
RUST_LOG=warn "$FOLIO" serve --db "$DB" --addr "127.0.0.1:$PORT" >"$WORK/folio.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break
  sleep 0.2
done
BASE=http://127.0.0.1:$PORT
COOKIE=$(curl -s -o /dev/null -D - "$BASE/admin/login" \
  --data-urlencode username=soak --data-urlencode "password=$PASSWORD" |
  awk -F'[:;] *' 'tolower($1) == "set-cookie" && $2 ~ /folio_session=/ { print $2 }')
[ -n "$COOKIE" ] || { echo "could not sign in" >&2; exit 1; }

# What a reader asks for: every public page kind, with real slugs.
{
  echo / ; echo /articles ; echo /notes ; echo /summaries ; echo /tags ; echo /about
  echo /feed.xml ; echo /sitemap.xml
  sqlite3 "$DB" "SELECT '/articles/' || slug FROM articles WHERE status = 'published' AND deleted_at IS NULL"
  sqlite3 "$DB" "SELECT '/notes/' || slug FROM notes WHERE status = 'published' AND deleted_at IS NULL"
  sqlite3 "$DB" "SELECT '/tags/' || slug FROM tags"
  sqlite3 "$DB" "SELECT '/summaries?category=' || slug FROM categories"
} >"$WORK/pages.txt"
for word in rust sqlite design testing a; do echo "/search?q=$word"; done >"$WORK/searches.txt"

cat >"$WORK/soak.lua" <<LUA
-- Seven reads, two searches and one autosave in every ten requests.
local function lines(file)
  local all = {}
  for line in io.lines(file) do all[#all + 1] = line end
  return all
end
local pages, searches = lines("$WORK/pages.txt"), lines("$WORK/searches.txt")
local threads, count = 0, 0
function setup(thread)
  threads = threads + 1
  thread:set("worker", threads)
end
function request()
  count = count + 1
  local turn = count % 10
  if turn == 0 then
    local slug = "soak-" .. worker .. "-" .. count
    local body = '{"request":{"explicit":false,"doc":{"kind":"note","title":"Soak ' .. slug ..
      '","slug":"' .. slug .. '","status":"draft","body_md":"Autosaved during the soak."}}}'
    return wrk.format("POST", "/api/save_item", {
      ["Content-Type"] = "application/json", ["Accept"] = "application/json",
      ["Cookie"] = "$COOKIE" }, body)
  elseif turn <= 2 then
    return wrk.format("GET", searches[count % #searches + 1])
  end
  return wrk.format("GET", pages[count % #pages + 1])
end
LUA

step "Soaking: $CONNECTIONS connections for ${DURATION}s"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s -s "$WORK/soak.lua" "$BASE" >"$WORK/wrk.txt"
cat "$WORK/wrk.txt"
PEAK_KB=$(awk '/VmHWM/ { print $2 }' "/proc/$PID/status")

kill -TERM "$PID"
wait "$PID" || { echo "the server did not stop cleanly" >&2; exit 1; }
PID=
INTEGRITY=$(sqlite3 "$DB" "PRAGMA integrity_check")
SAVED=$(sqlite3 "$DB" "SELECT COUNT(*) FROM notes WHERE slug LIKE 'soak-%'")

awk -v peak="$PEAK_KB" -v saved="$SAVED" -v integrity="$INTEGRITY" '
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                   if (v ~ /s$/) return v * 1000; return v }
  / requests in / { total = $1 }
  /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
  /Non-2xx/ { bad = $NF }
  /Socket errors/ { gsub(/,/, ""); sock = $4 + $6 + $8 + $10 }
  END {
    printf "\nrequests %d, failed %d (non-2xx %d, socket errors %d)\n", total, bad + sock, bad, sock
    printf "p50 %.2f ms, p99 %.2f ms, peak memory %.1f MB\n", p50, p99, peak / 1024
    printf "autosaves stored %d, integrity %s\n", saved, integrity
    exit (bad + sock > 0 || integrity != "ok" || saved == 0) ? 1 : 0
  }' "$WORK/wrk.txt"
