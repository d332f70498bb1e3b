//! Each pallet's configuration. Cross-pallet wiring (which pallet answers which trait)
//! happens here and only here. XCM's is in `xcm_config.rs`.

pub mod governance;
pub mod institutions;
pub mod weights;
pub mod xcm_config;

use cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases;
use cumulus_primitives_core::{AggregateMessageOrigin, ParaId};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		AsEnsureOriginWithArg, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, Get,
		NeverEnsureOrigin, TransformOrigin, VariantCountOf,
	},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		IdentityFee, Weight,
	},
	PalletId,
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot,
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{
	traits::{ConvertInto, One, OpaqueKeys},
	Perbill,
};
use sp_version::RuntimeVersion;

use governance::{CouncilMajority, CouncilMember, CouncilTwoThirds};
use parachains_common::message_queue::{NarrowOriginToSibling, ParaIdToSibling};
use polkadot_runtime_common::xcm_sender::NoPriceForMessageDelivery;
use xcm_config::XcmOriginToTransactDispatchOrigin;

use super::{
	AccountId, AssetId, Assets, Aura, Balance, Balances, Block, BlockNumber, Compliance,
	CorporateActions, Credentials, Hash, Issuance, MasterNodes, MessageQueue, Nonce, PalletInfo,
	ParachainInfo, ParachainSystem, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason,
	RuntimeHoldReason, RuntimeOrigin, RuntimeTask, Session, SessionKeys, ShardCredentials, System,
	Timestamp, XcmpQueue, BLOCK_PROCESSING_VELOCITY, DAYS, EXISTENTIAL_DEPOSIT, MILLI_UNIT,
	RELAY_CHAIN_SLOT_DURATION_MILLIS, RELAY_PARENT_OFFSET, SESSION_PERIOD, SLOT_DURATION,
	SS58_PREFIX, UNINCLUDED_SEGMENT_CAPACITY, UNIT, VERSION,
};

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of compute in a six-second block, and as much proof (the data the relay
/// chain's validators need to re-execute the block) as the relay chain accepts in a PoV.
pub const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	2u64 * WEIGHT_REF_TIME_PER_SECOND,
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;

	pub RuntimeBlockWeights: BlockWeights =
		BlockWeights::with_sensible_defaults(MAXIMUM_BLOCK_WEIGHT, NORMAL_DISPATCH_RATIO);
	/// 5 MiB blocks, of which normal extrinsics may fill 75%.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::ParaChainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node's database is ParityDB.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	/// Runtime upgrades go through the relay chain, which must accept the new code.
	type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Self>;
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	/// Aura checks the slot; with async backing two blocks may share a relay slot's time.
	type MinimumPeriod = ConstU64<0>;
	type WeightInfo = weights::pallet_timestamp::WeightInfo<Runtime>;
}

parameter_types! {
	pub const ReservedXcmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const ReservedDmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const RelayOrigin: AggregateMessageOrigin = AggregateMessageOrigin::Parent;
	pub const RelayParentOffset: u32 = RELAY_PARENT_OFFSET;
}

/// At most `BLOCK_PROCESSING_VELOCITY` blocks per relay slot, each in the Aura slot the relay
/// slot implies, and at most `UNINCLUDED_SEGMENT_CAPACITY` ahead of inclusion.
pub type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

/// The shard's side of the relay chain: the validation data inherent, runtime upgrades
/// through the relay, and message passing (XCMP with the other shards, DMP/UMP with the relay).
impl cumulus_pallet_parachain_system::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnSystemEvent = ();
	type SelfParaId = parachain_info::Pallet<Runtime>;
	type OutboundXcmpMessageSource = XcmpQueue;
	type DmpQueue = frame_support::traits::EnqueueWithOrigin<MessageQueue, RelayOrigin>;
	type ReservedDmpWeight = ReservedDmpWeight;
	type XcmpMessageHandler = XcmpQueue;
	type ReservedXcmpWeight = ReservedXcmpWeight;
	/// Async backing: several shard blocks may be built on one relay parent.
	type CheckAssociatedRelayNumber = RelayNumberMonotonicallyIncreases;
	type WeightInfo = ();
	type ConsensusHook = ConsensusHook;
	type RelayParentOffset = RelayParentOffset;
	type SchedulingSignatureVerifier = ();
}

