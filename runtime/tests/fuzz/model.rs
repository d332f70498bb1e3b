//! What the fuzzer knows besides the chain's own storage: observations of the chain before and
//! after each step, the movements its events report, and a reference model of what the
//! documentation allows (lost wallets awaiting recovery, record-date balances, splits in
//! progress, holder caps in force, investors whose categories are documented as stale).

use std::collections::{BTreeMap, BTreeSet};

use pallet_issuance::HolderKey;
use sp_runtime::AccountId32;
use stoa_primitives::{
	CheckpointId, CredentialRegistry, DistributionId, InvestorId, SecurityId, ShardId,
};
use stoa_runtime::{Runtime, RuntimeEvent};

use super::{chain::Event, world::all_accounts};

pub type Balances = BTreeMap<(SecurityId, AccountId32), u128>;

/// The chain as the invariants see it at one moment.
#[derive(Clone, Debug, Default)]
pub struct Observation {
	/// Chain time (seconds).
	pub now: u64,
	/// Every positive balance.
	pub balances: Balances,
	/// Who each holding counts for, as the issuance pallet recorded it.
	pub keys: BTreeMap<(SecurityId, AccountId32), HolderKey<AccountId32>>,
	/// Accounts holding units that are blocked: their own block, their investor's (by link or
	/// by the investor their holding counts for), or their protocol registration's.
	pub blocked: BTreeSet<AccountId32>,
	/// Securities with a split in progress.
	pub splitting: BTreeSet<SecurityId>,
	/// Which investor each world account is linked to, as the registry answers: its link on
	/// this shard, or else the link a trusted shard's import gave it.
	pub links: BTreeMap<AccountId32, InvestorId>,
	/// World accounts registered as protocol holders (blocked ones too).
	pub protocol: BTreeSet<AccountId32>,
	/// The shards trusted, with the trust epoch of each (`TrustedShards`).
	pub trusted: BTreeMap<ShardId, u32>,
	/// The proxy kinds each world account has named each delegate, by (principal, delegate).
	pub delegations: BTreeMap<(AccountId32, AccountId32), BTreeSet<stoa_primitives::ProxyType>>,
}

/// The registry every pallet reads credentials through (imported ones too).
pub type Registry = stoa_runtime::Credentials;

pub fn investor_of(account: &AccountId32) -> Option<InvestorId> {
	<Registry as CredentialRegistry<AccountId32>>::investor_of(account)
}

/// The imported investors (ids from `IMPORTED_INVESTOR_BASE` up).
pub fn imported_investors() -> core::ops::Range<InvestorId> {
	let base = stoa_primitives::shards::IMPORTED_INVESTOR_BASE;
	base..base + pallet_shard_credentials::AliasCount::<Runtime>::get()
}

/// Every investor: this shard's, then the imported ones.
pub fn all_investors() -> impl Iterator<Item = InvestorId> {
	(0..pallet_credentials::NextInvestorId::<Runtime>::get()).chain(imported_investors())
}

impl Observation {
	pub fn take(now: u64) -> Self {
		let mut o = Observation { now, ..Default::default() };
		for (security, who, holding) in pallet_issuance::Holdings::<Runtime>::iter() {
			if holding.balance > 0 {
				o.balances.insert((security, who.clone()), holding.balance);
			}
			o.keys.insert((security, who), holding.holder);
		}
		let investor_blocked = |i: InvestorId| {
			<Registry as CredentialRegistry<AccountId32>>::investor_block(i).is_some()
		};
		// The registry's block of the account (its own, its investor's, its protocol
		// registration's, and a trusted shard's: of the wallet, of the imported investor, or
		// the hold of a wallet whose imported link changed under units), or of the investor
		// its holding counts for. Read once per account and per investor.
		let mut accounts: BTreeMap<&AccountId32, bool> = BTreeMap::new();
		let mut investors: BTreeMap<InvestorId, bool> = BTreeMap::new();
		for ((security, who), key) in &o.keys {
			if !o.balances.contains_key(&(*security, who.clone())) {
				continue;
			}
			let blocked = *accounts.entry(who).or_insert_with(|| {
				<Registry as CredentialRegistry<AccountId32>>::account_block(who).is_some()
			}) || match key {
				HolderKey::Investor(i) => {
					*investors.entry(*i).or_insert_with(|| investor_blocked(*i))
				},
				HolderKey::Account(_) => false,
			};
			if blocked {
				o.blocked.insert(who.clone());
			}
		}
		o.splitting = pallet_corporate_actions::Splits::<Runtime>::iter_keys().collect();
		for who in all_accounts() {
			if let Some(i) = investor_of(who) {
				o.links.insert(who.clone(), i);
			}
			if pallet_credentials::ProtocolHolders::<Runtime>::contains_key(who) {
				o.protocol.insert(who.clone());
			}
		}
		o.trusted = pallet_shard_credentials::TrustedShards::<Runtime>::iter().collect();
		for principal in all_accounts() {
			for def in pallet_proxy::Proxies::<Runtime>::get(principal).0 {
				o.delegations
					.entry((principal.clone(), def.delegate))
					.or_default()
					.insert(def.proxy_type);
			}
		}
		o
	}

