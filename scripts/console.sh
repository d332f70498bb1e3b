#!/usr/bin/env bash
# Serves the Stoa console (console/, docs/console.md) against a node: installs its npm packages
# if they are missing or stale, builds it, and serves the built files on 127.0.0.1.
#
#   scripts/console.sh [NODE_URL]      NODE_URL defaults to ws://127.0.0.1:9944
#
# STOA_CONSOLE_PORT chooses the port (default 5173). Start a node first, e.g. scripts/dev.sh.
set -euo pipefail
cd "$(dirname "$0")/../console"

node_url="${1:-ws://127.0.0.1:9944}"
port="${STOA_CONSOLE_PORT:-5173}"
case "$node_url" in
	ws://* | wss://*) ;;
	*) echo "console: the node URL must start with ws:// or wss:// (got '$node_url')" >&2; exit 2 ;;
esac

command -v npm >/dev/null 2>&1 || { echo "console: node and npm are needed" >&2; exit 1; }
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "console: installing npm packages"
	npm ci --no-audit --no-fund --loglevel=error
fi
echo "console: building"
npm run --silent build >/dev/null

echo "console: open http://127.0.0.1:$port/?node=$node_url"
exec npx vite preview --host 127.0.0.1 --port "$port" --strictPort