impl parachain_info::Config for Runtime {}

impl cumulus_pallet_aura_ext::Config for Runtime {}

impl cumulus_pallet_weight_reclaim::Config for Runtime {
	type WeightInfo = ();
}

parameter_types! {
	/// XCM messages are processed in at most a third of a block.
	pub MessageQueueServiceWeight: Weight =
		Perbill::from_percent(35) * RuntimeBlockWeights::get().max_block;
}

impl pallet_message_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = weights::pallet_message_queue::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type MessageProcessor =
		pallet_message_queue::mock_helpers::NoopMessageProcessor<AggregateMessageOrigin>;
	#[cfg(not(feature = "runtime-benchmarks"))]
	type MessageProcessor = xcm_builder::ProcessXcmMessage<
		AggregateMessageOrigin,
		xcm_executor::XcmExecutor<xcm_config::XcmConfig>,
		RuntimeCall,
	>;
	type Size = u32;
	// The XCMP queue only handles the `Sibling(ParaId)` origin.
	type QueueChangeHandler = NarrowOriginToSibling<XcmpQueue>;
	type QueuePausedQuery = NarrowOriginToSibling<XcmpQueue>;
	type HeapSize = ConstU32<{ 64 * 1024 }>;
	type MaxStale = ConstU32<8>;
	type ServiceWeight = MessageQueueServiceWeight;
	type IdleMaxServiceWeight = MessageQueueServiceWeight;
}

impl cumulus_pallet_xcmp_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ChannelInfo = ParachainSystem;
	type VersionWrapper = crate::PolkadotXcm;
	// Messages from the other shards are queued for the message queue to process.
	type XcmpQueue = TransformOrigin<MessageQueue, AggregateMessageOrigin, ParaId, ParaIdToSibling>;
	type MaxInboundSuspended = ConstU32<1_000>;
	type MaxActiveOutboundChannels = ConstU32<128>;
	type MaxPageSize = ConstU32<{ 1 << 16 }>;
	type ControllerOrigin = EnsureRoot<AccountId>;
	type ControllerOriginConverter = XcmOriginToTransactDispatchOrigin;
	type WeightInfo = weights::cumulus_pallet_xcmp_queue::WeightInfo<Runtime>;
	type PriceForSiblingDelivery = NoPriceForMessageDelivery<ParaId>;
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

/// The most master nodes (and so Aura authorities, the shard's collators) a shard can have.
pub const MAX_MASTER_NODES: u32 = 100;

impl pallet_master_nodes::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Admitting and removing master nodes: a council majority.
	type AdminOrigin = CouncilMajority;
	type ValidatorRegistration = Session;
	type MinMasterNodes = ConstU32<1>;
	type MaxMasterNodes = ConstU32<MAX_MASTER_NODES>;
	type MaxNameLength = ConstU32<64>;
	type MaxLicenceUriLength = ConstU32<256>;
	/// Sessions end every `SessionPeriod` blocks; this pallet rotates them (see
	/// `pallet_session::Config` below).
	type SessionPeriod = SessionPeriod;
	type SessionOffset = SessionOffset;
	type WeightInfo = pallet_master_nodes::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Held from whoever registers a protocol holder; burned if the guardian finds the
	/// registration abusive. High enough that registering a personal wallet to dodge KYC
	/// is not worth it.
	pub const ProtocolHolderDeposit: Balance = 1_000 * UNIT;
	/// A wallet has a day to accept a link request.
	pub const LinkRequestTtl: BlockNumber = DAYS;
}

