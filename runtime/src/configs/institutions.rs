//! Institutions: multi-signature accounts (`pallet-multisig`) and proxies (`pallet-proxy`),
//! with proxy kinds that fit the domain (`stoa_primitives::ProxyType`).
//!
//! A proxied call runs as its principal, so the pallets' own checks still apply: an
//! `Issuance` proxy of an account that is no security's agent can do nothing, a `Qualifier`
//! proxy only what its principal's qualifier may. The filter below only narrows *which* calls
//! a delegate may sign; `pallet-proxy` applies it to calls nested in batches too, and lets no
//! proxy add or remove proxies of a kind it is not a superset of.

use frame_support::{parameter_types, traits::InstanceFilter};
use sp_runtime::traits::BlakeTwo256;
use stoa_primitives::ProxyType;

use super::governance::deposit;
use crate::{Balance, Balances, Runtime, RuntimeCall, RuntimeEvent, System};

parameter_types! {
	/// A multisig operation in progress holds this from whoever opens it, plus the factor for
	/// each signatory.
	pub const MultisigDepositBase: Balance = deposit(1, 88);
	pub const MultisigDepositFactor: Balance = deposit(0, 32);
	pub const MaxSignatories: u32 = 20;
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	type MaxSignatories = MaxSignatories;
	type WeightInfo = super::weights::pallet_multisig::WeightInfo<Runtime>;
	type BlockNumberProvider = System;
}

parameter_types! {
	/// A principal's proxy list holds a base plus a factor per proxy (of `MaxProxies`).
	pub const ProxyDepositBase: Balance = deposit(1, 8);
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	pub const MaxProxies: u32 = 32;
	/// Announcements of time-delayed proxies, per proxy.
	pub const MaxPending: u32 = 32;
	pub const AnnouncementDepositBase: Balance = deposit(1, 8);
	pub const AnnouncementDepositFactor: Balance = deposit(0, 66);
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = MaxProxies;
	type WeightInfo = super::weights::pallet_proxy::WeightInfo<Runtime>;
	type MaxPending = MaxPending;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => non_transfer(call),
			ProxyType::Issuance => issuance_staff(call) || batch(call),
			ProxyType::Governance => matches!(call, RuntimeCall::Council(..)) || batch(call),
			ProxyType::Qualifier => qualifier_staff(call) || batch(call),
			ProxyType::CancelProxy => {
				matches!(
					call,
					RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement { .. })
						| RuntimeCall::Multisig(pallet_multisig::Call::cancel_as_multi { .. })
				) || batch(call)
			},
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			// Everything a governance, qualifier or cancel proxy may sign, a non-transfer
			// proxy may too (an issuance proxy's security administration it may not).
			(
				ProxyType::NonTransfer,
				ProxyType::Governance | ProxyType::Qualifier | ProxyType::CancelProxy,
			) => true,
			_ => false,
		}
	}
}

/// Calls that run another call as another account (a nested proxy, a multisig's execution)
/// or approve one the filter sees only as a hash. The account they run as has its own
/// delegates and filters, so a narrow proxy signing them would escape its kind: only `Any`
/// may.
fn acts_for_another(call: &RuntimeCall) -> bool {
	use pallet_multisig::Call as M;
	use pallet_proxy::Call as P;
	matches!(
		call,
		RuntimeCall::Proxy(P::proxy { .. } | P::proxy_announced { .. })
			| RuntimeCall::Multisig(
				M::as_multi { .. } | M::as_multi_threshold_1 { .. } | M::approve_as_multi { .. }
			)
	)
}

/// `pallet-utility`'s batches: their calls go through the same filter one by one.
fn batch(call: &RuntimeCall) -> bool {
	use pallet_utility::Call as U;
	matches!(
		call,
		RuntimeCall::Utility(U::batch { .. } | U::batch_all { .. } | U::force_batch { .. })
	)
}

