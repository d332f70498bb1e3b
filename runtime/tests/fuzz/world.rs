//! The world every fuzz case starts from: the dev chain's genesis plus a second qualifier,
//! regulators, more investors (two with two wallets each), spare wallets, protocol holders,
//! three securities with agents, holdings, rule sets, an open offering, a dividend and a debt
//! schedule, and a trusted sibling shard (2001) whose two investors hold units here through
//! wallets it imported. It is built once, through real extrinsics (and the shard's XCM import),
//! and every case starts from a copy of its storage.

use std::{collections::BTreeMap, sync::OnceLock};

use frame_support::{traits::fungible::Mutate as _, BoundedVec};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{AccountId32, Perbill};
use stoa_primitives::{CredentialKind, InvestorKind, Isin, Jurisdiction, SecurityId};
use stoa_runtime::{
	genesis_config_presets::DEV_STABLECOIN_ID, Assets, Balances, Runtime, RuntimeCall, UNIT,
};

use super::{
	chain::Chain,
	ops::{Att, Op, Rec, Upd, Who, J},
};

/// The chain's time when the world is built (Unix seconds).
pub const START: u64 = 1_800_000_000;
/// The settlement currency of offerings and distributions (the dev chain's dUSD).
pub const DUSD: u32 = DEV_STABLECOIN_ID;

/// An account of the world, by its place in [`NAMES`]; printed by its name.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct A(pub u8);

impl core::fmt::Debug for A {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		f.write_str(NAMES.get(self.0 as usize).copied().unwrap_or("?"))
	}
}

/// Every account of the world. The first [`HOLDERS`] may hold securities (investor wallets,
/// spare wallets, protocol accounts, a registrant, nobody's Eve); the others act, but for the
/// last two: the wallets shard 2001's investors hold units through here.
pub const NAMES: [&str; 25] = [
	"alice",   // 0: investor I0 (DE legal entity, every credential): issuer of S0 and S2
	"bob",     // 1: I1 (CH individual, professional)
	"charlie", // 2: I2 (GB individual)
	"dave",    // 3: I3 (US legal entity, accredited)
	"fr_a",    // 4: I4 (FR individual, KYC only), first wallet
	"fr_b",    // 5: I4, second wallet
	"de_a",    // 6: I5 (DE individual, accredited), first wallet
	"de_b",    // 7: I5, second wallet
	"gb_co",   // 8: I6 (GB legal entity): issuer of S1
	"us_a",    // 9: I7 (US individual, managed and KYC'd by the second qualifier)
	"spare0",  // 10: nobody's wallet yet (may be invited)
	"spare1",  // 11: nobody's wallet yet
	"pool0",   // 12: a registered protocol holder (registrant reg0)
	"pool1",   // 13: not registered
	"reg0",    // 14: pays protocol-holder deposits
	"eve",     // 15: nobody
	"ferdie",  // 16: qualifier Q0, "Dev KYC"
	"q1",      // 17: qualifier Q1, "US KYC" (US and GB; KYC and accreditation)
	"bafin",   // 18: the DE regulator
	"fca",     // 19: the GB regulator
	"agent0",  // 20: every role of S0
	"agent1",  // 21: transfer, compliance and corporate-actions roles of S1
	"agent2",  // 22: issuance and corporate-actions roles of S2
	"xs_a",    // 23: shard 2001's investor H0 (imported I2^52: GB individual, accredited)
	"xs_b",    // 24: shard 2001's investor H1 (imported I2^52+1: FR individual, KYC only)
];

/// Accounts `A(0)..A(HOLDERS)` may hold securities (and the imported wallets `xs_a`, `xs_b`,
/// which only the shard steps name).
pub const HOLDERS: u8 = 16;
/// How many accounts the world has.
pub const ACCOUNTS: u8 = NAMES.len() as u8;

pub const ALICE: A = A(0);
pub const BOB: A = A(1);
pub const CHARLIE: A = A(2);
pub const DAVE: A = A(3);
pub const FR_A: A = A(4);
pub const FR_B: A = A(5);
pub const DE_A: A = A(6);
pub const DE_B: A = A(7);
pub const GB_CO: A = A(8);
pub const US_A: A = A(9);
pub const SPARE0: A = A(10);
pub const SPARE1: A = A(11);
pub const POOL0: A = A(12);
pub const POOL1: A = A(13);
pub const REG0: A = A(14);
pub const EVE: A = A(15);
pub const FERDIE: A = A(16);
pub const Q1: A = A(17);
pub const BAFIN: A = A(18);
pub const FCA: A = A(19);
pub const AGENT0: A = A(20);
pub const AGENT1: A = A(21);
pub const AGENT2: A = A(22);
pub const XS_A: A = A(23);
pub const XS_B: A = A(24);

