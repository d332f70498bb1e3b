//! Helpers shared by the runtime-level tests: genesis from the runtime's presets, time, origins.

#![allow(dead_code)]

pub mod payout;
pub mod relay;

use serde_json::Value;
use sp_runtime::{AccountId32, BuildStorage};
use stoa_runtime::{
	genesis_config_presets::get_preset, Runtime, RuntimeGenesisConfig, RuntimeOrigin, System,
};

/// Applies a preset (a JSON patch) onto the default genesis config, as chain specs do.
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

/// The state a chain built from `preset` starts with.
pub fn genesis_of(preset: &str) -> sp_io::TestExternalities {
	let id = preset.to_string().into();
	let patch: Value = serde_json::from_slice(&get_preset(&id).expect("preset exists")).unwrap();
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, patch);
	// `deny_unknown_fields`: a misspelt field in a preset fails here, not on a live chain.
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("preset is valid");
	config.build_storage().expect("genesis builds").into()
}

/// The dev chain at block 1.
pub fn dev_chain() -> sp_io::TestExternalities {
	let mut ext = genesis_of("development");
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// How many authorities aura-ext holds: the set the relay chain's validators check a shard
/// block's author against (its storage item is private; read it raw).
pub fn aura_ext_authorities() -> usize {
	use sp_consensus_aura::sr25519::AuthorityId;
	frame_support::storage::unhashed::get::<Vec<AuthorityId>>(
		&frame_support::storage::storage_prefix(b"AuraExt", b"Authorities"),
	)
	.map(|authorities| authorities.len())
	.unwrap_or_default()
}

/// Sets the chain's time (seconds), and Aura's slot with it, as a block at that time would
/// (Aura's `try_state` checks that the two agree).
pub fn set_time(seconds: u64) {
	pallet_timestamp::Now::<Runtime>::put(seconds * 1_000);
	let slot = seconds * 1_000 / stoa_runtime::SLOT_DURATION;
	pallet_aura::CurrentSlot::<Runtime>::put(sp_consensus_aura::Slot::from(slot));
}
/// A transfer's error without the weight it is charged for it (a refused transfer is charged
/// its checks), to compare with a pallet error.
pub fn error_of<T>(
	result: Result<
		T,
		sp_runtime::DispatchErrorWithPostInfo<frame_support::dispatch::PostDispatchInfo>,
	>,
) -> Result<T, sp_runtime::DispatchError> {
	result.map_err(|e| e.error)
}

/// A signed origin.
pub fn signed(who: &AccountId32) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// On the dev chain at `1_800_000_000` s: governance registers BaFin (DE), BaFin approves
/// Alice's company (investor 0, a German legal entity) as issuer, and the issuer creates
/// security 0, "Alice Securities AG" (equity, no decimals, 100,000 units authorised).
pub fn alice_securities_ag() -> u32 {
	use sp_keyring::Sr25519Keyring::Alice;
	use stoa_primitives::{Isin, Jurisdiction};
	use stoa_runtime::Issuance;
	let bafin = AccountId32::new([0xBA; 32]);
	set_time(1_800_000_000);
	Issuance::register_regulator(
		RuntimeOrigin::root(),
		bafin.clone(),
		Jurisdiction::try_from("DE").unwrap(),
		b"BaFin".to_vec(),
	)
	.expect("BaFin registers");
	Issuance::approve_issuer(signed(&bafin), 0, [7u8; 32].into()).expect("BaFin approves");
	Issuance::create_security(
		signed(&Alice.to_account_id()),
		b"Alice Securities AG".to_vec(),
		b"ALSE".to_vec(),
		pallet_issuance::SecurityKind::Equity,
		0,
		pallet_issuance::Identifiers {
			isin: Isin::try_from("DE000BAY0017").unwrap(),
			cusip: None,
			lei: None,
			figi: None,
		},
		100_000,
	)
	.expect("the issuer creates its security");
	0
}

/// The runtime's transaction extensions, as a signed extrinsic from an account at `nonce`
/// carries them (immortal, no tip).
pub fn extensions(nonce: stoa_runtime::Nonce) -> stoa_runtime::TxExtension {
	use sp_runtime::generic::Era;
	cumulus_pallet_weight_reclaim::StorageWeightReclaim::new((
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
	))
}
