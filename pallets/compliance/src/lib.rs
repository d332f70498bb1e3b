//! # Compliance
//!
//! Transfer restrictions for Stoa's securities: the transfer guard that `pallet-issuance`'s
//! chokepoint asks about every movement.
//!
//! ## What is checked
//!
//! 1. **Always** (whatever the rule set): blocks on either party (its wallet, its investor, its
//!    protocol registration), eligibility (an investor's wallet or an active protocol holder),
//!    a valid KYC credential for investors, and the number of different securities one investor
//!    may hold ([`Config::MaxSecuritiesPerInvestor`], which keeps the holder counts' upkeep
//!    bounded). The sender is not checked for forced transfers, recoveries and forced
//!    redemptions.
//! 2. **The security's rule set**, set by its compliance agent ([`Pallet::set_rules`]): required
//!    credentials (optionally from named qualifiers), jurisdiction allow- and deny-lists,
//!    maximum holders (total, per jurisdiction, per investor category), maximum ownership,
//!    maximum and minimum holdings, lock-ups (whole security or one offering's units), linear
//!    vesting, transfer windows, manual approval. Each rule may exempt accounts, investors or
//!    protocol holders. A rule set whose evaluation cost exceeds [`Config::MaxComplexity`] is
//!    refused.
//!
//! [`Pallet::evaluate`] returns every failing reason as a
//! [`TransferRejection`](stoa_primitives::TransferRejection) with a stable code; the chokepoint
//! fails with the first, and the pre-flight runtime API returns them all.
//!
//! ## Holder counts that stay true
//!
//! Holders per jurisdiction and per category are kept incrementally: the chokepoint tells this
//! pallet when an investor starts or stops holding a security, and the credentials pallet
//! tells it when an investor's jurisdiction or credentials change; each investor's holdings
//! are re-filed at once (at most `MaxSecuritiesPerInvestor` of them). Credential *expiry*
//! happens without a transaction; [`Pallet::recount_investor`] (anyone may call it) re-files an
//! investor whose accreditation lapsed.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::tokens::Balance as BalanceT};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{One, Zero},
		Perbill, SaturatedConversion, Saturating,
	};
	use stoa_primitives::{
		issuance::KycGuard, CredentialKind, CredentialRegistry, CredentialsListener, HolderKind,
		InvestorId, Jurisdiction, Movement, MovementKind, Party, Role, SecurityId,
		SecurityRegistry, TransferGuard, TransferRejection,
	};

	/// A rule, as this runtime stores it.
	pub type RuleOf<T> = Rule<
		<T as frame_system::Config>::AccountId,
		<T as Config>::Balance,
		<T as Config>::MaxListLength,
	>;

	/// A rule set, as this runtime stores it.
	pub type RuleSetOf<T> = BoundedVec<RuleOf<T>, <T as Config>::MaxRules>;

	/// The most splits of one security the pallet follows (a split beyond it is refused).
	pub type MaxSplits = ConstU32<64>;

	/// Sets up state for benchmarks that this pallet cannot create itself.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<AccountId, Balance> {
		/// A new security, and an account holding its compliance and transfer roles.
		fn security_with_agent() -> (SecurityId, AccountId);
		/// Makes `who` the wallet of a new qualified investor in `jurisdiction`, holding
		/// `units` of `security`; returns the investor.
		fn holder(
			security: SecurityId,
			who: &AccountId,
			jurisdiction: Jurisdiction,
			units: Balance,
		) -> InvestorId;
		/// Sets the chain's time (seconds).
		fn set_time(now: stoa_primitives::Moment);
	}

	/// The layout of this pallet's storage, stored on chain from genesis. Bump it with each
	/// migration of the pallet's storage (a `VersionedMigration` in the runtime's
	/// `Migrations`), so that a migration runs once and only on the layout it expects.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Balances of securities.
		type Balance: BalanceT;

		/// Investors, wallets, credentials and blocks.
		type Credentials: CredentialRegistry<Self::AccountId>;

		/// Securities, their agents and balances.
		type Securities: SecurityRegistry<Self::AccountId, Self::Balance>;

		/// The most rules one security may have.
		#[pallet::constant]
		type MaxRules: Get<u32>;

		/// The longest list in a rule (jurisdictions, qualifiers, ranges, exemptions).
		#[pallet::constant]
		type MaxListLength: Get<u32>;

		/// The most a rule set may cost to evaluate, in [`Pallet::complexity`] units.
		#[pallet::constant]
		type MaxComplexity: Get<u32>;

		/// The most different securities one investor may hold.
		#[pallet::constant]
		type MaxSecuritiesPerInvestor: Get<u32>;

		/// Weights of this pallet's calls, generated by `stoa-node benchmark pallet`.
		type WeightInfo: WeightInfo;

		/// Sets up securities and holders for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::Balance>;
	}

	/// Each security's rule set.
	#[pallet::storage]
	pub type Rules<T: Config> = StorageMap<_, Twox64Concat, SecurityId, RuleSetOf<T>, ValueQuery>;

	/// What each security's rule set costs a movement (written with the rules).
	#[pallet::storage]
	pub type RuleCosts<T: Config> = StorageMap<_, Twox64Concat, SecurityId, RuleCost, ValueQuery>;

	/// Transfers the transfer agent approved, each usable once: (sender, receiver, amount),
	/// with the number of the security's splits at approval (a later split voids it: the
	/// amount is no longer the one approved).
	#[pallet::storage]
	pub type Approvals<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SecurityId,
		Blake2_128Concat,
		(T::AccountId, T::AccountId, T::Balance),
		u32,
		OptionQuery,
	>;

	/// Each security's splits, oldest first, as (numerator, denominator): applied on read to
	/// unit records made before them ([`OfferingUnits`]).
	#[pallet::storage]
	pub type SplitHistory<T: Config> =
		StorageMap<_, Twox64Concat, SecurityId, BoundedVec<(u32, u32), MaxSplits>, ValueQuery>;

	/// Holders of each security per home jurisdiction (investors).
	#[pallet::storage]
	pub type JurisdictionHolders<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SecurityId,
		Blake2_128Concat,
		Jurisdiction,
		u32,
		ValueQuery,
	>;

	/// Holders of each security per investor category.
	#[pallet::storage]
	pub type CategoryHolders<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SecurityId,
		Twox64Concat,
		InvestorCategory,
		u32,
		ValueQuery,
	>;

	/// How each investor is counted for each security it holds.
	#[pallet::storage]
	pub type Counted<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		InvestorId,
		Twox64Concat,
		SecurityId,
		CountedAs,
		OptionQuery,
	>;

	/// How many different securities each investor holds.
	#[pallet::storage]
	pub type SecuritiesHeld<T: Config> = StorageMap<_, Twox64Concat, InvestorId, u32, ValueQuery>;

	/// Units each owner (an investor's wallets together, or a protocol holder) received in
	/// each offering, for offering lock-ups and vesting; rescaled on read by later splits.
	#[pallet::storage]
	pub type OfferingUnits<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, SecurityId>,
			NMapKey<Twox64Concat, stoa_primitives::OfferingId>,
			NMapKey<Blake2_128Concat, UnitsOwner<T::AccountId>>,
		),
		OfferingUnitsRecord<T::Balance>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A security's rule set was replaced.
		RulesSet { security: SecurityId, rules: Vec<RuleOf<T>>, complexity: u32 },
		/// The transfer agent approved one transfer.
		TransferApproved {
			security: SecurityId,
			from: T::AccountId,
			to: T::AccountId,
			amount: T::Balance,
		},
		/// An approval was withdrawn before use.
		ApprovalCancelled {
			security: SecurityId,
			from: T::AccountId,
			to: T::AccountId,
			amount: T::Balance,
		},
		/// An approval was used by its transfer.
		ApprovalUsed {
			security: SecurityId,
			from: T::AccountId,
			to: T::AccountId,
			amount: T::Balance,
		},
		/// An investor's holdings were re-filed under its current jurisdiction and categories.
		InvestorRecounted { investor: InvestorId, securities: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The signer is not the security's issuer or an agent with the role this needs.
		MissingRole,
		/// The rule set would cost more than `MaxComplexity` to evaluate.
		TooComplex,
		/// A rule's parameters make no sense (empty list, unknown jurisdiction, zero limit,
		/// vesting that ends before it starts, a window that never opens).
		InvalidRule,
		/// This transfer is already approved.
		AlreadyApproved,
		/// No such approval.
		NoApproval,
		/// No investor has this id.
		UnknownInvestor,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Replace a security's rule set (signed by its issuer or a compliance agent). An empty
		/// set leaves only the checks that always apply. Refused if a rule is invalid or the
		/// set costs more than [`Config::MaxComplexity`] to evaluate.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_rules(rules.len() as u32))]
		pub fn set_rules(
			origin: OriginFor<T>,
			security: SecurityId,
			rules: RuleSetOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				T::Securities::has_role(security, &who, Role::Compliance),
				Error::<T>::MissingRole
			);
			ensure!(rules.iter().all(Self::is_valid), Error::<T>::InvalidRule);
			let complexity = Self::complexity(&rules);
			ensure!(complexity <= T::MaxComplexity::get(), Error::<T>::TooComplex);
			Self::set_cost(security, &rules, complexity);
			Rules::<T>::insert(security, &rules);
			Self::deposit_event(Event::RulesSet {
				security,
				rules: rules.into_inner(),
				complexity,
			});
			Ok(())
		}

		/// Approve one transfer of exactly `amount` from `from` to `to` (signed by the issuer
		/// or a transfer agent), for securities with a manual-approval rule. Used once.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::approve_transfer())]
		pub fn approve_transfer(
			origin: OriginFor<T>,
			security: SecurityId,
			from: T::AccountId,
			to: T::AccountId,
			amount: T::Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				T::Securities::has_role(security, &who, Role::Transfer),
				Error::<T>::MissingRole
			);
			let key = (from.clone(), to.clone(), amount);
			ensure!(!Approvals::<T>::contains_key(security, &key), Error::<T>::AlreadyApproved);
			Approvals::<T>::insert(security, key, Self::splits(security));
			Self::deposit_event(Event::TransferApproved { security, from, to, amount });
			Ok(())
		}

		/// Withdraw an unused approval (signed by the issuer or a transfer agent).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::cancel_approval())]
		pub fn cancel_approval(
			origin: OriginFor<T>,
			security: SecurityId,
			from: T::AccountId,
			to: T::AccountId,
			amount: T::Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				T::Securities::has_role(security, &who, Role::Transfer),
				Error::<T>::MissingRole
			);
			Approvals::<T>::take(security, (from.clone(), to.clone(), amount))
				.ok_or(Error::<T>::NoApproval)?;
			Self::deposit_event(Event::ApprovalCancelled { security, from, to, amount });
			Ok(())
		}

		/// Re-file an investor's holdings under its current jurisdiction and categories (any
		/// signed origin). Needed only after a credential *expired*, which happens without a
		/// transaction; every other change is re-filed at once.
		#[pallet::call_index(3)]
		#[pallet::weight(Pallet::<T>::refile_weight_bound())]
		pub fn recount_investor(
			origin: OriginFor<T>,
			investor: InvestorId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let jurisdiction =
				T::Credentials::jurisdiction_of(investor).ok_or(Error::<T>::UnknownInvestor)?;
			let (securities, weight) = Self::refile(investor, jurisdiction);
			Self::deposit_event(Event::InvestorRecounted { investor, securities });
			Ok(Some(weight).into())
		}
	}

	/// `amount × numerator / denominator`, rounded down (as holdings are rescaled).
	fn rescale<B: BalanceT>(amount: B, numerator: u32, denominator: u32) -> B {
		sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
			amount.unique_saturated_into(),
			numerator.into(),
			denominator.max(1).into(),
			sp_runtime::Rounding::Down,
		)
		.map(B::unique_saturated_from)
		.unwrap_or_else(B::max_value)
	}

	/// One side of a movement, as the rules see it.
	struct PartyView<AccountId, Balance> {
		account: AccountId,
		investor: Option<InvestorId>,
		protocol: bool,
		/// The investor's (or the bare account's) holding before the movement.
		before: Balance,
	}

	impl<T: Config> Pallet<T> {
		/// What a rule set costs to evaluate, in units of roughly one storage read: each rule's
		/// reads, plus a unit per four list entries or exemptions.
		pub fn complexity(rules: &[RuleOf<T>]) -> u32 {
			rules
				.iter()
				.map(|rule| {
					let sides = |side: &Side| side.sender() as u32 + side.receiver() as u32;
					let (base, list) = match &rule.kind {
						RuleKind::RequiredCredential { side, qualifiers, .. } => {
							(2 * sides(side), qualifiers.len() as u32)
						},
						RuleKind::JurisdictionAllowList { side, jurisdictions }
						| RuleKind::JurisdictionDenyList { side, jurisdictions } => {
							(sides(side), jurisdictions.len() as u32)
						},
						RuleKind::MaxHolders { .. } => (2, 0),
						RuleKind::MaxOwnership { .. } => (2, 0),
						RuleKind::MaxHolding { .. } => (1, 0),
						RuleKind::MinHolding { .. } => (2, 0),
						RuleKind::LockUp { scope: LockScope::Security, .. } => (1, 0),
						RuleKind::LockUp { scope: LockScope::Offering(_), .. } => (2, 0),
						RuleKind::Vesting { .. } => (2, 0),
						RuleKind::TransferWindow { window: TransferWindow::Ranges(r) } => {
							(1, r.len() as u32)
						},
						RuleKind::TransferWindow { .. } => (1, 0),
						RuleKind::ManualApproval => (1, 0),
					};
					base + (list + rule.exemptions.len() as u32).div_ceil(4)
				})
				.sum()
		}

		/// Whether a rule's parameters make sense.
		pub fn is_valid(rule: &RuleOf<T>) -> bool {
			match &rule.kind {
				RuleKind::RequiredCredential { .. } => true,
				RuleKind::JurisdictionAllowList { jurisdictions, .. }
				| RuleKind::JurisdictionDenyList { jurisdictions, .. } => {
					!jurisdictions.is_empty() && jurisdictions.iter().all(Jurisdiction::is_valid)
				},
				RuleKind::MaxHolders { scope: HolderScope::Jurisdiction(j), .. } => j.is_valid(),
				RuleKind::MaxHolders { .. } => true,
				RuleKind::MaxOwnership { share, .. } => !share.is_zero(),
				RuleKind::MaxHolding { amount } | RuleKind::MinHolding { amount } => {
					!amount.is_zero()
				},
				RuleKind::LockUp { .. } => true,
				RuleKind::Vesting { start, cliff, end, .. } => {
					start < end && start <= cliff && cliff <= end
				},
				RuleKind::TransferWindow { window } => window.is_valid(),
				RuleKind::ManualApproval => true,
			}
		}

		/// The categories `investor` belongs to now.
		pub fn categories_now(investor: InvestorId) -> Categories {
			let now = T::Credentials::now();
			let kind = T::Credentials::investor_kind(investor)
				.unwrap_or(stoa_primitives::InvestorKind::Individual);
			let has = |k| T::Credentials::has_credential(investor, k, None, now);
			categories_of(
				kind,
				has(CredentialKind::AccreditedInvestor),
				has(CredentialKind::ProfessionalInvestor),
			)
		}

		fn party(
			security: SecurityId,
			account: &T::AccountId,
		) -> PartyView<T::AccountId, T::Balance> {
			let (investor, protocol) = match T::Credentials::holder_kind(account) {
				HolderKind::Investor(id) => (Some(id), false),
				HolderKind::Protocol => (None, true),
				HolderKind::Unknown => (None, false),
			};
			let before = match investor {
				Some(id) => T::Securities::investor_balance(security, id),
				None => T::Securities::balance_of(security, account),
			};
			PartyView { account: account.clone(), investor, protocol, before }
		}

		/// Whether `rule` exempts this party (its side of the rule does not apply to it).
		fn is_exempt(
			rule: &RuleOf<T>,
			party: Option<&PartyView<T::AccountId, T::Balance>>,
		) -> bool {
			let Some(p) = party else { return false };
			rule.exemptions.iter().any(|exemption| match exemption {
				Exemption::Account(a) => *a == p.account,
				Exemption::Investor(i) => p.investor == Some(*i),
				Exemption::ProtocolHolders => p.protocol,
			})
		}

		/// Whose offering units a party's are.
		fn owner(p: &PartyView<T::AccountId, T::Balance>) -> UnitsOwner<T::AccountId> {
			match p.investor {
				Some(investor) => UnitsOwner::Investor(investor),
				None => UnitsOwner::Account(p.account.clone()),
			}
		}

		/// How many splits of `security` have happened.
		fn splits(security: SecurityId) -> u32 {
			SplitHistory::<T>::decode_len(security).unwrap_or(0) as u32
		}

		/// The units `owner` received in `offering`, in today's units (later splits applied,
		/// each rounding down as holdings do).
		pub fn offering_units(
			security: SecurityId,
			offering: stoa_primitives::OfferingId,
			owner: &UnitsOwner<T::AccountId>,
		) -> T::Balance {
			let record = OfferingUnits::<T>::get((security, offering, owner));
			if record.units.is_zero() {
				return record.units;
			}
			SplitHistory::<T>::get(security)
				.iter()
				.skip(record.splits as usize)
				.fold(record.units, |units, (n, d)| rescale(units, *n, *d))
		}

		/// Every reason `movement` may not happen under the checks that always apply and the
		/// security's rule set; empty if it may. Reads only.
		pub fn evaluate(movement: &Movement<T::AccountId, T::Balance>) -> Vec<TransferRejection> {
			let Movement { security, kind, ref from, ref to, amount } = *movement;
			let mut out = Vec::new();
			let now = T::Credentials::now();
			let check_sender = from.is_some() && !kind.skips_sender_checks();
			let sender = from.as_ref().map(|a| Self::party(security, a));
			let receiver = to.as_ref().map(|a| Self::party(security, a));

			// Always: blocks, eligibility, KYC.
			if check_sender {
				if let Some(s) = &sender {
					out.extend(
						KycGuard::<T::Credentials>::check_party(&s.account, Party::Sender).err(),
					);
				}
			}
			// A recovery moves a lost wallet's units to its investor's new wallet: the owner does
			// not change, even though the lost wallet is no longer linked.
			let same_investor = kind == MovementKind::Recovery
				|| matches!((&sender, &receiver), (Some(s), Some(r))
				if s.investor.is_some() && s.investor == r.investor);
			if let Some(r) = &receiver {
				out.extend(
					KycGuard::<T::Credentials>::check_party(&r.account, Party::Receiver).err(),
				);
			}

			// Holdings after the movement (an investor's wallets together).
			let receiver_after = receiver.as_ref().map(|r| {
				if same_investor {
					r.before
				} else {
					r.before.saturating_add(amount)
				}
			});
			let sender_after = sender.as_ref().map(|s| {
				if same_investor {
					s.before
				} else {
					s.before.saturating_sub(amount)
				}
			});
			let receiver_is_new =
				receiver.as_ref().is_some_and(|r| r.before.is_zero() && !same_investor);
			let sender_leaves = sender.as_ref().is_some_and(|s| {
				!same_investor && !s.before.is_zero() && sender_after.is_some_and(|a| a.is_zero())
			});
			if let Some(r) = &receiver {
				if let Some(investor) = r.investor {
					if receiver_is_new
						&& SecuritiesHeld::<T>::get(investor) >= T::MaxSecuritiesPerInvestor::get()
					{
						out.push(TransferRejection::TooManySecurities);
					}
				}
			}

			let rules = Rules::<T>::get(security);
			if rules.is_empty() {
				return out;
			}
			let disposes = matches!(kind, MovementKind::Transfer | MovementKind::Redemption);
			let sender_counted = sender
				.as_ref()
				.and_then(|s| s.investor)
				.and_then(|i| Counted::<T>::get(i, security));
			// The receiver's jurisdiction and categories, read once if a rule needs them.
			let receiver_jurisdiction = receiver
				.as_ref()
				.and_then(|r| r.investor)
				.and_then(T::Credentials::jurisdiction_of);
			let sender_jurisdiction =
				sender.as_ref().and_then(|s| s.investor).and_then(T::Credentials::jurisdiction_of);

			for rule in rules.iter() {
				// Each party's exemption lifts its own side of the rule only.
				let sender_exempt = Self::is_exempt(rule, sender.as_ref());
				let receiver_exempt = Self::is_exempt(rule, receiver.as_ref());
				let check_sender = check_sender && !sender_exempt;
				let check_receiver = !receiver_exempt;
				// Rules about the transfer itself are lifted only when both parties are exempt.
				let transfer_exempt = sender_exempt && receiver_exempt;
				match &rule.kind {
					RuleKind::RequiredCredential { side, kind: credential, qualifiers } => {
						let filter = (!qualifiers.is_empty()).then(|| qualifiers.as_slice());
						let mut require = |p: &PartyView<T::AccountId, T::Balance>, party| {
							if let Some(investor) = p.investor {
								if !T::Credentials::has_credential(
									investor,
									*credential,
									filter,
									now,
								) {
									out.push(TransferRejection::MissingCredential(
										party,
										*credential,
									));
								}
							}
						};
						if side.sender() && check_sender {
							if let Some(s) = &sender {
								require(s, Party::Sender);
							}
						}
						if side.receiver() && check_receiver {
							if let Some(r) = &receiver {
								require(r, Party::Receiver);
							}
						}
					},
					RuleKind::JurisdictionAllowList { side, jurisdictions }
					| RuleKind::JurisdictionDenyList { side, jurisdictions } => {
						let allow = matches!(rule.kind, RuleKind::JurisdictionAllowList { .. });
						let refused = |j: Option<Jurisdiction>| {
							j.is_some_and(|j| jurisdictions.contains(&j) != allow)
						};
						if side.sender() && check_sender && refused(sender_jurisdiction) {
							out.push(TransferRejection::JurisdictionNotAllowed(Party::Sender));
						}
						if side.receiver() && check_receiver && refused(receiver_jurisdiction) {
							out.push(TransferRejection::JurisdictionNotAllowed(Party::Receiver));
						}
					},
					RuleKind::MaxHolders { scope, max } => {
						let Some(r) = &receiver else { continue };
						if !receiver_is_new || !check_receiver {
							continue;
						}
						match scope {
							HolderScope::Total => {
								let leaving = sender_leaves as u32;
								let count =
									T::Securities::holder_count(security).saturating_sub(leaving);
								if count >= *max {
									out.push(TransferRejection::HolderLimit);
								}
							},
							HolderScope::Jurisdiction(j) => {
								if r.investor.is_none() || receiver_jurisdiction != Some(*j) {
									continue;
								}
								let leaving = (sender_leaves
									&& sender_counted.is_some_and(|c| c.jurisdiction == *j))
									as u32;
								let count = JurisdictionHolders::<T>::get(security, j)
									.saturating_sub(leaving);
								if count >= *max {
									out.push(TransferRejection::JurisdictionHolderLimit);
								}
							},
							HolderScope::Category(c) => {
								let Some(investor) = r.investor else { continue };
								if Self::categories_now(investor) & c.bit() == 0 {
									continue;
								}
								let leaving = (sender_leaves
									&& sender_counted.is_some_and(|s| s.categories & c.bit() != 0))
									as u32;
								let count =
									CategoryHolders::<T>::get(security, c).saturating_sub(leaving);
								if count >= *max {
									out.push(TransferRejection::CategoryHolderLimit);
								}
							},
						}
					},
					RuleKind::MaxOwnership { share, base } => {
						// Between one investor's wallets (a recovery too) nothing it holds changes.
						if same_investor {
							continue;
						}
						let (Some(r), Some(after)) = (&receiver, receiver_after) else { continue };
						if r.investor.is_none() || !check_receiver {
							continue;
						}
						let supply = match base {
							SupplyBase::Authorised => T::Securities::authorised_supply(security),
							SupplyBase::Outstanding => {
								let supply = T::Securities::total_supply(security);
								if kind.is_issue() {
									supply.saturating_add(amount)
								} else {
									supply
								}
							},
						};
						if after > share.mul_floor(supply) {
							out.push(TransferRejection::OwnershipLimit);
						}
					},
					RuleKind::MaxHolding { amount: max } => {
						// Between one investor's wallets (a recovery too) nothing it holds changes.
						if same_investor {
							continue;
						}
						let (Some(r), Some(after)) = (&receiver, receiver_after) else { continue };
						if check_receiver && r.investor.is_some() && after > *max {
							out.push(TransferRejection::HoldingAboveMaximum);
						}
					},
					RuleKind::MinHolding { amount: min } => {
						// Between one investor's wallets (a recovery too) nothing it holds changes.
						if same_investor {
							continue;
						}
						if let (Some(r), Some(after)) = (&receiver, receiver_after) {
							if check_receiver && r.investor.is_some() && after < *min {
								out.push(TransferRejection::HoldingBelowMinimum(Party::Receiver));
							}
						}
						if let (Some(s), Some(after)) = (&sender, sender_after) {
							if check_sender
								&& s.investor.is_some() && !after.is_zero()
								&& after < *min
							{
								out.push(TransferRejection::HoldingBelowMinimum(Party::Sender));
							}
						}
					},
					RuleKind::LockUp { scope, until } => {
						// Moving units between one investor's wallets disposes of nothing.
						let Some(s) = &sender else { continue };
						if !disposes || same_investor || sender_exempt || now >= *until {
							continue;
						}
						let locked = match scope {
							LockScope::Security => {
								out.push(TransferRejection::LockedUp);
								continue;
							},
							LockScope::Offering(offering) => {
								Self::offering_units(security, *offering, &Self::owner(s))
							},
						};
						if s.before.saturating_sub(amount) < locked {
							out.push(TransferRejection::LockedUp);
						}
					},
					RuleKind::Vesting { offering, start, cliff, end } => {
						let Some(s) = &sender else { continue };
						if !disposes || same_investor || sender_exempt || now >= *end {
							continue;
						}
						let units = Self::offering_units(security, *offering, &Self::owner(s));
						let vested = if now < *cliff || now < *start {
							Zero::zero()
						} else {
							Perbill::from_rational(now - start, end - start).mul_floor(units)
						};
						let unvested = units.saturating_sub(vested);
						if s.before.saturating_sub(amount) < unvested {
							out.push(TransferRejection::NotVested);
						}
					},
					RuleKind::TransferWindow { window } => {
						if kind.is_voluntary_transfer() && !transfer_exempt && !window.is_open(now)
						{
							out.push(TransferRejection::OutsideTransferWindow);
						}
					},
					RuleKind::ManualApproval => {
						if !kind.is_voluntary_transfer() || transfer_exempt {
							continue;
						}
						let (Some(from), Some(to)) = (from, to) else { continue };
						let approved =
							Approvals::<T>::get(security, (from.clone(), to.clone(), amount));
						if approved != Some(Self::splits(security)) {
							out.push(TransferRejection::ApprovalRequired);
						}
					},
				}
			}
			out
		}

		/// Files `investor` as a holder of `security` under its current jurisdiction and
		/// categories.
		fn count_in(security: SecurityId, investor: InvestorId) {
			let Some(jurisdiction) = T::Credentials::jurisdiction_of(investor) else { return };
			let counted = CountedAs { jurisdiction, categories: Self::categories_now(investor) };
			Self::add_to_buckets(security, &counted);
			Counted::<T>::insert(investor, security, counted);
			SecuritiesHeld::<T>::mutate(investor, |n| n.saturating_inc());
		}

		fn count_out(security: SecurityId, investor: InvestorId) {
			if let Some(counted) = Counted::<T>::take(investor, security) {
				Self::remove_from_buckets(security, &counted);
				SecuritiesHeld::<T>::mutate(investor, |n| n.saturating_dec());
			}
		}

		fn add_to_buckets(security: SecurityId, counted: &CountedAs) {
			JurisdictionHolders::<T>::mutate(security, counted.jurisdiction, |n| {
				n.saturating_inc()
			});
			for category in InvestorCategory::ALL {
				if counted.categories & category.bit() != 0 {
					CategoryHolders::<T>::mutate(security, category, |n| n.saturating_inc());
				}
			}
		}

		fn remove_from_buckets(security: SecurityId, counted: &CountedAs) {
			JurisdictionHolders::<T>::mutate(security, counted.jurisdiction, |n| {
				n.saturating_dec()
			});
			for category in InvestorCategory::ALL {
				if counted.categories & category.bit() != 0 {
					CategoryHolders::<T>::mutate(security, category, |n| n.saturating_dec());
				}
			}
		}

		/// Re-files every holding of `investor` under `jurisdiction` and its current
		/// categories; returns how many securities it holds (at most
		/// `MaxSecuritiesPerInvestor`, which bounds this loop) and what that cost.
		fn refile(investor: InvestorId, jurisdiction: Jurisdiction) -> (u32, Weight) {
			let categories = Self::categories_now(investor);
			let now_counted = CountedAs { jurisdiction, categories };
			let held: Vec<_> = Counted::<T>::iter_prefix(investor).collect();
			let mut changed = 0u32;
			for (security, before) in &held {
				if *before != now_counted {
					Self::remove_from_buckets(*security, before);
					Self::add_to_buckets(*security, &now_counted);
					Counted::<T>::insert(investor, security, now_counted);
					changed.saturating_inc();
				}
			}
			let held_count = held.len() as u32;
			let weight =
				T::WeightInfo::recount_investor(held_count.saturating_sub(changed), changed);
			(held_count, weight)
		}

		/// The most re-filing one investor costs (every holding filed anew).
		pub fn refile_weight_bound() -> Weight {
			let max = T::MaxSecuritiesPerInvestor::get();
			T::WeightInfo::recount_investor(0, max).max(T::WeightInfo::recount_investor(max, 0))
		}

		/// Keeps `security`'s [`RuleCost`] with its new rule set.
		fn set_cost(security: SecurityId, rules: &[RuleOf<T>], complexity: u32) {
			let approvals = rules.iter().any(|r| matches!(r.kind, RuleKind::ManualApproval));
			let block = Self::block();
			RuleCosts::<T>::mutate(security, |cost| {
				let lowest = match cost.raised {
					Some((raised_in, lowest)) if raised_in == block => lowest.min(cost.complexity),
					_ => cost.complexity,
				};
				if complexity > lowest || (approvals && !cost.approvals) {
					cost.raised = Some((block, lowest));
				}
				cost.complexity = complexity;
				cost.approvals = approvals;
			});
		}

		fn block() -> u32 {
			frame_system::Pallet::<T>::block_number().saturated_into()
		}

		/// What evaluating a rule set of `complexity` costs beyond an empty one, and using up
		/// an approval if it needs one.
		fn cost_weight(cost: &RuleCost) -> Weight {
			let evaluate =
				T::WeightInfo::evaluate(cost.complexity).saturating_sub(T::WeightInfo::evaluate(0));
			let approvals =
				if cost.approvals { T::DbWeight::get().reads_writes(1, 1) } else { Weight::zero() };
			evaluate.saturating_add(approvals)
		}
	}

	impl<T: Config> TransferGuard<T::AccountId, T::Balance> for Pallet<T> {
		fn check_all(movement: &Movement<T::AccountId, T::Balance>) -> Vec<TransferRejection> {
			Self::evaluate(movement)
		}

		fn check_weight() -> Weight {
			T::WeightInfo::evaluate(T::MaxComplexity::get())
		}

		fn rules_weight(security: SecurityId) -> Weight {
			// The read of the cost itself, then what the rule set it describes costs.
			T::DbWeight::get()
				.reads(1)
				.saturating_add(Self::cost_weight(&RuleCosts::<T>::get(security)))
		}

		fn on_moved(movement: &Movement<T::AccountId, T::Balance>) {
			let Movement { security, kind, ref from, ref to, amount } = *movement;
			if let (MovementKind::OfferingSettlement { offering }, Some(to)) = (kind, to) {
				let owner = match T::Credentials::holder_kind(to) {
					HolderKind::Investor(investor) => UnitsOwner::Investor(investor),
					_ => UnitsOwner::Account(to.clone()),
				};
				let units = Self::offering_units(security, offering, &owner);
				OfferingUnits::<T>::insert(
					(security, offering, owner),
					OfferingUnitsRecord {
						units: units.saturating_add(amount),
						splits: Self::splits(security),
					},
				);
			}
			if let (MovementKind::Transfer, Some(from), Some(to)) = (kind, from, to) {
				let cost = RuleCosts::<T>::get(security);
				// An approval is used up by a transfer that needed one.
				let key = (from.clone(), to.clone(), amount);
				if cost.approvals && Approvals::<T>::take(security, &key).is_some() {
					Self::deposit_event(Event::ApprovalUsed {
						security,
						from: key.0,
						to: key.1,
						amount,
					});
				}
				// A transfer declares the rule set's cost as it was when weighed; in the block
				// where the set became costlier that may have been before the change.
				if let Some((raised_in, lowest)) = cost.raised {
					if raised_in == Self::block() {
						let extra =
							Self::cost_weight(&cost).saturating_sub(Self::cost_weight(&RuleCost {
								complexity: lowest,
								approvals: false,
								raised: None,
							}));
						frame_system::Pallet::<T>::register_extra_weight_unchecked(
							extra,
							DispatchClass::Normal,
						);
					}
				}
			}
		}

		fn on_moved_weight() -> Weight {
			T::WeightInfo::on_moved_worst_case()
		}

		fn on_holding_changed(security: SecurityId, investor: InvestorId, holds: bool) {
			if holds {
				Self::count_in(security, investor);
			} else {
				Self::count_out(security, investor);
			}
		}

		fn can_split(security: SecurityId) -> bool {
			Self::splits(security) < <MaxSplits as Get<u32>>::get()
		}

		/// Holding limits are rescaled at once (the rule set is bounded); offering units on read
		/// (the split joins the history); approvals of exact amounts no longer match.
		fn on_split(security: SecurityId, numerator: u32, denominator: u32) {
			let recorded = SplitHistory::<T>::mutate(security, |history| {
				history.try_push((numerator, denominator)).is_ok()
			});
			if !recorded {
				// `can_split` refused this split; nothing is rescaled half-way.
				return;
			}
			Rules::<T>::mutate(security, |rules| {
				for rule in rules.iter_mut() {
					if let RuleKind::MaxHolding { amount } | RuleKind::MinHolding { amount } =
						&mut rule.kind
					{
						*amount = rescale(*amount, numerator, denominator).max(One::one());
					}
				}
			});
		}

		fn on_split_weight() -> Weight {
			T::DbWeight::get().reads_writes(2, 2)
		}
	}

	/// Jurisdiction and credential changes re-file the investor's holdings at once.
	impl<T: Config> CredentialsListener<T::AccountId> for Pallet<T> {
		fn on_credentials_changed(investor: InvestorId) -> Weight {
			match T::Credentials::jurisdiction_of(investor) {
				Some(jurisdiction) => Self::refile(investor, jurisdiction).1,
				None => T::DbWeight::get().reads(1),
			}
		}
		fn on_jurisdiction_changed(
			investor: InvestorId,
			_from: Jurisdiction,
			to: Jurisdiction,
		) -> Weight {
			Self::refile(investor, to).1
		}
		fn on_wallet_recovered(_: InvestorId, _: &T::AccountId, _: &T::AccountId) {}
		fn on_credentials_changed_weight() -> Weight {
			Self::refile_weight_bound()
		}
		fn on_jurisdiction_changed_weight() -> Weight {
			Self::refile_weight_bound()
		}
		fn on_wallet_recovered_weight() -> Weight {
			Weight::zero()
		}
	}
}
