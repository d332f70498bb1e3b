#!/usr/bin/env bash
# Regenerates the weights of Stoa's pallets with the node's `benchmark pallet` command.
#
#   scripts/benchmark.sh                 # every Stoa pallet
#   scripts/benchmark.sh master-nodes    # one pallet (folder name under pallets/)
#   STEPS=20 REPEAT=10 scripts/benchmark.sh corporate-actions   # fewer samples
#
# Builds a release stoa-node with `--features runtime-benchmarks` in the shared build cache
# (cold, that build takes about an hour on two cores: run the script in the background with
# its output to a log; later runs rebuild only what changed). Prints the measured figures,
# then writes pallets/<name>/src/weights.rs from scripts/frame-weight-template.hbs; each
# file names the machine, the profile and the command that produced it.
#
# The weights must come from a release node: the runtime's wasm is always optimised, but a
# debug node's host functions (storage, hashing, the overlay) are not, and overstate every
# call several times over.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
source scripts/env.sh

# frame-benchmarking-cli embeds a test runtime for `benchmark storage`'s trie-cache mode; its
# wasm-builder cannot find it in our workspace's metadata (an optional dependency), and
# `benchmark pallet` does not need it.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1

cargo build --release -p stoa-node --features runtime-benchmarks
NODE="$CARGO_TARGET_DIR/release/stoa-node"
RUNTIME="$CARGO_TARGET_DIR/release/wbuild/stoa-runtime/stoa_runtime.wasm"

pallets=("$@")
if ((${#pallets[@]} == 0)); then
	pallets=($(ls pallets))
fi
for dir in "${pallets[@]}"; do
	pallet="pallet_${dir//-/_}"
	echo "== $pallet"
	"$NODE" benchmark pallet \
		--runtime "$RUNTIME" \
		--genesis-builder=runtime \
		--genesis-builder-preset=development \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--heap-pages 4096 \
		--template scripts/frame-weight-template.hbs \
		--header scripts/license-header.txt \
		--output "pallets/$dir/src/weights.rs"
done