/// The trusted sibling shard of the world, and what it sent when the world was built: its
/// qualifier Q0 (active, KYC and accreditation), investors H0 (GB, KYC and accredited, wallet
/// `xs_a`) and H1 (FR, KYC, wallet `xs_b`). Sequence numbers 1 to 8.
pub const WORLD_SHARD: u32 = 2001;

pub fn world_imports() -> Vec<Upd> {
	let live = Att { qualifier: 0, expires_in: None, revoked: false };
	let records = vec![
		Rec::Qualifier { qualifier: 0, state: Some((true, true, true)) },
		Rec::Investor { home: 0, state: Some((true, J(2), 0, false)) },
		Rec::Credential { home: 0, kind: CredentialKind::Kyc, attestations: vec![live] },
		Rec::Credential {
			home: 0,
			kind: CredentialKind::AccreditedInvestor,
			attestations: vec![live],
		},
		Rec::Wallet { wallet: XS_A, home: Some(0), blocked: false },
		Rec::Investor { home: 1, state: Some((true, J(4), 0, false)) },
		Rec::Credential { home: 1, kind: CredentialKind::Kyc, attestations: vec![live] },
		Rec::Wallet { wallet: XS_B, home: Some(1), blocked: false },
	];
	records.into_iter().enumerate().map(|(i, record)| Upd { seq: i as u64 + 1, record }).collect()
}

/// The jurisdictions rules, investors and withholding rates are drawn from.
pub const JURISDICTIONS: [&str; 5] = ["DE", "CH", "GB", "US", "FR"];

/// The securities of the world (S3 does not exist).
pub const SECURITIES: u8 = 3;

/// Wallets of one investor, for recoveries and in-investor transfers.
pub const CO_WALLETS: [(A, A); 4] = [(FR_A, FR_B), (FR_B, FR_A), (DE_A, DE_B), (DE_B, DE_A)];

/// Who holds each security when the world is built (the likely senders of its units).
pub fn initial_holders(security: SecurityId) -> &'static [A] {
	match security {
		0 => &[ALICE, BOB, CHARLIE, FR_A, FR_B, DE_A, DAVE, POOL0],
		1 => &[GB_CO, CHARLIE, BOB, US_A, DE_B],
		2 => &[ALICE, DE_B, DAVE, BOB],
		_ => &[],
	}
}

/// The account behind `a`.
pub fn account(a: A) -> AccountId32 {
	let name = NAMES[a.0 as usize];
	match name {
		"alice" => Sr25519Keyring::Alice.to_account_id(),
		"bob" => Sr25519Keyring::Bob.to_account_id(),
		"charlie" => Sr25519Keyring::Charlie.to_account_id(),
		"dave" => Sr25519Keyring::Dave.to_account_id(),
		"eve" => Sr25519Keyring::Eve.to_account_id(),
		"ferdie" => Sr25519Keyring::Ferdie.to_account_id(),
		other => {
			AccountId32::new(sp_io::hashing::blake2_256(format!("stoa-fuzz/{other}").as_bytes()))
		},
	}
}

/// Every account of the world, by index.
pub fn all_accounts() -> &'static [AccountId32] {
	static ALL: OnceLock<Vec<AccountId32>> = OnceLock::new();
	ALL.get_or_init(|| (0..ACCOUNTS).map(|i| account(A(i))).collect())
}

/// A readable name for any account (world accounts by name, others by a short hex prefix).
pub fn name_of(who: &AccountId32) -> String {
	static NAMES_BY_ACCOUNT: OnceLock<BTreeMap<AccountId32, &'static str>> = OnceLock::new();
	let names = NAMES_BY_ACCOUNT
		.get_or_init(|| (0..ACCOUNTS).map(|i| (account(A(i)), NAMES[i as usize])).collect());
	match names.get(who) {
		Some(name) => (*name).to_string(),
		None => {
			let bytes: &[u8] = who.as_ref();
			format!("0x{}…", bytes[..4].iter().map(|b| format!("{b:02x}")).collect::<String>())
		},
	}
}

/// A jurisdiction by its code.
pub fn jurisdiction(code: &str) -> Jurisdiction {
	Jurisdiction::try_from(code).expect("assigned code")
}

/// The issuer's wallet of a world security.
pub fn issuer_wallet(security: SecurityId) -> A {
	match security {
		1 => GB_CO,
		_ => ALICE,
	}
}

