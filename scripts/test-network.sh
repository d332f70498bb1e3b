#!/usr/bin/env bash
# The network tier: a relay chain (two validators) and two Stoa shards (the EU shard, para
# 2000, and the APAC shard, para 2001) on loopback, run by zombienet's native provider from
# zombienet/shards.toml, checked by zombienet/shards.zndsl. Prints how long it took.
#
#   scripts/test-network.sh              builds the test relay chain first if needed
#   scripts/test-network.sh --if-cached  skips (loudly) when the relay chain is not built yet
#
# Needs a built stoa-node ($STOA_NODE, default: the debug build in the build cache).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

if [ "${1:-}" = "--if-cached" ]; then
	if ! relay_dir="$(scripts/setup-relay.sh --check)"; then
		cat >&2 <<-MSG

		################################################################################
		##  NETWORK TIER SKIPPED: the test relay chain is not built (or is stale).    ##
		##  Its cold build takes longer than this run may (see README, "Tests").      ##
		##  Build it with scripts/setup-relay.sh, or run scripts/test.sh, which       ##
		##  builds it and runs the network tier.                                      ##
		################################################################################

		MSG
		exit 0
	fi
else
	relay_dir="$(scripts/setup-relay.sh)"
fi

export RELAY_BIN_DIR="$relay_dir"
export STOA_NODE="${STOA_NODE:-$CARGO_TARGET_DIR/debug/stoa-node}"
[ -x "$STOA_NODE" ] || { echo "test-network: no stoa-node at $STOA_NODE (cargo build -p stoa-node)" >&2; exit 1; }

if [ ! -d zombienet/node_modules ] || [ zombienet/package-lock.json -nt zombienet/node_modules/.package-lock.json ]; then
	echo "test-network: installing zombienet's npm packages"
	(cd zombienet && npm ci --no-audit --no-fund --loglevel=error)
fi

work="$(mktemp -d -t stoa-zombienet-XXXXXX)"
start=$(date +%s)
status=0
(cd zombienet && npx zombienet --provider native --logType text --dir "$work/net" --force \
	test shards.zndsl) 2>&1 | tee "$work/zombienet.out" || status=$?
echo "== network tier: $(( $(date +%s) - start )) s (relay: $RELAY_BIN_DIR/polkadot, shards: $STOA_NODE)"
if [ "$status" -ne 0 ]; then
	for log in "$work"/net/*.log; do
		[ -f "$log" ] || continue
		echo "---- $(basename "$log") (last 30 lines)"
		tail -n 30 "$log"
	done
	# Last, so that it is what a truncated CI log still shows: each step's outcome, the
	# scripts' own lines, and the error that failed the run.
	echo "---- network tier FAILED (exit $status); the steps, and what failed (all nodes' logs: $work/net)"
	grep -E '✅|❌|^    [a-z-]+:|Error|error' "$work/zombienet.out" | grep -vE 'API/INIT|REGISTRY|fetching metrics' | tail -n 40
	exit "$status"
fi
rm -rf "$work"
