//! The fuzzer (issue 12, "invariants, not examples"): a property-based state-machine test of
//! the real runtime. Random sequences of steps (signed and root `RuntimeCall`s, `utility`
//! batches of them, and new blocks) run against `stoa-runtime` in a test externality with its
//! real pallets, weights and hooks; after every step the invariants of `fuzz/invariants.rs`
//! are checked. A failing case is shrunk by proptest to a minimal sequence of steps and
//! printed. See docs/fuzzing.md.
//!
//! Settings (environment):
//! - `STOA_FUZZ_STEPS`: steps per case (default 100);
//! - `STOA_FUZZ_CALLS`: total steps to run, cases computed from it (default 20,000), or
//!   `STOA_FUZZ_CASES`: cases;
//! - `STOA_FUZZ_SEED`: the random seed (default: from the clock; printed);
//! - `STOA_FUZZ_SHRINK_SECONDS`: how long shrinking may take (default 60);
//! - `STOA_FUZZ_ONLY` / `STOA_FUZZ_SKIP`: comma-separated invariant names to check only / not
//!   to check (to look past a known failure; the default checks every invariant).

mod common;

#[path = "fuzz/chain.rs"]
mod chain;
#[path = "fuzz/invariants.rs"]
mod invariants;
#[path = "fuzz/known.rs"]
mod known;
#[path = "fuzz/model.rs"]
mod model;
#[path = "fuzz/ops.rs"]
mod ops;
#[path = "fuzz/world.rs"]
mod world;

use std::{collections::BTreeMap, sync::OnceLock, time::Instant};

use proptest::{
	prelude::*,
	test_runner::{Config, RngSeed, TestError, TestRunner},
};
use proptest_state_machine::{ReferenceStateMachine, StateMachineTest};

use chain::{Chain, Outcome};
use invariants::{Ctx, DRIVER_INVARIANTS, INVARIANTS};
use model::{Model, Observation};
use ops::{Step, Who};

// ----------------------------------------------------------------------------------------
// Settings and statistics

struct Settings {
	steps: usize,
	cases: u32,
	seed: u64,
	shrink_seconds: u32,
	only: Option<Vec<String>>,
	skip: Vec<String>,
}

fn env_number(name: &str) -> Option<u64> {
	std::env::var(name).ok().map(|v| {
		v.replace('_', "").parse().unwrap_or_else(|_| panic!("{name}={v} is not a number"))
	})
}

fn env_list(name: &str) -> Option<Vec<String>> {
	std::env::var(name).ok().map(|v| {
		let names: Vec<String> =
			v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
		for n in &names {
			assert!(
				INVARIANTS.iter().any(|(i, _)| i == n) || DRIVER_INVARIANTS.contains(&n.as_str()),
				"{name}: no invariant is called {n}"
			);
		}
		names
	})
}

fn settings() -> &'static Settings {
	static SETTINGS: OnceLock<Settings> = OnceLock::new();
	SETTINGS.get_or_init(|| {
		let steps = env_number("STOA_FUZZ_STEPS").unwrap_or(100).max(1) as usize;
		let cases = match (env_number("STOA_FUZZ_CASES"), env_number("STOA_FUZZ_CALLS")) {
			(Some(cases), _) => cases,
			(None, calls) => calls.unwrap_or(20_000).div_ceil(steps as u64),
		}
		.max(1) as u32;
		let seed = env_number("STOA_FUZZ_SEED").unwrap_or_else(|| {
			std::time::SystemTime::now()
				.duration_since(std::time::UNIX_EPOCH)
				.map(|d| d.as_nanos() as u64)
				.unwrap_or(0)
		});
		Settings {
			steps,
			cases,
			seed,
			shrink_seconds: env_number("STOA_FUZZ_SHRINK_SECONDS").unwrap_or(60) as u32,
			only: env_list("STOA_FUZZ_ONLY"),
			skip: env_list("STOA_FUZZ_SKIP").unwrap_or_default(),
		}
	})
}

fn checked(name: &str) -> bool {
	let s = settings();
	s.only.as_ref().is_none_or(|only| only.iter().any(|o| o == name))
		&& !s.skip.iter().any(|k| k == name)
}