	/// The balances of one security.
	pub fn of(&self, security: SecurityId) -> BTreeMap<AccountId32, u128> {
		self.balances
			.iter()
			.filter(|((s, _), _)| *s == security)
			.map(|((_, who), b)| (who.clone(), *b))
			.collect()
	}
}

/// What kind of movement an event reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveKind {
	Issue,
	Transfer,
	ForcedTransfer,
	Redemption,
	ForcedRedemption,
	Recovery,
	OfferingSettlement,
	/// A principal repayment: the holder's whole balance is burnt as it is paid.
	RedemptionPayout,
}

impl MoveKind {
	/// Whether the holder moved its own units of its own will.
	pub fn is_voluntary(&self) -> bool {
		matches!(self, MoveKind::Transfer | MoveKind::Redemption)
	}
}

/// A movement of units, as an event reports it.
#[derive(Clone, Debug)]
pub struct Move {
	/// Its position among the step's events.
	pub index: usize,
	pub security: SecurityId,
	pub kind: MoveKind,
	pub from: Option<AccountId32>,
	pub to: Option<AccountId32>,
	/// `None`: the sender's whole balance (a principal repayment).
	pub amount: Option<u128>,
	/// For a principal repayment, who was paid: a recovered wallet's replacement, whose units
	/// (the recovered ones) are burnt when the holder has none left.
	pub payee: Option<AccountId32>,
}

/// The movements among `events`, in order.
pub fn moves(events: &[Event]) -> Vec<Move> {
	use pallet_issuance::Event as I;
	let mut out = Vec::new();
	for (index, e) in events.iter().enumerate() {
		let m =
			|security, kind, from: Option<&AccountId32>, to: Option<&AccountId32>, amount| Move {
				index,
				security,
				kind,
				from: from.cloned(),
				to: to.cloned(),
				amount,
				payee: None,
			};
		match &e.event {
			RuntimeEvent::Issuance(I::Issued { security, to, amount, .. }) => {
				out.push(m(*security, MoveKind::Issue, None, Some(to), Some(*amount)))
			},
			RuntimeEvent::Issuance(I::Transferred { security, from, to, amount, .. }) => {
				out.push(m(*security, MoveKind::Transfer, Some(from), Some(to), Some(*amount)))
			},
			RuntimeEvent::Issuance(I::ForcedTransfer { security, from, to, amount, .. }) => out
				.push(m(*security, MoveKind::ForcedTransfer, Some(from), Some(to), Some(*amount))),
			RuntimeEvent::Issuance(I::Redeemed { security, from, amount, forced, .. }) => {
				out.push(m(
					*security,
					if *forced { MoveKind::ForcedRedemption } else { MoveKind::Redemption },
					Some(from),
					None,
					Some(*amount),
				))
			},
			RuntimeEvent::Issuance(I::HoldingsRecovered {
				security, lost, new, amount, ..
			}) => out.push(m(*security, MoveKind::Recovery, Some(lost), Some(new), Some(*amount))),
			RuntimeEvent::Issuance(I::SubscriptionSettled {
				offering, subscriber, units, ..
			}) => {
				if let Some(o) = pallet_issuance::Offerings::<Runtime>::get(offering) {
					out.push(m(
						o.security,
						MoveKind::OfferingSettlement,
						None,
						Some(subscriber),
						Some(*units),
					))
				}
			},
			RuntimeEvent::CorporateActions(pallet_corporate_actions::Event::Paid {
				distribution,
				holder,
				payee,
				..
			}) => {
				if let Some(d) =
					pallet_corporate_actions::Distributions::<Runtime>::get(distribution)
				{
					if d.kind == pallet_corporate_actions::DistributionKind::Redemption {
						let mut burn =
							m(d.security, MoveKind::RedemptionPayout, Some(holder), None, None);
						burn.payee = Some(payee.clone());
						out.push(burn)
					}
				}
			},
			_ => {},
		}
	}
	out
}

