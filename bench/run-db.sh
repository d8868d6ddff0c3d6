#!/usr/bin/env bash
# Live-database benchmark: generates PostgreSQL schemas of N tables (with FKs and indexes), loads
# each into a throwaway server (temp data dir, 127.0.0.1, a free port; removed afterwards), and
# times the whole `schema-audit audit --db ...` process, next to auditing the same DDL files.
# The number of catalog queries comes from `--verbose`.
#
#   bash bench/run-db.sh                 # sizes 1000 5000, 5 runs each
#   SIZES="1000" RUNS=3 bash bench/run-db.sh
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

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '| tables | audit --db wall (median of %s) | catalog queries | introspection (in-process) | audit of the same DDL files | findings (db) |\n' "$RUNS"
printf '|---:|---:|---:|---:|---:|---:|\n'
for n in $SIZES; do
  ddl="$work/schema-$n"
  [ -d "$ddl" ] || dotnet "$work/gen/SchemaAudit.Bench.dll" generate-ddl "$ddl" "$n"
  db="bench$n"
  "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  for f in $(ls "$ddl"/V*__tables.sql | sort -V); do
    "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d "$db" -v ON_ERROR_STOP=1 -f "$f" >/dev/null
  done
  "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d "$db" -c "ANALYZE" >/dev/null
  url="postgresql://postgres@127.0.0.1:$port/$db"
  db_times=(); file_times=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e' -o "$work/time.txt" "$work/cli/schema-audit" audit --db "$url" --format json --fail-on none --verbose >"$work/out.json" 2>"$work/err.txt"
    db_times+=("$(cat "$work/time.txt")")
    /usr/bin/time -f '%e' -o "$work/time.txt" "$work/cli/schema-audit" audit "$ddl" --format json --fail-on none >/dev/null
    file_times+=("$(cat "$work/time.txt")")
  done
  queries=$(grep -Eo 'with [0-9]+ catalog queries' "$work/err.txt" | grep -Eo '[0-9]+' | head -1)
  introspection=$(grep -Eo 'in [0-9]+ ms' "$work/err.txt" | head -1 | grep -Eo '[0-9]+')
  findings=$(grep -o '"ruleId"' "$work/out.json" | wc -l)
  printf '| %s | %ss | %s | %s ms | %ss | %s |\n' "$n" \
    "$(printf '%s\n' "${db_times[@]}" | median)" "$queries" "$introspection" \
    "$(printf '%s\n' "${file_times[@]}" | median)" "$findings"
done
