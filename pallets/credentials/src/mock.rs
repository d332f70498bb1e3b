//! A test runtime: system, timestamp, balances and this pallet, with a listener that records
//! what it is told.

use crate as pallet_credentials;
use crate::{GenesisInvestor, GenesisQualifier};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
	weights::Weight,
};
use frame_system::{EnsureRoot, EnsureSignedBy};
use sp_runtime::BuildStorage;
use stoa_primitives::{
	CredentialKind, CredentialsListener, InvestorId, InvestorKind, Jurisdiction,
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		Credentials: pallet_credentials,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

/// The guardian that may block protocol holders.
pub const GUARDIAN: AccountId = 99;
/// Qualifier 0's account: "Euro KYC", covers DE, FR, GB; KYC, AML screening, residence.
pub const EURO_KYC: AccountId = 10;
/// Qualifier 1's account: "US Broker", covers US, DE; KYC, accredited, professional.
pub const US_BROKER: AccountId = 11;
/// Investor 0 (individual, DE, qualifier 0), wallet: 1. KYC and residence from qualifier 0.
pub const ALICE: AccountId = 1;
/// Investor 1 (legal entity, US, qualifier 1), wallet: 2. KYC from qualifier 1.
pub const BOB: AccountId = 2;
/// Unlinked accounts.
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// Registers protocol holders.
pub const REGISTRANT: AccountId = 50;
/// Funds of each endowed account.
pub const ENDOWMENT: u64 = 1_000;
/// The protocol-holder deposit.
pub const DEPOSIT: u64 = 100;
/// The chain's time when tests start (seconds).
pub const START: u64 = 1_700_000_000;

frame_support::ord_parameter_types! {
	pub const Guardian: AccountId = GUARDIAN;
}

parameter_types! {
	pub static MaxAttestationsPerKind: u32 = 3;
	/// What the listener was told, in order.
	pub static ListenerLog: Vec<Heard> = Vec::new();
	/// Accounts the test pretends hold units of a security.
	pub static HoldingUnits: Vec<AccountId> = Vec::new();
}

/// Answers from [`HoldingUnits`].
pub struct TestHoldings;
impl stoa_primitives::HoldingsInspector<AccountId> for TestHoldings {
	fn holds_units(account: &AccountId) -> bool {
		HoldingUnits::get().contains(account)
	}
}

/// One notice the listener received.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Heard {
	CredentialsChanged(InvestorId),
	JurisdictionChanged(InvestorId, Jurisdiction, Jurisdiction),
	WalletRecovered(InvestorId, AccountId, AccountId),
	WalletLinked(InvestorId, AccountId),
}

/// Records notices in [`ListenerLog`].
pub struct RecordingListener;
impl CredentialsListener<AccountId> for RecordingListener {
	fn on_credentials_changed(investor: InvestorId) -> Weight {
		ListenerLog::mutate(|h| h.push(Heard::CredentialsChanged(investor)));
		Weight::zero()
	}
	fn on_jurisdiction_changed(
		investor: InvestorId,
		from: Jurisdiction,
		to: Jurisdiction,
	) -> Weight {
		ListenerLog::mutate(|h| h.push(Heard::JurisdictionChanged(investor, from, to)));
		Weight::zero()
	}
	fn on_wallet_recovered(investor: InvestorId, lost: &AccountId, new: &AccountId) {
		ListenerLog::mutate(|h| h.push(Heard::WalletRecovered(investor, *lost, *new)));
	}
	fn on_wallet_linked(investor: InvestorId, wallet: &AccountId) {
		ListenerLog::mutate(|h| h.push(Heard::WalletLinked(investor, *wallet)));
	}
	fn on_credentials_changed_weight() -> Weight {
		Weight::zero()
	}
	fn on_jurisdiction_changed_weight() -> Weight {
		Weight::zero()
	}
	fn on_wallet_recovered_weight() -> Weight {
		Weight::zero()
	}
}

impl pallet_credentials::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type UnixTime = Timestamp;
	type QualifierAdminOrigin = EnsureRoot<AccountId>;
	type GuardianOrigin = EnsureSignedBy<Guardian, AccountId>;
	type Listener = RecordingListener;
	type Holdings = TestHoldings;
	type Imported = ();
	type ProtocolHolderDeposit = ConstU64<DEPOSIT>;
	type LinkRequestTtl = ConstU64<10>;
	type MaxNameLength = ConstU32<16>;
	type MaxJurisdictionsPerQualifier = ConstU32<4>;
	type MaxKindsPerQualifier = ConstU32<4>;
	type MaxCustomKinds = ConstU32<2>;
	type MaxAttestationsPerKind = MaxAttestationsPerKind;
	type MaxWalletsPerInvestor = ConstU32<2>;
	type WeightInfo = ();
}

pub fn j(code: &str) -> Jurisdiction {
	Jurisdiction::try_from(code).unwrap()
}

/// The test externalities: two qualifiers, two investors, endowed accounts, time at
/// [`START`], block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ALICE, BOB, CHARLIE, DAVE, REGISTRANT, EURO_KYC, US_BROKER]
			.into_iter()
			.map(|a| (a, ENDOWMENT))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_credentials::GenesisConfig::<Test> {
		custom_kinds: vec![],
		qualifiers: vec![
			GenesisQualifier {
				account: EURO_KYC,
				name: "Euro KYC".into(),
				jurisdictions: vec![j("DE"), j("FR"), j("GB")],
				kinds: vec![
					CredentialKind::Kyc,
					CredentialKind::AmlScreening,
					CredentialKind::Residence,
				],
			},
			GenesisQualifier {
				account: US_BROKER,
				name: "US Broker".into(),
				jurisdictions: vec![j("US"), j("DE")],
				kinds: vec![
					CredentialKind::Kyc,
					CredentialKind::AccreditedInvestor,
					CredentialKind::ProfessionalInvestor,
				],
			},
		],
		investors: vec![
			GenesisInvestor {
				qualifier: 0,
				kind: InvestorKind::Individual,
				jurisdiction: j("DE"),
				wallets: vec![ALICE],
				credentials: vec![CredentialKind::Kyc, CredentialKind::Residence],
			},
			GenesisInvestor {
				qualifier: 1,
				kind: InvestorKind::LegalEntity,
				jurisdiction: j("US"),
				wallets: vec![BOB],
				credentials: vec![CredentialKind::Kyc],
			},
		],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		set_now(START);
		ListenerLog::take();
	});
	ext
}

/// Sets the chain's time (seconds).
pub fn set_now(seconds: u64) {
	pallet_timestamp::Now::<Test>::put(seconds * 1000);
}

/// The events this pallet deposited, oldest first.
pub fn credential_events() -> Vec<pallet_credentials::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Credentials(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// The last event this pallet deposited.
pub fn last_event() -> pallet_credentials::Event<Test> {
	credential_events().pop().expect("an event")
}
