#!/bin/sh
# Install what the browser suite (tests/browser) needs on a fresh Debian machine, as root:
# Debian's Chromium and, when java is missing, a Java runtime; axe-core and the Nu HTML
# Checker (vnu-jar) from npm into tests/browser/node_modules (gitignored).
# Idempotent and quiet: a second run installs nothing.
set -eu

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
NODE_DIR="$ROOT/tests/browser"

need_apt=""
command -v chromium >/dev/null 2>&1 || need_apt="chromium"
command -v java >/dev/null 2>&1 || need_apt="$need_apt default-jre-headless"
command -v npm >/dev/null 2>&1 || need_apt="$need_apt npm"

if [ -n "$need_apt" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # shellcheck disable=SC2086  # a list of package names
    apt-get install -y -qq $need_apt >/dev/null
fi

if [ ! -f "$NODE_DIR/node_modules/axe-core/axe.min.js" ] \
    || [ ! -f "$NODE_DIR/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
    npm install --no-save --no-audit --no-fund --loglevel=error \
        --prefix "$NODE_DIR" axe-core vnu-jar >/dev/null
fi
