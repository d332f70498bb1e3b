#!/usr/bin/env bash
# Regenerates the weights of Stoa's pallets with the node's `benchmark pallet` command.
#
#   scripts/benchmark.sh                 # every Stoa pallet, then the upstream ones below
#   scripts/benchmark.sh master-nodes    # one pallet (folder name under pallets/)
#   scripts/benchmark.sh pallet_proxy    # one upstream pallet the runtime measures itself
#   scripts/benchmark.sh upstream        # all of those
#   STEPS=20 REPEAT=10 scripts/benchmark.sh corporate-actions   # fewer samples
#
# Builds a release stoa-node with `--features runtime-benchmarks` in the shared build cache
# (cold, that build takes about an hour on two cores: run the script in the background with
# its output to a log; later runs rebuild only what changed). Prints the measured figures,
# then writes pallets/<name>/src/weights.rs from scripts/frame-weight-template.hbs; each
# file names the machine, the profile and the command that produced it. The upstream pallets
# the runtime wires (council, membership, preimage, whitelist, multisig, proxy, utility,
# timestamp, message queue, xcmp queue) are measured on Stoa's runtime too, with the CLI's runtime template, into
# runtime/src/configs/weights/<pallet>.rs: their shipped figures come from another runtime
# and another machine.
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

# The upstream pallets measured on this runtime (their names in `define_benchmarks!`).
upstream=(pallet_collective pallet_membership pallet_preimage pallet_whitelist pallet_multisig
	pallet_proxy pallet_utility pallet_timestamp pallet_message_queue cumulus_pallet_xcmp_queue)

targets=("$@")
if ((${#targets[@]} == 0)); then
	targets=($(ls pallets) "${upstream[@]}")
fi
expanded=()
for target in "${targets[@]}"; do
	if [[ $target == upstream ]]; then
		expanded+=("${upstream[@]}")
	else
		expanded+=("$target")
	fi
done
# Names are checked before the build, which is long.
for target in "${expanded[@]}"; do
	if [[ ! -d pallets/$target && " ${upstream[*]} " != *" $target "* ]]; then
		echo "benchmark.sh: no pallet '$target' (a folder under pallets/, 'upstream', or one of: ${upstream[*]})" >&2
		exit 2
	fi
done

cargo build --release -p stoa-node --features runtime-benchmarks
NODE="$CARGO_TARGET_DIR/release/stoa-node"
RUNTIME="$CARGO_TARGET_DIR/release/wbuild/stoa-runtime/stoa_runtime.wasm"

bench() {
	"$NODE" benchmark pallet \
		--runtime "$RUNTIME" \
		--genesis-builder=runtime \
		--genesis-builder-preset=development \
		--extrinsic '*' \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--heap-pages 4096 \
		--header scripts/license-header.txt \
		"$@"
}

# A pallet whose benchmarks fail is reported at the end; the others still run.
failed=()
for target in "${expanded[@]}"; do
	if [[ -d pallets/$target ]]; then
		pallet="pallet_${target//-/_}"
		echo "== $pallet"
		bench --pallet "$pallet" --template scripts/frame-weight-template.hbs \
			--output "pallets/$target/src/weights.rs" || failed+=("$target")
	else
		echo "== $target (upstream)"
		mkdir -p runtime/src/configs/weights
		bench --pallet "$target" --output "runtime/src/configs/weights/$target.rs" ||
			failed+=("$target")
	fi
done
if ((${#failed[@]})); then
	echo "benchmark.sh: benchmarks failed for: ${failed[*]}" >&2
	exit 1
fi
