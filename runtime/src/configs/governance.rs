//! Governance: the regulators' council, and the origins each power of the chain asks for.
//!
//! The council is a `pallet-collective` instance whose members `pallet-membership` manages.
//! Its motions dispatch with a collective origin that carries how many members voted aye;
//! each power names the share it needs (see docs/governance.md):
//!
//! | power                                                | origin                      |
//! |------------------------------------------------------|-----------------------------|
//! | block a protocol holder (urgent; the council undoes) | one member (`execute`)      |
//! | admit / remove master nodes, qualifiers, regulators, settlement currencies, settle or lift a protocol holder's block | a majority |
//! | trust another shard's credentials                    | two thirds                  |
//! | change the council, dispatch as root (runtime upgrade: `authorize_upgrade`) | two thirds |
//!
//! Root (the `--dev` chain's sudo key) keeps every power: production presets have no sudo
//! key, so there root is reached only through the council's whitelist.

use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, EitherOfDiverse, LinearStoragePrice},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::RuntimeBlockWeights;
use crate::{
	AccountId, Balance, Balances, BlockNumber, Council, Preimage, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, System, DAYS, MILLI_UNIT, UNIT,
};

/// The council's `pallet-collective` instance.
pub type CouncilCollective = pallet_collective::Instance1;

/// Root, or one council member acting alone (`council.execute`).
pub type CouncilMember = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureMember<AccountId, CouncilCollective>,
>;
/// Root, or a motion more than half of the council voted for.
pub type CouncilMajority = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionMoreThan<AccountId, CouncilCollective, 1, 2>,
>;
/// Root, or a motion at least two thirds of the council voted for.
pub type CouncilTwoThirds = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

/// What storing `items` storage items of `bytes` bytes in all holds in deposit.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * UNIT / 10 + bytes as Balance * MILLI_UNIT
}

parameter_types! {
	/// A motion not closed earlier (it closes as soon as its threshold is reached, or can no
	/// longer be) is closed after a week; abstentions then count as nays.
	pub const CouncilMotionDuration: BlockNumber = 7 * DAYS;
	pub const CouncilMaxProposals: u32 = 100;
	pub const CouncilMaxMembers: u32 = 32;
	/// A motion may dispatch up to half a block.
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
	pub const ProposalHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Council(pallet_collective::HoldReason::ProposalSubmission);
	/// A member's first two open motions are free; from then on each costs more the more
	/// motions are open, so that no member fills the council's list for the others.
	pub const ProposalDepositOffset: Balance = 10 * UNIT;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = super::weights::pallet_collective::WeightInfo<Runtime>;
	/// Members change through `pallet-membership` (two thirds), which tells the council.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = CouncilTwoThirds;
	type KillOrigin = CouncilTwoThirds;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		ProposalHoldReason,
		pallet_collective::deposit::Delayed<
			frame_support::traits::ConstU32<2>,
			pallet_collective::deposit::Linear<
				frame_support::traits::ConstU32<2>,
				ProposalDepositOffset,
			>,
		>,
		u32,
	>;
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = CouncilTwoThirds;
	type RemoveOrigin = CouncilTwoThirds;
	type SwapOrigin = CouncilTwoThirds;
	type ResetOrigin = CouncilTwoThirds;
	type PrimeOrigin = CouncilTwoThirds;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = CouncilMaxMembers;
	type WeightInfo = super::weights::pallet_membership::WeightInfo<Runtime>;
}

parameter_types! {
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	pub const PreimageBaseDeposit: Balance = deposit(2, 64);
	pub const PreimageByteDeposit: Balance = deposit(0, 1);
}

/// Preimages of the calls the council whitelists (requested, so free for the council).
impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = super::weights::pallet_preimage::WeightInfo<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = CouncilTwoThirds;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

/// How the council dispatches as root (a runtime upgrade's `system.authorize_upgrade`, a
/// storage parameter): a two-thirds motion whitelists the call's hash and dispatches it
/// (`utility.batch_all` of both, or two motions).
impl pallet_whitelist::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WhitelistOrigin = CouncilTwoThirds;
	type DispatchWhitelistedOrigin = CouncilTwoThirds;
	type Preimages = Preimage;
	type DeferredDispatchExpiration = frame_support::traits::ConstU32<{ 28 * DAYS }>;
	type BlockNumberProvider = System;
	type WeightInfo = super::weights::pallet_whitelist::WeightInfo<Runtime>;
}
