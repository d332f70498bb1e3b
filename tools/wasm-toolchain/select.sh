# Picks the toolchain that compiles Stoa's runtime to wasm, then runs the requested tool
# (`cargo` or `rustc`) from it. Sourced by bin/cargo and bin/rustc.
#
# substrate-wasm-builder runs `rustup run $WASM_BUILD_TOOLCHAIN cargo`; .cargo/config.toml
# points WASM_BUILD_TOOLCHAIN at this folder, so every wasm build comes through here.
#
# Order of preference:
#   1. a rustup toolchain that has a wasm target installed (an ordinary developer machine):
#      $STOA_WASM_RUSTUP_TOOLCHAIN if set, else `stable`;
#   2. Debian's `rustc-web` + `rust-web-src` (Stoa's build machines, where rustup cannot
#      download a wasm target): core and alloc are built from source with -Z build-std,
#      which the stable compiler accepts with RUSTC_BOOTSTRAP=1.

stoa_wasm_exec() {
	tool="$1"
	shift
	tc="${STOA_WASM_RUSTUP_TOOLCHAIN:-stable}"
	if command -v rustup >/dev/null 2>&1; then
		sysroot="$(RUSTUP_TOOLCHAIN= rustup run "$tc" rustc --print sysroot 2>/dev/null || true)"
		if [ -n "$sysroot" ] && { [ -d "$sysroot/lib/rustlib/wasm32v1-none/lib" ] ||
			[ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib" ]; }; then
			exec rustup run "$tc" "$tool" "$@"
		fi
	fi
	if [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] && [ -d /usr/lib/rustlib/src/rust ]; then
		export RUSTC_BOOTSTRAP=1
		export CARGO_UNSTABLE_BUILD_STD=core,alloc
		export RUSTC=/usr/bin/rustc
		exec "/usr/bin/$tool" "$@"
	fi
	echo "stoa: no toolchain can build the wasm runtime." >&2
	echo "stoa: run scripts/setup.sh (installs Debian's rustc-web, cargo-web, rust-web-src)," >&2
	echo "stoa: or 'rustup target add wasm32v1-none' on a machine that can download it." >&2
	exit 1
}
