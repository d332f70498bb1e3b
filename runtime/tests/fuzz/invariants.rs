//! The invariants, checked after every step. Each is a plain function of what the step saw
//! (the chain before and after, its events, the reference model) returning why it broke.
//!
//! Terms: a **movement** is what an issuance event reports (`Issued`, `Transferred`,
//! `ForcedTransfer`, `Redeemed`, `HoldingsRecovered`, `SubscriptionSettled`, and the burn of a
//! principal repayment's `Paid`). An account's **owner** is the investor it is linked to (as
//! the registry answers: its link on this shard, or else the link a trusted shard's import
//! gave it), the account itself for a protocol holder, and otherwise the investor it was last
//! linked to (a lost wallet, a wallet unlinked since, or one whose imported link stopped
//! counting when its home shard was untrusted).

use std::collections::{BTreeMap, BTreeSet};

use pallet_compliance::{Exemption, HolderScope, InvestorCategory, RuleKind, RuleOf};
use sp_runtime::AccountId32;
use stoa_primitives::{
	issuance::KycGuard, CredentialRegistry, InvestorId, Movement, MovementKind, Party, SecurityId,
	TransferRejection,
};
use stoa_runtime::{Assets, Credentials, Runtime, RuntimeEvent};

use super::{
	chain::{Event, Outcome},
	model::{
		all_investors, imported_investors, investor_of, replay, Model, Move, MoveKind, Observation,
		Registry,
	},
	ops::{Step, Who},
	world::{account, name_of},
};

/// What one step saw.
pub struct Ctx<'a> {
	pub step: &'a Step,
	pub before: &'a Observation,
	pub after: &'a Observation,
	pub events: &'a [Event],
	pub moves: &'a [Move],
	pub model: &'a Model,
	/// What the invariants read about accounts and investors after the step.
	pub facts: &'a Facts,
	/// Whether a block was closed during the step.
	pub block_closed: bool,
	/// What became of the step's call (`None` for a new block).
	pub outcome: &'a Option<Outcome>,
}

pub type Invariant = fn(&Ctx) -> Result<(), String>;

/// Every invariant, by name (`STOA_FUZZ_ONLY` / `STOA_FUZZ_SKIP` take these names).
pub const INVARIANTS: &[(&str, Invariant)] = &[
	("units_only_arrive_at_acceptable_receivers", units_only_arrive_at_acceptable_receivers),
	("every_holding_has_an_owner", every_holding_has_an_owner),
	("blocked_holders_lose_units_only_by_force", blocked_holders_lose_units_only_by_force),
	("balances_follow_events", balances_follow_events),
	("supply_is_the_sum_of_holdings", supply_is_the_sum_of_holdings),
	("issuance_storage_is_consistent", issuance_storage_is_consistent),
	("holder_counts_match_holdings", holder_counts_match_holdings),
	("holder_caps_hold", holder_caps_hold),
	("movements_obey_each_partys_rules", movements_obey_each_partys_rules),
	("lost_wallets_can_always_be_recovered", lost_wallets_can_always_be_recovered),
	("splits_follow_the_remainder_rule", splits_follow_the_remainder_rule),
	("distributions_never_pay_more_than_funded", distributions_never_pay_more_than_funded),
	("record_dates_are_exact", record_dates_are_exact),
	("offering_escrows_cover_subscriptions", offering_escrows_cover_subscriptions),
	("rule_costs_describe_the_rules", rule_costs_describe_the_rules),
	("units_never_change_owner_unseen", units_never_change_owner_unseen),
	(
		"imported_records_count_only_while_their_shard_is_trusted",
		imported_records_count_only_while_their_shard_is_trusted,
	),
	("narrow_delegates_stay_within_their_kind", narrow_delegates_stay_within_their_kind),
];

/// Checked by the block driver (see `chain.rs`), reported under these names.
pub const DRIVER_INVARIANTS: &[&str] = &["blocks_stay_within_their_weight_limit", "no_panics"];

// ----------------------------------------------------------------------------------------
// Helpers

fn who(a: &AccountId32) -> String {
	name_of(a)
}

/// Who owns an account's units (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner {
	Investor(InvestorId),
	Account(AccountId32),
}

pub fn owner_of(account: &AccountId32, model: &Model) -> Owner {
	if let Some(investor) = investor_of(account) {
		return Owner::Investor(investor);
	}
	if pallet_credentials::ProtocolHolders::<Runtime>::contains_key(account) {
		return Owner::Account(account.clone());
	}
	unlinked_owner(account, model)
}

/// Who a holding counts for, as issuance filed it.
fn as_owner(key: &pallet_issuance::HolderKey<AccountId32>) -> Owner {
	match key {
		pallet_issuance::HolderKey::Investor(i) => Owner::Investor(*i),
		pallet_issuance::HolderKey::Account(a) => Owner::Account(a.clone()),
	}
}

/// The owner of a world account as observed in `o` (see [`owner_of`]).
pub fn owner_in(o: &Observation, account: &AccountId32, model: &Model) -> Owner {
	if let Some(investor) = o.links.get(account) {
		return Owner::Investor(*investor);
	}
	if o.protocol.contains(account) {
		return Owner::Account(account.clone());
	}
	unlinked_owner(account, model)
}

/// The owner of an account that is neither linked nor a protocol holder: the investor of a
/// lost wallet, or the investor it was last linked to.
fn unlinked_owner(account: &AccountId32, model: &Model) -> Owner {
	if let Some((investor, _)) = model.recoveries.get(account) {
		return Owner::Investor(*investor);
	}
	match model.last_owner.get(account) {
		Some(investor) => Owner::Investor(*investor),
		None => Owner::Account(account.clone()),
	}
}

/// What the invariants read about accounts and investors after a step, read once.
pub struct Facts {
	/// The owner of every account holding units.
	owner: BTreeMap<AccountId32, Owner>,
	/// Every investor's categories now.
	categories: BTreeMap<InvestorId, u8>,
	/// Every investor's jurisdiction (imported ones only while they count).
	jurisdiction: BTreeMap<InvestorId, stoa_primitives::Jurisdiction>,
	/// Investors whose categories are stale by design (see `Model::stale`).
	stale: BTreeSet<InvestorId>,
	/// How compliance filed each investor's holding of each security (`Counted`).
	pub counted: BTreeMap<(InvestorId, SecurityId), pallet_compliance::CountedAs>,
}

impl Facts {
	pub fn of(o: &Observation, model: &Model) -> Self {
		let owner = o.balances.keys().map(|(_, a)| (a.clone(), owner_in(o, a, model))).collect();
		let investors: Vec<InvestorId> = all_investors().collect();
		Facts {
			owner,
			categories: investors
				.iter()
				.map(|i| (*i, pallet_compliance::Pallet::<Runtime>::categories_now(*i)))
				.collect(),
			jurisdiction: investors
				.into_iter()
				.filter_map(|i| {
					<Credentials as CredentialRegistry<AccountId32>>::jurisdiction_of(i)
						.map(|j| (i, j))
				})
				.collect(),
			stale: model.stale.clone(),
			counted: pallet_compliance::Counted::<Runtime>::iter()
				.map(|(investor, security, counted)| ((investor, security), counted))
				.collect(),
		}
	}

