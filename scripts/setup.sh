#!/usr/bin/env bash
# Installs what building and testing Stoa needs, idempotently: Debian packages (the
# offline wasm toolchain, protoc, clang, chromium), and the end-to-end suite's and the
# console's npm packages.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# rustc-web/cargo-web/rust-web-src: Rust 1.96 with std sources, which build the runtime for
# wasm32 with -Z build-std where rustup has no wasm target (see tools/wasm-toolchain).
# rust-web-llvm: rust-lld, the wasm linker; protobuf-compiler: libp2p; clang/libclang-dev: bindgen;
# libssl-dev/pkg-config: litep2p's WebRTC transport.
# zstd: compresses the runtime-upgrade test's wasm (scripts/build-next-runtime.sh).
# chromium: the browser the console's tests drive (console/tests, through playwright-core).
PACKAGES=(rustc-web cargo-web rust-web-src rust-web-llvm protobuf-compiler clang libclang-dev libssl-dev pkg-config zstd chromium)

missing=()
for pkg in "${PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
	echo "setup: installing ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# rust-web-llvm's /usr/bin/rust-lld (the wasm linker) points at the matching LLVM's lld
# (e.g. lld-22) without depending on it: install that one.
if [ -L /usr/bin/rust-lld ] && [ ! -e /usr/bin/rust-lld ]; then
	lld_pkg="$(basename "$(readlink /usr/bin/rust-lld)")"
	echo "setup: installing $lld_pkg (rust-lld)"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$lld_pkg" >/dev/null ||
		{ $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$lld_pkg" >/dev/null; }
fi

# The pinned Rust toolchain (rust-toolchain.toml) must be installed: offline machines
# cannot download it.
channel="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
if ! rustup run "$channel" rustc --version >/dev/null 2>&1; then
	echo "setup: Rust $channel is not installed; run 'rustup toolchain install $channel'" >&2
	exit 1
fi

# The wasm toolchain wrappers must find a working toolchain.
if ! rustup run "$PWD/tools/wasm-toolchain" cargo --version >/dev/null; then
	echo "setup: no toolchain can build the wasm runtime (see tools/wasm-toolchain/select.sh)" >&2
	exit 1
fi

# End-to-end suite: @polkadot/api from npm, pinned by package-lock.json.
if command -v npm >/dev/null 2>&1; then
	if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
		echo "setup: installing the end-to-end suite's npm packages"
		(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
	fi
	# The console (console/, docs/console.md): its build and its browser tests.
	if [ ! -d console/node_modules ] || [ console/package-lock.json -nt console/node_modules/.package-lock.json ]; then
		echo "setup: installing the console's npm packages"
		(cd console && npm ci --no-audit --no-fund --loglevel=error)
	fi
else
	echo "setup: node and npm are needed for the end-to-end tests" >&2
	exit 1
fi
echo "setup: ready"
