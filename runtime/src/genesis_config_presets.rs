//! Genesis presets. Every preset is one shard: a parachain id and that region's master nodes.
//!
//! | preset                   | para id | master nodes (collators)              |
//! |--------------------------|---------|---------------------------------------|
//! | `development` (`--dev`)  | 2000    | Alice (DE)                            |
//! | `local_testnet`          | 2000    | Alice (DE), Bob (CH), Charlie (SG), Dave (LU) |
//! | `shard-eu-development`   | 2000    | Alice (DE)                            |
//! | `shard-eu-local`         | 2000    | Alice (DE), Dave (LU)                 |
//! | `shard-apac-development` | 2001    | Charlie (SG)                          |
//! | `shard-apac-local`       | 2001    | Charlie (SG), Eve (JP)                |
//!
//! Every preset's regulators' council is Alice, Bob and Charlie (dev accounts standing for
//! the region's regulators). Only `development` has a sudo key (Alice): the other presets
//! are governed by their council alone.
//!
//! The node's chain specs are built from these.

use crate::{
	AccountId, AssetsConfig, BalancesConfig, CouncilMembershipConfig, MasterNodesConfig,
	ParachainInfoConfig, PolkadotXcmConfig, Runtime, RuntimeGenesisConfig, SessionConfig,
	SessionKeys, SudoConfig, UNIT,
};
use alloc::{string::ToString, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::Sr25519Keyring;
use stoa_primitives::Jurisdiction;

/// Every dev account gets this many STOA.
const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// The dev settlement currency: a stablecoin for trying out settlement on dev chains.
pub const DEV_STABLECOIN_ID: u32 = 1;
/// Decimals of the dev stablecoin.
pub const DEV_STABLECOIN_DECIMALS: u8 = 6;
/// What Alice and Bob hold of the dev stablecoin: one million.
const DEV_STABLECOIN_ENDOWMENT: u128 = 1_000_000 * 10u128.pow(DEV_STABLECOIN_DECIMALS as u32);

/// The EU shard's parachain id (also the `dev` and `local` chains').
pub const SHARD_EU_PARA_ID: u32 = 2000;
/// The APAC shard's parachain id.
pub const SHARD_APAC_PARA_ID: u32 = 2001;

/// The EU shard's presets.
pub const SHARD_EU_DEVELOPMENT: &str = "shard-eu-development";
pub const SHARD_EU_LOCAL: &str = "shard-eu-local";
/// The APAC shard's presets.
pub const SHARD_APAC_DEVELOPMENT: &str = "shard-apac-development";
pub const SHARD_APAC_LOCAL: &str = "shard-apac-local";

/// The XCM version a shard speaks until it learns its peers' versions.
const SAFE_XCM_VERSION: u32 = xcm::prelude::XCM_VERSION;

/// A dev master node: its operator account, session keys and licensing jurisdiction.
struct DevMasterNode {
	keyring: Sr25519Keyring,
	name: &'static str,
	jurisdiction: [u8; 2],
}

impl DevMasterNode {
	fn operator(&self) -> AccountId {
		self.keyring.to_account_id()
	}
	fn session_keys(&self) -> SessionKeys {
		SessionKeys { aura: AuraId::from(self.keyring.public()) }
	}
}

fn master_node(keyring: Sr25519Keyring) -> DevMasterNode {
	let (name, jurisdiction) = match keyring {
		Sr25519Keyring::Alice => ("Alice Securities (dev)", *b"DE"),
		Sr25519Keyring::Bob => ("Bob Custody (dev)", *b"CH"),
		Sr25519Keyring::Charlie => ("Charlie Clearing (dev)", *b"SG"),
		Sr25519Keyring::Dave => ("Dave Transfer Agent (dev)", *b"LU"),
		Sr25519Keyring::Eve => ("Eve Brokerage (dev)", *b"JP"),
		_ => ("Ferdie Exchange (dev)", *b"US"),
	};
	DevMasterNode { keyring, name, jurisdiction }
}

/// The dev qualifier "Dev KYC" (Ferdie) covers these jurisdictions.
const DEV_KYC_JURISDICTIONS: [&str; 12] =
	["CH", "DE", "FR", "GB", "IE", "JP", "LI", "LU", "NL", "SG", "US", "AE"];

/// Dev credentials: one qualifier, "Dev KYC" (Ferdie), trusted for every built-in kind, and
/// four credentialed investors with one wallet each:
///
/// | investor | wallet  | kind         | home | credentials                                    |
/// |----------|---------|--------------|------|------------------------------------------------|
/// | 0        | Alice   | legal entity | DE   | all five                                       |
/// | 1        | Bob     | individual   | CH   | KYC, AML screening, professional, residence    |
/// | 2        | Charlie | individual   | GB   | KYC, AML screening, residence                  |
/// | 3        | Dave    | legal entity | US   | KYC, AML screening, accredited, residence      |
///
/// Eve is deliberately nobody's wallet.
fn dev_credentials() -> pallet_credentials::GenesisConfig<Runtime> {
	use pallet_credentials::{GenesisInvestor, GenesisQualifier};
	use stoa_primitives::{CredentialKind::*, InvestorKind::*};
	let jurisdiction = |code: &str| Jurisdiction::try_from(code).expect("dev codes are assigned");
	let investor =
		|keyring: Sr25519Keyring, kind, home: &str, credentials: Vec<_>| GenesisInvestor {
			qualifier: 0,
			kind,
			jurisdiction: jurisdiction(home),
			wallets: vec![keyring.to_account_id()],
			credentials,
		};
	pallet_credentials::GenesisConfig {
		custom_kinds: vec![],
		qualifiers: vec![GenesisQualifier {
			account: Sr25519Keyring::Ferdie.to_account_id(),
			name: "Dev KYC".to_string(),
			jurisdictions: DEV_KYC_JURISDICTIONS.iter().map(|c| jurisdiction(c)).collect(),
			kinds: vec![Kyc, AmlScreening, AccreditedInvestor, ProfessionalInvestor, Residence],
		}],
		investors: vec![
			investor(
				Sr25519Keyring::Alice,
				LegalEntity,
				"DE",
				vec![Kyc, AmlScreening, AccreditedInvestor, ProfessionalInvestor, Residence],
			),
			investor(
				Sr25519Keyring::Bob,
				Individual,
				"CH",
				vec![Kyc, AmlScreening, ProfessionalInvestor, Residence],
			),
			investor(Sr25519Keyring::Charlie, Individual, "GB", vec![Kyc, AmlScreening, Residence]),
			investor(
				Sr25519Keyring::Dave,
				LegalEntity,
				"US",
				vec![Kyc, AmlScreening, AccreditedInvestor, Residence],
			),
		],
	}
}

fn genesis(
	para_id: u32,
	master_nodes: Vec<DevMasterNode>,
	endowed: Vec<AccountId>,
	council: Vec<AccountId>,
	sudo: Option<AccountId>,
) -> Value {
	let alice = Sr25519Keyring::Alice.to_account_id();
	let bob = Sr25519Keyring::Bob.to_account_id();
	build_struct_json_patch!(RuntimeGenesisConfig {
		parachain_info: ParachainInfoConfig { parachain_id: para_id.into() },
		polkadot_xcm: PolkadotXcmConfig { safe_xcm_version: Some(SAFE_XCM_VERSION) },
		balances: BalancesConfig {
			balances: endowed.iter().cloned().map(|k| (k, ENDOWMENT)).collect::<Vec<_>>(),
		},
		master_nodes: MasterNodesConfig {
			master_nodes: master_nodes
				.iter()
				.map(|node| pallet_master_nodes::GenesisMasterNode {
					operator: node.operator(),
					name: node.name.to_string(),
					jurisdiction: Jurisdiction::new(node.jurisdiction)
						.expect("dev jurisdictions are assigned codes"),
					licence_uri: "https://stoa.example/dev-licence".to_string(),
					licence_hash: Default::default(),
				})
				.collect::<Vec<_>>(),
		},
		session: SessionConfig {
			keys: master_nodes
				.iter()
				.map(|node| (node.operator(), node.operator(), node.session_keys()))
				.collect::<Vec<_>>(),
		},
		council_membership: CouncilMembershipConfig {
			members: council.try_into().expect("a dev council fits"),
		},
		sudo: SudoConfig { key: sudo },
		credentials: dev_credentials(),
		assets: AssetsConfig {
			assets: vec![(DEV_STABLECOIN_ID, alice.clone(), true, 1)],
			metadata: vec![(
				DEV_STABLECOIN_ID,
				b"Stoa Dev USD".to_vec(),
				b"dUSD".to_vec(),
				DEV_STABLECOIN_DECIMALS
			)],
			accounts: vec![
				(DEV_STABLECOIN_ID, alice, DEV_STABLECOIN_ENDOWMENT),
				(DEV_STABLECOIN_ID, bob, DEV_STABLECOIN_ENDOWMENT),
			],
		},
	})
}

/// The dev council: Alice, Bob and Charlie.
fn dev_council() -> Vec<AccountId> {
	use Sr25519Keyring::*;
	[Alice, Bob, Charlie].iter().map(|k| k.to_account_id()).collect()
}

/// A shard whose master nodes are `operators`, governed by the dev council; the well-known
/// accounts are endowed.
fn shard(para_id: u32, operators: &[Sr25519Keyring], sudo: Option<AccountId>) -> Value {
	genesis(
		para_id,
		operators.iter().copied().map(master_node).collect(),
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		dev_council(),
		sudo,
	)
}

/// `dev`: one master node (Alice); Alice is also sudo, a convenience of dev chains only.
pub fn development_config_genesis() -> Value {
	shard(SHARD_EU_PARA_ID, &[Sr25519Keyring::Alice], Some(Sr25519Keyring::Alice.to_account_id()))
}

/// `local`: four master nodes (Alice, Bob, Charlie, Dave) in four jurisdictions.
pub fn local_config_genesis() -> Value {
	use Sr25519Keyring::*;
	shard(SHARD_EU_PARA_ID, &[Alice, Bob, Charlie, Dave], None)
}

/// The preset called `id`, as JSON.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	use Sr25519Keyring::*;
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		SHARD_EU_DEVELOPMENT => shard(SHARD_EU_PARA_ID, &[Alice], None),
		SHARD_EU_LOCAL => shard(SHARD_EU_PARA_ID, &[Alice, Dave], None),
		SHARD_APAC_DEVELOPMENT => shard(SHARD_APAC_PARA_ID, &[Charlie], None),
		SHARD_APAC_LOCAL => shard(SHARD_APAC_PARA_ID, &[Charlie, Eve], None),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	[
		sp_genesis_builder::DEV_RUNTIME_PRESET,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
		SHARD_EU_DEVELOPMENT,
		SHARD_EU_LOCAL,
		SHARD_APAC_DEVELOPMENT,
		SHARD_APAC_LOCAL,
	]
	.into_iter()
	.map(PresetId::from)
	.collect()
}