/// `before` with the movements among the first `upto` events applied, except for securities
/// in `skip`. Movements that take more than a balance leave it at zero (and are reported by
/// the invariant that compares with the chain).
pub fn replay(
	before: &Balances,
	moves: &[Move],
	upto: usize,
	skip: &BTreeSet<SecurityId>,
) -> Balances {
	let mut balances = before.clone();
	for m in moves.iter().filter(|m| m.index < upto && !skip.contains(&m.security)) {
		// A principal repayment burns the holder's units, or, if it has none left, those of
		// the wallet that replaced it (where a recovery moved them).
		let held =
			|who: &AccountId32| balances.get(&(m.security, who.clone())).copied().unwrap_or(0);
		if let (MoveKind::RedemptionPayout, Some(holder), Some(payee)) = (m.kind, &m.from, &m.payee)
		{
			let burnt = if held(holder) == 0 && payee != holder { payee } else { holder };
			balances.remove(&(m.security, burnt.clone()));
			continue;
		}
		let amount = match (m.amount, &m.from) {
			(Some(a), _) => a,
			(None, Some(from)) => balances.get(&(m.security, from.clone())).copied().unwrap_or(0),
			(None, None) => 0,
		};
		if let Some(from) = &m.from {
			let key = (m.security, from.clone());
			let left = balances.get(&key).copied().unwrap_or(0).saturating_sub(amount);
			if left == 0 {
				balances.remove(&key);
			} else {
				balances.insert(key, left);
			}
		}
		if let Some(to) = &m.to {
			*balances.entry((m.security, to.clone())).or_default() += amount;
		}
	}
	balances.retain(|_, b| *b > 0);
	balances
}

/// Balances of `security` after the first `upto` events of a step: the replay of its
/// movements, or, for a security with a split in progress (its balances move only by the
/// split's rescaling, and only in `on_idle`, before anything else that reads them), the
/// balances after the step.
pub fn balances_at(
	security: SecurityId,
	before: &Observation,
	after: &Observation,
	moves: &[Move],
	upto: usize,
) -> BTreeMap<AccountId32, u128> {
	if before.splitting.contains(&security) {
		return after.of(security);
	}
	replay(&before.balances, moves, upto, &before.splitting)
		.into_iter()
		.filter(|((s, _), _)| *s == security)
		.map(|((_, who), b)| (who, b))
		.collect()
}

/// A split being watched: its ratio and every balance when it started.
#[derive(Clone, Debug)]
pub struct SplitWatch {
	pub numerator: u32,
	pub denominator: u32,
	pub before: BTreeMap<AccountId32, u128>,
}

/// A holder cap in force: the rule, and the most holders it may count now (its maximum, or
/// more if the security had more holders when the rule was set).
#[derive(Clone, Debug)]
pub struct Ceiling {
	pub rule: pallet_compliance::RuleOf<Runtime>,
	pub ceiling: u32,
}

/// The reference model.
#[derive(Clone, Debug, Default)]
pub struct Model {
	/// The investor each world account was last seen linked to.
	pub last_owner: BTreeMap<AccountId32, InvestorId>,
	/// Lost wallets awaiting `recover_holdings`: their investor and the wallet that replaced
	/// them (`WalletRecovered`).
	pub recoveries: BTreeMap<AccountId32, (InvestorId, AccountId32)>,
	/// Splits in progress, with every balance at their start.
	pub splits: BTreeMap<SecurityId, SplitWatch>,
	/// Every record date's balances, as the model saw them when it took effect.
	pub record_dates: BTreeMap<(SecurityId, CheckpointId), BTreeMap<AccountId32, u128>>,
	/// Scheduled record dates not yet in effect: (security, checkpoint, time).
	pub scheduled: Vec<(SecurityId, CheckpointId, u64)>,
	/// Holder caps in force, by (security, rule index).
	pub ceilings: BTreeMap<(SecurityId, usize), Ceiling>,
	/// Investors whose categories may be stale by design (a qualifier's status changed; not
	/// broadcast per investor) until they are re-filed.
	pub stale: BTreeSet<InvestorId>,
	/// (distribution, account) pairs already paid.
	pub paid: BTreeSet<(DistributionId, AccountId32)>,
	/// What each distribution reserved when it was created.
	pub reserved: BTreeMap<DistributionId, u128>,
	/// The shards trusted and their trust epochs, as governance's `ShardTrusted` and
	/// `ShardUntrusted` events said.
	pub trusted: BTreeMap<ShardId, u32>,
}

