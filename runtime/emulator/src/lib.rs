//! Two Stoa shards on a Rococo relay chain, in one process (`xcm-emulator`).
//!
//! The EU shard (para 2000) and the APAC shard (para 2001) are two instances of
//! `stoa-runtime`, each built from its genesis preset (`shard-eu-development`,
//! `shard-apac-development`); the relay chain is `rococo-runtime` from its `development`
//! preset. The emulator carries horizontal (HRMP) messages between the shards as the relay
//! chain would, with every channel open, and runs each shard's XCM configuration (router,
//! barrier, origin converter, call filter, message queue) for real: what differs from the
//! live network (`zombienet/`) is only that blocks are produced by the test, not by collators.
//!
//! Use a chain's state with `StoaEu::execute_with(|| ...)`; messages sent inside are delivered
//! (and processed by the receiving shard's message queue) when the closure returns, and the
//! receiving shard's events from them are there at the start of its next `execute_with`.

pub use xcm_emulator::{self, Chain, Network, Parachain, TestExt};

use frame_support::traits::OnInitialize;
use serde_json::Value;
use sp_runtime::{BuildStorage, Storage};
use xcm_emulator::{decl_test_networks, decl_test_parachains, decl_test_relay_chains};

/// The EU shard's parachain id.
pub const EU: u32 = stoa_runtime::genesis_config_presets::SHARD_EU_PARA_ID;
/// The APAC shard's parachain id.
pub const APAC: u32 = stoa_runtime::genesis_config_presets::SHARD_APAC_PARA_ID;

/// Applies a preset (a JSON patch) onto a default genesis config, as chain specs do.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (k, v) in patch {
				merge(base.entry(k).or_insert(Value::Null), v);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The genesis state of a config type `G` (its default, patched by `preset`).
fn genesis<G>(preset: Option<Vec<u8>>) -> Storage
where
	G: Default + serde::Serialize + serde::de::DeserializeOwned + BuildStorage,
{
	let patch: Value =
		serde_json::from_slice(&preset.expect("the preset exists")).expect("a preset is JSON");
	let mut config = serde_json::to_value(G::default()).expect("a config serialises");
	merge(&mut config, patch);
	let config: G = serde_json::from_value(config).expect("the preset is valid");
	config.build_storage().expect("the genesis builds")
}

/// A Stoa shard's genesis state, from its preset.
pub fn shard_genesis(preset: &str) -> Storage {
	genesis::<stoa_runtime::RuntimeGenesisConfig>(stoa_runtime::genesis_config_presets::get_preset(
		&preset.to_string().into(),
	))
}

/// The relay chain's genesis state (Rococo's `development` preset).
pub fn relay_genesis() -> Storage {
	use sp_genesis_builder::runtime_decl_for_genesis_builder::GenesisBuilderV1;
	let preset = Some(sp_genesis_builder::DEV_RUNTIME_PRESET.into());
	genesis::<rococo_runtime::RuntimeGenesisConfig>(<rococo_runtime::Runtime as GenesisBuilderV1<
		rococo_runtime::Block,
	>>::get_preset(&preset))
}

decl_test_relay_chains! {
	#[api_version(16)]
	pub struct Relay {
		genesis = relay_genesis(),
		on_init = (),
		runtime = rococo_runtime,
		core = {
			SovereignAccountOf: rococo_runtime::xcm_config::LocationConverter,
		},
		pallets = {
			XcmPallet: rococo_runtime::XcmPallet,
			Balances: rococo_runtime::Balances,
		}
	}
}

decl_test_parachains! {
	pub struct StoaEu {
		genesis = shard_genesis(stoa_runtime::genesis_config_presets::SHARD_EU_DEVELOPMENT),
		on_init = {
			stoa_runtime::AuraExt::on_initialize(1);
		},
		runtime = stoa_runtime,
		core = {
			XcmpMessageHandler: stoa_runtime::XcmpQueue,
			LocationToAccountId: stoa_runtime::configs::xcm_config::LocationToAccountId,
			ParachainInfo: stoa_runtime::ParachainInfo,
			MessageOrigin: cumulus_primitives_core::AggregateMessageOrigin,
		},
		pallets = {
			PolkadotXcm: stoa_runtime::PolkadotXcm,
			Balances: stoa_runtime::Balances,
		}
	},
	pub struct StoaApac {
		genesis = shard_genesis(stoa_runtime::genesis_config_presets::SHARD_APAC_DEVELOPMENT),
		on_init = {
			stoa_runtime::AuraExt::on_initialize(1);
		},
		runtime = stoa_runtime,
		core = {
			XcmpMessageHandler: stoa_runtime::XcmpQueue,
			LocationToAccountId: stoa_runtime::configs::xcm_config::LocationToAccountId,
			ParachainInfo: stoa_runtime::ParachainInfo,
			MessageOrigin: cumulus_primitives_core::AggregateMessageOrigin,
		},
		pallets = {
			PolkadotXcm: stoa_runtime::PolkadotXcm,
			Balances: stoa_runtime::Balances,
		}
	}
}

decl_test_networks! {
	pub struct StoaNet {
		relay_chain = Relay,
		parachains = vec![
			StoaEu,
			StoaApac,
		],
		bridge = ()
	}
}

/// The EU shard of [`StoaNet`].
pub type Eu = StoaEu<StoaNet>;
/// The APAC shard of [`StoaNet`].
pub type Apac = StoaApac<StoaNet>;
