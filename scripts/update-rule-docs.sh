#!/usr/bin/env bash
# Regenerates docs/rules/ from rule metadata (the docs test fails until this is run).
set -euo pipefail
cd "$(dirname "$0")/.."
berth=${BERTH:-build/berth}
mkdir -p docs/rules
rm -f docs/rules/*.md
"$berth" rules --format markdown > docs/rules/README.md
for code in $("$berth" rules --format json | python3 -c 'import json,sys; print(" ".join(r["code"] for r in json.load(sys.stdin)))'); do
  "$berth" explain "$code" > "docs/rules/$code.md"
done
echo "docs/rules: $(ls docs/rules | wc -l) files"
scripts/update-readme-rules.sh
