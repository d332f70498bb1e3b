//! Corporate actions in the real runtime: a dividend pushed to every holder by `on_idle`
//! within the block weight limit, with the runtime's generated weights.

mod common;

#[test]
fn a_dividend_reaches_every_holder_without_overweight_blocks() {
	// Enough holders to need more than one page even with the whole block to spare.
	let report = common::payout::pay_dividend(3_000);
	// `pay_dividend` asserts that every holder was paid, that the sum matches the
	// distribution's record, and that no block went over the limit.
	assert!(report.blocks >= 1);
	assert_eq!(report.per_block.iter().sum::<u32>(), 3_000);
	assert!(report.heaviest.all_lte(report.max));
	assert!(report.per_holder.ref_time() > 0);
}