impl Model {
	/// The model of the world as built (its record dates were taken after its last
	/// movement, so today's balances are theirs).
	pub fn of_world(now: u64) -> Self {
		let o = Observation::take(now);
		let mut model = Model::default();
		for (security, checkpoint, record) in
			pallet_corporate_actions::Checkpoints::<Runtime>::iter()
		{
			if record.epoch.is_some() || record.at <= now {
				model.record_dates.insert((security, checkpoint), o.of(security));
			} else {
				model.scheduled.push((security, checkpoint, record.at));
			}
		}
		for (d, record) in pallet_corporate_actions::Distributions::<Runtime>::iter() {
			let escrow = pallet_corporate_actions::Pallet::<Runtime>::escrow_account(d);
			let balance = <stoa_runtime::Assets as frame_support::traits::fungibles::Inspect<
				AccountId32,
			>>::balance(record.asset, &escrow);
			model.reserved.insert(d, balance);
		}
		model.last_owner = o.links.clone();
		model.trusted = o.trusted.clone();
		let facts = super::invariants::Facts::of(&o, &model);
		model.refresh_ceilings(&o, &facts);
		model
	}

	/// What must be known before the step's invariants are checked: recoveries, stale
	/// categories and the shards trusted, in event order. `step` is the step that deposited
	/// them (an import's records say which investors it re-filed).
	pub fn note_events(&mut self, events: &[Event], step: &super::ops::Step) {
		use pallet_credentials::Event as C;
		use pallet_shard_credentials::Event as Sc;
		for e in events {
			match &e.event {
				RuntimeEvent::ShardCredentials(Sc::ShardTrusted { shard, epoch }) => {
					self.trusted.insert(*shard, *epoch);
					// Trust changes take effect on read, with no notice per investor: like a
					// qualifier's status change, they leave categories as last filed.
					self.stale.extend(imported_investors());
				},
				RuntimeEvent::ShardCredentials(Sc::ShardUntrusted { shard }) => {
					self.trusted.remove(shard);
					self.stale.extend(imported_investors());
				},
				RuntimeEvent::ShardCredentials(Sc::Imported { shard, applied, .. }) => {
					self.note_import(*shard, *applied, step);
				},
				RuntimeEvent::Credentials(C::WalletRecovered { investor, lost, new, .. }) => {
					self.recoveries.insert(lost.clone(), (*investor, new.clone()));
				},
				RuntimeEvent::Credentials(C::WalletLinked { wallet, .. }) => {
					self.recoveries.remove(wallet);
				},
				RuntimeEvent::Credentials(
					C::QualifierSuspended { .. }
					| C::QualifierResumed { .. }
					| C::QualifierRemoved { .. }
					| C::QualifierUpdated { .. },
				) => {
					let investors = pallet_credentials::NextInvestorId::<Runtime>::get();
					self.stale.extend(0..investors);
				},
				RuntimeEvent::Credentials(
					C::CredentialAttested { investor, .. }
					| C::CredentialRevoked { investor, .. }
					| C::InvestorBlocked { investor, .. }
					| C::InvestorUnblocked { investor, .. }
					| C::InvestorJurisdictionChanged { investor, .. },
				)
				| RuntimeEvent::Compliance(pallet_compliance::Event::InvestorRecounted {
					investor,
					..
				}) => {
					self.stale.remove(investor);
				},
				_ => {},
			}
		}
	}

