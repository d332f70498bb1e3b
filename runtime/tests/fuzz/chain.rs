//! Blocks as a block author builds them: `on_initialize`, the timestamp inherent, extrinsics
//! booked by `CheckWeight` at their declared weight (a call that no longer fits waits for the
//! next block, as in the transaction pool), `on_idle` with the weight left, `on_finalize`.
//! Calls are dispatched as `RuntimeCall`s with their origins; panics are caught and reported.

use std::panic::{catch_unwind, AssertUnwindSafe};

use codec::Encode;
use frame_support::{
	dispatch::{DispatchClass, DispatchInfo, GetDispatchInfo, PostDispatchInfo},
	traits::{OnFinalize, OnIdle, OnInitialize},
};
use sp_runtime::{
	traits::{Dispatchable, TransactionExtension},
	AccountId32, DispatchError, DispatchErrorWithPostInfo,
};
use stoa_runtime::{
	configs::RuntimeBlockWeights, AllPalletsWithSystem, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, System, TxExtension,
};

/// Seconds between two blocks when the chain just goes on.
pub const BLOCK_SECONDS: u64 = 6;

/// What a signature, address and transaction extensions add to a call's length.
const EXTRINSIC_OVERHEAD: usize = 110;

/// What became of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
	/// Dispatched and succeeded.
	Ok,
	/// Dispatched and failed (nothing changed).
	Failed(DispatchError),
	/// Never dispatched: no block could include it (too heavy or too long).
	Skipped(&'static str),
}

/// An event, with the chain time (seconds) it was deposited at.
#[derive(Clone, Debug)]
pub struct Event {
	pub event: RuntimeEvent,
	pub at: u64,
}

/// The chain being driven: the current block, its time, and what was seen in it.
pub struct Chain {
	/// The block being built.
	pub block: u32,
	/// Its timestamp (seconds).
	pub now: u64,
	/// Events already taken from the current block.
	events_read: usize,
	/// Events collected since [`Chain::take_events`] last ran.
	pending: Vec<Event>,
	/// Broken weight rules since [`Chain::take_violations`] last ran.
	violations: Vec<String>,
	/// Blocks closed since the chain was created.
	pub blocks_closed: u64,
}

/// The runtime's transaction extensions, as a signed extrinsic carries them.
fn extensions() -> TxExtension {
	crate::common::extensions(0)
}

/// What an extrinsic carrying `call` declares: the call's weight and its extensions'.
pub fn extrinsic_info(call: &RuntimeCall) -> DispatchInfo {
	let mut info = call.get_dispatch_info();
	info.extension_weight = extensions().weight(call);
	info
}

/// The message of a caught panic.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
	payload
		.downcast_ref::<&str>()
		.map(|s| s.to_string())
		.or_else(|| payload.downcast_ref::<String>().cloned())
		.unwrap_or_else(|| "<non-string panic>".into())
}

impl Chain {
	/// The chain of the world being built: block `block` (already started) at `now`.
	pub fn setup(block: u32, now: u64) -> Self {
		crate::common::relay::set_validation_data(block);
		Self::at(block, now)
	}

	/// Takes over a chain whose last block, `block` at `now`, was closed.
	pub fn at(block: u32, now: u64) -> Self {
		Chain {
			block,
			now,
			events_read: 0,
			pending: Vec::new(),
			violations: Vec::new(),
			blocks_closed: 0,
		}
	}

	/// Dispatches a set-up call (no weight booking).
	pub fn setup_dispatch(
		&mut self,
		who: Option<AccountId32>,
		call: RuntimeCall,
	) -> Result<(), DispatchError> {
		let origin = match who {
			Some(who) => RuntimeOrigin::signed(who),
			None => RuntimeOrigin::root(),
		};
		call.dispatch(origin).map(|_| ()).map_err(|e| e.error)
	}

	/// Closes the set-up block (its timestamp was written directly).
	pub fn setup_close_block(&mut self) {
		write_did_update();
		self.close_block();
		let violations = self.take_violations();
		assert!(violations.is_empty(), "world set-up block: {violations:?}");
		self.events_read = 0;
		self.pending.clear();
	}

	/// Runs a hook, turning a panic into a test failure that names it.
	fn hook<R>(&self, name: &str, f: impl FnOnce() -> R) -> R {
		match catch_unwind(AssertUnwindSafe(f)) {
			Ok(r) => r,
			Err(payload) => panic!(
				"PANIC in {name} of block {}: {} (invariant `no_panics`)",
				self.block,
				panic_message(&*payload)
			),
		}
	}

