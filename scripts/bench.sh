#!/usr/bin/env bash
# The performance benchmark of issue 9, on loopback only, with bounded runs.
#
#   scripts/bench.sh           full run: 10k articles / 50k summaries / 5k notes
#   scripts/bench.sh --quick   a smaller site and shorter loads, to try it out
#   scripts/bench.sh --db FILE a copy of a site generated before (by
#                              `folio generate`, which takes a while at full
#                              scale) instead of generating one
#
# 1. Builds the release server and generates a large site into a fresh
#    database (`folio generate`) in a temporary folder.
# 2. Serves it with Folio, saves copies of the pages it answers, and serves
#    those copies with nginx on another loopback port; loads both with wrk
#    (same threads, connections and duration), alternating, and prints
#    req/s, p50, p99 and Folio's ratio to nginx; once more for the article
#    while its author saves a published note every second
#    (end2end/bench/writer.mjs), each save emptying the page cache.
# 3. On the large database: single-request p50/p99 of cold renders (each
#    request a distinct address, so the page cache cannot answer it), and
#    the same pages under load, warm and cold; the server's peak memory.
# 4. The bytes of a first visit to an article, and of the editor's chunk.
# 5. Lighthouse (npm, the system Chromium) on home, an article, /summaries
#    and a search, mobile and desktop: the four scores, LCP, TBT and CLS.
# 6. Client navigation: click on an internal link to the new <h1> painted,
#    over 20 navigations, then 20 after a hover (end2end/bench/navigation.mjs,
#    Playwright); and keystroke to screen in the editor with a 5,000-word
#    article, to the word count and to the preview (end2end/bench/editor.mjs).
# Appends everything to BENCHMARKS.md with the machine and the date.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

QUICK=0; REUSE=
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --db) REUSE=${2:?--db needs a file}; shift
          [ -f "$REUSE" ] || { echo "no database at $REUSE" >&2; exit 2; } ;;
    *) echo "usage: $0 [--quick] [--db FILE]" >&2; exit 2 ;;
  esac
  shift
done

if [ "$QUICK" = 1 ]; then
  SCALE=(--articles 2000 --summaries 10000 --notes 1000)
  DURATION=3; SINGLES=15; COLD_PATHS=3000
else
  SCALE=(--articles 10000 --summaries 50000 --notes 5000)
  DURATION=6; SINGLES=30; COLD_PATHS=20000
fi
THREADS=2; CONNECTIONS=50
FOLIO_PORT=${FOLIO_PORT:-39080}
NGINX_PORT=${NGINX_PORT:-39081}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