	/// An import from `shard` that applied `applied` records: an imported qualifier's status
	/// reaches no listener (categories stale by design, as for this shard's qualifiers); an
	/// investor or credential record re-files the investor, if it counts here. Which records
	/// applied is known only when all did.
	fn note_import(&mut self, shard: ShardId, applied: u32, step: &super::ops::Step) {
		use super::ops::{Op, Rec, Step, Who};
		let Step::Call { by: Who::Shard(by), op: Op::Import { updates } } = step else {
			return;
		};
		if *by != shard {
			return;
		}
		let all_applied = applied as usize == updates.len();
		for u in updates {
			match &u.record {
				Rec::Qualifier { .. } => self.stale.extend(imported_investors()),
				Rec::Investor { home, .. } | Rec::Credential { home, .. } if all_applied => {
					if let Some(alias) =
						pallet_shard_credentials::Aliases::<Runtime>::get(shard, *home as u64)
					{
						if <Registry as CredentialRegistry<AccountId32>>::jurisdiction_of(alias)
							.is_some()
						{
							self.stale.remove(&alias);
						}
					}
				},
				_ => {},
			}
		}
	}

	/// What the model learns from a step whose invariants held.
	pub fn learn(
		&mut self,
		before: &Observation,
		after: &Observation,
		events: &[Event],
		moves: &[Move],
		facts: &super::invariants::Facts,
	) {
		use pallet_corporate_actions::Event as Ca;
		for (index, e) in events.iter().enumerate() {
			match &e.event {
				RuntimeEvent::CorporateActions(Ca::CheckpointCreated {
					security,
					checkpoint,
					at,
					..
				}) => {
					if *at <= e.at {
						self.record_dates.insert(
							(*security, *checkpoint),
							balances_at(*security, before, after, moves, index),
						);
					} else {
						self.scheduled.push((*security, *checkpoint, *at));
					}
				},
				RuntimeEvent::CorporateActions(Ca::SplitStarted {
					security,
					numerator,
					denominator,
					..
				}) => {
					self.splits.insert(
						*security,
						SplitWatch {
							numerator: *numerator,
							denominator: *denominator,
							before: after.of(*security),
						},
					);
				},
				RuntimeEvent::CorporateActions(Ca::SplitCompleted { security, .. }) => {
					self.splits.remove(security);
				},
				RuntimeEvent::CorporateActions(Ca::Paid { distribution, holder, .. }) => {
					self.paid.insert((*distribution, holder.clone()));
				},
				RuntimeEvent::CorporateActions(Ca::DistributionCreated {
					distribution,
					reserved,
					..
				}) => {
					self.reserved.insert(*distribution, *reserved);
				},
				_ => {},
			}
		}
		// Scheduled record dates whose time came: the balances before the first change in a
		// block at or after their time.
		let due: Vec<_> =
			self.scheduled.iter().filter(|(_, _, at)| *at <= after.now).cloned().collect();
		self.scheduled.retain(|(_, _, at)| *at > after.now);
		for (security, checkpoint, at) in due {
			let first = events.iter().position(|e| e.at >= at).unwrap_or(events.len());
			self.record_dates
				.insert((security, checkpoint), balances_at(security, before, after, moves, first));
		}
		// A lost wallet no longer awaits recovery once it holds nothing.
		self.recoveries.retain(|lost, _| after.balances.keys().any(|(_, who)| who == lost));
		for (who, investor) in &after.links {
			self.last_owner.insert(who.clone(), *investor);
		}
		self.refresh_ceilings(after, facts);
	}

	/// Holder caps in force after a step: each cap's ceiling is its maximum, or the number of
	/// holders it counts now if that is more (rules set on a security that already had more
	/// holders, or holders moved into the cap's scope by credential or jurisdiction changes).
	pub fn refresh_ceilings(&mut self, after: &Observation, facts: &super::invariants::Facts) {
		let mut ceilings = BTreeMap::new();
		for security in 0..pallet_issuance::NextSecurityId::<Runtime>::get() {
			let rules = pallet_compliance::Rules::<Runtime>::get(security);
			for (index, rule) in rules.iter().enumerate() {
				if let pallet_compliance::RuleKind::MaxHolders { max, .. } = &rule.kind {
					let count = super::invariants::cap_count(security, rule, after, facts, self);
					ceilings.insert(
						(security, index),
						Ceiling { rule: rule.clone(), ceiling: (*max).max(count) },
					);
				}
			}
		}
		self.ceilings = ceilings;
	}
}