	/// Opens the next block, `seconds` after the current one.
	pub fn open_block(&mut self, seconds: u64) {
		self.collect();
		self.block += 1;
		System::reset_events();
		self.events_read = 0;
		System::initialize(
			&self.block,
			&crate::common::relay::parent_hash_of(self.block),
			&Default::default(),
		);
		let weights = RuntimeBlockWeights::get();
		System::register_extra_weight_unchecked(weights.base_block, DispatchClass::Mandatory);
		let block = self.block;
		// `on_initialize` runs before the timestamp inherent: it still sees the last block's
		// time, as on a real chain.
		let init = self.hook("on_initialize", || {
			<AllPalletsWithSystem as OnInitialize<u32>>::on_initialize(block)
		});
		System::register_extra_weight_unchecked(init, DispatchClass::Mandatory);
		// The relay chain's inherent (it books its own weight).
		self.hook("set_validation_data", || crate::common::relay::set_validation_data(block));
		self.collect();
		// The timestamp inherent (written directly: Aura's slot check needs a pre-runtime
		// digest this harness does not make).
		self.now += seconds;
		pallet_timestamp::Now::<Runtime>::put(self.now * 1_000);
		write_did_update();
		let inherent = <<Runtime as pallet_timestamp::Config>::WeightInfo as pallet_timestamp::WeightInfo>::set();
		System::register_extra_weight_unchecked(inherent, DispatchClass::Mandatory);
		let used = System::block_weight().total();
		if used.any_gt(weights.max_block) {
			self.violations.push(format!(
				"block {}: on_initialize ({init:?}) and the inherents take {used:?}, over the \
				 block limit {:?}",
				self.block, weights.max_block
			));
		}
	}

	/// Closes the current block: `on_idle` with the weight left, then `on_finalize`.
	pub fn close_block(&mut self) {
		let weights = RuntimeBlockWeights::get();
		let before_idle = System::block_weight().total();
		let remaining = weights.max_block.saturating_sub(before_idle);
		let block = self.block;
		let idle = self
			.hook("on_idle", || <AllPalletsWithSystem as OnIdle<u32>>::on_idle(block, remaining));
		if idle.any_gt(remaining) {
			self.violations.push(format!(
				"block {}: on_idle used {idle:?} with only {remaining:?} left",
				self.block
			));
		}
		System::register_extra_weight_unchecked(idle, DispatchClass::Mandatory);
		self.hook("on_finalize", || <AllPalletsWithSystem as OnFinalize<u32>>::on_finalize(block));
		let total = System::block_weight().total();
		if total.any_gt(weights.max_block) {
			self.violations.push(format!(
				"block {}: weighs {total:?}, over the block limit {:?} (extrinsics and hooks \
				 before on_idle: {before_idle:?}, on_idle: {idle:?})",
				self.block, weights.max_block
			));
		}
		self.blocks_closed += 1;
		self.collect();
	}

	/// Dispatches `call` from `origin` (root, signed, or a sibling shard's XCM origin) in the
	/// current block, as an extrinsic: it is booked at its declared weight, and waits for the
	/// next block if this one is full. (A shard's import arrives as an XCM message, booked by
	/// the message queue at its declared weight: booked the same way here.)
	pub fn dispatch(&mut self, origin: RuntimeOrigin, call: RuntimeCall) -> Outcome {
		let info = extrinsic_info(&call);
		let len = call.encoded_size() + EXTRINSIC_OVERHEAD;
		if !self.book(&info, len) {
			// A full block: the author leaves the extrinsic for the next one.
			self.close_block();
			self.open_block(BLOCK_SECONDS);
			if !self.book(&info, len) {
				return Outcome::Skipped("it does not fit in an empty block");
			}
		}
		let dispatched = call.clone();
		let result = match catch_unwind(AssertUnwindSafe(move || dispatched.dispatch(origin))) {
			Ok(result) => result,
			Err(payload) => panic!(
				"PANIC while dispatching {call:?} in block {}: {} (invariant `no_panics`)",
				self.block,
				panic_message(&*payload)
			),
		};
		let post: PostDispatchInfo = match &result {
			Ok(post) => *post,
			Err(DispatchErrorWithPostInfo { post_info, .. }) => *post_info,
		};
		if let Some(actual) = post.actual_weight {
			if actual.any_gt(info.call_weight) {
				self.violations.push(format!(
					"block {}: a call reported using {actual:?}, more than the {:?} it declared: \
					 {call:?}",
					self.block, info.call_weight
				));
			}
		}
		let _ = frame_system::Pallet::<Runtime>::reclaim_weight(&info, &post);
		frame_system::Pallet::<Runtime>::note_applied_extrinsic(&result, info);
		self.collect();
		match result {
			Ok(_) => Outcome::Ok,
			Err(e) => Outcome::Failed(e.error),
		}
	}

	/// Books an extrinsic in the current block as `CheckWeight` does; false if it does not
	/// fit. An extrinsic too heavy or too long for any block is booked nowhere either.
	fn book(&mut self, info: &DispatchInfo, len: usize) -> bool {
		let Ok((_, next_len)) = frame_system::CheckWeight::<Runtime>::do_validate(info, len) else {
			return false;
		};
		frame_system::CheckWeight::<Runtime>::do_prepare(info, len, next_len).is_ok()
	}

	/// Moves the current block's new events to the pending list.
	fn collect(&mut self) {
		let records = System::read_events_no_consensus().skip(self.events_read);
		let now = self.now;
		for record in records {
			self.events_read += 1;
			self.pending.push(Event { event: record.event.clone(), at: now });
		}
	}

	/// The events deposited since the last call, in order.
	pub fn take_events(&mut self) -> Vec<Event> {
		self.collect();
		std::mem::take(&mut self.pending)
	}

	/// The weight rules broken since the last call.
	pub fn take_violations(&mut self) -> Vec<String> {
		std::mem::take(&mut self.violations)
	}
}

/// What the timestamp inherent records (`Timestamp::DidUpdate`, checked in `on_finalize`).
fn write_did_update() {
	frame_support::storage::unhashed::put(
		&frame_support::storage::storage_prefix(b"Timestamp", b"DidUpdate"),
		&true,
	);
}
