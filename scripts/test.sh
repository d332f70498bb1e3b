#!/usr/bin/env bash
# Runs every test: the workspace's Rust tests (pallet unit tests, runtime tests), then the
# end-to-end suite against the real stoa-node binary (a dev node, and a four-node local
# network on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

echo "== build"
cargo build -p stoa-node

echo "== cargo test"
cargo test --workspace --exclude stoa-node  # the node is tested end to end below

echo "== benchmarks, run as tests against the pallets' mock runtimes"
for dir in pallets/*/; do
	cargo test -p "pallet-$(basename "$dir")" --features runtime-benchmarks --lib benchmarking
done

echo "== end-to-end (node --test)"
export STOA_NODE="$CARGO_TARGET_DIR/debug/stoa-node"
(cd e2e && node --test --test-concurrency=1 tests/)
