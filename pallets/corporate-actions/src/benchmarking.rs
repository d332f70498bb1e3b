//! Benchmarks for `pallet_corporate_actions`.
//!
//! Each call is measured in its worst case within the runtime's bounds (the security's job
//! list full, every scheduled checkpoint taking effect at once, the most motions and choices).
//! The chain's paged jobs are measured per holder: `pay_holders(n)`, `redeem_holders(n)` and
//! `split_holders(n)` go through `n` holders that each have a record-date snapshot to look up
//! (the slower path), a withholding rate and a fresh settlement account, and a split rescales
//! each of them to nothing (the heavier path: the holder stops holding); `on_idle` sizes its
//! pages from these. Recoveries are not in the per-holder figures: the pallet adds
//! `recovery_weight` per holder.

use super::*;
use crate::Pallet as CorporateActions;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use sp_runtime::Perbill;
use stoa_primitives::{
	CheckpointId, CredentialRegistry, DistributionId, HoldingsObserver, Jurisdiction,
	SecurityAdmin, SecurityId, SecurityRegistry,
};

fn de() -> Jurisdiction {
	Jurisdiction::try_from("DE").expect("assigned")
}

fn units<T: Config>(n: u32) -> T::Balance {
	n.into()
}

const START: u64 = 1_700_000_000;

/// The most withholding rates, the holders' jurisdiction among them (last, so that the
/// lookup goes through the whole list).
fn rates<T: Config>() -> BoundedVec<(Jurisdiction, Perbill), T::MaxWithholdingRates> {
	let mut list: Vec<_> = Jurisdiction::all()
		.filter(|j| *j != de())
		.take(T::MaxWithholdingRates::get().saturating_sub(1) as usize)
		.map(|j| (j, Perbill::from_percent(10)))
		.collect();
	list.push((de(), Perbill::from_percent(15)));
	BoundedVec::truncate_from(list)
}

/// Fills `security`'s job list, but for `leave` places, with distributions that never pay.
fn fill_jobs<T: Config>(security: SecurityId, leave: u32) {
	let mut jobs = Jobs::<T>::get(security).unwrap_or_default();
	while (jobs.len() as u32) < T::MaxJobs::get().saturating_sub(leave) {
		jobs.try_push(Job::Pay { distribution: DistributionId::MAX, from: u64::MAX })
			.expect("below the bound");
	}
	Jobs::<T>::insert(security, jobs);
}

/// Schedules the most checkpoints of `security`, all due by `START + 10`.
fn due_checkpoints<T: Config>(security: SecurityId) {
	T::BenchmarkHelper::set_time(START);
	for i in 0..T::MaxScheduledCheckpoints::get() {
		let at = START + 1 + (i % 9) as u64;
		CorporateActions::<T>::record_date(security, RecordDate::At(at)).expect("room");
	}
	T::BenchmarkHelper::set_time(START + 10);
}

/// A security with `n` holders of 10 units each, every one with a snapshot at a later epoch
/// than the checkpoint returned (so that each lookup takes the slower path).
fn holders<T: Config>(
	debt: bool,
	n: u32,
) -> (SecurityId, T::AccountId, CheckpointId, Vec<T::AccountId>) {
	T::BenchmarkHelper::set_time(START);
	let (security, agent) = if debt {
		T::BenchmarkHelper::debt_security_with_agent(START + 1_000)
	} else {
		T::BenchmarkHelper::security_with_agent()
	};
	let accounts: Vec<T::AccountId> = (0..n).map(|i| account("holder", i, 0)).collect();
	for who in &accounts {
		T::BenchmarkHelper::holder(security, who, de(), units::<T>(10));
	}
	let (checkpoint, _) = CorporateActions::<T>::record_date(security, RecordDate::Now).unwrap();
	CorporateActions::<T>::record_date(security, RecordDate::Now).unwrap();
	for who in &accounts {
		// The balance changes after both checkpoints: a snapshot at the later epoch.
		CorporateActions::<T>::before_balance_change(security, who, units::<T>(10), None);
	}
	(security, agent, checkpoint, accounts)
}

