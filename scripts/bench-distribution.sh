#!/usr/bin/env bash
# Pays a dividend to 5,000 and 100,000 holders (or the sizes given) in a runtime test
# environment with the runtime's real pallets, weights and block limits, and prints how many
# blocks it took and the heaviest block against the limit (runtime/examples/distribution_bench.rs).
#
#   scripts/bench-distribution.sh            # 5,000 and 100,000 holders
#   scripts/bench-distribution.sh 20000      # other sizes
#
# The figures come from the runtime's weights, not from how fast this machine runs them; the
# native debug build the tests use is enough (setting up 100,000 investors takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
source scripts/env.sh
SKIP_WASM_BUILD=1 cargo run -q -p stoa-runtime --example distribution_bench -- "$@"