	/// Who owns an account's units.
	pub fn owner(&self, account: &AccountId32, model: &Model) -> Owner {
		self.owner.get(account).cloned().unwrap_or_else(|| owner_of(account, model))
	}

	/// An investor's categories, as holder counts should file it for `security`: now,
	/// unless a qualifier's status change (or a change of trust in a shard, or an imported
	/// qualifier's record) left it stale by design, or it is an imported investor whose record
	/// does not count (then as last filed).
	pub fn categories(&self, investor: InvestorId, security: SecurityId) -> u8 {
		if self.stale.contains(&investor) || !self.jurisdiction.contains_key(&investor) {
			if let Some(counted) = self.counted.get(&(investor, security)) {
				return counted.categories;
			}
		}
		self.categories.get(&investor).copied().unwrap_or_default()
	}

	/// An investor's jurisdiction.
	pub fn jurisdiction(&self, investor: InvestorId) -> Option<stoa_primitives::Jurisdiction> {
		self.jurisdiction.get(&investor).copied()
	}

	/// The jurisdiction holder counts should file an investor under for `security`: its
	/// jurisdiction, or for an imported investor whose record stopped counting (its shard
	/// untrusted) the one it was last filed under: untrusting a shard re-files nothing.
	pub fn jurisdiction_in(
		&self,
		investor: InvestorId,
		security: SecurityId,
	) -> Option<stoa_primitives::Jurisdiction> {
		self.jurisdiction(investor)
			.or_else(|| self.counted.get(&(investor, security)).map(|c| c.jurisdiction))
	}
}

/// Each owner's total of `security`, and its accounts holding it.
pub fn owners(
	security: SecurityId,
	o: &Observation,
	facts: &Facts,
	model: &Model,
) -> BTreeMap<Owner, (u128, Vec<AccountId32>)> {
	let mut owners: BTreeMap<Owner, (u128, Vec<AccountId32>)> = BTreeMap::new();
	for (account, balance) in o.of(security) {
		let entry = owners.entry(facts.owner(&account, model)).or_default();
		entry.0 += balance;
		entry.1.push(account);
	}
	owners
}

fn jurisdiction_of(investor: InvestorId) -> Option<stoa_primitives::Jurisdiction> {
	<Credentials as CredentialRegistry<AccountId32>>::jurisdiction_of(investor)
}

/// Whether something that decides `account`'s standing (its links, blocks, credentials,
/// protocol registration, a qualifier) changed after event `index` of the step.
fn changed_after(c: &Ctx, index: usize, account: &AccountId32) -> bool {
	use pallet_credentials::Event as C;
	let investors: Vec<InvestorId> = [c.before.links.get(account), c.after.links.get(account)]
		.into_iter()
		.flatten()
		.copied()
		.collect();
	c.events.iter().skip(index + 1).any(|e| match &e.event {
		RuntimeEvent::Credentials(event) => match event {
			C::WalletLinked { wallet, .. }
			| C::WalletUnlinked { wallet, .. }
			| C::WalletBlocked { wallet, .. }
			| C::WalletUnblocked { wallet, .. } => wallet == account,
			C::WalletRecovered { lost, new, .. } => lost == account || new == account,
			C::InvestorBlocked { investor, .. }
			| C::InvestorUnblocked { investor, .. }
			| C::CredentialAttested { investor, .. }
			| C::CredentialRevoked { investor, .. }
			| C::InvestorJurisdictionChanged { investor, .. }
			| C::InvestorReassigned { investor, .. } => investors.contains(investor),
			C::ProtocolHolderRegistered { account: a, .. }
			| C::ProtocolHolderDeregistered { account: a, .. }
			| C::ProtocolHolderBlocked { account: a, .. }
			| C::ProtocolHolderUnblocked { account: a } => a == account,
			C::QualifierSuspended { .. }
			| C::QualifierResumed { .. }
			| C::QualifierRemoved { .. }
			| C::QualifierUpdated { .. } => true,
			_ => false,
		},
		// Imports, trust and held wallets' links may change anyone's standing.
		RuntimeEvent::ShardCredentials(event) => !matches!(
			event,
			pallet_shard_credentials::Event::Sent { .. }
				| pallet_shard_credentials::Event::NotSent { .. }
		),
		_ => false,
	})
}

/// Whether the step changed `security`'s rules (or started a split, which rescales them).
fn rules_changed(c: &Ctx, security: SecurityId) -> bool {
	c.events.iter().any(|e| {
		matches!(&e.event,
			RuntimeEvent::Compliance(pallet_compliance::Event::RulesSet { security: s, .. })
			| RuntimeEvent::CorporateActions(pallet_corporate_actions::Event::SplitStarted { security: s, .. })
			if *s == security)
	})
}

/// Whether the step moved investors between jurisdictions or categories without a movement.
fn buckets_changed(c: &Ctx) -> bool {
	use pallet_credentials::Event as C;
	c.events.iter().any(|e| {
		matches!(
			&e.event,
			RuntimeEvent::Credentials(
				C::CredentialAttested { .. }
					| C::CredentialRevoked { .. }
					| C::InvestorJurisdictionChanged { .. }
					| C::InvestorBlocked { .. }
					| C::InvestorUnblocked { .. }
					| C::QualifierSuspended { .. }
					| C::QualifierResumed { .. }
					| C::QualifierRemoved { .. }
					| C::QualifierUpdated { .. }
			) | RuntimeEvent::Compliance(pallet_compliance::Event::InvestorRecounted { .. })
				| RuntimeEvent::ShardCredentials(
					pallet_shard_credentials::Event::Imported { .. }
						| pallet_shard_credentials::Event::ShardTrusted { .. }
						| pallet_shard_credentials::Event::ShardUntrusted { .. }
				)
		)
	})
}

/// Whether `rule` exempts `account` (its own account, its investor, or protocol holders).
fn exempt(rule: &RuleOf<Runtime>, account: &AccountId32) -> bool {
	let investor = investor_of(account);
	let protocol = investor.is_none()
		&& <Credentials as CredentialRegistry<AccountId32>>::is_protocol_holder(account);
	rule.exemptions.iter().any(|e| match e {
		Exemption::Account(a) => a == account,
		Exemption::Investor(i) => investor == Some(*i),
		Exemption::ProtocolHolders => protocol,
	})
}

/// How many holders a holder cap counts: the owners of `security` in its scope that it does
/// not exempt (an owner is exempt if its investor is, or one of its holding accounts is).
pub fn cap_count(
	security: SecurityId,
	rule: &RuleOf<Runtime>,
	o: &Observation,
	facts: &Facts,
	model: &Model,
) -> u32 {
	let RuleKind::MaxHolders { scope, .. } = &rule.kind else { return 0 };
	owners(security, o, facts, model)
		.into_iter()
		.filter(|(owner, (_, accounts))| {
			let in_scope = match (scope, owner) {
				(HolderScope::Total, _) => true,
				(HolderScope::Jurisdiction(j), Owner::Investor(i)) => {
					facts.jurisdiction_in(*i, security) == Some(*j)
				},
				(HolderScope::Category(c), Owner::Investor(i)) => {
					facts.categories(*i, security) & c.bit() != 0
				},
				_ => false,
			};
			let is_exempt = rule.exemptions.iter().any(|e| match (e, owner) {
				(Exemption::Investor(i), Owner::Investor(j)) => i == j,
				(Exemption::Account(a), _) => accounts.contains(a),
				(Exemption::ProtocolHolders, Owner::Account(a)) => {
					<Credentials as CredentialRegistry<AccountId32>>::is_protocol_holder(a)
				},
				_ => false,
			});
			in_scope && !is_exempt
		})
		.count() as u32
}

