//! XCM: how a Stoa shard talks to its relay chain and to the other shards.
//!
//! Deliberately narrow. Securities move only through issuance's chokepoint, so nothing here
//! moves units: there is no asset transactor (no teleports, no reserve transfers, no fees
//! bought with assets), and the safe-call filter admits no `Transact`. Only governance (root)
//! sends or executes XCM. What a shard accepts: the relay chain's explicitly unpaid messages
//! (its governance), XCM-version subscriptions from the relay and sibling shards, and responses
//! to its own queries, and the one call another shard may dispatch here: shard credentials'
//! `import`, unpaid, from a sibling shard this shard's governance trusts.

use frame_support::{
	parameter_types,
	traits::{ConstU32, Contains, Disabled, Equals, Nothing},
	weights::Weight,
};
use frame_system::EnsureRoot;
use pallet_xcm::XcmPassthrough;
use polkadot_parachain_primitives::primitives::Sibling;
use polkadot_runtime_common::xcm_sender::NoPriceForMessageDelivery;
use xcm::latest::prelude::*;
use xcm_builder::{
	AccountId32Aliases, AllowExplicitUnpaidExecutionFrom, AllowKnownQueryResponses,
	AllowSubscriptionsFrom, EnsureXcmOrigin, FixedWeightBounds, FrameTransactionalProcessor,
	ParentIsPreset, RelayChainAsNative, SiblingParachainAsNative, SiblingParachainConvertsVia,
	TakeWeightCredit, TrailingSetTopicAsId, WithComputedOrigin, WithUniqueTopic,
};
use xcm_executor::XcmExecutor;

use crate::{
	AccountId, AllPalletsWithSystem, Balances, ParachainInfo, ParachainSystem, PolkadotXcm,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, XcmpQueue,
};

parameter_types! {
	pub const RelayLocation: Location = Location::parent();
	pub const RelayNetwork: Option<NetworkId> = None;
	pub RelayChainOrigin: RuntimeOrigin = cumulus_pallet_xcm::Origin::Relay.into();
	/// This shard, as the relay chain and the other shards see it.
	pub UniversalLocation: InteriorLocation = [Parachain(ParachainInfo::parachain_id().into())].into();
	/// One XCM instruction: a conservative bound until the instructions are benchmarked.
	pub UnitWeightCost: Weight = Weight::from_parts(1_000_000_000, 64 * 1024);
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 64;
}

/// The accounts that locations stand for: the relay chain's and each sibling shard's
/// sovereign account, and plain 32-byte accounts.
pub type LocationToAccountId = (
	ParentIsPreset<AccountId>,
	SiblingParachainConvertsVia<Sibling, AccountId>,
	AccountId32Aliases<RelayNetwork, AccountId>,
);

/// The origins an incoming message may dispatch with. No location turns into a local signed
/// account: a sibling or the relay acts as itself (`Relay`, `SiblingParachain`, or
/// `pallet_xcm`'s `Xcm(location)`), which only calls that ask for exactly that origin accept.
pub type XcmOriginToTransactDispatchOrigin = (
	RelayChainAsNative<RelayChainOrigin, RuntimeOrigin>,
	SiblingParachainAsNative<cumulus_pallet_xcm::Origin, RuntimeOrigin>,
	XcmPassthrough<RuntimeOrigin>,
);

/// The relay chain and the sibling shards.
pub struct ParentOrSiblings;
impl Contains<Location> for ParentOrSiblings {
	fn contains(location: &Location) -> bool {
		matches!(location.unpack(), (1, []) | (1, [Parachain(_)]))
	}
}

/// The sibling shards whose credentials this shard trusts (governance's list in
/// `pallet-shard-credentials`).
pub type TrustedShards = pallet_shard_credentials::TrustedShardLocations<Runtime>;

/// The only call a remote location may dispatch here: a trusted shard's credential import
/// (its origin is checked again by the call itself).
pub struct CredentialImportOnly;
impl Contains<RuntimeCall> for CredentialImportOnly {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::ShardCredentials(pallet_shard_credentials::Call::import { .. }))
	}
}

/// What may execute here at all. Everything else is refused before it runs.
pub type Barrier = TrailingSetTopicAsId<(
	TakeWeightCredit,
	AllowKnownQueryResponses<PolkadotXcm>,
	WithComputedOrigin<
		(
			// The relay chain's governance, which pays nothing.
			AllowExplicitUnpaidExecutionFrom<Equals<RelayLocation>>,
			// Trusted shards' credential records, which pay nothing either: trust is
			// governance's decision, and the safe-call filter admits only the import.
			AllowExplicitUnpaidExecutionFrom<TrustedShards>,
			// XCM-version negotiation.
			AllowSubscriptionsFrom<ParentOrSiblings>,
		),
		UniversalLocation,
		ConstU32<8>,
	>,
)>;

pub struct XcmConfig;
impl xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	type XcmSender = XcmRouter;
	type XcmEventEmitter = PolkadotXcm;
	/// No asset moves over XCM (see the module's docs).
	type AssetTransactor = ();
	type OriginConverter = XcmOriginToTransactDispatchOrigin;
	type IsReserve = ();
	type IsTeleporter = ();
	type UniversalLocation = UniversalLocation;
	type Barrier = Barrier;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	/// Nothing buys execution: the barrier admits only unpaid messages.
	type Trader = ();
	type ResponseHandler = PolkadotXcm;
	type AssetTrap = PolkadotXcm;
	type SubscriptionService = PolkadotXcm;
	type PalletInstancesInfo = AllPalletsWithSystem;
	type MaxAssetsIntoHolding = MaxAssetsIntoHolding;
	type AssetLocker = ();
	type AssetExchanger = ();
	type FeeManager = ();
	type MessageExporter = ();
	type UniversalAliases = Nothing;
	type CallDispatcher = RuntimeCall;
	/// `Transact` dispatches nothing but the credential import.
	type SafeCallFilter = CredentialImportOnly;
	type Aliasers = Nothing;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = PolkadotXcm;
}

/// Routes outgoing messages: UMP to the relay chain, XCMP to the other shards.
pub type XcmRouter = WithUniqueTopic<(
	cumulus_primitives_utility::ParentAsUmp<
		ParachainSystem,
		PolkadotXcm,
		NoPriceForMessageDelivery<()>,
	>,
	XcmpQueue,
)>;

/// Only root (governance) sends or executes XCM: no local account speaks for the shard.
pub type RootOnly = EnsureXcmOrigin<RuntimeOrigin, ()>;

impl pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type SendXcmOrigin = RootOnly;
	type XcmRouter = XcmRouter;
	type ExecuteXcmOrigin = RootOnly;
	type XcmExecuteFilter = Nothing;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	type XcmTeleportFilter = Nothing;
	type XcmReserveTransferFilter = Nothing;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type UniversalLocation = UniversalLocation;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	const VERSION_DISCOVERY_QUEUE_SIZE: u32 = 100;
	type AdvertisedXcmVersion = pallet_xcm::CurrentXcmVersion;
	type Currency = Balances;
	type CurrencyMatcher = ();
	type TrustedLockers = ();
	type SovereignAccountOf = LocationToAccountId;
	type MaxLockers = ConstU32<8>;
	type WeightInfo = pallet_xcm::TestWeightInfo;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxRemoteLockConsumers = ConstU32<0>;
	type RemoteLockConsumerIdentifier = ();
	type AuthorizedAliasConsideration = Disabled;
}

impl cumulus_pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type XcmExecutor = XcmExecutor<XcmConfig>;
}
