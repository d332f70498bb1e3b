#!/usr/bin/env bash
# Builds stoa-node and runs a development chain: the full Stoa runtime as one shard with no
# relay chain, one master node (Alice), a block sealed every 6 s with mocked relay-chain data
# and finalized at once, state in a temporary directory. RPC on ws://127.0.0.1:9944.
# Extra arguments go to stoa-node (e.g. `scripts/dev.sh --rpc-port 9955`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
cargo build -p stoa-node
exec "$CARGO_TARGET_DIR/debug/stoa-node" --dev --tmp "$@"
