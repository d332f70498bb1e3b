//! How many blocks the chain takes to pay a dividend to every holder, with the runtime's real
//! pallets, weights and block limits (a runtime test environment, no node).
//!
//!     scripts/bench-distribution.sh              # 5,000 and 100,000 holders
//!     scripts/bench-distribution.sh 20000        # any sizes
//!
//! For each size: creates that many KYC'd investors holding a security (one in ten British,
//! with 15% withholding), creates a per-unit dividend paid from the next block, then runs
//! blocks (the base block and timestamp inherent weights, on_initialize, on_idle with the
//! weight the block has left, on_finalize) until every holder is paid. Prints the blocks taken,
//! holders paid per block, and the heaviest block against the block's weight limit; fails if a
//! block exceeded it or a holder was missed.

#[path = "../tests/common/mod.rs"]
mod common;

fn summarise(per_block: &[u32]) -> String {
	if per_block.len() <= 8 {
		return per_block.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
	}
	let last = per_block[per_block.len() - 1];
	let most = per_block.iter().max().copied().unwrap_or_default();
	format!("up to {most}, last {last}")
}

fn main() {
	let sizes: Vec<u32> =
		std::env::args().skip(1).map(|a| a.parse().expect("holder counts are numbers")).collect();
	let sizes = if sizes.is_empty() { vec![5_000, 100_000] } else { sizes };
	for holders in sizes {
		let r = common::payout::pay_dividend(holders);
		println!(
			"{holders:>7} holders: paid in {} blocks after the payment date (holders per block: \
			 {}); heaviest block {:.1}% of the {:.1} s limit; no block over its limit \
			 [weight per holder {:.0} µs; set-up {:.0} s, not measured]",
			r.blocks,
			summarise(&r.per_block),
			100.0 * r.heaviest.ref_time() as f64 / r.max.ref_time() as f64,
			r.max.ref_time() as f64 / 1e12,
			r.per_holder.ref_time() as f64 / 1e6,
			r.setup_seconds,
		);
	}
}
