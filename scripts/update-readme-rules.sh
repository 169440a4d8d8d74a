#!/usr/bin/env bash
# Regenerates the rule table in README.md (between the rules:begin/rules:end markers) from
# rule metadata: `berth rules --format markdown` without its title, links into docs/rules/.
# The cli test "README rule table matches the rule metadata" fails until this is run.
set -euo pipefail
cd "$(dirname "$0")/.."
berth=${BERTH:-build/berth}
table=$("$berth" rules --format markdown | sed -n '/^|/,$p' |
  sed -E 's/\]\(([A-Za-z0-9_-]+\.md)\)/](docs\/rules\/\1)/g')
python3 - "$table" <<'PY'
import sys
begin = "<!-- rules:begin (scripts/update-readme-rules.sh) -->\n"
end = "<!-- rules:end -->"
text = open("README.md", encoding="utf-8").read()
start, stop = text.index(begin) + len(begin), text.index(end)
open("README.md", "w", encoding="utf-8").write(text[:start] + sys.argv[1] + "\n" + text[stop:])
PY
echo "README.md: rule table updated"