#[derive(Default)]
struct Stats {
	cases: u64,
	steps: u64,
	extrinsics: u64,
	batched_calls: u64,
	blocks: u64,
	ok: u64,
	failed: u64,
	skipped: u64,
	/// (successes, failures) per kind of step.
	by_step: BTreeMap<String, (u64, u64)>,
	/// Failures by error.
	errors: BTreeMap<String, u64>,
	/// Events by pallet and name (with `STOA_FUZZ_STATS` only).
	events: BTreeMap<String, u64>,
	/// Seconds spent in each invariant, and in running the steps.
	seconds: BTreeMap<&'static str, f64>,
	/// Cases, steps and extrinsics run when the first invariant broke (before shrinking).
	at_first_failure: Option<(u64, u64, u64)>,
}

impl Stats {
	/// Whether the search is on (per-step figures are not counted while shrinking).
	fn searching(&self) -> bool {
		self.at_first_failure.is_none()
	}
}

thread_local! {
	/// Each test (thread) counts its own.
	static STATS: std::cell::RefCell<Stats> = Default::default();
}

fn with_stats<R>(f: impl FnOnce(&mut Stats) -> R) -> R {
	STATS.with(|s| f(&mut s.borrow_mut()))
}

// ----------------------------------------------------------------------------------------
// The state machine

/// The reference state that drives generation: what earlier steps asked for (links to
/// accept, recoveries to carry out, distributions and offerings to use; `ops::Hints`). The
/// reference model of what the documentation allows lives with the system under test
/// (`fuzz/model.rs`), which learns it from what the chain reports.
type TheWorld = ops::Hints;

struct Plan;

impl ReferenceStateMachine for Plan {
	type State = TheWorld;
	type Transition = Step;

	fn init_state() -> BoxedStrategy<TheWorld> {
		Just(ops::Hints::world()).boxed()
	}

	fn transitions(hints: &TheWorld) -> BoxedStrategy<Step> {
		ops::step_after(hints)
	}

	fn apply(mut hints: TheWorld, step: &Step) -> TheWorld {
		hints.note(step);
		hints
	}
}

/// The system under test: the runtime's storage, and the harness driving it.
struct Sut {
	ext: sp_io::TestExternalities,
	harness: Harness,
}

/// The block being built, the reference model, and how many steps ran.
struct Harness {
	chain: Chain,
	model: Model,
	steps: usize,
}

impl Sut {
	fn new() -> Self {
		let mut ext = world::snapshot().externalities();
		let mut chain = Chain::at(world::WORLD_BLOCK, world::START);
		let model = ext.execute_with(|| {
			chain.open_block(chain::BLOCK_SECONDS);
			chain.take_events();
			Model::of_world(chain.now)
		});
		Sut { ext, harness: Harness { chain, model, steps: 0 } }
	}
}

impl Harness {
	/// Runs one step and checks every invariant; panics (a failed case) if one broke.
	fn step(&mut self, step: &Step) {
		self.steps += 1;
		let started = Instant::now();
		let before = Observation::take(self.chain.now);
		let blocks_before = self.chain.blocks_closed;
		let outcome = match step {
			Step::NextBlock { seconds } => {
				self.chain.close_block();
				self.chain.open_block(*seconds);
				None
			},
			_ => {
				let (who, call) = step.call(self.chain.now).expect("a call step");
				Some(self.chain.dispatch(who.origin(), call))
			},
		};
		let events = self.chain.take_events();
		let weight = self.chain.take_violations();
		let after = Observation::take(self.chain.now);
		let moves = model::moves(&events);
		self.model.note_events(&events, step);
		self.count(step, &outcome);
		if std::env::var_os("STOA_FUZZ_STATS").is_some() {
			with_stats(|s| {
				if s.searching() {
					for e in &events {
						*s.events.entry(event_name(&e.event)).or_default() += 1;
					}
				}
			});
		}
		let ran = started.elapsed().as_secs_f64();

		let mut broken: Vec<(&str, String)> = Vec::new();
		if !weight.is_empty() && checked("blocks_stay_within_their_weight_limit") {
			broken.push(("blocks_stay_within_their_weight_limit", weight.join("; ")));
		}
		let facts = invariants::Facts::of(&after, &self.model);
		let ctx = Ctx {
			step,
			before: &before,
			after: &after,
			events: &events,
			moves: &moves,
			model: &self.model,
			facts: &facts,
			block_closed: self.chain.blocks_closed > blocks_before,
			outcome: &outcome,
		};
		let mut timings = Vec::with_capacity(INVARIANTS.len());
		for (name, invariant) in INVARIANTS {
			if checked(name) {
				let started = Instant::now();
				if let Err(why) = invariant(&ctx) {
					broken.push((name, why));
				}
				timings.push((*name, started.elapsed().as_secs_f64()));
			}
		}
		with_stats(|s| {
			for (name, seconds) in timings {
				*s.seconds.entry(name).or_default() += seconds;
			}
			*s.seconds.entry("(running the steps)").or_default() += ran;
		});
		if !broken.is_empty() {
			with_stats(|s| {
				if s.at_first_failure.is_none() {
					s.at_first_failure = Some((s.cases, s.steps, s.extrinsics));
				}
			});
			panic!("{}", self.report(step, &outcome, &events, &broken));
		}
		self.model.learn(&before, &after, &events, &moves, &facts);
	}

