//! Benchmarks for `pallet_compliance`.
//!
//! `evaluate` measures one transfer's evaluation under rule sets of growing complexity built
//! from the most expensive rules (credential checks on both sides against a qualifier list,
//! holder limits by category, ownership, vesting, approval). A transfer declares it for the
//! complexity its security's rule set has (`RuleCosts`); the calls that do not know the
//! security's rule set up front declare it at `MaxComplexity`.

use super::*;
use crate::Pallet as Compliance;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use sp_runtime::{Perbill, SaturatedConversion};
use stoa_primitives::{CredentialKind, Jurisdiction, Movement, MovementKind, TransferGuard};

fn de() -> Jurisdiction {
	Jurisdiction::try_from("DE").expect("assigned")
}

fn units<T: Config>(n: u32) -> T::Balance {
	n.into()
}

/// The most expensive rule set of at most `budget` complexity within the rule limit.
fn rules_of_complexity<T: Config>(budget: u32) -> RuleSetOf<T> {
	let list = |n: usize| -> BoundedVec<_, T::MaxListLength> {
		(0..n.min(T::MaxListLength::get() as usize))
			.map(|i| i as u32)
			.collect::<Vec<_>>()
			.try_into()
			.unwrap()
	};
	let rule = |kind| Rule { kind, exemptions: BoundedVec::new() };
	let candidates: Vec<RuleOf<T>> = vec![
		rule(RuleKind::MaxHolders {
			scope: HolderScope::Category(InvestorCategory::NonAccredited),
			max: u32::MAX,
		}),
		rule(RuleKind::MaxHolders { scope: HolderScope::Jurisdiction(de()), max: u32::MAX }),
		rule(RuleKind::MaxOwnership { share: Perbill::one(), base: SupplyBase::Outstanding }),
		rule(RuleKind::MinHolding { amount: units::<T>(1) }),
		rule(RuleKind::Vesting { offering: 0, start: 0, cliff: 0, end: u64::MAX }),
		rule(RuleKind::ManualApproval),
	];
	let credential = || {
		rule(RuleKind::RequiredCredential {
			side: Side::Both,
			kind: CredentialKind::Kyc,
			qualifiers: list(4),
		})
	};
	let mut rules: Vec<RuleOf<T>> = Vec::new();
	let fits = |rules: &[RuleOf<T>], next: &RuleOf<T>| {
		(rules.len() as u32) < T::MaxRules::get()
			&& Compliance::<T>::complexity(rules) + Compliance::<T>::complexity(&[next.clone()])
				<= budget
	};
	for next in candidates {
		if fits(&rules, &next) {
			rules.push(next);
		}
	}
	while fits(&rules, &credential()) {
		rules.push(credential());
	}
	// Top up what is left with a one-unit rule, so that the cost follows the complexity.
	let filler = || rule(RuleKind::MaxHolding { amount: units::<T>(u32::MAX) });
	while fits(&rules, &filler()) {
		rules.push(filler());
	}
	rules.try_into().expect("at most MaxRules")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_rules(n: Linear<1, { T::MaxRules::get() }>) {
		let (security, agent) = T::BenchmarkHelper::security_with_agent();
		let rules: RuleSetOf<T> = (0..n)
			.map(|_| Rule { kind: RuleKind::ManualApproval, exemptions: BoundedVec::new() })
			.collect::<Vec<_>>()
			.try_into()
			.expect("n <= MaxRules");
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, rules);
		assert_eq!(Rules::<T>::get(security).len() as u32, n);
	}

	#[benchmark]
	fn approve_transfer() {
		let (security, agent) = T::BenchmarkHelper::security_with_agent();
		let (from, to): (T::AccountId, T::AccountId) = (account("from", 0, 0), account("to", 0, 0));
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, from.clone(), to.clone(), units::<T>(10));
		assert!(Approvals::<T>::contains_key(security, (from, to, units::<T>(10))));
	}

	#[benchmark]
	fn cancel_approval() {
		let (security, agent) = T::BenchmarkHelper::security_with_agent();
		let (from, to): (T::AccountId, T::AccountId) = (account("from", 0, 0), account("to", 0, 0));
		Approvals::<T>::insert(security, (from.clone(), to.clone(), units::<T>(10)), 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, from.clone(), to.clone(), units::<T>(10));
		assert!(!Approvals::<T>::contains_key(security, (from, to, units::<T>(10))));
	}

	/// An investor holding `n + c` securities, `c` of them filed under a stale jurisdiction
	/// (re-filed), the others already right (read only).
	#[benchmark]
	fn recount_investor(
		n: Linear<0, { T::MaxSecuritiesPerInvestor::get() }>,
		c: Linear<1, { T::MaxSecuritiesPerInvestor::get() }>,
	) {
		let holder: T::AccountId = account("holder", 0, 0);
		let mut investor = 0;
		for i in 0..n + c {
			let (security, _) = T::BenchmarkHelper::security_with_agent();
			if i == 0 {
				investor = T::BenchmarkHelper::holder(security, &holder, de(), units::<T>(10));
			} else {
				Compliance::<T>::on_holding_changed(security, investor, true);
			}
			if i < c {
				let stale = Jurisdiction::try_from("AD").unwrap();
				let counted = Counted::<T>::get(investor, security).expect("counted");
				Counted::<T>::insert(
					investor,
					security,
					CountedAs { jurisdiction: stale, ..counted },
				);
			}
		}
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), investor);
		assert!(Counted::<T>::iter_prefix(investor).all(|(_, c)| c.jurisdiction == de()));
	}

	/// A transfer evaluated under a rule set of complexity `c`.
	#[benchmark]
	fn evaluate(c: Linear<0, { T::MaxComplexity::get() }>) {
		let (security, _) = T::BenchmarkHelper::security_with_agent();
		let from: T::AccountId = account("from", 0, 0);
		let to: T::AccountId = account("to", 0, 0);
		let sender = T::BenchmarkHelper::holder(security, &from, de(), units::<T>(1_000));
		T::BenchmarkHelper::holder(security, &to, de(), units::<T>(0));
		// Units recorded before the most splits the pallet follows: each applies on read.
		OfferingUnits::<T>::insert(
			(security, 0, UnitsOwner::Investor(sender)),
			OfferingUnitsRecord { units: units::<T>(1_000), splits: 0 },
		);
		let history: BoundedVec<(u32, u32), MaxSplits> =
			alloc::vec![(1, 1); <MaxSplits as Get<u32>>::get() as usize]
				.try_into()
				.expect("bounded");
		SplitHistory::<T>::insert(security, history);
		T::BenchmarkHelper::set_time(1_000);
		let rules = rules_of_complexity::<T>(c);
		assert!(Compliance::<T>::complexity(&rules) <= c);
		Rules::<T>::insert(security, rules);
		Approvals::<T>::insert(security, (from.clone(), to.clone(), units::<T>(10)), 0);
		let movement = Movement {
			security,
			kind: MovementKind::Transfer,
			from: Some(from),
			to: Some(to),
			amount: units::<T>(10),
		};
		#[block]
		{
			core::hint::black_box(Compliance::<T>::evaluate(&movement));
		}
	}

	#[benchmark]
	fn on_moved_worst_case() {
		let (security, _) = T::BenchmarkHelper::security_with_agent();
		let from: T::AccountId = account("from", 0, 0);
		let to: T::AccountId = account("to", 0, 0);
		let sender = T::BenchmarkHelper::holder(security, &from, de(), units::<T>(10));
		let receiver = T::BenchmarkHelper::holder(security, &to, de(), units::<T>(0));
		// A manual-approval rule, made costlier in this block: the approval is used up and
		// the difference is booked to the block.
		RuleCosts::<T>::insert(
			security,
			RuleCost {
				complexity: 1,
				approvals: true,
				raised: Some((frame_system::Pallet::<T>::block_number().saturated_into(), 0)),
			},
		);
		Approvals::<T>::insert(security, (from.clone(), to.clone(), units::<T>(10)), 0);
		let movement = Movement {
			security,
			kind: MovementKind::Transfer,
			from: Some(from.clone()),
			to: Some(to.clone()),
			amount: units::<T>(10),
		};
		#[block]
		{
			// A transfer that moves a whole holding: the receiver starts holding, the sender
			// stops, and a one-time approval is consumed.
			Compliance::<T>::on_holding_changed(security, receiver, true);
			Compliance::<T>::on_holding_changed(security, sender, false);
			Compliance::<T>::on_moved(&movement);
		}
		assert!(!Approvals::<T>::contains_key(security, (from, to, units::<T>(10))));
	}

	impl_benchmark_test_suite!(Compliance, crate::mock::new_test_ext(), crate::mock::Test);
}
