//! A test runtime: system, timestamp, balances, `pallet-credentials` and this pallet. Two
//! shards are two externalities of it; messages one sends are captured and dispatched on the
//! other with the sending shard's origin, as XCM's `Transact` would.

use crate as pallet_shard_credentials;
use codec::{Decode, Encode};
use frame_support::dispatch::DispatchResultWithPostInfo;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, EnsureOrigin},
	weights::Weight,
};
use frame_system::EnsureRoot;
use pallet_credentials::{GenesisInvestor, GenesisQualifier};
use sp_runtime::{traits::Dispatchable, BuildStorage};
use stoa_primitives::{
	CredentialKind, CredentialsListener, InvestorId, InvestorKind, Jurisdiction, ShardId,
};
use xcm::latest::prelude::*;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		Credentials: pallet_credentials,
		ShardCredentials: pallet_shard_credentials,
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

/// The EU shard's parachain id.
pub const EU: ShardId = 2000;
/// The APAC shard's parachain id.
pub const APAC: ShardId = 2001;
/// A third shard.
pub const LATAM: ShardId = 2002;
/// Qualifier 0's account on the EU shard: KYC, AML screening, residence in DE, FR.
pub const EURO_KYC: AccountId = 10;
/// Investor 0 on the EU shard (individual, DE), wallet 1, KYC from qualifier 0.
pub const ALICE: AccountId = 1;
/// Investor 1 on the EU shard (legal entity, FR), wallet 2, no credentials.
pub const BOB: AccountId = 2;
/// An unlinked account.
pub const CHARLIE: AccountId = 3;
/// The wallets other shards' genesis investors have instead of [`ALICE`] and [`BOB`].
pub const DAN: AccountId = 5;
pub const ERIN: AccountId = 6;
/// The chain's time when tests start (seconds).
pub const START: u64 = 1_700_000_000;

parameter_types! {
	/// The shard the externalities being run are.
	pub static ThisShard: ShardId = EU;
	/// Messages sent: (from, to, message).
	pub static Outbox: Vec<(ShardId, ShardId, Xcm<()>)> = Vec::new();
	/// Shards the router cannot reach.
	pub static Unreachable: Vec<ShardId> = Vec::new();
	/// Accounts the test pretends hold units of a security.
	pub static HoldingUnits: Vec<AccountId> = Vec::new();
	/// What the receiving side's listener was told.
	pub static Heard: Vec<Notice> = Vec::new();
}

/// A notice the listener received.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Notice {
	CredentialsChanged(InvestorId),
	JurisdictionChanged(InvestorId, Jurisdiction, Jurisdiction),
	WalletLinked(InvestorId, AccountId),
}

/// Records notices in [`Heard`].
pub struct RecordingListener;
impl CredentialsListener<AccountId> for RecordingListener {
	fn on_credentials_changed(investor: InvestorId) -> Weight {
		Heard::mutate(|h| h.push(Notice::CredentialsChanged(investor)));
		Weight::from_parts(1, 0)
	}
	fn on_jurisdiction_changed(
		investor: InvestorId,
		from: Jurisdiction,
		to: Jurisdiction,
	) -> Weight {
		Heard::mutate(|h| h.push(Notice::JurisdictionChanged(investor, from, to)));
		Weight::from_parts(1, 0)
	}
	fn on_wallet_recovered(_: InvestorId, _: &AccountId, _: &AccountId) {}
	fn on_wallet_linked(investor: InvestorId, wallet: &AccountId) {
		Heard::mutate(|h| h.push(Notice::WalletLinked(investor, *wallet)));
	}
	fn on_credentials_changed_weight() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn on_jurisdiction_changed_weight() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn on_wallet_recovered_weight() -> Weight {
		Weight::zero()
	}
}

/// Answers from [`HoldingUnits`].
pub struct TestHoldings;
impl stoa_primitives::HoldingsInspector<AccountId> for TestHoldings {
	fn holds_units(account: &AccountId) -> bool {
		HoldingUnits::get().contains(account)
	}
}

