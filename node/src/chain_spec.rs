//! Chain specifications, built from the runtime's genesis presets. Each is one Stoa shard: a
//! parachain with its region's master nodes as collators.

use sc_chain_spec::{ChainSpecExtension, ChainSpecGroup};
use sc_service::{ChainType, Properties};
use serde::{Deserialize, Serialize};
use stoa_runtime::{
	genesis_config_presets as presets, SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY,
};

/// The chain-spec extensions a cumulus node reads: the relay chain a shard belongs to, and
/// its parachain id (also answered by the runtime's `GetParachainInfo` API, which wins).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ChainSpecGroup, ChainSpecExtension)]
#[serde(rename_all = "camelCase")]
pub struct Extensions {
	/// The relay chain's chain-spec id, e.g. `rococo-local`.
	#[serde(alias = "relayChain", alias = "RelayChain")]
	pub relay_chain: String,
	/// The shard's parachain id.
	#[serde(alias = "paraId", alias = "ParaId")]
	pub para_id: u32,
}

impl Extensions {
	/// The extensions of `spec`, if it has them.
	pub fn try_get(spec: &dyn sc_service::ChainSpec) -> Option<&Self> {
		sc_chain_spec::get_extension(spec.extensions())
	}
}

/// Stoa's chain spec: the generic one, with the relay-chain extensions.
pub type ChainSpec = sc_service::GenericChainSpec<Extensions>;

/// The relay chain the built-in shard specs name (the test relay's `rococo-local`).
const LOCAL_RELAY: &str = "rococo-local";

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

/// The built-in chains: `--chain <id>` names one of these.
pub struct BuiltIn {
	/// The `--chain` id, also the chain spec's id.
	pub id: &'static str,
	name: &'static str,
	chain_type: ChainType,
	preset: &'static str,
	para_id: u32,
}

/// Every built-in chain. `dev` is what `--dev` runs.
pub const BUILT_IN: [BuiltIn; 6] = [
	BuiltIn {
		id: "dev",
		name: "Stoa Development",
		chain_type: ChainType::Development,
		preset: sp_genesis_builder::DEV_RUNTIME_PRESET,
		para_id: presets::SHARD_EU_PARA_ID,
	},
	BuiltIn {
		id: "local",
		name: "Stoa Local Testnet",
		chain_type: ChainType::Local,
		preset: sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
		para_id: presets::SHARD_EU_PARA_ID,
	},
	BuiltIn {
		id: presets::SHARD_EU_DEVELOPMENT,
		name: "Stoa EU Shard (development)",
		chain_type: ChainType::Development,
		preset: presets::SHARD_EU_DEVELOPMENT,
		para_id: presets::SHARD_EU_PARA_ID,
	},
	BuiltIn {
		id: presets::SHARD_EU_LOCAL,
		name: "Stoa EU Shard (local)",
		chain_type: ChainType::Local,
		preset: presets::SHARD_EU_LOCAL,
		para_id: presets::SHARD_EU_PARA_ID,
	},
	BuiltIn {
		id: presets::SHARD_APAC_DEVELOPMENT,
		name: "Stoa APAC Shard (development)",
		chain_type: ChainType::Development,
		preset: presets::SHARD_APAC_DEVELOPMENT,
		para_id: presets::SHARD_APAC_PARA_ID,
	},
	BuiltIn {
		id: presets::SHARD_APAC_LOCAL,
		name: "Stoa APAC Shard (local)",
		chain_type: ChainType::Local,
		preset: presets::SHARD_APAC_LOCAL,
		para_id: presets::SHARD_APAC_PARA_ID,
	},
];

/// The built-in chain `id`, if there is one.
pub fn built_in(id: &str) -> Option<Result<ChainSpec, String>> {
	let chain = BUILT_IN.iter().find(|chain| chain.id == id)?;
	Some(wasm().map(|wasm| {
		ChainSpec::builder(
			wasm,
			Extensions { relay_chain: LOCAL_RELAY.into(), para_id: chain.para_id },
		)
		.with_name(chain.name)
		.with_id(chain.id)
		.with_protocol_id(&format!("stoa-{}", chain.id))
		.with_chain_type(chain.chain_type.clone())
		.with_genesis_config_preset_name(chain.preset)
		.with_properties(properties())
		.build()
	}))
}