impl pallet_credentials::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type UnixTime = Timestamp;
	/// Qualifiers, credential kinds, recoveries and settling protocol-holder blocks: a
	/// council majority.
	type QualifierAdminOrigin = CouncilMajority;
	/// Blocking a misbehaving protocol is urgent: any one council member (the majority can
	/// lift the block).
	type GuardianOrigin = CouncilMember;
	/// Issuance records wallet recoveries so that holdings can follow; compliance re-files
	/// holder counts when an investor's jurisdiction or credentials change.
	// Recoveries move holdings (issuance), keep holder counts (compliance) and carry
	// entitlements to the new wallet (corporate actions); every change to this shard's own
	// records is sent to the shards that trust it (shard credentials).
	type Listener = (Issuance, Compliance, CorporateActions, ShardCredentials);
	type Holdings = Issuance;
	/// Investors, wallets and blocks imported from the shards this one trusts.
	type Imported = ShardCredentials;
	type ProtocolHolderDeposit = ProtocolHolderDeposit;
	type LinkRequestTtl = LinkRequestTtl;
	type MaxNameLength = ConstU32<64>;
	type MaxJurisdictionsPerQualifier = ConstU32<64>;
	type MaxKindsPerQualifier = ConstU32<16>;
	type MaxCustomKinds = ConstU32<64>;
	type MaxAttestationsPerKind = ConstU32<8>;
	type MaxWalletsPerInvestor = ConstU32<16>;
	type WeightInfo = pallet_credentials::weights::SubstrateWeight<Runtime>;
}

/// This shard's parachain id, as shard credentials number shards.
pub struct ThisShard;
impl Get<stoa_primitives::ShardId> for ThisShard {
	fn get() -> stoa_primitives::ShardId {
		ParachainInfo::parachain_id().into()
	}
}

impl pallet_shard_credentials::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	/// Trusting another shard's credentials (and choosing where this one's go): two thirds
	/// of the council.
	type GovernanceOrigin = CouncilTwoThirds;
	/// A trusted sibling shard, as `Transact` with the `Xcm` origin kind gives it.
	type ShardOrigin = pallet_xcm::EnsureXcm<xcm_config::TrustedShards>;
	type XcmSender = xcm_config::XcmRouter;
	type ThisShard = ThisShard;
	type Home = Credentials;
	/// Imported changes re-file holder counts, as local ones do (see the credentials'
	/// listener; shard credentials itself is left out: imported records are not sent on).
	type Listener = (Issuance, Compliance, CorporateActions);
	type Holdings = Issuance;
	type UnixTime = Timestamp;
	type MaxShards = ConstU32<16>;
	type WeightInfo = pallet_shard_credentials::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ShardCredentialsBenchmarks;
}

/// Home records and open XCMP channels for shard credentials' benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct ShardCredentialsBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_shard_credentials::BenchmarkHelper<AccountId> for ShardCredentialsBenchmarks {
	fn home_investor() -> stoa_primitives::InvestorId {
		use stoa_primitives::{CredentialKind, InvestorKind, Jurisdiction};
		let home = Jurisdiction::try_from("DE").expect("a jurisdiction");
		// A full KYC list: one attestation from each of as many qualifiers as fit.
		let attestations: alloc::vec::Vec<_> = (0
			..<Runtime as pallet_credentials::Config>::MaxAttestationsPerKind::get())
			.map(|i| {
				let account: AccountId = frame_benchmarking::account("qualifier", i, 0);
				let qualifier = Credentials::do_register_qualifier(
					account,
					b"qualifier".to_vec(),
					alloc::vec![home],
					alloc::vec![CredentialKind::Kyc],
				)
				.expect("qualifiers can be registered");
				pallet_credentials::Attestation {
					qualifier,
					issued_at: 1,
					expires_at: Some(u64::MAX),
					evidence: Default::default(),
					revoked_at: None,
				}
			})
			.collect();
		let investor = Credentials::do_create_investor(
			attestations[0].qualifier,
			InvestorKind::Individual,
			home,
		)
		.expect("investors can be created");
		for i in 0..<Runtime as pallet_credentials::Config>::MaxWalletsPerInvestor::get() {
			let wallet: AccountId = frame_benchmarking::account("wallet", i, 0);
			Credentials::do_link(investor, &wallet).expect("wallets can be linked");
		}
		pallet_credentials::Credentials::<Runtime>::insert(
			investor,
			CredentialKind::Kyc,
			frame_support::BoundedVec::truncate_from(attestations),
		);
		investor
	}

	fn open_channels(shards: &[stoa_primitives::ShardId]) {
		let mut shards = shards.to_vec();
		shards.sort();
		let channel = cumulus_primitives_core::AbridgedHrmpChannel {
			max_capacity: 10,
			max_total_size: 10_000_000,
			max_message_size: 10_000_000,
			msg_count: 0,
			total_size: 0,
			mqc_head: None,
		};
		cumulus_pallet_parachain_system::RelevantMessagingState::<Runtime>::put(
			cumulus_pallet_parachain_system::MessagingStateSnapshot {
				dmq_mqc_head: Default::default(),
				relay_dispatch_queue_remaining_capacity: Default::default(),
				ingress_channels: alloc::vec![],
				egress_channels: shards
					.into_iter()
					.map(|s| (ParaId::from(s), channel.clone()))
					.collect(),
			},
		);
	}
}

