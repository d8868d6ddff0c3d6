#!/usr/bin/env bash
# Whole-process benchmark, side by side in one run: generates synthetic SQLAlchemy (or Drizzle)
# projects, then times, round-robin and RUNS times each (median and peak memory):
#   jit     the CLI published as usual (framework-dependent, ReadyToRun): `dotnet publish -c Release`
#   aot     the native CLI: `dotnet publish -c Release -r linux-x64 -p:PublishAot=true`
#   cpython `python3 -c 'ast.parse'` of every file of the same project (SQLAlchemy only): the
#           time CPython needs merely to parse what the audit reads, parses, models and checks
# and finally `schema-audit rules` (start-up alone) for both builds.
#
#   bash bench/run.sh                        # SQLAlchemy, 500 2000 5000 tables, 5 runs each
#   SIZES="2000" RUNS=3 bash bench/run.sh
#   KIND=drizzle bash bench/run.sh           # Drizzle (TypeScript) projects: jit and aot only
#   AOT_CLI=path/to/schema-audit bash bench/run.sh   # reuse a native build (the publish takes minutes)
#   REUSE=1 bash bench/run.sh                # reuse the JIT build and generator of an earlier run
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"500 2000 5000"}
RUNS=${RUNS:-5}
KIND=${KIND:-sqlalchemy}
case "$KIND" in
  sqlalchemy) generate=generate ;;
  drizzle) generate=generate-drizzle ;;
  *) echo "KIND must be sqlalchemy or drizzle" >&2; exit 2 ;;
esac
work=${BENCH_DIR:-/tmp/schema-audit-bench}
mkdir -p "$work"

[ "${REUSE:-}" = 1 ] && [ -x "$work/cli/schema-audit" ] || dotnet publish src/SchemaAudit.Cli -c Release -o "$work/cli" --nologo -v q >/dev/null
jit="$work/cli/schema-audit"
aot=${AOT_CLI:-}
if [ -z "$aot" ]; then
  linker=""; command -v clang >/dev/null 2>&1 || linker="-p:CppCompilerAndLinker=gcc"
  dotnet publish src/SchemaAudit.Cli -c Release -r linux-x64 -p:PublishAot=true $linker -o "$work/aot" --nologo -v q >/dev/null
  aot="$work/aot/schema-audit"
fi
[ "${REUSE:-}" = 1 ] && [ -f "$work/gen/SchemaAudit.Bench.dll" ] || dotnet build bench/SchemaAudit.Bench -c Release -o "$work/gen" --nologo -v q >/dev/null

cat >"$work/parse.py" <<'PY'
import ast, pathlib, sys
for p in pathlib.Path(sys.argv[1]).rglob("*.py"):
    ast.parse(p.read_text())
PY

field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]][sys.argv[3]])' "$work/m.json" "$1" "$2"; }

printf '| tables | files | JIT wall | JIT peak | AOT wall | AOT peak | CPython ast.parse wall | AOT / CPython | findings |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in $SIZES; do
  project="$work/$KIND-$n"
  [ -d "$project" ] || dotnet "$work/gen/SchemaAudit.Bench.dll" "$generate" "$project" "$n"
  files=$(find "$project" -type f \( -name '*.py' -o -name '*.ts' \) | wc -l)
  commands=("jit=$jit audit $project --format json --fail-on none" "aot=$aot audit $project --format json --fail-on none")
  [ "$KIND" = sqlalchemy ] && commands+=("cpython=python3 $work/parse.py $project")
  python3 bench/measure.py "$RUNS" "${commands[@]}" >"$work/m.json"
  "$aot" audit "$project" --format json --fail-on none >"$work/out.json"
  findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/out.json")
  py="n/a"; ratio="n/a"
  if [ "$KIND" = sqlalchemy ]; then
    py=$(printf '%.2f s' "$(field cpython median_s)")
    ratio=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print("%.2fx" % (m["aot"]["median_s"] / m["cpython"]["median_s"]))' "$work/m.json")
  fi
  printf '| %s | %s | %.2f s | %s MB | %.2f s | %s MB | %s | %s | %s |\n' "$n" "$files" \
    "$(field jit median_s)" "$(field jit peak_mb)" "$(field aot median_s)" "$(field aot peak_mb)" "$py" "$ratio" "$findings"
done

python3 bench/measure.py "$RUNS" "jit=$jit rules" "aot=$aot rules" >"$work/m.json"
printf '\n`schema-audit rules` (start-up alone), median of %s: JIT %.0f ms, AOT %.0f ms\n' "$RUNS" \
  "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["jit"]["median_s"]*1000)' "$work/m.json")" \
  "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["aot"]["median_s"]*1000)' "$work/m.json")"