/// The agent of a world security.
pub fn agent_of(security: SecurityId) -> A {
	match security {
		0 => AGENT0,
		1 => AGENT1,
		_ => AGENT2,
	}
}

/// A copy of the built world's storage: every key and value.
pub struct Snapshot {
	pairs: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Snapshot {
	/// Fresh externalities with the world's storage. It is written into the overlay of empty
	/// externalities, not into a trie backend: reads then never walk a trie, which in a debug
	/// build is most of the cost of a step (nothing here needs a storage root).
	pub fn externalities(&self) -> sp_io::TestExternalities {
		let mut ext = sp_io::TestExternalities::new_empty();
		ext.execute_with(|| {
			for (key, value) in &self.pairs {
				sp_io::storage::set(key, value);
			}
		});
		ext
	}
}

/// The world, built on first use.
pub fn snapshot() -> &'static Snapshot {
	static WORLD: OnceLock<Snapshot> = OnceLock::new();
	WORLD.get_or_init(|| {
		let mut ext = super::common::dev_chain();
		ext.execute_with(|| {
			build();
			let mut pairs = Vec::new();
			let mut key = Vec::new();
			while let Some(next) = sp_io::storage::next_key(&key) {
				let value = sp_io::storage::get(&next).expect("a key has a value");
				pairs.push((next.clone(), value.to_vec()));
				key = next;
			}
			Snapshot { pairs }
		})
	})
}

/// Block and time the world's last block had.
pub const WORLD_BLOCK: u32 = 1;

fn ok(chain: &mut Chain, who: A, call: RuntimeCall) {
	let outcome = chain.setup_dispatch(Some(account(who)), call.clone());
	assert!(outcome.is_ok(), "world set-up: {who:?} {call:?}: {outcome:?}");
}

fn root(chain: &mut Chain, call: RuntimeCall) {
	let outcome = chain.setup_dispatch(None, call.clone());
	assert!(outcome.is_ok(), "world set-up: root {call:?}: {outcome:?}");
}