/// The calls a security's issuer or agent signs to administer it (the pallets check that the
/// principal is that security's issuer, or its agent with the call's role).
fn issuance_staff(call: &RuntimeCall) -> bool {
	use pallet_compliance::Call as C;
	use pallet_corporate_actions::Call as A;
	use pallet_issuance::Call as I;
	match call {
		// Not `set_agent`: appointing agents is the issuer's own act, and an agent's roles
		// would outlive the proxy that granted them.
		RuntimeCall::Issuance(call) => matches!(
			call,
			I::set_document { .. }
				| I::remove_document { .. }
				| I::issue { .. }
				| I::batch_issue { .. }
				| I::force_redeem { .. }
				| I::forced_transfer { .. }
				| I::freeze_holder { .. }
				| I::unfreeze_holder { .. }
				| I::set_frozen_amount { .. }
				| I::pause { .. }
				| I::resume { .. }
				| I::mark_matured { .. }
				| I::open_offering { .. }
				| I::cancel_offering { .. }
		),
		RuntimeCall::Compliance(call) => matches!(
			call,
			C::set_rules { .. } | C::approve_transfer { .. } | C::cancel_approval { .. }
		),
		RuntimeCall::CorporateActions(call) => matches!(
			call,
			A::create_checkpoint { .. }
				| A::create_distribution { .. }
				| A::cancel_distribution { .. }
				| A::split { .. }
				| A::open_ballot { .. }
				| A::cancel_ballot { .. }
				| A::set_debt_schedule { .. }
				| A::redeem_at_maturity { .. }
		),
		_ => false,
	}
}

/// The calls a qualifier's account signs (the pallet checks that the principal is a
/// qualifier, active where it must be, and trusted for the kind it attests).
fn qualifier_staff(call: &RuntimeCall) -> bool {
	use pallet_credentials::Call as Q;
	matches!(
		call,
		RuntimeCall::Credentials(
			Q::create_investor { .. }
				| Q::set_investor_jurisdiction { .. }
				| Q::request_wallet_link { .. }
				| Q::unlink_wallet { .. }
				| Q::recover_wallet { .. }
				| Q::attest { .. }
				| Q::revoke { .. }
				| Q::block_investor { .. }
				| Q::unblock_investor { .. }
				| Q::block_wallet { .. }
				| Q::unblock_wallet { .. }
		)
	)
}

/// Calls that move the principal's own money or units on the principal's word: a
/// non-transfer proxy may sign none of them.
fn moves_money(call: &RuntimeCall) -> bool {
	use pallet_issuance::Call as I;
	matches!(
		call,
		RuntimeCall::Issuance(
			I::transfer { .. }
				| I::transfer_keep_holding { .. }
				| I::redeem { .. }
				| I::subscribe { .. }
		)
	)
}

/// Everything that neither moves the principal's money or units nor administers a
/// security: the proxy may attest, vote, claim what is owed to the principal and crank, but
/// not pay, transfer, sign for another account, or act as a security's issuer or agent (that
/// is the `Issuance` kind: its issues, forced transfers, offerings and agent appointments
/// move units). An allow list: a pallet added later is out until it is named here.
fn non_transfer(call: &RuntimeCall) -> bool {
	use pallet_issuance::Call as I;
	matches!(
		call,
		RuntimeCall::System(..)
			| RuntimeCall::Session(..)
			| RuntimeCall::MasterNodes(..)
			| RuntimeCall::Utility(..)
			| RuntimeCall::Council(..)
			| RuntimeCall::CouncilMembership(..)
			| RuntimeCall::Preimage(..)
			| RuntimeCall::Whitelist(..)
			| RuntimeCall::Multisig(..)
			| RuntimeCall::Proxy(..)
			| RuntimeCall::Credentials(..)
			| RuntimeCall::Compliance(..)
			| RuntimeCall::ShardCredentials(..)
			| RuntimeCall::Issuance(..)
			| RuntimeCall::CorporateActions(..)
	) && !moves_money(call)
		&& !acts_for_another(call)
		&& !issuance_staff(call)
		&& !matches!(call, RuntimeCall::Issuance(I::set_agent { .. } | I::create_security { .. }))
}
