#!/usr/bin/env bash
# Builds the wasm that the runtime-upgrade test (e2e/tests/runtime-upgrade.test.mjs) installs:
# this same runtime with the `next-spec-version` feature, one `spec_version` ahead of the one
# the node embeds. Prints the path of the compressed blob, ready for `system.authorizeUpgrade`
# (its blake2-256 hash) and `system.applyAuthorizedUpgrade`.
#
#   scripts/build-next-runtime.sh     build (or find up to date); print the blob's path
#
# It compiles in the wasm build of the debug node (`cargo build -p stoa-node` makes it), as a
# second project beside the node's: same toolchain, same flags, same compiled dependencies, so
# only the runtime crate itself is compiled again (a few minutes), never the node's own blob.
# The blob it makes has no metadata hash built in (the wasm builder's second pass, which reads
# the metadata by running the first blob): `CheckMetadataHash` mode 1 is refused once it is
# installed, mode 0 works as before. A release upgrade is built by the wasm builder
# (docs/governance.md, "Upgrading the runtime").
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
scripts/setup.sh >/dev/null
source scripts/env.sh

wbuild="$CARGO_TARGET_DIR/debug/wbuild"
node_project="$wbuild/stoa-runtime"
if [ ! -f "$node_project/Cargo.toml" ] || [ ! -f "$node_project/Cargo.lock" ]; then
	echo "== the node's wasm project is not built yet: cargo build -p stoa-runtime" >&2
	cargo build -p stoa-runtime >&2
fi

project="$wbuild/stoa-runtime-next"
mkdir -p "$project/src"
cp "$node_project/src/lib.rs" "$project/src/lib.rs"
cp "$node_project/Cargo.lock" "$project/Cargo.lock"
# The node's project, renamed (so neither blob overwrites the other in the shared target
# folder), pointing at this checkout's runtime with the feature on.
sed -e 's/^name = "stoa-runtime-blob"$/name = "stoa-runtime-next-blob"/' \
	-e 's/^name = "stoa_runtime"$/name = "stoa_runtime_next"/' \
	-e 's/^features = \[.*\]$/features = ["next-spec-version"]/' \
	-e "s|^path = \".*\"$|path = \"$root/runtime\"|" \
	"$node_project/Cargo.toml" >"$project/Cargo.toml.new"
for want in 'name = "stoa-runtime-next-blob"' 'name = "stoa_runtime_next"' \
	'features = ["next-spec-version"]' "path = \"$root/runtime\""; do
	grep -qxF "$want" "$project/Cargo.toml.new" || {
		echo "build-next-runtime: the wasm builder's project file changed shape ($want missing)" >&2
		exit 1
	}
done
mv "$project/Cargo.toml.new" "$project/Cargo.toml"

echo "== runtime one spec_version ahead (wasm)" >&2
# The flags and environment substrate-wasm-builder gives the node's wasm build (its build
# script prints them: target/debug/build/stoa-runtime-*/output); different flags would
# recompile every dependency.
(
	unset CARGO_ENCODED_RUSTFLAGS RUSTC
	export CARGO_TARGET_DIR="$node_project/target"
	export RUSTFLAGS="-C target-cpu=mvp -C link-arg=--export-table -C link-arg=--export=__heap_base -C link-arg=--import-memory --cfg substrate_runtime "
	export SKIP_WASM_BUILD=""
	export RUSTC_BOOTSTRAP=1
	"$root/tools/wasm-toolchain/bin/cargo" rustc --target=wasm32-unknown-unknown \
		--manifest-path="$project/Cargo.toml" --profile release -Z build-std=core,alloc >&2
)
bloaty="$node_project/target/wasm32-unknown-unknown/release/stoa_runtime_next.wasm"
[ -f "$bloaty" ] || { echo "build-next-runtime: $bloaty was not built" >&2; exit 1; }

# sp-maybe-compressed-blob's format, which the node and `set_code` accept: an 8-byte magic
# prefix, then zstd (level 3, as the wasm builder compresses).
blob="$project/stoa_runtime_next.compact.compressed.wasm"
if [ ! -f "$blob" ] || [ "$bloaty" -nt "$blob" ]; then
	{
		printf '\x52\xbc\x53\x76\x46\xdb\x8e\x05'
		zstd -3 -q -c "$bloaty"
	} >"$blob.new"
	mv "$blob.new" "$blob"
fi
echo "$blob"