/// Builds the world in block 1 of the dev chain (see the module docs for what it holds).
fn build() {
	use pallet_compliance::{Exemption, HolderScope, InvestorCategory, Rule, RuleKind, Side};
	use pallet_credentials::Call as Cred;
	use pallet_issuance::Call as Iss;
	super::common::set_time(START);
	let mut chain = Chain::setup(WORLD_BLOCK, START);
	let acc = account;

	// Money: native tokens for deposits, dUSD for subscriptions and distributions.
	for i in 0..ACCOUNTS {
		let who = acc(A(i));
		Balances::set_balance(&who, 100_000 * UNIT);
		<Assets as frame_support::traits::fungibles::Mutate<AccountId32>>::mint_into(
			DUSD,
			&who,
			100_000_000_000,
		)
		.expect("dUSD mints");
	}

	// A second qualifier, regulators.
	root(
		&mut chain,
		RuntimeCall::Credentials(Cred::register_qualifier {
			account: acc(Q1),
			name: b"US KYC".to_vec(),
			jurisdictions: vec![jurisdiction("US"), jurisdiction("GB")],
			kinds: vec![CredentialKind::Kyc, CredentialKind::AccreditedInvestor],
		}),
	);
	for (regulator, code, name) in [(BAFIN, "DE", &b"BaFin"[..]), (FCA, "GB", b"FCA")] {
		root(
			&mut chain,
			RuntimeCall::Issuance(Iss::register_regulator {
				regulator: acc(regulator),
				jurisdiction: jurisdiction(code),
				name: name.to_vec(),
			}),
		);
	}

	// Investors 4..=7 (0..=3 come with the dev genesis) and their wallets.
	let investors: [(A, InvestorKind, &str, &[A], &[CredentialKind]); 4] = [
		(FERDIE, InvestorKind::Individual, "FR", &[FR_A, FR_B], &[CredentialKind::Kyc]),
		(
			FERDIE,
			InvestorKind::Individual,
			"DE",
			&[DE_A, DE_B],
			&[CredentialKind::Kyc, CredentialKind::AccreditedInvestor],
		),
		(FERDIE, InvestorKind::LegalEntity, "GB", &[GB_CO], &[CredentialKind::Kyc]),
		(Q1, InvestorKind::Individual, "US", &[US_A], &[CredentialKind::Kyc]),
	];
	for (n, (qualifier, kind, home, wallets, kinds)) in investors.into_iter().enumerate() {
		let investor = 4 + n as u64;
		ok(
			&mut chain,
			qualifier,
			RuntimeCall::Credentials(Cred::create_investor {
				kind,
				jurisdiction: jurisdiction(home),
			}),
		);
		for wallet in wallets {
			ok(
				&mut chain,
				qualifier,
				RuntimeCall::Credentials(Cred::request_wallet_link {
					investor,
					wallet: acc(*wallet),
				}),
			);
			ok(
				&mut chain,
				*wallet,
				RuntimeCall::Credentials(Cred::accept_wallet_link { investor }),
			);
		}
		for kind in kinds {
			ok(
				&mut chain,
				qualifier,
				RuntimeCall::Credentials(Cred::attest {
					investor,
					kind: *kind,
					expires_at: None,
					evidence: Default::default(),
				}),
			);
		}
	}
	assert_eq!(pallet_credentials::NextInvestorId::<Runtime>::get(), 8);

	// Shard 2001, trusted, onboarded its investors H0 and H1 and their wallets.
	root(
		&mut chain,
		RuntimeCall::ShardCredentials(pallet_shard_credentials::Call::trust_shard {
			shard: WORLD_SHARD,
		}),
	);
	{
		use sp_runtime::traits::Dispatchable;
		let by = Who::Shard(WORLD_SHARD);
		let call = Op::Import { updates: world_imports() }.call(&by, START);
		let outcome = call.clone().dispatch(by.origin());
		assert!(outcome.is_ok(), "world set-up: {by:?} {call:?}: {outcome:?}");
		let base = stoa_primitives::shards::IMPORTED_INVESTOR_BASE;
		assert_eq!(
			pallet_shard_credentials::Aliases::<Runtime>::get(WORLD_SHARD, 1),
			Some(base + 1)
		);
	}

	// Issuers: Alice's company (I0, DE) and GB Co (I6).
	ok(
		&mut chain,
		BAFIN,
		RuntimeCall::Issuance(Iss::approve_issuer {
			investor: 0,
			licence_hash: H256::repeat_byte(1),
		}),
	);
	ok(
		&mut chain,
		FCA,
		RuntimeCall::Issuance(Iss::approve_issuer {
			investor: 6,
			licence_hash: H256::repeat_byte(6),
		}),
	);

	// S0: Alpha AG shares; S1: Beta plc shares (2 decimals); S2: an Alpha bond maturing in
	// three days.
	let securities: [(A, &[u8], &[u8], pallet_issuance::SecurityKind, u8, Isin, u128); 3] = [
		(
			ALICE,
			b"Alpha AG",
			b"ALPH",
			pallet_issuance::SecurityKind::Equity,
			0,
			Isin::try_from("DE000BAY0017").unwrap(),
			1_000_000,
		),
		(
			GB_CO,
			b"Beta plc",
			b"BETA",
			pallet_issuance::SecurityKind::Equity,
			2,
			Isin::numbered(*b"GB", 1).unwrap(),
			100_000_000,
		),
		(
			ALICE,
			b"Alpha 5% 3-day note",
			b"ALPH5",
			pallet_issuance::SecurityKind::Debt { coupon_bps: 500, maturity: START + 3 * 86_400 },
			0,
			Isin::numbered(*b"DE", 2).unwrap(),
			1_000_000,
		),
	];
	for (issuer, name, symbol, kind, decimals, isin, authorised_supply) in securities {
		ok(
			&mut chain,
			issuer,
			RuntimeCall::Issuance(Iss::create_security {
				name: name.to_vec(),
				symbol: symbol.to_vec(),
				kind,
				decimals,
				identifiers: pallet_issuance::Identifiers {
					isin,
					cusip: None,
					lei: None,
					figi: None,
				},
				authorised_supply,
			}),
		);
	}
	let roles = |issuance, compliance, transfer, corporate_actions| pallet_issuance::AgentRoles {
		issuance,
		compliance,
		transfer,
		corporate_actions,
	};
	for (issuer, security, agent, roles) in [
		(ALICE, 0, AGENT0, roles(true, true, true, true)),
		(GB_CO, 1, AGENT1, roles(false, true, true, true)),
		(ALICE, 2, AGENT2, roles(true, false, false, true)),
	] {
		ok(
			&mut chain,
			issuer,
			RuntimeCall::Issuance(Iss::set_agent { security, agent: acc(agent), roles }),
		);
	}

	// A protocol holder (a DEX pool, say).
	ok(
		&mut chain,
		REG0,
		RuntimeCall::Credentials(Cred::register_protocol_holder {
			account: acc(POOL0),
			name: b"Pool".to_vec(),
		}),
	);

	// Holdings.
	let holdings: [(SecurityId, A, &[(A, u128)]); 3] = [
		(
			0,
			ALICE,
			&[
				(ALICE, 10_000),
				(BOB, 1_000),
				(CHARLIE, 500),
				(FR_A, 300),
				(FR_B, 200),
				(DE_A, 400),
				(DAVE, 100),
				(POOL0, 1_000),
				(XS_A, 300),
			],
		),
		(
			1,
			GB_CO,
			&[
				(GB_CO, 500_000),
				(CHARLIE, 10_000),
				(BOB, 20_000),
				(US_A, 5_000),
				(DE_B, 1_000),
				(XS_B, 2_000),
			],
		),
		(2, AGENT2, &[(ALICE, 1_000), (DE_B, 100), (DAVE, 200), (BOB, 50), (XS_A, 100)]),
	];
	for (security, by, list) in holdings {
		let issues: Vec<_> = list.iter().map(|(who, units)| (acc(*who), *units)).collect();
		ok(
			&mut chain,
			by,
			RuntimeCall::Issuance(Iss::batch_issue {
				security,
				issues: BoundedVec::truncate_from(issues),
			}),
		);
	}

	// Rule sets. S0 is the Regulation D example of docs/compliance.md: at most as many
	// non-accredited holders as it has now, the issuer's treasury (Alice) exempt. S1 keeps US
	// investors out and caps holdings, its treasury (GB Co) exempt. S2 is locked up for a day,
	// Alice exempt.
	let exempt = |who: A| BoundedVec::truncate_from(vec![Exemption::Account(acc(who))]);
	let rules: [(A, SecurityId, Vec<pallet_compliance::RuleOf<Runtime>>); 3] = [
		(
			ALICE,
			0,
			vec![
				Rule {
					kind: RuleKind::MaxHolders {
						scope: HolderScope::Category(InvestorCategory::NonAccredited),
						max: 3,
					},
					exemptions: exempt(ALICE),
				},
				Rule {
					kind: RuleKind::RequiredCredential {
						side: Side::Receiver,
						kind: CredentialKind::Kyc,
						qualifiers: Default::default(),
					},
					exemptions: Default::default(),
				},
			],
		),
		(
			GB_CO,
			1,
			vec![
				Rule {
					kind: RuleKind::JurisdictionDenyList {
						side: Side::Receiver,
						jurisdictions: BoundedVec::truncate_from(vec![jurisdiction("US")]),
					},
					exemptions: exempt(GB_CO),
				},
				Rule { kind: RuleKind::MaxHolding { amount: 50_000 }, exemptions: exempt(GB_CO) },
			],
		),
		(
			ALICE,
			2,
			vec![Rule {
				kind: RuleKind::LockUp {
					scope: pallet_compliance::LockScope::Security,
					until: START + 86_400,
				},
				exemptions: exempt(ALICE),
			}],
		),
	];
	for (by, security, rules) in rules {
		ok(
			&mut chain,
			by,
			RuntimeCall::Compliance(pallet_compliance::Call::set_rules {
				security,
				rules: BoundedVec::truncate_from(rules),
			}),
		);
	}

	// An offering of S0 for two hours at 1 dUSD a share.
	ok(
		&mut chain,
		AGENT0,
		RuntimeCall::Issuance(Iss::open_offering {
			security: 0,
			asset: DUSD,
			price: 1_000_000,
			starts_at: START,
			ends_at: START + 7_200,
			min_subscription: 1,
			max_subscription: 5_000,
			soft_cap: 10,
			hard_cap: 50_000,
			proceeds_to: acc(ALICE),
		}),
	);

	// A dividend on S1 paid in an hour (0.01 dUSD a share, 15% withheld in GB).
	ok(
		&mut chain,
		AGENT1,
		RuntimeCall::CorporateActions(pallet_corporate_actions::Call::create_distribution {
			security: 1,
			record_date: pallet_corporate_actions::RecordDate::Now,
			asset: DUSD,
			amount: pallet_corporate_actions::Amount::PerUnit(10_000),
			pay_at: START + 3_600,
			expires_at: START + 30 * 86_400,
			withholding: BoundedVec::truncate_from(vec![(
				jurisdiction("GB"),
				Perbill::from_percent(15),
			)]),
		}),
	);

	// S2's coupons (monthly, the first in a day) and principal at maturity, paid by agent2.
	ok(
		&mut chain,
		AGENT2,
		RuntimeCall::CorporateActions(pallet_corporate_actions::Call::set_debt_schedule {
			security: 2,
			asset: DUSD,
			face_value: 1_000_000,
			months: 1,
			first_coupon: START + 86_400,
		}),
	);

	chain.setup_close_block();
}