fn describe(m: &Move) -> String {
	let amount = m.amount.map(|a| a.to_string()).unwrap_or_else(|| "all".into());
	let from = m.from.as_ref().map(who).unwrap_or_else(|| "-".into());
	let to = m.to.as_ref().map(who).unwrap_or_else(|| "-".into());
	format!("{:?} of {amount} S{} from {from} to {to} (event #{})", m.kind, m.security, m.index)
}

// ----------------------------------------------------------------------------------------
// The invariants

/// Units only ever arrive at an account the transfer guard accepts as a receiver (not
/// blocked; an investor's wallet with a valid KYC credential, or an active protocol holder),
/// judged at the end of the step unless the receiver's standing changed after the arrival.
pub fn units_only_arrive_at_acceptable_receivers(c: &Ctx) -> Result<(), String> {
	for m in c.moves {
		let Some(to) = &m.to else { continue };
		if m.amount == Some(0) {
			// Nothing arrived (a recovery of a holding that is only a frozen amount).
			continue;
		}
		if let Err(reason) = KycGuard::<Credentials>::check_party(to, Party::Receiver) {
			if !changed_after(c, m.index, to) {
				return Err(format!(
					"{}: the guard refuses {} as a receiver ({reason:?})",
					describe(m),
					who(to)
				));
			}
		}
	}
	Ok(())
}

/// Every unit sits with an owner the registry knows: an investor's wallet (this shard's, or
/// a trusted shard's), a protocol holder (even blocked: the registration stays as the
/// record), or a lost wallet awaiting `recover_holdings`. An account that is blocked, or whose
/// KYC lapsed, after receiving its units keeps them (that is what forced transfers and
/// redemptions are for), and so does an imported investor's wallet whose home shard is no
/// longer trusted (documented: its units stay where they were until trust returns or a
/// transfer agent moves them); an account that nobody stands behind any more must not.
pub fn every_holding_has_an_owner(c: &Ctx) -> Result<(), String> {
	let world = super::world::all_accounts();
	for ((security, account), balance) in &c.after.balances {
		// (The observation read the world's accounts already.)
		let (linked, protocol) = if world.contains(account) {
			(c.after.links.contains_key(account), c.after.protocol.contains(account))
		} else {
			(
				investor_of(account).is_some(),
				pallet_credentials::ProtocolHolders::<Runtime>::contains_key(account),
			)
		};
		let lost = c.model.recoveries.contains_key(account);
		// Units filed under an imported investor whose shard is no longer trusted: the
		// wallet's own record stopped counting, or a trusted shard has taken the wallet over
		// since (as nobody's: a link would have held it) while the units stay that investor's.
		let counts = |shard, epoch| c.model.trusted.get(&shard) == Some(&epoch);
		let untrusted = match c.after.keys.get(&(*security, account.clone())) {
			Some(pallet_issuance::HolderKey::Investor(i))
				if stoa_primitives::shards::is_imported(*i) =>
			{
				pallet_shard_credentials::ImportedWallets::<Runtime>::get(account)
					.is_some_and(|w| !counts(w.shard, w.epoch))
					|| pallet_shard_credentials::ImportedInvestors::<Runtime>::get(i)
						.is_some_and(|r| !counts(r.shard, r.epoch))
			},
			_ => false,
		};
		// A wallet whose imported link changed under its units is held, its link pending,
		// until a transfer agent moves them (docs/credentials.md, "Holdings while a link
		// changes").
		let held = pallet_shard_credentials::ImportedWallets::<Runtime>::get(account)
			.is_some_and(|w| w.pending.is_some());
		if !(linked || protocol || lost || untrusted || held) {
			return Err(format!(
				"{balance} units of S{security} sit with {}, which is neither an investor's \
				 wallet, a protocol holder, a lost wallet awaiting recovery, the wallet of an \
				 investor of a shard no longer trusted, nor a wallet held while its link \
				 changes",
				who(account)
			));
		}
	}
	Ok(())
}

/// The units of an account that was blocked when the step began (its own block, its
/// investor's, its protocol registration's) leave only by forced transfer, forced
/// redemption, recovery or a principal repayment: never by its own transfer or redemption.
pub fn blocked_holders_lose_units_only_by_force(c: &Ctx) -> Result<(), String> {
	for m in c.moves {
		let Some(from) = &m.from else { continue };
		if m.kind.is_voluntary() && c.before.blocked.contains(from) {
			return Err(format!("{}: {} was blocked when the step began", describe(m), who(from)));
		}
	}
	Ok(())
}

/// Every balance changes only as the step's movement events say (securities being split
/// are checked by `splits_follow_the_remainder_rule`).
pub fn balances_follow_events(c: &Ctx) -> Result<(), String> {
	let expected = replay(&c.before.balances, c.moves, usize::MAX, &c.before.splitting);
	let keys: BTreeSet<_> = expected.keys().chain(c.after.balances.keys()).cloned().collect();
	let mut wrong = Vec::new();
	for key in keys {
		if c.before.splitting.contains(&key.0) {
			continue;
		}
		let want = expected.get(&key).copied().unwrap_or(0);
		let got = c.after.balances.get(&key).copied().unwrap_or(0);
		if want != got {
			wrong.push(format!("S{} {}: events say {want}, chain has {got}", key.0, who(&key.1)));
		}
	}
	if wrong.is_empty() {
		Ok(())
	} else {
		Err(wrong.join("; "))
	}
}

/// Per security, the holdings add up to the total supply, which never exceeds the authorised
/// supply (except while a reverse split is rescaling holders: the authorised supply is
/// rescaled first).
/// What a transfer declares for a security's rule set (`RuleCosts`) is the rule set's own
/// complexity and approval rule, whatever changed it (rules set, rescaled by a split).
pub fn rule_costs_describe_the_rules(_: &Ctx) -> Result<(), String> {
	for security in 0..pallet_issuance::NextSecurityId::<Runtime>::get() {
		let rules = pallet_compliance::Rules::<Runtime>::get(security);
		let cost = pallet_compliance::RuleCosts::<Runtime>::get(security);
		let complexity = pallet_compliance::Pallet::<Runtime>::complexity(&rules);
		let approvals =
			rules.iter().any(|r| matches!(r.kind, pallet_compliance::RuleKind::ManualApproval));
		if cost.complexity != complexity || cost.approvals != approvals {
			return Err(format!(
				"S{security}: RuleCosts say complexity {} and approvals {}, the rules {complexity} \
				 and {approvals}",
				cost.complexity, cost.approvals
			));
		}
	}
	Ok(())
}

