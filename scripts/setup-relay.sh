#!/usr/bin/env bash
# Builds the test relay chain (tools/relay: polkadot's node with the Rococo runtime, and its
# two PVF workers, from crates.io) into the build cache, and prints the folder that holds the
# three binaries. Idempotent: a second run finds them up to date in seconds.
#
# No prebuilt relay binary can be downloaded on Stoa's machines, so this is the way zombienet
# gets one. It is a dev-profile build into the same cache as the debug stoa-node, whose
# embedded relay-chain node shares most of its crates (tools/relay/Cargo.toml keeps the same
# profile). Built on its own from cold it takes long (see README, "Tests"): scripts/test.sh
# runs it; .ci/run runs the network tier only once it is cached.
#
#   scripts/setup-relay.sh            build (or find) it; print its folder
#   scripts/setup-relay.sh --check    print its folder if it is built and current, else fail
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
source scripts/env.sh

bin_dir="$CARGO_TARGET_DIR/debug"
bins=(polkadot polkadot-execute-worker polkadot-prepare-worker)
# What the binaries were built from, by content (a fresh clone's files are all new, so
# modification times cannot tell): the stamp beside them records it.
stamp="$bin_dir/.stoa-test-relay.sha256"
sources_hash() {
	(cd tools/relay && find Cargo.toml Cargo.lock build.rs src -type f | LC_ALL=C sort | xargs sha256sum) |
		sha256sum | cut -d' ' -f1
}
current() {
	for b in "${bins[@]}"; do [ -x "$bin_dir/$b" ] || return 1; done
	[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(sources_hash)" ]
}

if [ "${1:-}" = "--check" ]; then
	current || exit 1
	echo "$bin_dir"
	exit 0
fi

scripts/setup.sh >&2
echo "== test relay chain (tools/relay)" >&2
# tools/relay is its own workspace: its wasm runtime (Rococo's) is built against its own
# Cargo.lock, by the same wasm toolchain as Stoa's runtime.
(
	cd tools/relay
	WASM_BUILD_TOOLCHAIN="$root/tools/wasm-toolchain" \
		WASM_BUILD_WORKSPACE_HINT="$root/tools/relay" \
		cargo build --locked --bins >&2
)
for b in "${bins[@]}"; do
	[ -x "$bin_dir/$b" ] || { echo "setup-relay: $bin_dir/$b was not built" >&2; exit 1; }
done
sources_hash >"$stamp"
echo "$bin_dir"
