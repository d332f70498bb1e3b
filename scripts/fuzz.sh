#!/usr/bin/env bash
# Runs the runtime fuzzer (runtime/tests/fuzz.rs, docs/fuzzing.md) for about N calls, in
# release mode, and prints how many ran and how long they took.
#
#   scripts/fuzz.sh [N]        # N steps in all (default 100000), in cases of STOA_FUZZ_STEPS
#
# Every STOA_FUZZ_* setting of docs/fuzzing.md passes through (STOA_FUZZ_STEPS, STOA_FUZZ_SEED,
# STOA_FUZZ_SHRINK_SECONDS, STOA_FUZZ_ONLY, STOA_FUZZ_SKIP, STOA_FUZZ_STATS). A broken
# invariant fails the run (exit status 101) after printing the minimal failing sequence.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh
export SKIP_WASM_BUILD=1

calls="${1:-100000}"
case "$calls" in
	'' | *[!0-9]*)
		echo "usage: scripts/fuzz.sh [N]   (N: how many calls to run, default 100000)" >&2
		exit 2
		;;
esac
steps="${STOA_FUZZ_STEPS:-100}"
cases=$(((calls + steps - 1) / steps))
export STOA_FUZZ_STEPS="$steps" STOA_FUZZ_CASES="$cases"

echo "fuzz: building the fuzzer (release)"
cargo test --release -p stoa-runtime --test fuzz --no-run

echo "fuzz: $cases cases of $steps steps ($((cases * steps)) steps in all)"
start=$(date +%s%N)
status=0
cargo test --release -p stoa-runtime --test fuzz -- --nocapture --exact runtime_invariants_hold_under_random_calls || status=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
# The fuzzer prints what it ran (cases, steps, extrinsics, their rate; with a failure, how much
# of it was shrinking) in its "stoa fuzz:" lines above.
printf 'fuzz: %d steps asked for, run (with the world'"'"'s set-up) in %d.%03ds; exit status %d\n' \
	"$((cases * steps))" "$((elapsed_ms / 1000))" "$((elapsed_ms % 1000))" "$status"
exit "$status"