pub fn supply_is_the_sum_of_holdings(c: &Ctx) -> Result<(), String> {
	for security in 0..pallet_issuance::NextSecurityId::<Runtime>::get() {
		let Some(record) = pallet_issuance::Securities::<Runtime>::get(security) else { continue };
		let sum: u128 = c.after.of(security).values().sum();
		if sum != record.total_supply {
			return Err(format!(
				"S{security}: holdings add up to {sum}, the total supply says {}",
				record.total_supply
			));
		}
		if !c.after.splitting.contains(&security) && record.total_supply > record.authorised_supply
		{
			return Err(format!(
				"S{security}: total supply {} exceeds the authorised supply {}",
				record.total_supply, record.authorised_supply
			));
		}
	}
	Ok(())
}

/// pallet-issuance's own storage invariants, the ones its `try_state` checks before and after
/// a runtime upgrade (`Pallet::do_try_state`): holdings, `HeldBy`, `HolderBalances`, supply and
/// holder counts agree with each other.
pub fn issuance_storage_is_consistent(_: &Ctx) -> Result<(), String> {
	pallet_issuance::Pallet::<Runtime>::do_try_state().map_err(|e| format!("{e:?} (see the log)"))
}

/// Holder counts (the security's total, compliance's per jurisdiction and per category, the
/// securities each investor is counted for) equal what the holdings say, counting each owner
/// once whatever its wallets.
pub fn holder_counts_match_holdings(c: &Ctx) -> Result<(), String> {
	let investors: Vec<InvestorId> = all_investors().collect();
	let mut held: BTreeMap<InvestorId, u32> = BTreeMap::new();
	for security in 0..pallet_issuance::NextSecurityId::<Runtime>::get() {
		let Some(record) = pallet_issuance::Securities::<Runtime>::get(security) else { continue };
		let owners = owners(security, c.after, c.facts, c.model);
		let describe_owners = || {
			owners
				.iter()
				.map(|(o, (b, accounts))| {
					let accounts: Vec<_> = accounts.iter().map(who).collect();
					format!("{o:?} {b} in {}", accounts.join("+"))
				})
				.collect::<Vec<_>>()
				.join(", ")
		};
		if record.holders as usize != owners.len() {
			return Err(format!(
				"S{security}: the security counts {} holders, its holdings have {} ({})",
				record.holders,
				owners.len(),
				describe_owners()
			));
		}
		let mut per_jurisdiction: BTreeMap<stoa_primitives::Jurisdiction, u32> = BTreeMap::new();
		let mut per_category: BTreeMap<InvestorCategory, u32> = BTreeMap::new();
		for owner in owners.keys() {
			let Owner::Investor(investor) = owner else { continue };
			*held.entry(*investor).or_default() += 1;
			if let Some(j) = c.facts.jurisdiction_in(*investor, security) {
				*per_jurisdiction.entry(j).or_default() += 1;
			}
			let bits = c.facts.categories(*investor, security);
			for category in InvestorCategory::ALL {
				if bits & category.bit() != 0 {
					*per_category.entry(category).or_default() += 1;
				}
			}
		}
		let stored: BTreeMap<_, _> =
			pallet_compliance::JurisdictionHolders::<Runtime>::iter_prefix(security)
				.filter(|(_, n)| *n > 0)
				.collect();
		if stored != per_jurisdiction {
			return Err(format!(
				"S{security}: holders per jurisdiction are {stored:?}, the holdings say \
				 {per_jurisdiction:?} ({})",
				describe_owners()
			));
		}
		for category in InvestorCategory::ALL {
			let stored = pallet_compliance::CategoryHolders::<Runtime>::get(security, category);
			let want = per_category.get(&category).copied().unwrap_or(0);
			if stored != want {
				return Err(format!(
					"S{security}: {stored} {category:?} holders counted, the holdings say {want} \
					 ({})",
					describe_owners()
				));
			}
		}
		for &investor in &investors {
			let counted = c.facts.counted.contains_key(&(investor, security));
			let holds = owners.contains_key(&Owner::Investor(investor));
			if counted != holds {
				return Err(format!(
					"S{security}: compliance {} investor I{investor} as a holder, but it {} \
					 ({})",
					if counted { "counts" } else { "does not count" },
					if holds { "holds units" } else { "holds none" },
					describe_owners()
				));
			}
		}
		// The issuance pallet's own per-holder sums.
		let mut by_key: BTreeMap<Owner, u128> = BTreeMap::new();
		for ((s, account), balance) in &c.after.balances {
			if *s == security {
				if let Some(key) = c.after.keys.get(&(*s, account.clone())) {
					*by_key.entry(as_owner(key)).or_default() += balance;
				}
			}
		}
		let stored: BTreeMap<_, _> =
			pallet_issuance::HolderBalances::<Runtime>::iter_prefix(security)
				.filter(|(_, b)| *b > 0)
				.map(|(key, b)| (as_owner(&key), b))
				.collect();
		if stored != by_key {
			return Err(format!(
				"S{security}: issuance's per-holder balances {stored:?} differ from its holdings' \
				 {by_key:?}"
			));
		}
	}
	for &investor in &investors {
		let stored = pallet_compliance::SecuritiesHeld::<Runtime>::get(investor);
		let want = held.get(&investor).copied().unwrap_or(0);
		if stored != want {
			return Err(format!(
				"investor I{investor} is counted as holding {stored} securities, it holds {want}"
			));
		}
	}
	Ok(())
}

/// No holder joins a security whose holder cap (`MaxHolders`) then counts more holders than
/// its maximum, or than it counted when the rule was set if that was more. Exempt holders do
/// not count; an exemption lifts the cap for the exempt party only. Skipped for a step that
/// changed the rules, and for jurisdiction and category caps in a step that moved investors
/// between buckets.
pub fn holder_caps_hold(c: &Ctx) -> Result<(), String> {
	let moved = buckets_changed(c);
	for ((security, index), ceiling) in &c.model.ceilings {
		let rules = pallet_compliance::Rules::<Runtime>::get(security);
		let Some(rule) = rules.get(*index) else { continue };
		if *rule != ceiling.rule || rules_changed(c, *security) {
			continue;
		}
		let RuleKind::MaxHolders { scope, max } = &rule.kind else { continue };
		if moved && !matches!(scope, HolderScope::Total) {
			continue;
		}
		// Only a new holder can take a cap over (a holder whose exempt wallet emptied, or whose
		// category changed, did not join).
		let held_before: BTreeSet<Owner> = c
			.before
			.balances
			.keys()
			.filter(|(s, _)| s == security)
			.map(|(_, a)| owner_in(c.before, a, c.model))
			.collect();
		let joined = owners(*security, c.after, c.facts, c.model)
			.keys()
			.any(|owner| !held_before.contains(owner));
		let count = cap_count(*security, rule, c.after, c.facts, c.model);
		if joined && count > ceiling.ceiling {
			let holders: Vec<_> = owners(*security, c.after, c.facts, c.model)
				.into_iter()
				.map(|(o, (b, accounts))| {
					let accounts: Vec<_> = accounts.iter().map(who).collect();
					format!("{o:?} {b} in {}", accounts.join("+"))
				})
				.collect();
			return Err(format!(
				"S{security} rule #{index} caps {scope:?} holders at {max} (exempt: {:?}), but it \
				 now counts {count} non-exempt holders, up from at most {} ({})",
				rule.exemptions
					.iter()
					.map(|e| match e {
						Exemption::Account(a) => who(a),
						other => format!("{other:?}"),
					})
					.collect::<Vec<_>>(),
				ceiling.ceiling,
				holders.join(", ")
			));
		}
	}
	Ok(())
}

