//! Builds the runtime's wasm blob (embedded in the node as `WASM_BINARY`).
//!
//! The blob is built twice: once to read its metadata, then again with the metadata's hash
//! (RFC 78) built in, which the `CheckMetadataHash` transaction extension compares with the
//! hash a signer (a hardware wallet) computed from the same metadata. The token symbol and
//! decimals are part of what is hashed, so they must match the chain spec's properties.
//!
//! `SKIP_WASM_BUILD=1` skips it, which pallet unit tests and `cargo check` use.

#[cfg(feature = "std")]
fn main() {
	// Must equal `TOKEN_SYMBOL` and `TOKEN_DECIMALS` in src/lib.rs, which the chain spec's
	// properties carry (a build script cannot import them): the e2e metadata-hash test signs
	// with a hash computed from those properties, and fails if they differ.
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("STOA", 12)
		.build();
}

#[cfg(not(feature = "std"))]
fn main() {}
