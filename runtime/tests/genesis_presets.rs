//! The runtime's genesis presets build a consistent state: master nodes, session keys and
//! authorities agree, and the dev stablecoin exists.

mod common;
use common::*;

use frame_support::traits::Get;
use stoa_runtime::{
	genesis_config_presets::{get_preset, preset_names, DEV_STABLECOIN_ID},
	Runtime,
};

#[test]
fn every_preset_is_listed_and_builds() {
	let names: Vec<String> =
		preset_names().into_iter().map(|p| String::from_utf8(p.into()).unwrap()).collect();
	assert_eq!(
		names,
		vec![
			"development",
			"local_testnet",
			"shard-eu-development",
			"shard-eu-local",
			"shard-apac-development",
			"shard-apac-local"
		]
	);
	for name in names {
		genesis_of(&name);
	}
	assert!(get_preset(&"no-such-preset".to_string().into()).is_none());
}

#[test]
fn master_nodes_are_the_authorities() {
	for (preset, count) in [
		("development", 1usize),
		("local_testnet", 4),
		("shard-eu-development", 1),
		("shard-eu-local", 2),
		("shard-apac-development", 1),
		("shard-apac-local", 2),
	] {
		genesis_of(preset).execute_with(|| {
			assert_eq!(pallet_master_nodes::MasterNodes::<Runtime>::count() as usize, count);
			let validators = pallet_session::Validators::<Runtime>::get();
			assert_eq!(validators.len(), count);
			for v in &validators {
				assert!(pallet_master_nodes::MasterNodes::<Runtime>::contains_key(v));
			}
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), count);
			assert_eq!(aura_ext_authorities(), count);
			assert!(pallet_master_nodes::AwaitingKeys::<Runtime>::get().is_empty());
			assert!(
				count as u32 <= <Runtime as pallet_master_nodes::Config>::MaxMasterNodes::get()
			);
		});
	}
}

#[test]
fn the_dev_stablecoin_exists() {
	genesis_of("development").execute_with(|| {
		assert!(pallet_assets::Asset::<Runtime>::contains_key(DEV_STABLECOIN_ID));
		let metadata = pallet_assets::Metadata::<Runtime>::get(DEV_STABLECOIN_ID);
		assert_eq!(metadata.symbol.to_vec(), b"dUSD".to_vec());
		assert_eq!(metadata.decimals, 6);
	});
}

#[test]
fn dev_chains_start_with_the_dev_qualifier_and_credentialed_investors() {
	use sp_keyring::Sr25519Keyring::*;
	use stoa_primitives::{CredentialKind::*, CredentialRegistry, InvestorKind};
	type Credentials = pallet_credentials::Pallet<Runtime>;
	for preset in ["development", "local_testnet"] {
		genesis_of(preset).execute_with(|| {
			let dev_kyc = pallet_credentials::Qualifiers::<Runtime>::get(0).expect("Dev KYC");
			assert_eq!(dev_kyc.name.to_vec(), b"Dev KYC".to_vec());
			assert_eq!(dev_kyc.account, Ferdie.to_account_id());
			assert_eq!(dev_kyc.kinds.len(), 5, "trusted for every built-in kind");
			let expected = [
				(
					Alice,
					InvestorKind::LegalEntity,
					"DE",
					&[Kyc, AmlScreening, AccreditedInvestor, ProfessionalInvestor, Residence][..],
				),
				(
					Bob,
					InvestorKind::Individual,
					"CH",
					&[Kyc, AmlScreening, ProfessionalInvestor, Residence][..],
				),
				(Charlie, InvestorKind::Individual, "GB", &[Kyc, AmlScreening, Residence][..]),
				(
					Dave,
					InvestorKind::LegalEntity,
					"US",
					&[Kyc, AmlScreening, AccreditedInvestor, Residence][..],
				),
			];
			for (id, (wallet, kind, home, kinds)) in expected.into_iter().enumerate() {
				let investor = Credentials::investor_of(&wallet.to_account_id()).expect("linked");
				assert_eq!(investor, id as u64);
				assert_eq!(Credentials::investor_kind(investor), Some(kind));
				assert_eq!(
					Credentials::jurisdiction_of(investor).unwrap(),
					stoa_primitives::Jurisdiction::try_from(home).unwrap()
				);
				for k in [Kyc, AmlScreening, AccreditedInvestor, ProfessionalInvestor, Residence] {
					assert_eq!(
						Credentials::has_credential(investor, k, None, 0),
						kinds.contains(&k),
						"{wallet:?} {k:?}"
					);
				}
			}
			assert_eq!(Credentials::investor_of(&Eve.to_account_id()), None);
		});
	}
}

#[test]
fn each_shard_preset_has_its_parachain_id() {
	for (preset, para_id) in [
		("development", 2000u32),
		("local_testnet", 2000),
		("shard-eu-development", 2000),
		("shard-eu-local", 2000),
		("shard-apac-development", 2001),
		("shard-apac-local", 2001),
	] {
		genesis_of(preset).execute_with(|| {
			assert_eq!(u32::from(stoa_runtime::ParachainInfo::parachain_id()), para_id, "{preset}");
		});
	}
}

#[test]
fn each_shard_is_collated_by_its_regions_master_nodes() {
	let region = |preset: &str| -> Vec<[u8; 2]> {
		let mut codes: Vec<_> = genesis_of(preset).execute_with(|| {
			pallet_master_nodes::MasterNodes::<Runtime>::iter_values()
				.map(|node| node.jurisdiction.0)
				.collect()
		});
		codes.sort();
		codes
	};
	assert_eq!(region("shard-eu-local"), vec![*b"DE", *b"LU"]);
	assert_eq!(region("shard-apac-local"), vec![*b"JP", *b"SG"]);
}

#[test]
fn only_the_dev_preset_has_a_sudo_key_and_every_preset_a_council() {
	use sp_keyring::Sr25519Keyring::*;
	let council: Vec<_> = [Alice, Bob, Charlie].iter().map(|k| k.to_account_id()).collect();
	for name in preset_names() {
		let name = String::from_utf8(name.into()).unwrap();
		genesis_of(&name).execute_with(|| {
			let sudo = pallet_sudo::Key::<Runtime>::get();
			if name == "development" {
				assert_eq!(sudo, Some(Alice.to_account_id()), "{name}");
			} else {
				assert_eq!(sudo, None, "{name} must be governed by its council alone");
			}
			let mut members =
				pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get();
			members.sort();
			let mut expected = council.clone();
			expected.sort();
			assert_eq!(members, expected, "{name}");
			assert_eq!(
				pallet_membership::Members::<Runtime, pallet_membership::Instance1>::get().to_vec(),
				expected,
				"{name}"
			);
		});
	}
}
