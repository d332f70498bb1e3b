//! The checks a runtime upgrade must pass before it goes to the council (docs/architecture.md,
//! "Storage versions and migrations"): `Executive::try_runtime_upgrade` runs every pallet's
//! migrations with their pre- and post-upgrade checks (each pallet's on-chain storage version
//! must equal its code's afterwards) and every pallet's `try_state`. Built only with
//! `--features try-runtime` (scripts/test.sh runs it so); try-runtime-cli runs the same API
//! against a live chain's state.
#![cfg(feature = "try-runtime")]

mod common;
use common::*;

use frame_support::traits::{
	GetStorageVersion, StorageVersion, TryState, TryStateSelect, UpgradeCheckSelect,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use stoa_runtime::{AllPalletsWithSystem, Executive, Issuance, Runtime, System};

#[test]
fn every_preset_passes_the_upgrade_checks() {
	for preset in stoa_runtime::genesis_config_presets::preset_names() {
		let name = String::from_utf8(preset.clone().into()).unwrap();
		genesis_of(&name).execute_with(|| {
			System::set_block_number(1);
			let weight = Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
				.unwrap_or_else(|e| panic!("{name}: {e:?}"));
			assert!(weight.ref_time() > 0, "{name}: the upgrade declares no weight");
		});
	}
}

#[test]
fn a_chain_with_securities_and_holders_passes_try_state() {
	dev_chain().execute_with(|| {
		let security = alice_securities_ag();
		assert!(Issuance::issue(
			signed(&Alice.to_account_id()),
			security,
			Bob.to_account_id(),
			500
		)
		.is_ok());
		System::set_block_number(2);
		AllPalletsWithSystem::try_state(2, TryStateSelect::All).expect("state is consistent");
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("the upgrade checks pass");
	});
}

#[test]
fn a_pallet_whose_storage_moved_on_without_its_code_fails_the_checks() {
	dev_chain().execute_with(|| {
		// As if storage had been migrated to a version this code does not know (or, the other
		// way round, the code bumped its version and shipped no migration).
		let in_code = <pallet_issuance::Pallet<Runtime>>::in_code_storage_version();
		StorageVersion::new(1).put::<pallet_issuance::Pallet<Runtime>>();
		assert_ne!(<pallet_issuance::Pallet<Runtime>>::on_chain_storage_version(), in_code);
		let error = Executive::try_runtime_upgrade(UpgradeCheckSelect::PreAndPost)
			.expect_err("the storage version check refuses it");
		assert!(format!("{error:?}").contains("storage version"), "{error:?}");
	});
}
