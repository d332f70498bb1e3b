//! Builds the runtime's wasm blob (embedded in the node as `WASM_BINARY`).
//!
//! `SKIP_WASM_BUILD=1` skips it, which pallet unit tests and `cargo check` use.

#[cfg(feature = "std")]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