/// Captures messages in [`Outbox`].
pub struct CapturingRouter;
impl SendXcm for CapturingRouter {
	type Ticket = (ShardId, Xcm<()>);
	fn validate(
		destination: &mut Option<Location>,
		message: &mut Option<Xcm<()>>,
	) -> SendResult<Self::Ticket> {
		let to = match destination.as_ref().map(|d| d.unpack()) {
			Some((1, [Parachain(id)])) => *id,
			_ => return Err(SendError::NotApplicable),
		};
		if Unreachable::get().contains(&to) {
			return Err(SendError::Transport("no channel"));
		}
		Ok(((to, message.take().ok_or(SendError::MissingArgument)?), Assets::new()))
	}
	fn deliver((to, message): Self::Ticket) -> Result<XcmHash, SendError> {
		Outbox::mutate(|o| o.push((ThisShard::get(), to, message)));
		Ok([0; 32])
	}
}

/// Accounts from this offset up stand for the XCM origin of shard `account - offset` (what
/// `pallet_xcm::EnsureXcm` gives in the runtime).
pub const SHARD_ORIGIN: AccountId = 1_000_000;

/// A sibling shard's origin, as a location.
pub struct EnsureShard;
impl EnsureOrigin<RuntimeOrigin> for EnsureShard {
	type Success = Location;
	fn try_origin(o: RuntimeOrigin) -> Result<Location, RuntimeOrigin> {
		match o.clone().into() {
			Ok(frame_system::RawOrigin::Signed(who)) if who >= SHARD_ORIGIN => {
				Ok(Location::new(1, [Parachain((who - SHARD_ORIGIN) as u32)]))
			},
			Ok(frame_system::RawOrigin::Signed(who)) if who == SHARD_ORIGIN - 1 => {
				Ok(Location::parent())
			},
			_ => Err(o),
		}
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::signed(SHARD_ORIGIN + APAC as u64))
	}
}

/// The origin a message from `shard` dispatches with.
pub fn from_shard(shard: ShardId) -> RuntimeOrigin {
	RuntimeOrigin::signed(SHARD_ORIGIN + shard as u64)
}

impl pallet_credentials::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type UnixTime = Timestamp;
	type QualifierAdminOrigin = EnsureRoot<AccountId>;
	type GuardianOrigin = EnsureRoot<AccountId>;
	type Listener = (RecordingListener, ShardCredentials);
	type Holdings = TestHoldings;
	type Imported = ShardCredentials;
	type ProtocolHolderDeposit = ConstU64<100>;
	type LinkRequestTtl = ConstU64<10>;
	type MaxNameLength = ConstU32<16>;
	type MaxJurisdictionsPerQualifier = ConstU32<4>;
	type MaxKindsPerQualifier = ConstU32<4>;
	type MaxCustomKinds = ConstU32<2>;
	type MaxAttestationsPerKind = ConstU32<3>;
	type MaxWalletsPerInvestor = ConstU32<4>;
	type WeightInfo = ();
}

impl pallet_shard_credentials::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type ShardOrigin = EnsureShard;
	type XcmSender = CapturingRouter;
	type ThisShard = ThisShard;
	type Home = Credentials;
	type Listener = RecordingListener;
	type Holdings = TestHoldings;
	type UnixTime = Timestamp;
	type MaxShards = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestBenchmarkHelper;
}

pub fn j(code: &str) -> Jurisdiction {
	Jurisdiction::try_from(code).unwrap()
}

/// One shard: its externalities and parachain id.
pub struct Shard {
	pub id: ShardId,
	pub ext: sp_io::TestExternalities,
}