/// Every movement obeyed the rules about each party, for each party that the rule does not
/// exempt itself: the receiver's required credentials, jurisdiction lists and holding limits
/// (every movement with a receiver), the sender's credentials, jurisdiction lists, lock-ups
/// and minimum holding (transfers and redemptions), and closed transfer windows unless both
/// parties are exempt. Holdings are judged right after the movement, standing at the end of
/// the step; a party whose standing changed after the movement, and a security whose rules
/// changed in the step, are skipped.
pub fn movements_obey_each_partys_rules(c: &Ctx) -> Result<(), String> {
	for m in c.moves {
		if rules_changed(c, m.security) {
			continue;
		}
		let rules = pallet_compliance::Rules::<Runtime>::get(m.security);
		if rules.is_empty() {
			continue;
		}
		let now = c.events[m.index].at;
		// Holdings right after the movement (later calls of the same batch may move them again).
		let just_after = Observation {
			balances: replay(&c.before.balances, c.moves, m.index + 1, &c.before.splitting),
			..Default::default()
		};
		let owners = owners(m.security, &just_after, c.facts, c.model);
		let total_of = |account: &AccountId32| {
			owners.get(&c.facts.owner(account, c.model)).map(|(b, _)| *b).unwrap_or(0)
		};
		let same_owner = match (&m.from, &m.to) {
			(Some(f), Some(t)) => c.facts.owner(f, c.model) == c.facts.owner(t, c.model),
			_ => false,
		};
		let fail = |index: usize, rule: &RuleOf<Runtime>, what: String| -> Result<(), String> {
			Err(format!("{}: rule #{index} {:?} {what}", describe(m), rule.kind))
		};
		if let Some(to) = m.to.as_ref().filter(|to| !changed_after(c, m.index, to)) {
			let investor = investor_of(to);
			for (index, rule) in rules.iter().enumerate() {
				if exempt(rule, to) {
					continue;
				}
				match &rule.kind {
					RuleKind::RequiredCredential { side, kind, qualifiers } if side.receiver() => {
						let filter = (!qualifiers.is_empty()).then(|| qualifiers.as_slice());
						if let Some(i) = investor {
							if !<Credentials as CredentialRegistry<AccountId32>>::has_credential(
								i, *kind, filter, now,
							) {
								return fail(
									index,
									rule,
									format!("but receiver {} (I{i}) lacks it", who(to)),
								);
							}
						}
					},
					RuleKind::JurisdictionAllowList { side, jurisdictions }
					| RuleKind::JurisdictionDenyList { side, jurisdictions }
						if side.receiver() =>
					{
						let allow = matches!(rule.kind, RuleKind::JurisdictionAllowList { .. });
						if let Some(j) = investor.and_then(jurisdiction_of) {
							if jurisdictions.contains(&j) != allow {
								return fail(
									index,
									rule,
									format!("but receiver {} is of {j:?}", who(to)),
								);
							}
						}
					},
					RuleKind::MaxHolding { amount } => {
						if investor.is_some()
							&& !same_owner && m.kind != MoveKind::Recovery
							&& total_of(to) > *amount
						{
							return fail(
								index,
								rule,
								format!("but receiver {} now holds {}", who(to), total_of(to)),
							);
						}
					},
					RuleKind::MinHolding { amount } => {
						let total = total_of(to);
						if investor.is_some() && !same_owner && total != 0 && total < *amount {
							return fail(
								index,
								rule,
								format!("but receiver {} now holds {total}", who(to)),
							);
						}
					},
					_ => {},
				}
			}
		}
		if !m.kind.is_voluntary() {
			continue;
		}
		let Some(from) = m.from.as_ref().filter(|from| !changed_after(c, m.index, from)) else {
			continue;
		};
		let investor = investor_of(from);
		for (index, rule) in rules.iter().enumerate() {
			let sender_exempt = exempt(rule, from);
			match &rule.kind {
				RuleKind::TransferWindow { window } if m.kind == MoveKind::Transfer => {
					let both_exempt =
						sender_exempt && m.to.as_ref().is_some_and(|to| exempt(rule, to));
					if !window.is_open(now) && !both_exempt {
						return fail(index, rule, "but the window is closed".into());
					}
				},
				_ if sender_exempt => {},
				RuleKind::RequiredCredential { side, kind, qualifiers } if side.sender() => {
					let filter = (!qualifiers.is_empty()).then(|| qualifiers.as_slice());
					if let Some(i) = investor {
						if !<Credentials as CredentialRegistry<AccountId32>>::has_credential(
							i, *kind, filter, now,
						) {
							return fail(
								index,
								rule,
								format!("but sender {} (I{i}) lacks it", who(from)),
							);
						}
					}
				},
				RuleKind::JurisdictionAllowList { side, jurisdictions }
				| RuleKind::JurisdictionDenyList { side, jurisdictions }
					if side.sender() =>
				{
					let allow = matches!(rule.kind, RuleKind::JurisdictionAllowList { .. });
					if let Some(j) = investor.and_then(jurisdiction_of) {
						if jurisdictions.contains(&j) != allow {
							return fail(
								index,
								rule,
								format!("but sender {} is of {j:?}", who(from)),
							);
						}
					}
				},
				RuleKind::LockUp { scope: pallet_compliance::LockScope::Security, until } => {
					if now < *until && !same_owner {
						return fail(index, rule, format!("but it is {now}, before {until}"));
					}
				},
				RuleKind::MinHolding { amount } => {
					let total = total_of(from);
					if investor.is_some() && !same_owner && total != 0 && total < *amount {
						return fail(
							index,
							rule,
							format!("but sender {} is left with {total}", who(from)),
						);
					}
				},
				_ => {},
			}
		}
	}
	Ok(())
}

/// A lost wallet awaiting recovery can always be recovered into the investor's new wallet:
/// the recovery is recorded, and the pre-flight check of the whole holding moving there
/// names only reasons about the receiver's standing (a block, a missing credential, its
/// jurisdiction) or a split in progress, never a holding, ownership or holder limit (the
/// investor's holding does not change).
pub fn lost_wallets_can_always_be_recovered(c: &Ctx) -> Result<(), String> {
	for (lost, (investor, new)) in &c.model.recoveries {
		if investor_of(new) != Some(*investor) {
			continue;
		}
		for ((security, account), balance) in &c.after.balances {
			if account != lost {
				continue;
			}
			if pallet_issuance::Recoveries::<Runtime>::get(lost).as_ref() != Some(new) {
				return Err(format!(
					"{} was recovered into {}, but issuance no longer records it: its {balance} \
					 S{security} cannot be recovered",
					who(lost),
					who(new)
				));
			}
			let reasons = pallet_issuance::Pallet::<Runtime>::pre_flight(&Movement {
				security: *security,
				kind: MovementKind::Recovery,
				from: Some(lost.clone()),
				to: Some(new.clone()),
				amount: *balance,
			});
			let wrong: Vec<_> = reasons
				.iter()
				.filter(|r| {
					!matches!(
						r,
						TransferRejection::Blocked(Party::Receiver, _)
							| TransferRejection::MissingCredential(Party::Receiver, _)
							| TransferRejection::NotEligible(Party::Receiver)
							| TransferRejection::JurisdictionNotAllowed(Party::Receiver)
							| TransferRejection::CorporateActionInProgress
					)
				})
				.collect();
			if !wrong.is_empty() {
				return Err(format!(
					"recovering {}'s {balance} S{security} into {} (both I{investor}'s) would be \
					 refused: {wrong:?}",
					who(lost),
					who(new)
				));
			}
		}
	}
	Ok(())
}

