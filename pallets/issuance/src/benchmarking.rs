//! Benchmarks for `pallet_issuance`.
//!
//! Every call is measured at its worst case, against the runtime's transfer guard: longest
//! names, agents rather than the issuer (one more read), movements that create the receiver's
//! holding and empty the sender's, offerings settled with every subscription issued and paid.

use super::*;
use crate::Pallet as Issuance;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::RawOrigin;
use sp_runtime::traits::Bounded;
use stoa_primitives::{
	CredentialRegistry, Cusip, Figi, InvestorKind, Isin, Jurisdiction, Lei, Movement, MovementKind,
	OfferingId, SecurityId,
};

fn de() -> Jurisdiction {
	Jurisdiction::try_from("DE").expect("assigned")
}

fn max_bytes(len: u32) -> Vec<u8> {
	vec![b'x'; len as usize]
}

/// A fresh, valid ISIN (`XS` + the next security id + check digit).
fn isin<T: Config>() -> Isin {
	Isin::numbered(*b"XS", NextSecurityId::<T>::get()).expect("well-formed body")
}

/// A wallet of a new qualified investor of `kind`.
fn investor<T: Config>(name: &'static str, index: u32, kind: InvestorKind) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::BenchmarkHelper::qualified_investor(&who, kind, de());
	who
}

/// A wallet of an approved issuer (with a German regulator registered).
fn issuer<T: Config>() -> T::AccountId {
	let regulator: T::AccountId = account("regulator", 0, 0);
	if !Regulators::<T>::contains_key(&regulator) {
		Regulators::<T>::insert(
			&regulator,
			Regulator { jurisdiction: de(), name: Default::default() },
		);
	}
	let wallet = investor::<T>("issuer", 0, InvestorKind::LegalEntity);
	let id = T::Credentials::investor_of(&wallet).expect("just created");
	Issuers::<T>::insert(
		id,
		Issuer {
			jurisdiction: de(),
			regulator,
			licence_hash: Default::default(),
			status: IssuerStatus::Active,
		},
	);
	wallet
}

/// A security of a new issuer, and an agent holding every role (agents cost one read more
/// than the issuer).
fn security<T: Config>() -> (SecurityId, T::AccountId, T::AccountId) {
	let issuer = issuer::<T>();
	let id = NextSecurityId::<T>::get();
	Issuance::<T>::create_security(
		RawOrigin::Signed(issuer.clone()).into(),
		max_bytes(T::MaxNameLength::get()),
		max_bytes(T::MaxSymbolLength::get()),
		SecurityKind::Equity,
		6,
		Identifiers { isin: isin::<T>(), cusip: None, lei: None, figi: None },
		T::Balance::max_value() / 2u32.into(),
	)
	.expect("valid security");
	let agent: T::AccountId = account("agent", 0, 0);
	let all =
		AgentRoles { issuance: true, compliance: true, transfer: true, corporate_actions: true };
	Agents::<T>::insert(id, &agent, all);
	(id, issuer, agent)
}

fn amount<T: Config>(n: u32) -> T::Balance {
	n.into()
}

fn issue_to<T: Config>(security: SecurityId, to: &T::AccountId, units: u32) {
	Issuance::<T>::do_move(Movement {
		security,
		kind: MovementKind::Issue,
		from: None,
		to: Some(to.clone()),
		amount: amount::<T>(units),
	})
	.expect("qualified receiver");
}

/// An offering of a new security, open from second 1,000 to 2,000 (now is 1,000), and the
/// settlement asset.
fn offering<T: Config>() -> (OfferingId, SecurityId, T::AccountId, AssetIdOf<T>) {
	let (security, _, agent) = security::<T>();
	T::BenchmarkHelper::set_time(1_000);
	let treasury: T::AccountId = account("treasury", 0, 0);
	let asset = T::BenchmarkHelper::funded_settlement_asset(&treasury, amount::<T>(1_000_000));
	let id = NextOfferingId::<T>::get();
	Issuance::<T>::open_offering(
		RawOrigin::Signed(agent.clone()).into(),
		security,
		asset.clone(),
		amount::<T>(1),
		1_000,
		2_000,
		amount::<T>(1),
		amount::<T>(1_000_000_000),
		amount::<T>(1),
		amount::<T>(1_000_000_000),
		treasury,
	)
	.expect("valid offering");
	(id, security, agent, asset)
}

