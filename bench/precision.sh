#!/usr/bin/env bash
# The real-project precision suite (docs/precision.md): audits the local checkouts listed in
# bench/corpus/projects.yaml and meets their findings with the hand labels of bench/corpus/labels.
#
#   CORPUS_DIR=<corpus> bash bench/precision.sh                  # all projects present in <corpus>
#   CORPUS_DIR=<corpus> bash bench/precision.sh --project Netflix__dispatch --unlabelled
#   CORPUS_DIR=<corpus> bash bench/precision.sh --rules-out bench/corpus/rule-precision.yaml
#
# <corpus> holds one checkout per project, named owner__name. Projects that are not there are
# reported as skipped (CI has no network), so the script never fails for a missing project.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${PRECISION_BUILD_DIR:-$(mktemp -d)}
dotnet build bench/SchemaAudit.Corpus -c Release -o "$out" --nologo -v q >/dev/null
exec dotnet "$out/SchemaAudit.Corpus.dll" "$@"