/// While a split is in progress nothing moves its security, and each holder is rescaled
/// once, to `⌊balance × numerator / denominator⌋` of its balance when the split started;
/// when it completes every holder has been.
pub fn splits_follow_the_remainder_rule(c: &Ctx) -> Result<(), String> {
	for (security, split) in &c.model.splits {
		// A split may complete during the step (in `on_idle`, when the step's extrinsic had to
		// wait for the next block): its security moves freely after that.
		let completed_at = c.events.iter().position(|e| {
			matches!(&e.event,
				RuntimeEvent::CorporateActions(pallet_corporate_actions::Event::SplitCompleted {
					security: s, ..
				}) if s == security)
		});
		if let Some(m) = c
			.moves
			.iter()
			.find(|m| m.security == *security && completed_at.is_none_or(|at| m.index < at))
		{
			return Err(format!(
				"{} while a split of S{security} is in progress (a split locks every movement \
				 of its security until it completes)",
				describe(m)
			));
		}
		let completed = !c.after.splitting.contains(security);
		let later: Vec<Move> = c
			.moves
			.iter()
			.filter(|m| m.security == *security && completed_at.is_some_and(|at| m.index > at))
			.cloned()
			.collect();
		if !later.is_empty() {
			// Completed, then moved: the rescaled balances with the later movements applied.
			let scaled: super::model::Balances = split
				.before
				.iter()
				.map(|(account, old)| {
					let new = sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
						*old,
						split.numerator as u128,
						split.denominator as u128,
						sp_runtime::Rounding::Down,
					)
					.unwrap_or(u128::MAX);
					((*security, account.clone()), new)
				})
				.filter(|(_, b)| *b > 0)
				.collect();
			let want = replay(&scaled, &later, usize::MAX, &BTreeSet::new());
			let got: super::model::Balances =
				c.after.of(*security).into_iter().map(|(a, b)| ((*security, a), b)).collect();
			if want != got {
				return Err(format!(
					"split {}:{} of S{security} completed, then its units moved: the holdings are \
					 {got:?}, the rescaled ones moved so are {want:?}",
					split.numerator, split.denominator
				));
			}
			continue;
		}
		let now = c.after.of(*security);
		let accounts: BTreeSet<_> = split.before.keys().chain(now.keys()).cloned().collect();
		for account in accounts {
			let old = split.before.get(&account).copied().unwrap_or(0);
			let got = now.get(&account).copied().unwrap_or(0);
			let scaled = sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
				old,
				split.numerator as u128,
				split.denominator as u128,
				sp_runtime::Rounding::Down,
			)
			.unwrap_or(u128::MAX);
			let fine = got == scaled || (!completed && got == old);
			if !fine {
				return Err(format!(
					"split {}:{} of S{security}{}: {} had {old}, should have {scaled}{}, has {got}",
					split.numerator,
					split.denominator,
					if completed { " (completed)" } else { "" },
					who(&account),
					if completed { String::new() } else { format!(" or still {old}") },
				));
			}
		}
	}
	Ok(())
}

/// What a holder of `units` at the record date is owed, gross.
fn gross(
	record: &pallet_corporate_actions::DistributionOf<Runtime>,
	units: u128,
	supply: u128,
) -> u128 {
	let mul_div = |a: u128, b: u128, c: u128| {
		if c == 0 {
			return 0;
		}
		sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
			a,
			b,
			c,
			sp_runtime::Rounding::Down,
		)
		.unwrap_or(u128::MAX)
	};
	let decimals = pallet_issuance::Securities::<Runtime>::get(record.security)
		.map(|s| s.decimals)
		.unwrap_or(0);
	match &record.amount {
		pallet_corporate_actions::Amount::Total(total) => mul_div(*total, units, supply),
		pallet_corporate_actions::Amount::PerUnit(rate) => {
			mul_div(units, *rate, 10u128.pow(decimals as u32))
		},
	}
}

/// No distribution pays (net) and withholds more than it was funded with; its escrow always
/// holds at least what it still owes the record date's holders, and is empty once it closed;
/// its record-date supply is the record date's; each payment is the holder's entitlement at
/// the record date, net plus tax, and no account is paid twice.
pub fn distributions_never_pay_more_than_funded(c: &Ctx) -> Result<(), String> {
	use pallet_corporate_actions::{DistributionStatus as Status, Distributions};
	let mut paid_now: BTreeSet<(u32, AccountId32)> = BTreeSet::new();
	for e in c.events {
		let RuntimeEvent::CorporateActions(pallet_corporate_actions::Event::Paid {
			distribution,
			holder,
			gross: paid_gross,
			withheld,
			net,
			..
		}) = &e.event
		else {
			continue;
		};
		let key = (*distribution, holder.clone());
		if c.model.paid.contains(&key) || !paid_now.insert(key) {
			return Err(format!("D{distribution} paid {} twice", who(holder)));
		}
		if net + withheld != *paid_gross {
			return Err(format!(
				"D{distribution} paid {}: net {net} + withheld {withheld} != gross {paid_gross}",
				who(holder)
			));
		}
		let Some(record) = Distributions::<Runtime>::get(distribution) else { continue };
		if let Some(snapshot) = c.model.record_dates.get(&(record.security, record.checkpoint)) {
			let supply: u128 = snapshot.values().sum();
			let units = snapshot.get(holder).copied().unwrap_or(0);
			let owed = gross(&record, units, supply);
			if owed != *paid_gross {
				return Err(format!(
					"D{distribution} paid {} a gross {paid_gross}, but it held {units} of {supply} \
					 units at the record date: owed {owed}",
					who(holder)
				));
			}
		}
	}
	for distribution in 0..pallet_corporate_actions::NextDistributionId::<Runtime>::get() {
		let Some(record) = Distributions::<Runtime>::get(distribution) else { continue };
		let escrow = Assets::balance(
			record.asset,
			&pallet_corporate_actions::Pallet::<Runtime>::escrow_account(distribution),
		);
		let snapshot = c.model.record_dates.get(&(record.security, record.checkpoint));
		match record.status {
			Status::Closed => {
				if escrow != 0 {
					return Err(format!(
						"D{distribution} is closed with {escrow} left in its escrow (a distribution \
						 closes only once its escrow is empty)"
					));
				}
			},
			Status::Created => {
				if record.paid + record.withheld != 0 {
					return Err(format!("D{distribution} paid before it was activated"));
				}
			},
			Status::Paying | Status::Pushed => {
				if let Some(snapshot) = snapshot {
					let supply: u128 = snapshot.values().sum();
					if record.supply != supply {
						return Err(format!(
							"D{distribution} pays on a record-date supply of {}, but the record \
							 date's holdings add up to {supply}",
							record.supply
						));
					}
				}
				// What the escrow held once activated: the total, or the rate times the
				// record-date supply.
				let funded = match &record.amount {
					pallet_corporate_actions::Amount::Total(total) => *total,
					pallet_corporate_actions::Amount::PerUnit(_) => {
						gross(&record, record.supply, record.supply)
					},
				};
				if record.paid + record.withheld > funded {
					return Err(format!(
						"D{distribution} paid {} and withheld {}, more than the {funded} it was \
						 funded with",
						record.paid, record.withheld
					));
				}
				if let Some(snapshot) = snapshot {
					let owed: u128 = snapshot
						.iter()
						.filter(|(account, _)| {
							!pallet_corporate_actions::Payments::<Runtime>::contains_key(
								distribution,
								*account,
							)
						})
						.map(|(_, units)| gross(&record, *units, record.supply))
						.sum();
					if escrow < owed {
						return Err(format!(
							"D{distribution}'s escrow holds {escrow}, but it still owes {owed} \
							 (gross) to record-date holders not yet paid"
						));
					}
				}
			},
		}
	}
	Ok(())
}

