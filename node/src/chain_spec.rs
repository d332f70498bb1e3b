//! Chain specifications, built from the runtime's genesis presets.

use sc_service::{ChainType, Properties};
use stoa_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};

/// Stoa's chain spec: the generic one, with genesis from the runtime.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and SS58 prefix, for wallets and polkadot-js.
fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"the runtime's wasm is not embedded in this build (built with SKIP_WASM_BUILD?)".to_string()
	})
}

/// A chain spec whose genesis is the runtime's preset `preset`.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id(&id.replace('_', "-"))
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `dev`: a single master node (Alice); what `--dev` runs.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Stoa Development",
		"stoa_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// `local`: four master nodes (Alice, Bob, Charlie, Dave) for a network on one machine.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Stoa Local Testnet",
		"stoa_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}
