#!/usr/bin/env bash
# Whole-process benchmark: generates synthetic SQLAlchemy projects, publishes the CLI in
# Release mode, and times `schema-audit audit` on each (wall time and peak memory), next to
# CPython merely parsing the same files with ast.parse as a reference.
#
#   bash bench/run.sh              # sizes 100 1000 2000 5000, 5 runs each
#   SIZES="1000" RUNS=3 bash bench/run.sh
#   KIND=drizzle bash bench/run.sh   # Drizzle (TypeScript) projects instead of SQLAlchemy
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100 1000 2000 5000"}
RUNS=${RUNS:-5}
KIND=${KIND:-sqlalchemy}
case "$KIND" in
  sqlalchemy) generate=generate; ext=py ;;
  drizzle) generate=generate-drizzle; ext=ts ;;
  *) echo "KIND must be sqlalchemy or drizzle" >&2; exit 2 ;;
esac
work=${BENCH_DIR:-/tmp/schema-audit-bench}
mkdir -p "$work"

dotnet publish src/SchemaAudit.Cli -c Release -o "$work/cli" --nologo -v q >/dev/null
dotnet build bench/SchemaAudit.Bench -c Release -o "$work/gen" --nologo -v q >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

cat >"$work/parse.py" <<'PY'
import ast, pathlib, sys
for p in pathlib.Path(sys.argv[1]).rglob("*.py"):
    ast.parse(p.read_text())
PY

printf '| tables | files | schema-audit wall (median of %s) | peak RSS | findings | CPython `ast.parse` only, whole process (median) |\n' "$RUNS"
printf '|---:|---:|---:|---:|---:|---:|\n'
for n in $SIZES; do
  project="$work/$KIND-$n"
  [ -d "$project" ] || dotnet "$work/gen/SchemaAudit.Bench.dll" "$generate" "$project" "$n"
  files=$(find "$project" -name "*.$ext" | wc -l)
  times=(); pytimes=(); rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$work/cli/schema-audit" audit "$project" --format json --fail-on none >"$work/out.json"
    read -r secs kb <"$work/time.txt"
    times+=("$secs"); [ "$kb" -gt "$rss" ] && rss=$kb
    if [ "$KIND" = sqlalchemy ]; then
      /usr/bin/time -f '%e' -o "$work/pytime.txt" python3 "$work/parse.py" "$project"
      pytimes+=("$(cat "$work/pytime.txt")")
    fi
  done
  wall=$(printf '%s\n' "${times[@]}" | median)
  py="n/a"
  [ "$KIND" = sqlalchemy ] && py="$(printf '%s\n' "${pytimes[@]}" | median) s"
  findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/out.json")
  printf '| %s | %s | %.2f s | %d MB | %s | %s |\n' "$n" "$files" "$wall" $((rss / 1024)) "$findings" "$py"
done