impl Shard {
	/// A shard with one qualifier (account [`EURO_KYC`]) and two investors (0, individual
	/// in DE with KYC; 1, legal entity in FR without credentials). On the EU shard their
	/// wallets are [`ALICE`] and [`BOB`], elsewhere [`DAN`] and [`ERIN`].
	pub fn new(id: ShardId) -> Self {
		let (first, second) = if id == EU { (ALICE, BOB) } else { (DAN, ERIN) };
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: [ALICE, BOB, CHARLIE, DAN, ERIN, EURO_KYC]
				.into_iter()
				.map(|a| (a, 1_000))
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_credentials::GenesisConfig::<Test> {
			custom_kinds: vec!["retail".into()],
			qualifiers: vec![GenesisQualifier {
				account: EURO_KYC,
				name: "Euro KYC".into(),
				jurisdictions: vec![j("DE"), j("FR")],
				kinds: vec![
					CredentialKind::Kyc,
					CredentialKind::AmlScreening,
					CredentialKind::Residence,
					CredentialKind::Custom(0),
				],
			}],
			investors: vec![
				GenesisInvestor {
					qualifier: 0,
					kind: InvestorKind::Individual,
					jurisdiction: j("DE"),
					wallets: vec![first],
					credentials: vec![CredentialKind::Kyc],
				},
				GenesisInvestor {
					qualifier: 0,
					kind: InvestorKind::LegalEntity,
					jurisdiction: j("FR"),
					wallets: vec![second],
					credentials: vec![],
				},
			],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut shard = Shard { id, ext: sp_io::TestExternalities::new(storage) };
		shard.run(|| {
			System::set_block_number(1);
			pallet_timestamp::Now::<Test>::put(START * 1000);
		});
		shard
	}

	/// Runs `f` as this shard.
	pub fn run<R>(&mut self, f: impl FnOnce() -> R) -> R {
		ThisShard::set(self.id);
		self.ext.execute_with(f)
	}

	/// Dispatches, here, every message `from` sent to this shard; returns each result.
	pub fn receive(&mut self, from: ShardId) -> Vec<DispatchResultWithPostInfo> {
		let to = self.id;
		let (mine, rest): (Vec<_>, Vec<_>) =
			Outbox::take().into_iter().partition(|(f, t, _)| *f == from && *t == to);
		Outbox::set(rest);
		mine.into_iter().map(|(_, _, message)| self.run(|| dispatch(from, message))).collect()
	}
}

/// The `Transact` in a message, dispatched with the sending shard's origin.
pub fn dispatch(from: ShardId, message: Xcm<()>) -> DispatchResultWithPostInfo {
	transact_call(&message).dispatch(from_shard(from))
}

/// The call a message carries, checking the message's shape on the way.
pub fn transact_call(message: &Xcm<()>) -> RuntimeCall {
	match message.0.as_slice() {
		[UnpaidExecution { weight_limit: Unlimited, check_origin: None }, Transact { origin_kind: OriginKind::Xcm, call, .. }] => {
			RuntimeCall::decode(&mut &call.encoded()[..]).expect("a runtime call")
		},
		other => panic!("unexpected message {other:?}"),
	}
}

/// The updates a message carries.
pub fn updates_of(message: &Xcm<()>) -> Vec<crate::Update<AccountId>> {
	match transact_call(message) {
		RuntimeCall::ShardCredentials(crate::Call::import {
			updates: crate::VersionedUpdates::V1(updates),
		}) => updates.into_inner(),
		other => panic!("unexpected call {:?}", other.encode()),
	}
}

/// The events this pallet deposited, oldest first.
pub fn events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ShardCredentials(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// Sets the chain's time (seconds).
pub fn set_now(seconds: u64) {
	pallet_timestamp::Now::<Test>::put(seconds * 1000);
}

/// Externalities for the benchmarks: the EU shard.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> sp_io::TestExternalities {
	Shard::new(EU).ext
}

/// Home records for the benchmarks: an investor with a full KYC attestation list.
#[cfg(feature = "runtime-benchmarks")]
pub struct TestBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for TestBenchmarkHelper {
	fn home_investor() -> InvestorId {
		0
	}
	fn open_channels(_: &[ShardId]) {}
}