parameter_types! {
	/// Offering escrow accounts derive from this id.
	pub const IssuancePalletId: PalletId = PalletId(*b"stoa/iss");
}

impl pallet_issuance::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type Credentials = Credentials;
	/// Blocks, eligibility, KYC and each security's rule set.
	type Guard = Compliance;
	/// Record dates (copy-on-write checkpoints) and the split lock.
	type Observer = CorporateActions;
	type Settlement = Assets;
	/// Registering and removing regulators: a council majority.
	type RegulatorAdminOrigin = CouncilMajority;
	type PalletId = IssuancePalletId;
	type MaxNameLength = ConstU32<64>;
	type MaxSymbolLength = ConstU32<12>;
	type MaxDocumentNameLength = ConstU32<32>;
	type MaxUriLength = ConstU32<256>;
	type MaxDocuments = ConstU32<32>;
	/// With the worst-case guard weight (~2.4 ms a receiver on the benchmark machine), 200
	/// receivers stay well within a block.
	type MaxBatchIssue = ConstU32<200>;
	type MaxSettlementBatch = ConstU32<100>;
	type WeightInfo = pallet_issuance::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = IssuanceBenchmarkHelper;
}

/// Sets up credentialed investors, dUSD and time for the issuance benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct IssuanceBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_issuance::BenchmarkHelper<AccountId, AssetId, Balance> for IssuanceBenchmarkHelper {
	fn qualified_investor(
		who: &AccountId,
		kind: stoa_primitives::InvestorKind,
		jurisdiction: stoa_primitives::Jurisdiction,
	) -> stoa_primitives::InvestorId {
		// Qualifier 0 (genesis "Dev KYC", or the first registered) attests KYC.
		let investor =
			Credentials::do_create_investor(0, kind, jurisdiction).expect("investor ids left");
		Credentials::do_link(investor, who).expect("fresh wallet");
		pallet_credentials::Credentials::<Runtime>::mutate(
			investor,
			stoa_primitives::CredentialKind::Kyc,
			|attestations| {
				attestations
					.try_push(pallet_credentials::Attestation {
						qualifier: 0,
						issued_at: 0,
						expires_at: None,
						evidence: Default::default(),
						revoked_at: None,
					})
					.expect("room for one attestation")
			},
		);
		investor
	}

	fn funded_settlement_asset(who: &AccountId, amount: Balance) -> AssetId {
		use frame_support::traits::fungibles::{Create, Inspect, Mutate};
		const BENCH_ASSET: AssetId = 1_000;
		if !<Assets as Inspect<AccountId>>::asset_exists(BENCH_ASSET) {
			<Assets as Create<AccountId>>::create(BENCH_ASSET, who.clone(), true, 1)
				.expect("asset id is free");
		}
		<Assets as Mutate<AccountId>>::mint_into(BENCH_ASSET, who, amount).expect("mintable");
		BENCH_ASSET
	}

	fn set_time(now: u64) {
		pallet_timestamp::Now::<Runtime>::put(now * 1_000);
	}

	fn recover_wallet(lost: &AccountId, wallet: &AccountId) {
		let investor =
			pallet_credentials::InvestorOfWallet::<Runtime>::get(lost).expect("lost is linked");
		Credentials::do_link(investor, wallet).expect("fresh wallet");
		Credentials::recover_wallet(RuntimeOrigin::root(), lost.clone(), wallet.clone())
			.expect("governance recovers");
	}
}