	fn count(&self, step: &Step, outcome: &Option<Outcome>) {
		with_stats(|s| Self::count_in(s, step, outcome));
	}

	fn count_in(s: &mut Stats, step: &Step, outcome: &Option<Outcome>) {
		s.steps += 1;
		let (extrinsics, batched) = step.calls();
		s.extrinsics += extrinsics;
		s.batched_calls += batched;
		if !s.searching() {
			return;
		}
		let entry = s.by_step.entry(step.name()).or_default();
		match outcome {
			None => {
				entry.0 += 1;
				s.blocks += 1;
			},
			Some(Outcome::Ok) => {
				entry.0 += 1;
				s.ok += 1;
			},
			Some(Outcome::Failed(e)) => {
				entry.1 += 1;
				s.failed += 1;
				let name = match e {
					sp_runtime::DispatchError::Module(m) => m.message.unwrap_or("?").to_string(),
					other => format!("{other:?}"),
				};
				*s.errors.entry(format!("{}: {name}", step.name())).or_default() += 1;
			},
			Some(Outcome::Skipped(why)) => {
				entry.1 += 1;
				s.skipped += 1;
				*s.errors.entry(format!("{}: skipped, {why}", step.name())).or_default() += 1;
			},
		}
	}

	fn report(
		&self,
		step: &Step,
		outcome: &Option<Outcome>,
		events: &[chain::Event],
		broken: &[(&str, String)],
	) -> String {
		let mut out = String::new();
		for (name, why) in broken {
			out += &format!("invariant `{name}` broken at step {}: {why}\n", self.steps);
		}
		out += &format!("  step: {step:?}\n  outcome: {outcome:?}\n  events of the step:\n");
		for e in events {
			if !matches!(e.event, stoa_runtime::RuntimeEvent::System(_)) {
				out += &format!("    {:?}\n", e.event);
			}
		}
		readable(out)
	}
}

/// `Pallet::Event` of an event.
fn event_name(event: &stoa_runtime::RuntimeEvent) -> String {
	let debug = format!("{event:?}");
	let (pallet, rest) = debug.split_once('(').unwrap_or((&debug, ""));
	let rest = rest.strip_prefix("Event::").unwrap_or(rest);
	let name = rest.split([' ', '(', '{', ')']).next().unwrap_or("");
	format!("{pallet}::{name}")
}

/// Replaces the world's account ids in a message by their names.
fn readable(mut text: String) -> String {
	for account in world::all_accounts() {
		let debug = format!("{account:?}");
		text = text.replace(&debug, &world::name_of(account));
	}
	text
}

struct Fuzz;

impl StateMachineTest for Fuzz {
	type SystemUnderTest = Sut;
	type Reference = Plan;

	fn init_test(_: &TheWorld) -> Sut {
		with_stats(|s| s.cases += 1);
		Sut::new()
	}

	fn apply(mut sut: Sut, _: &TheWorld, step: Step) -> Sut {
		let harness = &mut sut.harness;
		sut.ext.execute_with(|| harness.step(&step));
		sut
	}
}

// ----------------------------------------------------------------------------------------
// The test

