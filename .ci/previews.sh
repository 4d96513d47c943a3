#!/usr/bin/env sh
# Re-draws the bitmaps that link previews and app installs need (they cannot take SVG) from our
# SVGs. Run by hand after changing public/og.svg or public/icon.svg (needs Debian's librsvg2-bin);
# the PNGs are committed, so builds do not need it.
set -eu
cd "$(dirname "$0")/../public"
rsvg-convert -w 1200 -h 630 og.svg -o og.png
rsvg-convert -w 192 -h 192 icon.svg -o icon-192.png
rsvg-convert -w 512 -h 512 icon.svg -o icon-512.png