impl pallet_compliance::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type Credentials = Credentials;
	type Securities = Issuance;
	type MaxRules = ConstU32<16>;
	type MaxListLength = ConstU32<16>;
	/// About 48 storage reads per evaluation at most (see docs/compliance.md).
	type MaxComplexity = ConstU32<48>;
	type MaxSecuritiesPerInvestor = ConstU32<64>;
	type WeightInfo = pallet_compliance::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ComplianceBenchmarkHelper;
}

/// Sets up securities and holders for the compliance benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct ComplianceBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_compliance::BenchmarkHelper<AccountId, Balance> for ComplianceBenchmarkHelper {
	fn security_with_agent() -> (stoa_primitives::SecurityId, AccountId) {
		use pallet_issuance::BenchmarkHelper as _;
		let de = stoa_primitives::Jurisdiction::try_from("DE").expect("assigned");
		let regulator = AccountId::new([0xBE; 32]);
		if !pallet_issuance::Regulators::<Runtime>::contains_key(&regulator) {
			Issuance::register_regulator(
				RuntimeOrigin::root(),
				regulator.clone(),
				de,
				b"R".to_vec(),
			)
			.expect("fresh regulator");
		}
		let id = pallet_issuance::NextSecurityId::<Runtime>::get();
		let mut seed = [0xAA; 32];
		seed[..4].copy_from_slice(&id.to_le_bytes());
		let issuer = AccountId::new(seed);
		let investor = IssuanceBenchmarkHelper::qualified_investor(
			&issuer,
			stoa_primitives::InvestorKind::LegalEntity,
			de,
		);
		Issuance::approve_issuer(RuntimeOrigin::signed(regulator), investor, Default::default())
			.expect("approvable");
		Issuance::create_security(
			RuntimeOrigin::signed(issuer.clone()),
			b"Benchmark".to_vec(),
			b"BNCH".to_vec(),
			pallet_issuance::SecurityKind::Equity,
			0,
			pallet_issuance::Identifiers {
				isin: stoa_primitives::Isin::numbered(*b"XS", id).expect("valid body"),
				cusip: None,
				lei: None,
				figi: None,
			},
			u64::MAX as Balance,
		)
		.expect("valid security");
		(id, issuer)
	}

	fn holder(
		security: stoa_primitives::SecurityId,
		who: &AccountId,
		jurisdiction: stoa_primitives::Jurisdiction,
		units: Balance,
	) -> stoa_primitives::InvestorId {
		use pallet_issuance::BenchmarkHelper as _;
		let investor = IssuanceBenchmarkHelper::qualified_investor(
			who,
			stoa_primitives::InvestorKind::Individual,
			jurisdiction,
		);
		if units > 0 {
			Issuance::do_move(stoa_primitives::Movement {
				security,
				kind: stoa_primitives::MovementKind::Issue,
				from: None,
				to: Some(who.clone()),
				amount: units,
			})
			.expect("qualified holder");
		}
		investor
	}

	fn set_time(now: u64) {
		pallet_timestamp::Now::<Runtime>::put(now * 1_000);
	}
}