#[test]
fn runtime_invariants_hold_under_random_calls() {
	let s = settings();
	let started = Instant::now();
	world::snapshot();
	let world_seconds = started.elapsed().as_secs_f64();
	eprintln!(
		"stoa fuzz: {} cases of {} steps, seed {} (STOA_FUZZ_SEED={} reproduces), world built in \
		 {world_seconds:.1}s",
		s.cases, s.steps, s.seed, s.seed
	);
	let config = Config {
		cases: s.cases,
		failure_persistence: None,
		source_file: Some(file!()),
		fork: false,
		timeout: 0,
		max_shrink_time: s.shrink_seconds.saturating_mul(1_000),
		// (u32::MAX would mean four times the number of cases.)
		max_shrink_iters: 10_000_000,
		rng_seed: RngSeed::Fixed(s.seed),
		..Config::default()
	};
	let mut runner = TestRunner::new(config.clone());
	let strategy = Plan::sequential_strategy(s.steps..=s.steps);
	let searching = Instant::now();
	// Failed cases panic, many times over while shrinking: keep the panic hook (and its
	// backtraces) quiet; proptest keeps each panic's message, and the report prints it.
	let result = quietly(|| {
		runner.run(&strategy, |(state, steps, seen)| {
			Fuzz::test_sequential(config.clone(), state, steps, seen);
			Ok(())
		})
	});
	let seconds = searching.elapsed().as_secs_f64();
	eprintln!("{}", with_stats(|s| summary(s, seconds)));
	match result {
		Ok(()) => {},
		Err(TestError::Fail(reason, (_, steps, _))) => {
			// proptest-state-machine deletes steps in one pass, before it simplifies them;
			// once simplified, some steps may no longer be needed: delete again, keeping the
			// same invariant broken.
			let (steps, reason) = minimise(steps, reason.to_string());
			let mut listing = String::new();
			for (i, step) in steps.iter().enumerate() {
				listing += &format!("  {:>3}. {step:?}\n", i + 1);
			}
			panic!(
				"\nstoa fuzz: an invariant broke. Minimal failing sequence ({} steps, from the world \
				 of runtime/tests/fuzz/world.rs; STOA_FUZZ_SEED={} reproduces):\n{listing}\n{reason}",
				steps.len(),
				s.seed
			);
		},
		Err(TestError::Abort(reason)) => panic!("stoa fuzz aborted: {reason}"),
	}
}

thread_local! {
	/// Whether panics on this thread are expected (failed cases) and not to be printed.
	static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with this thread's panics unprinted (proptest and `run_case` keep their
/// messages). The hook is installed once for the process and asks each thread, so that tests
/// running side by side do not swap hooks under each other.
fn quietly<R>(f: impl FnOnce() -> R) -> R {
	static HOOK: std::sync::Once = std::sync::Once::new();
	HOOK.call_once(|| {
		let default = std::panic::take_hook();
		std::panic::set_hook(Box::new(move |info| {
			if !QUIET.with(|q| q.get()) {
				default(info)
			}
		}));
	});
	struct Restore(bool);
	impl Drop for Restore {
		fn drop(&mut self) {
			QUIET.with(|q| q.set(self.0));
		}
	}
	let _restore = Restore(QUIET.with(|q| q.replace(true)));
	f()
}

/// Which invariant a failure message names first.
fn broken_invariant(message: &str) -> Option<&str> {
	let start = message.find("invariant `")? + "invariant `".len();
	let end = message[start..].find('`')? + start;
	Some(&message[start..end])
}

/// Runs `steps` from the world; the failure message if an invariant broke.
fn run_case(steps: &[Step]) -> Option<String> {
	let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
		let mut sut = Sut::new();
		for step in steps {
			let harness = &mut sut.harness;
			sut.ext.execute_with(|| harness.step(step));
		}
	}));
	outcome.err().map(|payload| chain::panic_message(&*payload))
}