/// A distribution of `security` at `checkpoint`, funded by `agent`, paid from now.
fn distribution<T: Config>(
	security: SecurityId,
	agent: &T::AccountId,
	checkpoint: CheckpointId,
	kind: DistributionKind,
) -> DistributionId {
	let asset = T::BenchmarkHelper::funded_asset(agent, units::<T>(u32::MAX));
	let now = START + 10;
	T::BenchmarkHelper::set_time(now);
	CorporateActions::<T>::do_create_distribution(
		security,
		kind,
		RecordDate::Checkpoint(checkpoint),
		asset,
		Amount::PerUnit(units::<T>(1_000)),
		now,
		now + 1_000,
		if kind == DistributionKind::Dividend { rates::<T>() } else { Default::default() },
		agent.clone(),
	)
	.expect("funded")
}

fn text<T: Config>() -> BoundedVec<u8, T::MaxTextLength> {
	BoundedVec::truncate_from(vec![b'x'; T::MaxTextLength::get() as usize])
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_checkpoint() {
		let (security, agent) = T::BenchmarkHelper::security_with_agent();
		due_checkpoints::<T>(security);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, None);
		let state = CheckpointStates::<T>::get(security);
		assert!(state.scheduled.is_empty());
		assert_eq!(state.epoch, T::MaxScheduledCheckpoints::get() + 1);
	}

	#[benchmark]
	fn create_distribution() {
		let (security, agent) = T::BenchmarkHelper::security_with_agent();
		T::BenchmarkHelper::holder(security, &account("holder", 0, 0), de(), units::<T>(10));
		let asset = T::BenchmarkHelper::funded_asset(&agent, units::<T>(u32::MAX));
		due_checkpoints::<T>(security);
		fill_jobs::<T>(security, 1);
		let now = START + 10;
		#[extrinsic_call]
		_(
			RawOrigin::Signed(agent),
			security,
			RecordDate::Now,
			asset,
			Amount::PerUnit(units::<T>(1_000)),
			now,
			now + 1_000,
			rates::<T>(),
		);
		assert!(Distributions::<T>::contains_key(0));
	}

	#[benchmark]
	fn cancel_distribution() {
		let (security, agent, checkpoint, _) = holders::<T>(false, 1);
		let id = distribution::<T>(security, &agent, checkpoint, DistributionKind::Dividend);
		Distributions::<T>::mutate(id, |d| d.as_mut().unwrap().pay_at = START + 100);
		fill_jobs::<T>(security, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), id);
		assert_eq!(Distributions::<T>::get(id).unwrap().status, DistributionStatus::Closed);
	}

	#[benchmark]
	fn claim() {
		// A redemption (the holder's units are burnt) whose payment starts with this claim.
		let (security, agent, checkpoint, accounts) = holders::<T>(true, 1);
		let id = distribution::<T>(security, &agent, checkpoint, DistributionKind::Redemption);
		T::Securities::mark_matured(security);
		let holder = accounts[0].clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), id);
		assert!(Payments::<T>::contains_key(id, holder));
	}

	#[benchmark]
	fn reclaim() {
		let (security, agent, checkpoint, _) = holders::<T>(false, 1);
		let id = distribution::<T>(security, &agent, checkpoint, DistributionKind::Dividend);
		fill_jobs::<T>(security, 0);
		T::BenchmarkHelper::set_time(START + 2_000);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), id);
		assert_eq!(Distributions::<T>::get(id).unwrap().status, DistributionStatus::Closed);
	}

	#[benchmark]
	fn split() {
		// A debt security (its face value is rescaled) whose job list is full but for the split
		// with per-unit distributions whose record date is to come (their amounts are
		// rescaled), and every scheduled checkpoint but one due (they take effect first).
		let (security, agent, checkpoint, _) = holders::<T>(true, 1);
		let asset = T::BenchmarkHelper::funded_asset(&agent, units::<T>(u32::MAX));
		DebtSchedules::<T>::insert(
			security,
			DebtSchedule {
				asset,
				face_value: units::<T>(1_000),
				months: 3,
				first_coupon: START + 100,
				coupons: 0,
				maturity: Some(START + 1_000),
				funder: agent.clone(),
				defaults: 0,
				redeemed: false,
			},
		);
		let mut ids = Vec::new();
		while Jobs::<T>::get(security).map_or(0, |jobs| jobs.len() as u32) < T::MaxJobs::get() - 1 {
			ids.push(distribution::<T>(security, &agent, checkpoint, DistributionKind::Dividend));
		}
		for id in &ids {
			Distributions::<T>::mutate(id, |d| d.as_mut().expect("created").record_at = u64::MAX);
		}
		let mut state = CheckpointStates::<T>::get(security);
		while (state.scheduled.len() as u32) < T::MaxScheduledCheckpoints::get() - 1 {
			state.last_id += 1;
			Checkpoints::<T>::insert(
				security,
				state.last_id,
				Checkpoint { at: START + 10, epoch: None },
			);
			state.scheduled.try_push((START + 10, state.last_id)).unwrap();
		}
		CheckpointStates::<T>::insert(security, state);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, 2, 1);
		assert!(Splits::<T>::contains_key(security));
		assert!(CheckpointStates::<T>::get(security).scheduled.is_empty());
		assert_eq!(DebtSchedules::<T>::get(security).unwrap().face_value, units::<T>(500));
		if let Some(id) = ids.first() {
			assert_eq!(
				Distributions::<T>::get(id).unwrap().amount,
				Amount::PerUnit(units::<T>(500))
			);
		}
	}

	#[benchmark]
	fn open_ballot() {
		let (security, agent) = T::BenchmarkHelper::security_with_agent();
		due_checkpoints::<T>(security);
		let motion = Motion {
			title: text::<T>(),
			choices: BoundedVec::truncate_from(vec![text::<T>(); T::MaxChoices::get() as usize]),
		};
		let motions = BoundedVec::truncate_from(vec![motion; T::MaxMotions::get() as usize]);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, RecordDate::Now, START + 10, START + 100, motions);
		assert!(Ballots::<T>::contains_key(0));
	}

	#[benchmark]
	fn vote() {
		let (security, agent, _, accounts) = holders::<T>(false, 1);
		let voter = accounts[0].clone();
		let investor = T::Credentials::investor_of(&voter).expect("investor");
		let motion = Motion {
			title: text::<T>(),
			choices: BoundedVec::truncate_from(vec![text::<T>(); T::MaxChoices::get() as usize]),
		};
		let motions = BoundedVec::truncate_from(vec![motion; T::MaxMotions::get() as usize]);
		T::BenchmarkHelper::set_time(START + 10);
		CorporateActions::<T>::open_ballot(
			RawOrigin::Signed(agent).into(),
			security,
			RecordDate::Now,
			START + 10,
			START + 100,
			motions,
		)
		.unwrap();
		// The investor's balance changes after the record date: the slower lookup.
		let (_, _) = CorporateActions::<T>::record_date(security, RecordDate::Now).unwrap();
		CorporateActions::<T>::before_balance_change(
			security,
			&voter,
			units::<T>(10),
			Some((investor, units::<T>(10))),
		);
		let choices = BoundedVec::truncate_from(vec![
			(T::MaxChoices::get() - 1) as u8;
			T::MaxMotions::get() as usize
		]);
		#[extrinsic_call]
		_(RawOrigin::Signed(voter), 0, choices);
		assert!(Votes::<T>::contains_key(0, investor));
	}

	#[benchmark]
	fn cancel_ballot() {
		let (security, agent) = T::BenchmarkHelper::security_with_agent();
		T::BenchmarkHelper::set_time(START);
		let motion = Motion {
			title: text::<T>(),
			choices: BoundedVec::truncate_from(vec![text::<T>(); T::MaxChoices::get() as usize]),
		};
		let motions = BoundedVec::truncate_from(vec![motion; T::MaxMotions::get() as usize]);
		CorporateActions::<T>::open_ballot(
			RawOrigin::Signed(agent.clone()).into(),
			security,
			RecordDate::Now,
			START + 10,
			START + 100,
			motions,
		)
		.unwrap();
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), 0);
		assert!(!Ballots::<T>::contains_key(0));
	}

	#[benchmark]
	fn set_debt_schedule() {
		T::BenchmarkHelper::set_time(START);
		let (security, agent) = T::BenchmarkHelper::debt_security_with_agent(START + 400 * 86_400);
		let asset = T::BenchmarkHelper::funded_asset(&agent, units::<T>(1));
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, asset, units::<T>(1_000), 3, START + 86_400);
		assert!(DebtSchedules::<T>::contains_key(security));
	}

	#[benchmark]
	fn redeem_at_maturity() {
		let (security, agent, _, _) = holders::<T>(true, 1);
		let asset = T::BenchmarkHelper::funded_asset(&agent, units::<T>(u32::MAX));
		DebtSchedules::<T>::insert(
			security,
			DebtSchedule {
				asset,
				face_value: units::<T>(1_000),
				months: 3,
				first_coupon: START + 1,
				coupons: 4,
				maturity: Some(START + 1_000),
				funder: agent.clone(),
				defaults: 1,
				redeemed: false,
			},
		);
		T::BenchmarkHelper::set_time(START + 1_000);
		due_checkpoints_at::<T>(security, START + 1_000);
		fill_jobs::<T>(security, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security);
		assert!(DebtSchedules::<T>::get(security).unwrap().redeemed);
	}

	#[benchmark]
	fn activate() {
		// The record date's supply is larger than at creation: the shortfall is collected.
		let (security, agent, checkpoint, _) = holders::<T>(false, 1);
		let id = distribution::<T>(security, &agent, checkpoint, DistributionKind::Dividend);
		let mut record = Distributions::<T>::get(id).unwrap();
		record.amount = Amount::PerUnit(units::<T>(2_000));
		#[block]
		{
			CorporateActions::<T>::activate(id, &mut record).expect("funded");
		}
		assert_eq!(record.status, DistributionStatus::Paying);
	}

	#[benchmark]
	fn pay_holders(n: Linear<0, 200>) {
		let (security, agent, checkpoint, _) = holders::<T>(false, n);
		let id = distribution::<T>(security, &agent, checkpoint, DistributionKind::Dividend);
		let mut record = Distributions::<T>::get(id).unwrap();
		CorporateActions::<T>::activate(id, &mut record).expect("funded");
		#[block]
		{
			CorporateActions::<T>::push(id, &mut record, n);
		}
		assert_eq!(record.payments, n);
	}

	#[benchmark]
	fn redeem_holders(n: Linear<0, 200>) {
		let (security, agent, checkpoint, _) = holders::<T>(true, n);
		let id = distribution::<T>(security, &agent, checkpoint, DistributionKind::Redemption);
		T::Securities::mark_matured(security);
		let mut record = Distributions::<T>::get(id).unwrap();
		CorporateActions::<T>::activate(id, &mut record).expect("funded");
		#[block]
		{
			CorporateActions::<T>::push(id, &mut record, n);
		}
		assert_eq!(record.payments, n);
	}

	#[benchmark]
	fn split_holders(n: Linear<0, 200>) {
		// A reverse split that leaves every holder (10 units) with nothing: the heavier path
		// (the holder stops holding, its exit is recorded, the guard's counts follow).
		let (security, agent, _, accounts) = holders::<T>(false, n);
		let denominator = T::MaxSplitRatio::get();
		assert!(denominator > 10, "a 1:MaxSplitRatio split must rescale 10 units to nothing");
		CorporateActions::<T>::split(RawOrigin::Signed(agent).into(), security, 1, denominator)
			.unwrap();
		let visited;
		#[block]
		{
			visited = CorporateActions::<T>::split_page(security, n);
		}
		assert_eq!(visited, n);
		for who in &accounts {
			assert!(sp_runtime::traits::Zero::is_zero(&T::Securities::balance_of(security, who)));
		}
	}

	#[benchmark]
	fn service_debt() {
		// A coupon on a full calendar, its distribution joining an almost full job list.
		let (security, agent, _, _) = holders::<T>(true, 1);
		let asset = T::BenchmarkHelper::funded_asset(&agent, units::<T>(u32::MAX));
		let now = START + 10;
		CorporateActions::<T>::set_debt_schedule(
			RawOrigin::Signed(agent).into(),
			security,
			asset,
			units::<T>(1_000),
			3,
			now,
		)
		.unwrap();
		fill_jobs::<T>(security, 1);
		T::BenchmarkHelper::set_time(now);
		due_checkpoints_at::<T>(security, now);
		#[block]
		{
			assert!(CorporateActions::<T>::service_next_debt_payment(now));
		}
		assert_eq!(DebtSchedules::<T>::get(security).unwrap().coupons, 1);
		assert_eq!(MissedCoupons::<T>::iter_prefix(security).count(), 0);
	}

	#[benchmark]
	fn retry_coupon() {
		// A missed coupon whose distribution joins an almost full job list.
		let (security, agent, checkpoint, _) = holders::<T>(true, 1);
		let asset = T::BenchmarkHelper::funded_asset(&agent, units::<T>(u32::MAX));
		let now = START + 10;
		CorporateActions::<T>::set_debt_schedule(
			RawOrigin::Signed(agent.clone()).into(),
			security,
			asset,
			units::<T>(1_000),
			3,
			now,
		)
		.unwrap();
		MissedCoupons::<T>::insert(
			security,
			1,
			MissedCoupon { checkpoint, rate: units::<T>(12), due_at: now },
		);
		fill_jobs::<T>(security, 1);
		T::BenchmarkHelper::set_time(now);
		#[extrinsic_call]
		_(RawOrigin::Signed(agent), security, 1);
		assert!(!MissedCoupons::<T>::contains_key(security, 1));
	}

	#[benchmark]
	fn claim_recovered() {
		// A redemption owed to a wallet lost and replaced as many times as followed, whose
		// payment starts with this claim.
		let (security, agent, checkpoint, accounts) = holders::<T>(true, 1);
		let id = distribution::<T>(security, &agent, checkpoint, DistributionKind::Redemption);
		T::Securities::mark_matured(security);
		let lost = accounts[0].clone();
		let mut from = lost.clone();
		for hop in 0..MAX_RECOVERY_HOPS {
			let to: T::AccountId = account("replacement", hop, 0);
			let recovery = Recovery { to: to.clone(), until: None };
			Recoveries::<T>::insert(&from, RecoveriesOf::<T>::truncate_from(vec![recovery]));
			from = to;
		}
		let new = from;
		T::BenchmarkHelper::holder(security, &new, de(), units::<T>(0));
		#[extrinsic_call]
		_(RawOrigin::Signed(new.clone()), id, lost.clone());
		assert!(Payments::<T>::contains_key(id, lost));
	}

	impl_benchmark_test_suite!(CorporateActions, crate::mock::new_test_ext(), crate::mock::Test);
}

/// Schedules the most checkpoints of `security` that fit, due by `now` (so that the next
/// balance change or checkpoint materialises them all).
fn due_checkpoints_at<T: Config>(security: SecurityId, now: u64) {
	let mut state = CheckpointStates::<T>::get(security);
	while (state.scheduled.len() as u32) < T::MaxScheduledCheckpoints::get() {
		state.last_id += 1;
		Checkpoints::<T>::insert(security, state.last_id, Checkpoint { at: now, epoch: None });
		state.scheduled.try_push((now, state.last_id)).unwrap();
	}
	CheckpointStates::<T>::insert(security, state);
}
