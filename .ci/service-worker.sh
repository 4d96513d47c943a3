#!/usr/bin/env sh
# Trunk post-build hook: writes sw.js into the staged build from public/sw.js, with this build's
# file list and an id derived from the files' contents (so a new deploy gets a new cache).
# og.png is left out: only link-preview scrapers fetch it.
set -eu
stage="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "$stage"
files=$(find . -type f ! -name sw.js ! -name index.html ! -name og.png ! -name '.*' | sed 's|^\./||' | sort)
build=$(for f in $files; do sha256sum "$f"; done | sha256sum | cut -c1-16)
list=$(printf '%s\n' $files | sed 's/.*/"&"/' | paste -sd, -)
sed -e "s|__BUILD__|$build|" -e "s|__FILES__|[$list]|" "$OLDPWD/public/sw.js" > sw.js