parameter_types! {
	/// Session length in blocks. Kept in storage (key `twox128(":SessionPeriod:")`) so that
	/// governance can change it with `system.set_storage` without a runtime upgrade.
	pub storage SessionPeriod: BlockNumber = SESSION_PERIOD;
	pub const SessionOffset: BlockNumber = 0;
	/// Held while an account has session keys registered; frees the storage on purge.
	pub const SessionKeyDeposit: Balance = UNIT;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// A master node is identified by its operator account.
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	/// `MasterNodes` rotates sessions (every `SessionPeriod` blocks, in its `on_initialize`,
	/// which runs right before this pallet's) and books the rotation's benchmarked weight:
	/// rotating here would book the whole block (`max_block`) at every session boundary.
	type ShouldEndSession = pallet_master_nodes::RotatedByMasterNodes;
	type NextSessionRotation = pallet_master_nodes::SessionSchedule<Runtime>;
	/// The authority set is the admitted master nodes that have session keys.
	type SessionManager = MasterNodes;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_MASTER_NODES>;
	/// Async backing: a collator may build on a parent of the same slot.
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = crate::OriginCaller;
	type WeightInfo = weights::pallet_utility::WeightInfo<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const AssetDeposit: Balance = 10 * UNIT;
	pub const AssetAccountDeposit: Balance = 10 * MILLI_UNIT;
	pub const MetadataDepositBase: Balance = UNIT;
	pub const MetadataDepositPerByte: Balance = 10 * MILLI_UNIT;
	pub const ApprovalDeposit: Balance = 10 * MILLI_UNIT;
}

/// Settlement currencies. Only governance creates them (`force_create`): a settlement
/// currency is a regulated instrument (e-money token, tokenised deposit), not something
/// anyone mints.
impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	/// Nobody creates with `create`: governance uses `force_create`, naming the owner.
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	/// Creating and administering settlement currencies: a council majority.
	type ForceOrigin = CouncilMajority;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	/// Distribution escrow accounts derive from this id.
	pub const CorporateActionsPalletId: PalletId = PalletId(*b"stoa/cax");
	/// Coupons and redemptions the chain creates may be claimed for a year.
	pub const ClaimPeriod: u64 = 365 * 24 * 60 * 60;
}

impl pallet_corporate_actions::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type Credentials = Credentials;
	type Securities = Issuance;
	type Assets = Assets;
	type PalletId = CorporateActionsPalletId;
	type ClaimPeriod = ClaimPeriod;
	type MaxScheduledCheckpoints = ConstU32<16>;
	type MaxWithholdingRates = ConstU32<32>;
	/// Distributions and splits in progress per security (`on_idle` gives each security with
	/// work its turn).
	type MaxJobs = ConstU32<64>;
	type MaxMotions = ConstU32<16>;
	type MaxChoices = ConstU32<16>;
	type MaxTextLength = ConstU32<128>;
	type MaxCouponsPerBlock = ConstU32<4>;
	type MaxSplitRatio = ConstU32<1_000>;
	type WeightInfo = pallet_corporate_actions::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = CorporateActionsBenchmarkHelper;
}

/// Sets up securities, holders and dUSD for the corporate-actions benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct CorporateActionsBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_corporate_actions::BenchmarkHelper<AccountId, AssetId, Balance>
	for CorporateActionsBenchmarkHelper
{
	fn security_with_agent() -> (stoa_primitives::SecurityId, AccountId) {
		use pallet_compliance::BenchmarkHelper as _;
		ComplianceBenchmarkHelper::security_with_agent()
	}

	fn debt_security_with_agent(maturity: u64) -> (stoa_primitives::SecurityId, AccountId) {
		let (security, agent) = Self::security_with_agent();
		pallet_issuance::Securities::<Runtime>::mutate_extant(security, |record| {
			record.kind = pallet_issuance::SecurityKind::Debt { coupon_bps: 500, maturity };
		});
		(security, agent)
	}

	fn holder(
		security: stoa_primitives::SecurityId,
		who: &AccountId,
		jurisdiction: stoa_primitives::Jurisdiction,
		units: Balance,
	) {
		use pallet_compliance::BenchmarkHelper as _;
		ComplianceBenchmarkHelper::holder(security, who, jurisdiction, units);
	}

	fn funded_asset(who: &AccountId, amount: Balance) -> AssetId {
		use pallet_issuance::BenchmarkHelper as _;
		IssuanceBenchmarkHelper::funded_settlement_asset(who, amount)
	}

	fn set_time(now: u64) {
		pallet_timestamp::Now::<Runtime>::put(now * 1_000);
	}
}