/// A qualified subscriber with settlement funds, subscribed to `offering`.
fn subscriber<T: Config>(offering: OfferingId, asset: &AssetIdOf<T>, index: u32) -> T::AccountId {
	let who = investor::<T>("subscriber", index, InvestorKind::Individual);
	let funded = T::BenchmarkHelper::funded_settlement_asset(&who, amount::<T>(1_000_000_000));
	assert!(funded == *asset, "one settlement asset");
	Issuance::<T>::subscribe(
		RawOrigin::Signed(who.clone()).into(),
		offering,
		amount::<T>(1_000_000),
	)
	.expect("valid subscription");
	who
}

/// A security and two investors' wallets: the sender holds 100 units, the receiver 100,
/// or nothing if `receiver_empty` is 1. Returns the receiver's holding too.
fn two_holders<T: Config>(receiver_empty: u32) -> (SecurityId, T::AccountId, T::AccountId, u32) {
	let (security, _, _) = security::<T>();
	let from = investor::<T>("holder", 0, InvestorKind::Individual);
	let to = investor::<T>("holder", 1, InvestorKind::Individual);
	issue_to::<T>(security, &from, 100);
	let held = if receiver_empty == 1 { 0 } else { 100 };
	if held > 0 {
		issue_to::<T>(security, &to, held);
	}
	(security, from, to, held)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_regulator() -> Result<(), BenchmarkError> {
		let origin = T::RegulatorAdminOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let regulator: T::AccountId = account("regulator", 1, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, regulator.clone(), de(), max_bytes(T::MaxNameLength::get()));
		assert!(Regulators::<T>::contains_key(&regulator));
		Ok(())
	}

	#[benchmark]
	fn remove_regulator() -> Result<(), BenchmarkError> {
		let origin = T::RegulatorAdminOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		issuer::<T>();
		let regulator: T::AccountId = account("regulator", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, regulator.clone());
		assert!(!Regulators::<T>::contains_key(&regulator));
		Ok(())
	}

	#[benchmark]
	fn approve_issuer() {
		let regulator: T::AccountId = account("regulator", 0, 0);
		Regulators::<T>::insert(
			&regulator,
			Regulator { jurisdiction: de(), name: Default::default() },
		);
		let wallet = investor::<T>("issuer", 0, InvestorKind::LegalEntity);
		let id = T::Credentials::investor_of(&wallet).unwrap();
		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), id, T::Hash::default());
		assert!(Issuers::<T>::contains_key(id));
	}

	#[benchmark]
	fn suspend_issuer() {
		let wallet = issuer::<T>();
		let id = T::Credentials::investor_of(&wallet).unwrap();
		let regulator: T::AccountId = account("regulator", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), id);
		assert_eq!(Issuers::<T>::get(id).unwrap().status, IssuerStatus::Suspended);
	}

	#[benchmark]
	fn reinstate_issuer() {
		let wallet = issuer::<T>();
		let id = T::Credentials::investor_of(&wallet).unwrap();
		Issuers::<T>::mutate(id, |i| i.as_mut().unwrap().status = IssuerStatus::Suspended);
		let regulator: T::AccountId = account("regulator", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), id);
		assert_eq!(Issuers::<T>::get(id).unwrap().status, IssuerStatus::Active);
	}

	#[benchmark]
	fn create_security() {
		let wallet = issuer::<T>();
		let id = NextSecurityId::<T>::get();
		let identifiers = Identifiers {
			isin: isin::<T>(),
			cusip: Some(Cusip(*b"037833100")),
			lei: Some(Lei(*b"HWUPKR0MPOU8FGXBT394")),
			figi: Some(Figi(*b"BBG000B9XRY4")),
		};
		#[extrinsic_call]
		_(
			RawOrigin::Signed(wallet),
			max_bytes(T::MaxNameLength::get()),
			max_bytes(T::MaxSymbolLength::get()),
			SecurityKind::Debt { coupon_bps: 500, maturity: u64::MAX },
			6,
			identifiers,
			amount::<T>(1_000_000),
		);
		assert!(Securities::<T>::contains_key(id));
	}

	#[benchmark]
	fn set_document() {
		let (security, issuer, _) = security::<T>();
		let name = max_bytes(T::MaxDocumentNameLength::get());
		#[extrinsic_call]
		_(
			RawOrigin::Signed(issuer),
			security,
			name,
			max_bytes(T::MaxUriLength::get()),
			T::Hash::default(),
		);
		assert_eq!(Securities::<T>::get(security).unwrap().documents, 1);
	}

	#[benchmark]
	fn remove_document() -> Result<(), BenchmarkError> {
		let (security, issuer, _) = security::<T>();
		let name = max_bytes(T::MaxDocumentNameLength::get());
		Issuance::<T>::set_document(
			RawOrigin::Signed(issuer.clone()).into(),
			security,
			name.clone(),
			max_bytes(T::MaxUriLength::get()),
			T::Hash::default(),
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), security, name);
		assert_eq!(Securities::<T>::get(security).unwrap().documents, 0);
		Ok(())
	}

	#[benchmark]
	fn set_agent() {
		let (security, issuer, _) = security::<T>();
		let agent: T::AccountId = account("agent", 1, 0);
		let roles = AgentRoles { issuance: true, ..Default::default() };
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), security, agent.clone(), roles);
		assert_eq!(Agents::<T>::get(security, &agent), Some(roles));
	}

	#[benchmark]
	fn issue() {
		let (security, _, agent) = security::<T>();
		let to = investor::<T>("holder", 0, InvestorKind::Individual);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, to.clone(), amount::<T>(100));
		assert_eq!(Holdings::<T>::get(security, &to).unwrap().balance, amount::<T>(100));
	}

	#[benchmark]
	fn batch_issue(n: Linear<1, { T::MaxBatchIssue::get() }>) {
		let (security, _, agent) = security::<T>();
		let issues: Vec<_> = (0..n)
			.map(|i| (investor::<T>("holder", i, InvestorKind::Individual), amount::<T>(100)))
			.collect();
		let batch: IssueBatchOf<T> = issues.try_into().expect("n <= MaxBatchIssue");
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, batch);
		assert_eq!(Securities::<T>::get(security).unwrap().holders, n);
	}

	#[benchmark]
	fn redeem() {
		let (security, _, _) = security::<T>();
		let holder = investor::<T>("holder", 0, InvestorKind::Individual);
		issue_to::<T>(security, &holder, 100);
		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), security, amount::<T>(100));
		assert!(Holdings::<T>::get(security, &holder).is_none());
	}

	#[benchmark]
	fn force_redeem() {
		let (security, _, agent) = security::<T>();
		let holder = investor::<T>("holder", 0, InvestorKind::Individual);
		issue_to::<T>(security, &holder, 100);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, holder.clone(), amount::<T>(100));
		assert!(Holdings::<T>::get(security, &holder).is_none());
	}

	/// A transfer between two investors' wallets under the runtime's guard and observer, with
	/// no rule set and no record date (what those add is declared apart). `r`: the receiver
	/// held nothing (a holding opened, and the investor counted as a holder); `s`: the
	/// sender sends its whole holding (closed, and no longer counted).
	#[benchmark]
	fn transfer(r: Linear<0, 1>, s: Linear<0, 1>) {
		let (security, from, to, held) = two_holders::<T>(r);
		let sent = if s == 1 { 100 } else { 40 };
		#[extrinsic_call]
		_(RawOrigin::Signed(from.clone()), security, to.clone(), amount::<T>(sent));
		assert_eq!(Holdings::<T>::get(security, &to).unwrap().balance, amount::<T>(held + sent));
	}

	/// [`Self::transfer`] that keeps the sender's holding open, through the call that
	/// promises so. `r`: the receiver held nothing.
	#[benchmark]
	fn transfer_keep_holding(r: Linear<0, 1>) {
		let (security, from, to, held) = two_holders::<T>(r);
		#[extrinsic_call]
		_(RawOrigin::Signed(from.clone()), security, to.clone(), amount::<T>(40));
		assert_eq!(Holdings::<T>::get(security, &to).unwrap().balance, amount::<T>(held + 40));
		assert_eq!(Holdings::<T>::get(security, &from).unwrap().balance, amount::<T>(60));
	}

	#[benchmark]
	fn forced_transfer() {
		let (security, _, agent) = security::<T>();
		let from = investor::<T>("holder", 0, InvestorKind::Individual);
		let to = investor::<T>("holder", 1, InvestorKind::Individual);
		issue_to::<T>(security, &from, 100);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(agent),
			security,
			from,
			to.clone(),
			amount::<T>(100),
			ForcedTransferReason::CourtOrder,
		);
		assert_eq!(Holdings::<T>::get(security, &to).unwrap().balance, amount::<T>(100));
	}

	#[benchmark]
	fn recover_holdings() {
		let (security, _, _) = security::<T>();
		let lost = investor::<T>("holder", 0, InvestorKind::Individual);
		issue_to::<T>(security, &lost, 100);
		Issuance::<T>::mutate_frozen(security, &lost, |f| *f = amount::<T>(10));
		FrozenHolders::<T>::insert(security, &lost, ());
		let new: T::AccountId = account("replacement", 0, 0);
		T::BenchmarkHelper::recover_wallet(&lost, &new);
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), security, lost);
		assert_eq!(Holdings::<T>::get(security, &new).unwrap().balance, amount::<T>(100));
	}

	#[benchmark]
	fn freeze_holder() {
		let (security, _, agent) = security::<T>();
		let holder: T::AccountId = account("holder", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, holder.clone());
		assert!(FrozenHolders::<T>::contains_key(security, &holder));
	}

	#[benchmark]
	fn unfreeze_holder() {
		let (security, _, agent) = security::<T>();
		let holder: T::AccountId = account("holder", 0, 0);
		FrozenHolders::<T>::insert(security, &holder, ());
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, holder.clone());
		assert!(!FrozenHolders::<T>::contains_key(security, &holder));
	}

	#[benchmark]
	fn set_frozen_amount() {
		let (security, _, agent) = security::<T>();
		let holder: T::AccountId = account("holder", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, holder.clone(), amount::<T>(10));
		assert_eq!(Holdings::<T>::get(security, &holder).unwrap().frozen, amount::<T>(10));
	}

	#[benchmark]
	fn pause() {
		let (security, _, agent) = security::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security);
		assert_eq!(Securities::<T>::get(security).unwrap().status, SecurityStatus::Paused);
	}

	#[benchmark]
	fn resume() {
		let (security, _, agent) = security::<T>();
		Securities::<T>::mutate(security, |s| s.as_mut().unwrap().status = SecurityStatus::Paused);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security);
		assert_eq!(Securities::<T>::get(security).unwrap().status, SecurityStatus::Active);
	}

	#[benchmark]
	fn mark_matured() {
		let (security, issuer, _) = security::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), security);
		assert_eq!(Securities::<T>::get(security).unwrap().status, SecurityStatus::Matured);
	}

	#[benchmark]
	fn open_offering() {
		let (security, _, agent) = security::<T>();
		T::BenchmarkHelper::set_time(1_000);
		let treasury: T::AccountId = account("treasury", 0, 0);
		let asset = T::BenchmarkHelper::funded_settlement_asset(&treasury, amount::<T>(1));
		let id = NextOfferingId::<T>::get();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(agent),
			security,
			asset,
			amount::<T>(1),
			1_000,
			2_000,
			amount::<T>(1),
			amount::<T>(1_000),
			amount::<T>(1),
			amount::<T>(1_000),
			treasury,
		);
		assert!(Offerings::<T>::contains_key(id));
	}

	#[benchmark]
	fn subscribe() {
		let (offering, _, _, _) = offering::<T>();
		let who = investor::<T>("subscriber", 0, InvestorKind::Individual);
		T::BenchmarkHelper::funded_settlement_asset(&who, amount::<T>(1_000_000_000));
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), offering, amount::<T>(1_000_000));
		assert!(Subscriptions::<T>::contains_key(offering, &who));
	}

	#[benchmark]
	fn withdraw_subscription() {
		let (offering, _, _, asset) = offering::<T>();
		let who = subscriber::<T>(offering, &asset, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), offering);
		assert!(!Subscriptions::<T>::contains_key(offering, &who));
	}

	#[benchmark]
	fn cancel_offering() {
		let (offering, _, agent, _) = offering::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), offering);
		assert_eq!(Offerings::<T>::get(offering).unwrap().status, OfferingStatus::Refunding);
	}

	#[benchmark]
	fn settle_offering(n: Linear<1, { T::MaxSettlementBatch::get() }>) {
		let (offering, security, _, asset) = offering::<T>();
		for i in 0..n {
			subscriber::<T>(offering, &asset, i);
		}
		T::BenchmarkHelper::set_time(2_000);
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), offering, n);
		assert_eq!(Offerings::<T>::get(offering).unwrap().status, OfferingStatus::Closed);
		assert_eq!(Securities::<T>::get(security).unwrap().holders, n);
	}

	#[benchmark]
	fn claim_refund() {
		let (offering, _, _, asset) = offering::<T>();
		let who = subscriber::<T>(offering, &asset, 0);
		// Its payment is in escrow; settlement could not refund it.
		let subscription = Subscriptions::<T>::take(offering, &who).unwrap();
		DeferredRefunds::<T>::insert(offering, &who, subscription.paid);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), offering);
		assert!(!DeferredRefunds::<T>::contains_key(offering, &who));
	}

	impl_benchmark_test_suite!(Issuance, crate::mock::new_test_ext(), crate::mock::Test);
}
