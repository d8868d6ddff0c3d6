#!/usr/bin/env bash
# Live-database benchmark: generates PostgreSQL schemas of N tables (with FKs and indexes), loads
# each into a throwaway server (temp data dir, 127.0.0.1, a free port; removed afterwards), and
# times whole processes side by side (bench/measure.py: round-robin, median, peak memory):
#   jit, aot   `schema-audit audit --db URL --format json` (JIT and native builds)
#   splinter   supabase/splinter's lint SQL (splinter.sql) through psql, when SPLINTER_DIR names a
#              checkout of it (its stub schemas from test/fixtures.sql are loaded first). splinter has
#              no licence file, so it is not committed here: fetch it yourself.
#   select1    `psql -c 'SELECT 1'`: the floor for any tool that connects and asks anything
#   ddl        the AOT audit of the same schema as DDL files
# The number of catalog queries comes from `--verbose`.
#
#   bash bench/run-db.sh                 # sizes 1000 5000, 5 runs each
#   SIZES="1000" RUNS=3 SPLINTER_DIR=<splinter checkout> AOT_CLI=<native schema-audit> bash bench/run-db.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 5000"}
RUNS=${RUNS:-5}
work=${BENCH_DIR:-/tmp/schema-audit-bench-db}
mkdir -p "$work"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || bin=$(dirname "$(command -v initdb)")
[ -x "$bin/initdb" ] || { echo "error: PostgreSQL server binaries (initdb) not found" >&2; exit 1; }

dotnet publish src/SchemaAudit.Cli -c Release -o "$work/cli" --nologo -v q >/dev/null
jit="$work/cli/schema-audit"
aot=${AOT_CLI:-}
if [ -z "$aot" ]; then
  linker=""; command -v clang >/dev/null 2>&1 || linker="-p:CppCompilerAndLinker=gcc"
  dotnet publish src/SchemaAudit.Cli -c Release -r linux-x64 -p:PublishAot=true $linker -o "$work/aot" --nologo -v q >/dev/null
  aot="$work/aot/schema-audit"
fi
dotnet build bench/SchemaAudit.Bench -c Release -o "$work/gen" --nologo -v q >/dev/null

# The throwaway server: PostgreSQL refuses to run as root, so run it as the postgres user then.
pgdir=$(mktemp -d /tmp/schema-audit-bench-pg.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$pgdir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
as_pg "$bin/pg_ctl" start -w -D "$pgdir/data" -l "$pgdir/server.log" -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdir -c fsync=off" >/dev/null
cleanup() { as_pg "$bin/pg_ctl" stop -m immediate -D "$pgdir/data" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT

field() { python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m[sys.argv[2]][sys.argv[3]] if sys.argv[2] in m else "")' "$work/m.json" "$1" "$2"; }
secs() { [ -n "$1" ] && printf '%.2f s' "$1" || printf 'n/a'; }

printf '| tables | AOT audit --db | JIT audit --db | AOT peak | catalog queries | splinter via psql | AOT / splinter | psql SELECT 1 | AOT audit of the DDL files | findings (db) |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in $SIZES; do
  ddl="$work/schema-$n"
  [ -d "$ddl" ] || dotnet "$work/gen/SchemaAudit.Bench.dll" generate-ddl "$ddl" "$n"
  db="bench$n"
  psql_db() { "$bin/psql" -q -X -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"; }
  "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  for f in $(ls "$ddl"/V*__tables.sql | sort -V); do
    psql_db -v ON_ERROR_STOP=1 -f "$f" >/dev/null
  done
  commands=()
  if [ -n "${SPLINTER_DIR:-}" ]; then
    # splinter's own test stubs (auth schema and functions, anon/authenticated roles) make its
    # Supabase-specific lints valid on a plain server.
    psql_db -c "SET client_min_messages = warning" -f "$SPLINTER_DIR/test/fixtures.sql" >/dev/null 2>&1 || true
    psql_db -v ON_ERROR_STOP=1 -f "$SPLINTER_DIR/splinter.sql" >"$work/splinter.out"
    commands+=("splinter=$bin/psql -q -X -h 127.0.0.1 -p $port -U postgres -d $db -v ON_ERROR_STOP=1 -f $SPLINTER_DIR/splinter.sql")
  fi
  psql_db -c "ANALYZE" >/dev/null
  url="postgresql://postgres@127.0.0.1:$port/$db"
  commands+=("aot=$aot audit --db $url --format json --fail-on none" "jit=$jit audit --db $url --format json --fail-on none"
             "select1=$bin/psql -q -X -h 127.0.0.1 -p $port -U postgres -d $db -c 'SELECT 1'"
             "ddl=$aot audit $ddl --format json --fail-on none")
  python3 bench/measure.py "$RUNS" "${commands[@]}" >"$work/m.json"
  "$aot" audit --db "$url" --format json --fail-on none --verbose >"$work/out.json" 2>"$work/err.txt" || true
  queries=$(grep -Eo 'with [0-9]+ catalog queries' "$work/err.txt" | grep -Eo '[0-9]+' | head -1)
  findings=$(grep -o '"ruleId"' "$work/out.json" | wc -l)
  ratio="n/a"
  [ -n "${SPLINTER_DIR:-}" ] && ratio=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print("%.2fx" % (m["aot"]["median_s"] / m["splinter"]["median_s"]))' "$work/m.json")
  printf '| %s | %s | %s | %s MB | %s | %s | %s | %s | %s | %s |\n' "$n" \
    "$(secs "$(field aot median_s)")" "$(secs "$(field jit median_s)")" "$(field aot peak_mb)" "$queries" \
    "$(secs "$(field splinter median_s)")" "$ratio" "$(secs "$(field select1 median_s)")" "$(secs "$(field ddl median_s)")" "$findings"
done
