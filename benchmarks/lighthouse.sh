#!/usr/bin/env bash
# Lighthouse 12 scores of the home page, a case page, the lessons explorer, the matrix and the
# countries map, with Debian's Chromium, against the built site served with gzip as a real
# host serves it.
#   benchmarks/lighthouse.sh            (needs Node.js and npm; installs into a temp folder)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build -q -d "$work/site"
find "$work/site" -type f \( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.json' -o -name '*.svg' \) \
  -exec gzip -k -9 {} \;
(cd "$work" && npm install --silent lighthouse@12 http-server@14 >/dev/null 2>&1)
"$work/node_modules/.bin/http-server" "$work/site" -p 8799 -a 127.0.0.1 -g -s &
sleep 2
for page in "" "cases/ons-open-sdg-platform/" "lessons/" "matrix/" "countries/"; do
  CHROME_PATH=/usr/bin/chromium "$work/node_modules/.bin/lighthouse" "http://127.0.0.1:8799/$page" \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync" \
    --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$work/report.json" --quiet
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('/' + sys.argv[2], {k: round(v['score'] * 100) for k, v in r['categories'].items()})" \
    "$work/report.json" "$page"
done
