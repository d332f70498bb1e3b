#!/usr/bin/env bash
# Runs every test: the workspace's Rust tests (pallet unit tests, runtime tests), the
# end-to-end suite against the real stoa-node binary (`--dev`), the console's browser tests,
# then the network tier: a relay chain and two Stoa shards on loopback (scripts/test-network.sh,
# which builds the test relay chain first if it is not built; STOA_NETWORK_TIER=if-cached
# skips it, loudly, instead).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

echo "== build"
cargo build -p stoa-node

# The Rust tests need no wasm runtime (the node, which embeds it, is tested end to end
# below); skipping it keeps the node build's wasm cache untouched. The runtime is tested with
# its `try-runtime` checks built in (runtime/tests/try_runtime.rs) in this same build, a
# separate `--features try-runtime` run would compile the runtime's dependencies once more;
# the emulator crate's feature turns it on for Stoa's runtime and the relay runtime alike.
echo "== cargo test"
SKIP_WASM_BUILD=1 cargo test --workspace --exclude stoa-node --features stoa-emulator-tests/try-runtime

echo "== benchmarks, run as tests against the pallets' mock runtimes"
for dir in pallets/*/; do
	SKIP_WASM_BUILD=1 cargo test -p "pallet-$(basename "$dir")" --features runtime-benchmarks --lib benchmarking
done

# Each test file starts its own dev node on free ports, so files run side by side (their
# nodes mostly wait for the next 6-second block); the tests within a file run in order. The
# end-to-end suite and the console's browser tests (console/, docs/console.md; in Debian's
# chromium, screenshots to console/test-artifacts/) run at the same time for the same reason:
# each line is prefixed with its suite, and both suites' summaries are repeated at the end.
export STOA_NODE="$CARGO_TARGET_DIR/debug/stoa-node"
# The runtime-upgrade test installs this runtime one spec_version ahead.
STOA_NEXT_RUNTIME="$(scripts/build-next-runtime.sh)"
export STOA_NEXT_RUNTIME
echo "== end-to-end (node --test) and console (browser), side by side"
logs="$(mktemp -d -t stoa-suites-XXXXXX)"
suite() {
	local name="$1" dir="$2" start=$SECONDS status=0
	(cd "$dir" && npm test) >"$logs/$name.log" 2>&1 || status=$?
	echo "$status $((SECONDS - start))" >"$logs/$name.status"
}
suite e2e e2e &
e2e_pid=$!
suite console console &
console_pid=$!
# Stream both logs while they run, each line marked with its suite; each tail ends with
# its suite (--pid), so nothing outlives this script.
for name in e2e console; do
	pid="$e2e_pid"
	[ "$name" = console ] && pid="$console_pid"
	touch "$logs/$name.log"
	tail -n +1 -F --pid="$pid" "$logs/$name.log" 2>/dev/null | sed -u "s/^/[$name] /" &
done
wait
failed=0
for name in e2e console; do
	read -r status seconds <"$logs/$name.status"
	summary="$(grep -E '^# (tests|pass|fail) ' "$logs/$name.log" | tr '\n' ' ')"
	echo "== $name: exit $status in $seconds s; $summary"
	if [ "$status" -ne 0 ]; then
		failed=1
		grep -E '^not ok ' "$logs/$name.log" | sed "s/^/   $name: /" || true
	fi
done
[ "$failed" -eq 0 ] || { echo "test: a suite failed; full logs in $logs" >&2; exit 1; }
rm -rf "$logs"

echo "== network: a relay chain and two shards (zombienet)"
if [ "${STOA_NETWORK_TIER:-}" = "if-cached" ]; then
	scripts/test-network.sh --if-cached
else
	scripts/test-network.sh
fi