step() { printf '\n==> %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v brotli >/dev/null || need+=(brotli)
if [ ${#need[@]} -gt 0 ]; then
  step "Installing ${need[*]} (Debian packages)"
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

step "Building the release server and its assets"
cargo leptos build --release --split --precompress >&2
FOLIO=$CARGO_TARGET_DIR/release/folio
SITE_ROOT=$ROOT/target/site
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x scripts/bench/node_modules/.bin/lighthouse ]; then
  step "Installing Lighthouse (npm)"
  npm ci --prefix scripts/bench --no-audit --no-fund >&2
fi
[ -d end2end/node_modules/@playwright ] || npm ci --prefix end2end --no-audit --no-fund >&2

WORK=$(mktemp -d "${TMPDIR:-/tmp}/folio-bench.XXXXXX")
FOLIO_PID=; NGINX_STARTED=0
cleanup() {
  # Waited for, or its last writes to the WAL race the removal below.
  [ -n "$FOLIO_PID" ] && kill "$FOLIO_PID" 2>/dev/null && wait "$FOLIO_PID" 2>/dev/null || true
  [ "$NGINX_STARTED" = 1 ] && "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "$REUSE" ]; then
  step "Copying the site in $REUSE"
  sqlite3 "$REUSE" "VACUUM INTO '$WORK/folio.db'"
  SITE="$(sqlite3 "$WORK/folio.db" "SELECT '--articles ' || (SELECT COUNT(*) FROM articles) || ' --summaries ' || (SELECT COUNT(*) FROM summaries) || ' --notes ' || (SELECT COUNT(*) FROM notes)") (a copy of $(basename "$REUSE"), generated before"
else
  step "Generating the site (${SCALE[*]})"
  started=$(date +%s.%N)
  "$FOLIO" generate --db "$WORK/folio.db" "${SCALE[@]}" >&2
  GEN_SECONDS=$(echo "$(date +%s.%N) - $started" | bc)
  SITE="${SCALE[*]} (generated in ${GEN_SECONDS%.*} s"
fi
DB_MB=$(du -m "$WORK/folio.db" | cut -f1)
# An author for the typing benchmark, in this run's copy of the database.
TYPIST=bench-typist
TYPIST_PASSWORD="typing benchmark $RANDOM$RANDOM$RANDOM"
echo "$TYPIST_PASSWORD" | "$FOLIO" user add "$TYPIST" --password-stdin --db "$WORK/folio.db" >/dev/null

step "Starting Folio on 127.0.0.1:$FOLIO_PORT"
FOLIO_DEMO=0 "$FOLIO" serve --db "$WORK/folio.db" --addr "127.0.0.1:$FOLIO_PORT" \
  --no-demo --site-root "$SITE_ROOT" >"$WORK/folio.log" 2>&1 &
FOLIO_PID=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$FOLIO_PORT/healthz" >/dev/null && break
  sleep 0.2
done
BASE=http://127.0.0.1:$FOLIO_PORT

q() { sqlite3 "$WORK/folio.db" "$1"; }
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
PUBLIC="deleted_at IS NULL AND status <> 'draft' AND published_at <= '$NOW'"
ARTICLE=$(q "SELECT slug FROM articles WHERE $PUBLIC ORDER BY published_at DESC LIMIT 1 OFFSET 10")
TAG=$(q "SELECT t.slug FROM tags t JOIN article_tags x ON x.tag_id = t.id GROUP BY t.id ORDER BY COUNT(*) DESC LIMIT 1 OFFSET 3")
CATEGORY=$(q "SELECT slug FROM categories ORDER BY id LIMIT 1 OFFSET 1")
SOURCE=$(q "SELECT slug FROM sources ORDER BY id LIMIT 1 OFFSET 2")
WORD=transaction
q "SELECT '/articles/' || slug FROM articles WHERE $PUBLIC ORDER BY id DESC LIMIT $COLD_PATHS" >"$WORK/cold-articles.txt"

# wrk's output → "req/s p50_ms p99_ms"
wrk_run() {
  local script=$1 url=$2
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s)
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" "$url" 2>/dev/null | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                     if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad ? bad : 0) }'
}

# A wrk script that asks for each line of a file once, in turn. wrk runs
# one Lua state per thread, so each thread takes every THREADS-th line from
# its own offset; with one counter each, every line was asked for once per
# thread, and all but the first ask of a page were answered by the cache.
cold_script() {
  cat >"$WORK/cold.lua" <<LUA
local paths, threads = {}, 0
for line in io.lines("$1") do paths[#paths + 1] = line end
setup = function(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
init = function(args) i = offset end
request = function()
  local path = paths[i % #paths + 1]
  i = i + $THREADS
  return wrk.format("GET", path)
end
LUA
  echo "$WORK/cold.lua"
}

# --- Folio against nginx ---------------------------------------------------
step "Saving the pages Folio serves, for nginx"
declare -A PAGES=(
  [article]="/articles/$ARTICLE"
  [home]="/"
  [summaries]="/summaries?source=$SOURCE"
  [tag]="/tags/$TAG"
  [search]="/search?q=$WORD"
)
ORDER=(article home summaries tag search)
mkdir -p "$WORK/static" "$WORK/nginx/logs"
# nginx started as root reads files as `nobody`: mktemp's folder is 0700.
chmod 755 "$WORK" "$WORK/static"
for name in "${ORDER[@]}"; do
  curl -sf "$BASE${PAGES[$name]}" -o "$WORK/static/$name.html"
  chmod 644 "$WORK/static/$name.html"
done
cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes auto;
error_log $WORK/nginx/logs/error.log;
pid $WORK/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  default_type text/html;
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp; uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/static;
    location / { try_files \$uri.html =404; }
  }
}
NGINX
mkdir -p "$WORK/nginx/tmp"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
NGINX_STARTED=1
NGINX_BASE=http://127.0.0.1:$NGINX_PORT
# The reference must serve the very bytes Folio did, or the ratio means
# nothing (runs before this check measured nginx answering 404).
for _ in $(seq 1 50); do curl -s -o /dev/null "$NGINX_BASE/" && break; sleep 0.1; done
for name in "${ORDER[@]}"; do
  curl -sf "$NGINX_BASE/$name" -o "$WORK/nginx/$name.check" \
    && cmp -s "$WORK/nginx/$name.check" "$WORK/static/$name.html" \
    || { echo "nginx does not serve the saved $name page; see $WORK/nginx/logs" >&2; exit 1; }
done

RESULTS=$WORK/results.md
{
  echo "| page | Folio req/s | p50 ms | p99 ms | nginx req/s | p50 ms | p99 ms | ratio |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$RESULTS"
compare() {
  local label=$1 folio_script=$2 folio_url=$3 nginx_url=$4
  step "Loading $label"
  read -r f_rps f_p50 f_p99 f_bad < <(wrk_run "$folio_script" "$folio_url")
  read -r n_rps n_p50 n_p99 n_bad < <(wrk_run "" "$nginx_url")
  local ratio
  ratio=$(echo "scale=3; $f_rps / $n_rps" | bc)
  [ "$f_bad" != 0 ] && label="$label ($f_bad non-2xx)"
  [ "$n_bad" != 0 ] && label="$label (nginx: $n_bad non-2xx)"
  echo "| $label | $f_rps | $f_p50 | $f_p99 | $n_rps | $n_p50 | $n_p99 | ${ratio}× |" >>"$RESULTS"
}
# The same article while its author saves a published note every second
# (end2end/bench/writer.mjs): each save empties the page cache, so after
# each one the article is rendered again, once, while the readers who ask
# meanwhile wait for that render (`folio_server::cache`).
WRITES=
writing_while_loaded() {
  step "Loading the article while its author saves every second"
  (cd end2end && exec node bench/writer.mjs "$BASE" "$TYPIST" "$TYPIST_PASSWORD" 1000 \
    $((DURATION + 1)) >"$WORK/writer.out" 2>&1) &
  local writer=$! f_rps f_p50 f_p99 f_bad n_rps n_p50 n_p99 n_bad ratio label
  for _ in $(seq 1 300); do
    grep -q '^ready' "$WORK/writer.out" 2>/dev/null && break
    kill -0 "$writer" 2>/dev/null || break
    sleep 0.2
  done
  grep -q '^ready' "$WORK/writer.out" || { cat "$WORK/writer.out" >&2; echo "the writer did not start" >&2; exit 1; }
  read -r f_rps f_p50 f_p99 f_bad < <(wrk_run "" "$BASE${PAGES[article]}")
  wait "$writer" || { cat "$WORK/writer.out" >&2; echo "the writer failed" >&2; exit 1; }
  WRITES=$(tail -1 "$WORK/writer.out")
  read -r n_rps n_p50 n_p99 n_bad < <(wrk_run "" "$NGINX_BASE/article")
  ratio=$(echo "scale=3; $f_rps / $n_rps" | bc)
  label="article, its author saving every second (each save empties the cache)"
  [ "$f_bad" != 0 ] && label="$label ($f_bad non-2xx)"
  echo "| $label | $f_rps | $f_p50 | $f_p99 | $n_rps | $n_p50 | $n_p99 | ${ratio}× |" >>"$RESULTS"
}
for name in "${ORDER[@]}"; do
  curl -s "$BASE${PAGES[$name]}" >/dev/null  # warm the cache
  compare "$name, warm (${PAGES[$name]%%\?*})" "" "$BASE${PAGES[$name]}" "$NGINX_BASE/$name"
  if [ "$name" = article ]; then
    compare "article, first render (distinct uncached articles)" \
      "$(cold_script "$WORK/cold-articles.txt")" "$BASE/" "$NGINX_BASE/article"
    writing_while_loaded
  fi
done

# --- the large database ----------------------------------------------------
LARGE=(
  "/articles?category=$CATEGORY"
  "/articles?tag=$TAG&page=3"
  "/summaries?category=$CATEGORY&tag=$TAG"
  "/summaries?source=$SOURCE&page=2"
  "/tags"
  "/tags/$TAG"
  "/sitemap.xml"
  "/search?q=$WORD"
  "/search?q=s"
)
{
  echo
  echo "| address | single, cold: p50 ms | p99 ms | under load, warm: req/s | p50 ms | p99 ms | under load, cold: req/s | p50 ms | p99 ms |"
  echo "|---|---|---|---|---|---|---|---|---|"
} >>"$RESULTS"
bust() { case "$1" in *\?*) echo "$1&bench=$2" ;; *) echo "$1?bench=$2" ;; esac; }
for path in "${LARGE[@]}"; do
  step "Large database: $path"
  for i in $(seq 1 "$SINGLES"); do
    curl -s -o /dev/null -w '%{time_total}\n' "$BASE$(bust "$path" "single$i")"
  done | sort -n | awk -v n="$SINGLES" '
    { t[NR] = $1 * 1000 }
    END { p50 = t[int((n + 1) / 2)]; i99 = int(n * 0.99 + 0.999); if (i99 > n) i99 = n;
          printf "%.1f %.1f\n", p50, t[i99] }' >"$WORK/single"
  read -r s_p50 s_p99 <"$WORK/single"
  read -r w_rps w_p50 w_p99 _ < <(wrk_run "" "$BASE$path")
  seq 1 "$COLD_PATHS" | while read -r i; do bust "$path" "load$i"; done >"$WORK/cold-large.txt"
  read -r c_rps c_p50 c_p99 _ < <(wrk_run "$(cold_script "$WORK/cold-large.txt")" "$BASE/")
  echo "| \`${path//$WORD/WORD}\` | $s_p50 | $s_p99 | $w_rps | $w_p50 | $w_p99 | $c_rps | $c_p50 | $c_p99 |" >>"$RESULTS"
done
PEAK_MB=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$FOLIO_PID/status")
RSS_MB=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$FOLIO_PID/status")

# --- what a first visit downloads -------------------------------------------
page=$(curl -s "$BASE/articles/$ARTICLE")
assets=$(printf '%s' "$page" | grep -oE '(href|src|data-js|data-wasm)="/pkg/[^"]+"' | sed -E 's/^[a-z-]+="//; s/"$//' | sort -u)
editor=$(cd "$SITE_ROOT" && ls pkg/split___editor_route*.wasm 2>/dev/null | sed 's|^|/|')
BYTES="| file | raw | gzip as served | brotli as served |
|---|---|---|---|"
totals=(0 0 0)
for url in "/articles/$ARTICLE" $assets $editor; do
  raw=$(curl -s -o /dev/null -w '%{size_download}' "$BASE$url")
  gz=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "$BASE$url")
  br=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br' "$BASE$url")
  shown=${url%%\?*}
  label="\`${shown/$ARTICLE/ARTICLE}\`"
  if [ "$url" = "$editor" ]; then
    label="$label (the editor's chunk, not part of a reader's visit)"
  else
    totals=($((totals[0] + raw)) $((totals[1] + gz)) $((totals[2] + br)))
  fi
  BYTES="$BYTES
| $label | $raw | $gz | $br |"
done
BYTES="$BYTES
| whole first visit to an article | ${totals[0]} | ${totals[1]} | ${totals[2]} |"

# --- Lighthouse ----------------------------------------------------------------
LIGHTHOUSE="| page | form | performance | accessibility | best practices | SEO | LCP ms | TBT ms | CLS |
|---|---|---|---|---|---|---|---|---|"
for path in / "/articles/$ARTICLE" /summaries "/search?q=$WORD"; do
  for form in mobile desktop; do
    step "Lighthouse $form $path"
    preset=(); [ "$form" = desktop ] && preset=(--preset=desktop)
    scripts/bench/node_modules/.bin/lighthouse "$BASE$path" "${preset[@]}" --quiet \
      --chrome-path="$CHROMIUM" --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$WORK/lighthouse.json" >&2 || true
    row=$(python3 - "$WORK/lighthouse.json" <<'PY'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except (OSError, ValueError) as e:
    print(f"failed: {e} | | | | | | |"); sys.exit()
c, a = r["categories"], r["audits"]
score = lambda k: "-" if c[k]["score"] is None else str(round(c[k]["score"] * 100))
num = lambda k, f: f.format(a[k]["numericValue"]) if a[k].get("numericValue") is not None else "-"
print(" | ".join([score("performance"), score("accessibility"), score("best-practices"), score("seo"),
                  num("largest-contentful-paint", "{:.0f}"), num("total-blocking-time", "{:.0f}"),
                  num("cumulative-layout-shift", "{:.3f}")]))
PY
)
    rm -f "$WORK/lighthouse.json"
    LIGHTHOUSE="$LIGHTHOUSE
| \`${path//$ARTICLE/ARTICLE}\` | $form | $row |"
  done
done

# --- client navigation -----------------------------------------------------------
step "Client navigation, 20 clicks"
NAVIGATION=$(cd end2end && node bench/navigation.mjs "$BASE" 20 2>&1 | tail -1)
step "Typing in the editor, a 5,000-word article"
TYPING=$(cd end2end && node bench/editor.mjs "$BASE" "$TYPIST" "$TYPIST_PASSWORD" 20 2>&1 | tail -1)

# --- write it down -----------------------------------------------------------
CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
CORES=$(nproc)
MEM_GB=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git diff --quiet 2>/dev/null || echo " (with uncommitted changes)")
{
  [ -f BENCHMARKS.md ] || printf '# Benchmarks\n\nEach run of `scripts/bench.sh` appends a section; earlier runs stay.\n'
  echo
  echo "## $(date -u +%Y-%m-%d\ %H:%M) UTC, $COMMIT$DIRTY$([ "$QUICK" = 1 ] && echo ", --quick")"
  echo
  echo "Machine: $CPU, $CORES cores, $MEM_GB GB, $(uname -sr). Site: $SITE, database $DB_MB MB)."
  echo "Load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s on 127.0.0.1, no compression asked; nginx serves the saved bytes of the same pages."
  echo "\"First render\" asks for a different article each request (never cached before); \"cold\" adds a distinct \`bench=N\` parameter to each request so the page cache cannot answer it — except the sitemap, which reads no query and is held once under its path (\`discovery::ignores_query\`): its rows are hits, and it is rendered cold only after a write."
  echo
  cat "$RESULTS"
  echo
  echo "The author's saves during the load of the article above (ms from the edit, typed and saved, to the server's answer): \`$WRITES\`"
  echo
  echo "Server memory after the run: peak (VmHWM) $PEAK_MB MB, resident now $RSS_MB MB."
  echo
  echo "First visit to an article:"
  echo
  echo "$BYTES"
  echo
  echo "Lighthouse $(scripts/bench/node_modules/.bin/lighthouse --version) (simulated throttling on mobile), the system Chromium:"
  echo
  echo "$LIGHTHOUSE"
  echo
  echo "Client navigation from the article list to an article and back, from the click event to the frame after the new <h1> (ms; \"hovered\": the pointer on the link 200 ms before the click, so the prefetch has the data): \`$NAVIGATION\`"
  echo
  echo "Typing in the editor with a 5,000-word article open, from the keydown to the frame after (ms; \"echo\": the word count updated, with the text field and the local copy; \"preview\": the typed word in the preview, which is asked for after a 200 ms pause in typing and rendered by the server): \`$TYPING\`"
} | tee -a BENCHMARKS.md
