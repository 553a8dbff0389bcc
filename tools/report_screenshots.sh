#!/bin/sh
# Screenshots of the report in English and in Japanese (docs/screenshots/report-en.png and
# report-ja.png), from the main job on scenarios/small-region.yaml: `make screenshots`.
# Usage: tools/report_screenshots.sh BUILD_DIR
set -eu
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/tsunagu" run scenarios/small-region.yaml -o "$work/small-region.h5" -q > /dev/null
for lang in en ja; do
  "$build/tsunagu" report "$work/small-region.h5" -o "$work/report-$lang" --lang "$lang" -q \
    > /dev/null
  # The top of the page: the summary, the costs and the first figures.
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=5000 \
    --window-size=1280,2400 --screenshot="$work/report-$lang.png" \
    "file://$work/report-$lang/index.html" 2> /dev/null
  cp "$work/report-$lang.png" "docs/screenshots/report-$lang.png"
  echo "docs/screenshots/report-$lang.png"
done
