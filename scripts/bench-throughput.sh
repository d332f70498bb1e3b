#!/usr/bin/env bash
# Throughput of a real dev node: starts `stoa-node --dev` on free loopback ports with a large
# transaction pool, onboards N credentialed investors (one wallet each, KYC attested, holding
# units of two securities) and measures, block by block:
#
#   - onboarding: N `credentials.attest` (KYC) from one qualifier, one extrinsic each;
#   - phase 1: N `balances.transferKeepAlive` and N `issuance.transfer` interleaved, no rules;
#   - phase 2: the same on a security with a typical rule set;
#   - phase 3: a rebalance burst of 2N `issuance.transfer` on that security;
#
# and prints blocks to drain, transactions per block and per second, block weight used, each
# call's declared weight, and a markdown summary for docs/performance.md. Exits non-zero if any
# transaction failed or was never included. The load generator is e2e/bench/throughput.mjs.
#
#   scripts/bench-throughput.sh            # N = 5,000 investors
#   scripts/bench-throughput.sh 1000       # or N=1000 scripts/bench-throughput.sh
#
# The node is STOA_NODE, by default the release build, which this script never builds:
#
#   source scripts/env.sh && cargo build --release -p stoa-node --features runtime-benchmarks
#
# Tuning (environment): SUBMIT_CONNECTIONS, RPC_BATCH, RPC_IN_FLIGHT, KEY_TYPE (sr25519 |
# ed25519), POOL_TYPE (fork-aware | single-state), STALL_BLOCKS, KEEP_NODE=1 (see the .mjs).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -gt 1 ]]; then
	echo "usage: $0 [N]" >&2
	exit 2
fi
N="${1:-${N:-5000}}"
if ! [[ $N =~ ^[0-9]+$ ]] || ((N < 10)); then
	echo "N must be a whole number of at least 10 (got '$N')" >&2
	exit 2
fi

if [[ -z ${STOA_NODE:-} ]]; then
	STOA_NODE="${CARGO_TARGET_DIR:-$HOME/.cache/stoa/target}/release/stoa-node"
	if [[ ! -x $STOA_NODE ]]; then
		cat >&2 <<-EOF
			No release node at $STOA_NODE. Build it first (about an hour on 2 cores):

			  source scripts/env.sh && cargo build --release -p stoa-node --features runtime-benchmarks

			or point STOA_NODE at a stoa-node binary.
		EOF
		exit 1
	fi
fi
if [[ ! -x $STOA_NODE ]]; then
	echo "STOA_NODE=$STOA_NODE is not an executable file" >&2
	exit 1
fi
STOA_NODE="$(cd "$(dirname "$STOA_NODE")" && pwd)/$(basename "$STOA_NODE")"

if ! command -v node >/dev/null; then
	echo "Node.js (20 or later) is needed: scripts/setup.sh installs it" >&2
	exit 1
fi
if [[ ! -d e2e/node_modules/@polkadot/api ]]; then
	echo "e2e/node_modules is missing: run scripts/setup.sh (or npm ci --prefix e2e)" >&2
	exit 1
fi

export STOA_NODE N
exec node e2e/bench/throughput.mjs "$N"
