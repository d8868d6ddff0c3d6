#!/usr/bin/env bash
# Packs the `schema-audit` .NET tool, installs it from that local package into a scratch tool
# path, runs it, and cleans up: the check that `dotnet pack` produces a tool people can install.
#   scripts/pack-and-install.sh            # pack, install, run `schema-audit rules` and an audit
#   KEEP=1 scripts/pack-and-install.sh     # keep the scratch folder (its path is printed)
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/schema-audit-pack.XXXXXX")
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

echo "packing into $work/packages ..."
dotnet pack src/SchemaAudit.Cli -c Release -o "$work/packages" --artifacts-path "$work/build" -v quiet -nologo

package=$(find "$work/packages" -name 'SchemaAudit.Tool.*.nupkg' | head -n 1)
if [ -z "$package" ]; then
  echo "error: dotnet pack produced no SchemaAudit.Tool package" >&2
  exit 1
fi
echo "packed $(basename "$package")"

echo "installing into $work/tools ..."
dotnet tool install SchemaAudit.Tool --tool-path "$work/tools" --add-source "$work/packages" --ignore-failed-sources >/dev/null

tool="$work/tools/schema-audit"
"$tool" --version
rules=$("$tool" rules)
count=$(printf '%s\n' "$rules" | grep -c -E '^ *[a-z0-9]+(-[a-z0-9]+)+ ' || true)
if [ "$count" -lt 10 ]; then
  echo "error: \`schema-audit rules\` listed $count rules:" >&2
  printf '%s\n' "$rules" >&2
  exit 1
fi
echo "schema-audit rules: $count rules"

# The installed tool audits the bundled example (findings exit with 1, which is expected here).
set +e
"$tool" audit examples/chat_app --format sarif --output "$work/chat_app.sarif" --fail-on none >/dev/null
status=$?
set -e
if [ "$status" -ne 0 ] || ! grep -q '"version": "2.1.0"' "$work/chat_app.sarif"; then
  echo "error: the installed tool could not audit examples/chat_app (exit $status)" >&2
  exit 1
fi
echo "ok: the packed tool installs and runs"