/// Every record date answers, forever after, the balances it recorded (the reference model
/// saw them when it took effect), and the supply they add up to. Checked when a block closes.
pub fn record_dates_are_exact(c: &Ctx) -> Result<(), String> {
	if !c.block_closed {
		return Ok(());
	}
	for ((security, checkpoint), snapshot) in &c.model.record_dates {
		let mut accounts: BTreeSet<AccountId32> = snapshot.keys().cloned().collect();
		accounts.extend(c.after.of(*security).into_keys());
		for account in accounts {
			let want = snapshot.get(&account).copied().unwrap_or(0);
			let got = pallet_corporate_actions::Pallet::<Runtime>::balance_at(
				*security,
				*checkpoint,
				&account,
			);
			if got != Some(want) {
				return Err(format!(
					"S{security} checkpoint {checkpoint}: {} held {want} at the record date, the \
					 chain answers {got:?}",
					who(&account)
				));
			}
		}
		let supply: u128 = snapshot.values().sum();
		let got = pallet_corporate_actions::Pallet::<Runtime>::supply_at(*security, *checkpoint);
		if got != Some(supply) {
			return Err(format!(
				"S{security} checkpoint {checkpoint}: the supply was {supply}, the chain answers \
				 {got:?}"
			));
		}
	}
	Ok(())
}

/// An offering's escrow always holds every open subscription's payment and every refund
/// deferred by its settlement; its subscriber count is its subscriptions'; an open offering's
/// subscribed total is theirs.
pub fn offering_escrows_cover_subscriptions(_c: &Ctx) -> Result<(), String> {
	for offering in 0..pallet_issuance::NextOfferingId::<Runtime>::get() {
		let Some(record) = pallet_issuance::Offerings::<Runtime>::get(offering) else { continue };
		let subscriptions: Vec<_> =
			pallet_issuance::Subscriptions::<Runtime>::iter_prefix(offering).collect();
		let paid: u128 = subscriptions.iter().map(|(_, s)| s.paid).sum();
		let units: u128 = subscriptions.iter().map(|(_, s)| s.units).sum();
		let deferred: u128 =
			pallet_issuance::DeferredRefunds::<Runtime>::iter_prefix_values(offering).sum();
		let escrow = Assets::balance(
			record.asset,
			&pallet_issuance::Pallet::<Runtime>::escrow_account(offering),
		);
		if escrow < paid + deferred {
			return Err(format!(
				"O{offering}'s escrow holds {escrow}, its open subscriptions paid {paid} and its \
				 deferred refunds owe {deferred}"
			));
		}
		if record.subscribers as usize != subscriptions.len() {
			return Err(format!(
				"O{offering} counts {} subscribers, has {} subscriptions",
				record.subscribers,
				subscriptions.len()
			));
		}
		if record.status == pallet_issuance::OfferingStatus::Open && record.subscribed != units {
			return Err(format!(
				"O{offering} counts {} units subscribed, its subscriptions add up to {units}",
				record.subscribed
			));
		}
	}
	Ok(())
}

/// Units never change beneficial owner unseen: every holding counts for (is filed by
/// issuance under) its account's owner, and an account that held units throughout a step
/// has the same owner after it as before. An owner changes only with a movement, or with a
/// link or unlink while the account held nothing: a wallet whose imported link changes while
/// it holds units is held, its old link kept, until they have left; untrusting a shard leaves
/// its investors' wallets with their last owner; a lost wallet stays its investor's until
/// its holdings are recovered.
pub fn units_never_change_owner_unseen(c: &Ctx) -> Result<(), String> {
	for ((security, account), balance) in &c.after.balances {
		let Some(key) = c.after.keys.get(&(*security, account.clone())) else { continue };
		let filed = as_owner(key);
		let owner = c.facts.owner(account, c.model);
		if filed != owner {
			return Err(format!(
				"{balance} S{security} of {} count for {filed:?}, but the registry makes {} \
				 {owner:?}'s (links: {:?} before, {:?} after)",
				who(account),
				who(account),
				c.before.links.get(account),
				c.after.links.get(account),
			));
		}
	}
	// Accounts that held units before and after the step, and at every movement in between.
	let holding = |o: &Observation| -> BTreeSet<AccountId32> {
		o.balances.keys().map(|(_, a)| a.clone()).collect()
	};
	let after = holding(c.after);
	let mut throughout: BTreeSet<AccountId32> =
		holding(c.before).intersection(&after).cloned().collect();
	for m in c.moves {
		let Some(from) = &m.from else { continue };
		if !throughout.contains(from) {
			continue;
		}
		let just_after = replay(&c.before.balances, c.moves, m.index + 1, &c.before.splitting);
		if !just_after.keys().any(|(_, a)| a == from) {
			throughout.remove(from);
		}
	}
	for account in throughout {
		let was = owner_in(c.before, &account, c.model);
		let is = c.facts.owner(&account, c.model);
		if was != is {
			return Err(format!(
				"{} held units throughout the step, but its owner changed from {was:?} to {is:?} \
				 (links: {:?} before, {:?} after)",
				who(&account),
				c.before.links.get(&account),
				c.after.links.get(&account),
			));
		}
	}
	Ok(())
}

