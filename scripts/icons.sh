#!/usr/bin/env bash
# Regenerates every icon the bundlers need from the one source image, icons/source.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
convert -background none -density 96 icons/source.svg -resize 1024x1024 PNG32:icons/source.png
npx tauri icon icons/source.png -o icons
rm -rf icons/android icons/ios   # desktop only
# The tray's "a code is live" variant: the icon with a red badge.
convert icons/64x64.png -fill '#d93025' -stroke white -strokewidth 3 -draw "circle 48,16 48,2" icons/tray-live.png