/// Simpler versions of a step: a batch without one of its calls, a lone call, or the
/// principal's own call instead of its delegate's.
fn simpler(step: &Step) -> Vec<Step> {
	if let Step::Proxied { principal, op, .. } = step {
		return vec![Step::Call { by: Who::By(*principal), op: op.clone() }];
	}
	let Step::Batch { by, kind, ops } = step else { return vec![] };
	let mut out: Vec<Step> = ops.iter().map(|op| Step::Call { by: *by, op: op.clone() }).collect();
	if ops.len() > 1 {
		for i in 0..ops.len() {
			let mut fewer = ops.clone();
			fewer.remove(i);
			out.push(Step::Batch { by: *by, kind: *kind, ops: fewer });
		}
	}
	out
}

/// Deletes steps, and calls from batches, while the same invariant still breaks, until no
/// single deletion keeps it broken.
fn minimise(mut steps: Vec<Step>, mut reason: String) -> (Vec<Step>, String) {
	let Some(invariant) = broken_invariant(&reason).map(str::to_string) else {
		return (steps, reason);
	};
	let still_broken = |candidate: &[Step]| match quietly(|| run_case(candidate)) {
		Some(why) if broken_invariant(&why) == Some(invariant.as_str()) => Some(why),
		_ => None,
	};
	'again: loop {
		for index in 0..steps.len() {
			if steps.len() > 1 {
				let mut candidate = steps.clone();
				candidate.remove(index);
				if let Some(why) = still_broken(&candidate) {
					(steps, reason) = (candidate, why);
					continue 'again;
				}
			}
			for simpler in simpler(&steps[index]) {
				let mut candidate = steps.clone();
				candidate[index] = simpler;
				if let Some(why) = still_broken(&candidate) {
					(steps, reason) = (candidate, why);
					continue 'again;
				}
			}
		}
		break;
	}
	(steps, reason)
}

/// The attacks the fuzzer found (or was told about), replayed as they were found: each must
/// break no invariant.
#[test]
fn known_attacks_break_no_invariant() {
	let mut broken = Vec::new();
	for (name, steps) in known::attacks() {
		if let Some(why) = quietly(|| run_case(&steps)) {
			let mut listing = String::new();
			for (i, step) in steps.iter().enumerate() {
				listing += &format!("  {:>3}. {step:?}\n", i + 1);
			}
			broken.push(format!("{name}:\n{listing}{why}"));
		}
	}
	assert!(
		broken.is_empty(),
		"{} of {} known attacks break an invariant (runtime/tests/fuzz/known.rs):\n\n{}",
		broken.len(),
		known::attacks().len(),
		broken.join("\n")
	);
}

fn summary(s: &Stats, seconds: f64) -> String {
	let mut out = format!(
		"stoa fuzz: {} cases, {} steps: {} extrinsics (batches holding {} calls among them); {:.1}s, \
		 {:.0} extrinsics/s, {:.0} steps/s",
		s.cases,
		s.steps,
		s.extrinsics,
		s.batched_calls,
		seconds,
		s.extrinsics as f64 / seconds.max(1e-9),
		s.steps as f64 / seconds.max(1e-9),
	);
	out += &format!(
		"\nstoa fuzz: of the extrinsics before any failure, {} succeeded, {} failed, {} could not \
		 be included; {} blocks closed by steps",
		s.ok, s.failed, s.skipped, s.blocks
	);
	if let Some((cases, steps, extrinsics)) = s.at_first_failure {
		out += &format!(
			"\nstoa fuzz: the first broken invariant came at case {cases}, after {steps} steps \
			 ({extrinsics} extrinsics); the rest was shrinking"
		);
	}
	if std::env::var("STOA_FUZZ_STATS").is_ok() {
		out += "\nper kind of step, before any failure (ok / failed):";
		for (name, (ok, failed)) in &s.by_step {
			out += &format!("\n  {name:<26} {ok:>7} {failed:>7}");
		}
		out += "\nevents, before any failure:";
		for (name, n) in &s.events {
			out += &format!("\n  {name:<44} {n:>8}");
		}
		out += "\nseconds spent:";
		for (name, seconds) in &s.seconds {
			out += &format!("\n  {name:<44} {seconds:>8.2}");
		}
		let mut errors: Vec<_> = s.errors.iter().collect();
		errors.sort_by(|a, b| b.1.cmp(a.1));
		out += "\nmost frequent failures:";
		for (e, n) in errors.into_iter().take(40) {
			out += &format!("\n  {n:>7} {e}");
		}
	}
	out
}