/// Imported records count only while their home shard is trusted, in the trust epoch they
/// came in: trust changes only by governance's calls (as their events say); nothing is
/// imported from a shard not trusted at the time (its import fails); an imported investor
/// whose record does not count has no jurisdiction, kind or block here, and an imported
/// credential counts only if its set and its qualifier's record count, it is live and its
/// qualifier is active and trusted for the kind (never for a rule naming this shard's
/// qualifiers); a wallet's investor is its link on this shard, or else its counting imported
/// link; a wallet whose imported record does not count is blocked only as this shard blocks
/// it, and a held wallet (a pending imported link) is blocked.
pub fn imported_records_count_only_while_their_shard_is_trusted(c: &Ctx) -> Result<(), String> {
	use pallet_shard_credentials::{
		Event as Sc, ImportedCredentials, ImportedInvestors, ImportedQualifiers, ImportedWallets,
	};
	if c.after.trusted != c.model.trusted {
		return Err(format!(
			"the shards trusted are {:?}, governance's events say {:?}",
			c.after.trusted, c.model.trusted
		));
	}
	let mut trusted = c.before.trusted.clone();
	for e in c.events {
		match &e.event {
			RuntimeEvent::ShardCredentials(Sc::ShardTrusted { shard, epoch }) => {
				trusted.insert(*shard, *epoch);
			},
			RuntimeEvent::ShardCredentials(Sc::ShardUntrusted { shard }) => {
				trusted.remove(shard);
			},
			RuntimeEvent::ShardCredentials(Sc::Imported { shard, applied, stale, refused }) => {
				if !trusted.contains_key(shard) {
					return Err(format!(
						"shard {shard}, not trusted, imported records ({applied} applied, {stale} \
						 stale, {refused} refused)"
					));
				}
			},
			_ => {},
		}
	}
	if let Step::Call { by: Who::Shard(shard), .. } | Step::Batch { by: Who::Shard(shard), .. } =
		c.step
	{
		if !c.before.trusted.contains_key(shard) && *c.outcome == Some(Outcome::Ok) {
			return Err(format!("shard {shard} is not trusted, but its call succeeded"));
		}
	}
	// What the registry answers for imported records is a function of the credentials' and
	// shard credentials' storage and of the time: read again only after a step that changed
	// one of them (every change to them deposits an event).
	let changed = c.before.now != c.after.now
		|| c.events.iter().any(|e| {
			matches!(e.event, RuntimeEvent::Credentials(_) | RuntimeEvent::ShardCredentials(_))
		});
	if !changed {
		return Ok(());
	}
	let counts = |shard: u32, epoch: u32| c.model.trusted.get(&shard) == Some(&epoch);
	let now = <Registry as CredentialRegistry<AccountId32>>::now();
	let registry_investors = imported_investors();
	for (investor, record) in ImportedInvestors::<Runtime>::iter() {
		if !registry_investors.contains(&investor) {
			return Err(format!(
				"imported investor I{investor} has an id outside {registry_investors:?}"
			));
		}
		if !counts(record.shard, record.epoch) {
			let jurisdiction =
				<Registry as CredentialRegistry<AccountId32>>::jurisdiction_of(investor);
			let kind = <Registry as CredentialRegistry<AccountId32>>::investor_kind(investor);
			let block = <Registry as CredentialRegistry<AccountId32>>::investor_block(investor);
			if jurisdiction.is_some() || kind.is_some() || block.is_some() {
				return Err(format!(
					"imported investor I{investor} (H{} of shard {}, epoch {}) does not count \
					 (trusted: {:?}), but the registry answers {jurisdiction:?}, {kind:?}, \
					 {block:?}",
					record.home_id, record.shard, record.epoch, c.model.trusted
				));
			}
		}
	}
	for (investor, kind, set) in ImportedCredentials::<Runtime>::iter() {
		let has = |qualifiers: Option<&[u32]>| {
			<Registry as CredentialRegistry<AccountId32>>::has_credential(
				investor, kind, qualifiers, now,
			)
		};
		if !has(None) {
			continue;
		}
		if has(Some(&[0, 1])) {
			return Err(format!(
				"imported investor I{investor}'s {kind:?} satisfies a rule naming this shard's \
				 qualifiers"
			));
		}
		let live = set.attestations.iter().any(|a| {
			a.is_live(now)
				&& ImportedQualifiers::<Runtime>::get(set.shard, a.qualifier).is_some_and(|q| {
					counts(set.shard, q.epoch)
						&& q.state.as_ref().is_some_and(|s| s.active && s.kinds.contains(&kind))
				})
		});
		if !counts(set.shard, set.epoch) || !live {
			return Err(format!(
				"imported investor I{investor} has {kind:?}, but its attestations (shard {}, epoch \
				 {}, trusted: {:?}) {}",
				set.shard,
				set.epoch,
				c.model.trusted,
				if live { "do not count" } else { "are none live by a counting qualifier" }
			));
		}
	}
	// Wallets without an imported record read as this shard has them (nothing else to read).
	for (account, w) in ImportedWallets::<Runtime>::iter() {
		let local = pallet_credentials::InvestorOfWallet::<Runtime>::get(&account);
		let counting = counts(w.shard, w.epoch);
		let want = local.or(if counting { w.investor } else { None });
		let got = investor_of(&account);
		if got != want {
			return Err(format!(
				"the registry links {} to {got:?}; its link here is {local:?}, its imported \
				 record {w:?} (trusted: {:?})",
				who(&account),
				c.model.trusted
			));
		}
		let block = <Registry as CredentialRegistry<AccountId32>>::account_block(&account);
		// Other trusted shards' blocks of the wallet, whose claims were refused, count too.
		let aside =
			pallet_shard_credentials::ImportedWalletBlocks::<Runtime>::iter_prefix(&account)
				.find_map(|(shard, b)| {
					b.block.filter(|_| counts(shard, b.epoch)).map(|b| b.reason)
				});
		if !counting {
			let here =
				pallet_credentials::Pallet::<Runtime>::block_of_account(&account).map(|b| b.reason);
			if block != here.or(aside) {
				return Err(format!(
					"{} is blocked for {block:?}, this shard's block is {here:?}, another \
					 trusted shard's {aside:?}, and its imported record {w:?} does not count \
					 (trusted: {:?})",
					who(&account),
					c.model.trusted
				));
			}
		} else if aside.is_some() && block.is_none() {
			return Err(format!(
				"{} is blocked by a trusted shard ({aside:?}) whose claim was refused, but not \
				 blocked here",
				who(&account)
			));
		} else if w.pending.is_some() && block.is_none() {
			return Err(format!(
				"{} is held (its imported link changed to {:?} under units), but not blocked",
				who(&account),
				w.pending
			));
		}
	}
	Ok(())
}

/// A delegate whose proxies of its principal are all narrow kinds (neither `Any` nor
/// `Issuance`) moves none of the principal's own units, issues or forces none, and appoints
/// no agent (whose roles would outlive the proxy): whatever the call, in one step.
pub fn narrow_delegates_stay_within_their_kind(c: &Ctx) -> Result<(), String> {
	use stoa_primitives::ProxyType;
	let Step::Proxied { delegate, principal, .. } = c.step else { return Ok(()) };
	let principal = account(*principal);
	let Some(kinds) = c.before.delegations.get(&(principal.clone(), account(*delegate))) else {
		return Ok(());
	};
	if kinds.iter().any(|k| matches!(k, ProxyType::Any | ProxyType::Issuance)) {
		return Ok(());
	}
	for m in c.moves {
		let own = m.kind.is_voluntary() && m.from.as_ref() == Some(&principal);
		let forced = matches!(
			m.kind,
			MoveKind::Issue | MoveKind::ForcedTransfer | MoveKind::ForcedRedemption
		);
		if own || forced {
			return Err(format!(
				"{}: signed through a {kinds:?} proxy of {}",
				describe(m),
				who(&principal)
			));
		}
	}
	for e in c.events {
		if let RuntimeEvent::Issuance(pallet_issuance::Event::AgentSet {
			security, agent, ..
		}) = &e.event
		{
			return Err(format!(
				"S{security}: {} made an agent through a {kinds:?} proxy of {}",
				who(agent),
				who(&principal)
			));
		}
	}
	Ok(())
}
