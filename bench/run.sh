#!/usr/bin/env bash
# Whole-process benchmark: generates synthetic SQLAlchemy projects, publishes the CLI in
# Release mode, and times `schema-audit audit` on each (wall time and peak memory), next to
# CPython merely parsing the same files with ast.parse as a reference.
#
#   bash bench/run.sh              # sizes 100 1000 2000 5000, 5 runs each
#   SIZES="1000" RUNS=3 bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100 1000 2000 5000"}
RUNS=${RUNS:-5}
work=${BENCH_DIR:-/tmp/schema-audit-bench}
mkdir -p "$work"

dotnet publish src/SchemaAudit.Cli -c Release -o "$work/cli" --nologo -v q >/dev/null
dotnet build bench/SchemaAudit.Bench -c Release -o "$work/gen" --nologo -v q >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '| tables | files | schema-audit wall (median of %s) | peak RSS | findings | CPython ast.parse only |\n' "$RUNS"
printf '|---:|---:|---:|---:|---:|---:|\n'
for n in $SIZES; do
  project="$work/project-$n"
  [ -d "$project" ] || dotnet "$work/gen/SchemaAudit.Bench.dll" generate "$project" "$n"
  files=$(find "$project" -name '*.py' | wc -l)
  times=(); rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$work/cli/schema-audit" audit "$project" --format json --fail-on none >"$work/out.json"
    read -r secs kb <"$work/time.txt"
    times+=("$secs"); [ "$kb" -gt "$rss" ] && rss=$kb
  done
  wall=$(printf '%s\n' "${times[@]}" | median)
  findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/out.json")
  py=$(python3 - "$project" <<'PY'
import ast, pathlib, sys, time
files = [p.read_text() for p in pathlib.Path(sys.argv[1]).rglob("*.py")]
best = None
for _ in range(3):
    t = time.perf_counter()
    for src in files:
        ast.parse(src)
    d = time.perf_counter() - t
    best = d if best is None else min(best, d)
print(f"{best:.3f}")
PY
)
  printf '| %s | %s | %.2f s | %d MB | %s | %s s |\n' "$n" "$files" "$wall" $((rss / 1024)) "$findings" "$py"
done
