//! Genesis presets: `dev` (one master node, Alice) and `local` (four master nodes: Alice,
//! Bob, Charlie, Dave). The node's chain specs are built from these.

use crate::{
	AccountId, AssetsConfig, BalancesConfig, MasterNodesConfig, Runtime, RuntimeGenesisConfig,
	SessionConfig, SessionKeys, SudoConfig, UNIT,
};
use alloc::{string::ToString, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use stoa_primitives::Jurisdiction;

/// Every dev account gets this many STOA.
const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// The dev settlement currency: a stablecoin for trying out settlement on dev chains.
pub const DEV_STABLECOIN_ID: u32 = 1;
/// Decimals of the dev stablecoin.
pub const DEV_STABLECOIN_DECIMALS: u8 = 6;
/// What Alice and Bob hold of the dev stablecoin: one million.
const DEV_STABLECOIN_ENDOWMENT: u128 = 1_000_000 * 10u128.pow(DEV_STABLECOIN_DECIMALS as u32);

/// A dev master node: its operator account, session keys and licensing jurisdiction.
struct DevMasterNode {
	keyring: Sr25519Keyring,
	grandpa: Ed25519Keyring,
	name: &'static str,
	jurisdiction: [u8; 2],
}

impl DevMasterNode {
	fn operator(&self) -> AccountId {
		self.keyring.to_account_id()
	}
	fn session_keys(&self) -> SessionKeys {
		SessionKeys {
			aura: AuraId::from(self.keyring.public()),
			grandpa: GrandpaId::from(self.grandpa.public()),
		}
	}
}

fn master_node(keyring: Sr25519Keyring) -> DevMasterNode {
	let (grandpa, name, jurisdiction) = match keyring {
		Sr25519Keyring::Alice => (Ed25519Keyring::Alice, "Alice Securities (dev)", *b"DE"),
		Sr25519Keyring::Bob => (Ed25519Keyring::Bob, "Bob Custody (dev)", *b"CH"),
		Sr25519Keyring::Charlie => (Ed25519Keyring::Charlie, "Charlie Clearing (dev)", *b"SG"),
		Sr25519Keyring::Dave => (Ed25519Keyring::Dave, "Dave Transfer Agent (dev)", *b"LU"),
		Sr25519Keyring::Eve => (Ed25519Keyring::Eve, "Eve Brokerage (dev)", *b"GB"),
		_ => (Ed25519Keyring::Ferdie, "Ferdie Exchange (dev)", *b"US"),
	};
	DevMasterNode { keyring, grandpa, name, jurisdiction }
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

fn genesis(master_nodes: Vec<DevMasterNode>, endowed: Vec<AccountId>, sudo: AccountId) -> Value {
	let alice = Sr25519Keyring::Alice.to_account_id();
	let bob = Sr25519Keyring::Bob.to_account_id();
	build_struct_json_patch!(RuntimeGenesisConfig {
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
		sudo: SudoConfig { key: Some(sudo) },
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

/// `dev`: one master node (Alice), Alice is sudo, the well-known accounts are endowed.
pub fn development_config_genesis() -> Value {
	genesis(
		vec![master_node(Sr25519Keyring::Alice)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// `local`: four master nodes (Alice, Bob, Charlie, Dave) in four jurisdictions.
pub fn local_config_genesis() -> Value {
	genesis(
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave]
			.into_iter()
			.map(master_node)
			.collect(),
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The preset called `id`, as JSON.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
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
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
