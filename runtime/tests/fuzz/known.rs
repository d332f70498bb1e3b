//! Attacks the fuzzer found (minimal sequences, as it printed them) or that issue 12 named,
//! replayed from the world by `known_attacks_break_no_invariant`: each must break no
//! invariant. Add the sequence of every defect the fuzzer finds here once it is understood.

use super::{
	ops::{BatchKind, Inv, Op::*, Step, Units, Who::By, S},
	world::*,
};

fn call(by: A, op: super::ops::Op) -> Step {
	Step::Call { by: By(by), op }
}

/// (what the attack is, its steps from the world).
pub fn attacks() -> Vec<(&'static str, Vec<Step>)> {
	vec![
		(
			"a batch sends a whole holding, then a transfer to the sender's own wallet that \
			 fails: weighed again after the holding closed, it must not be charged more than the \
			 batch declared",
			vec![Step::Batch {
				by: By(CHARLIE),
				kind: BatchKind::All,
				ops: vec![
					Transfer { security: S(1), to: FR_A, amount: Units::All },
					Transfer { security: S(1), to: CHARLIE, amount: Units::Exact(1) },
				],
			}],
		),
		(
			"a blocked investor's wallet leaves its investor, comes back as a protocol holder \
			 and sells, in one batch",
			vec![
				call(FERDIE, BlockInvestor { investor: Inv(1) }),
				Step::Batch {
					by: By(BOB),
					kind: BatchKind::All,
					ops: vec![
						Unlink { wallet: BOB },
						RegisterProtocolHolder { account: BOB },
						Transfer { security: S(0), to: ALICE, amount: Units::All },
					],
				},
			],
		),
		(
			"a wallet that left its investor as a protocol holder sells after the investor is \
			 blocked",
			vec![
				Step::Batch {
					by: By(BOB),
					kind: BatchKind::Batch,
					ops: vec![Unlink { wallet: BOB }, RegisterProtocolHolder { account: BOB }],
				},
				call(FERDIE, BlockInvestor { investor: Inv(1) }),
				call(BOB, Transfer { security: S(2), to: ALICE, amount: Units::Exact(1) }),
			],
		),
		(
			"a qualifier unlinks a wallet that holds units: nobody stands behind them",
			vec![call(FERDIE, Unlink { wallet: FR_B })],
		),
		(
			"a wallet becomes a protocol holder with its investor's units: holder counts drift",
			vec![Step::Batch {
				by: By(CHARLIE),
				kind: BatchKind::Batch,
				ops: vec![Unlink { wallet: CHARLIE }, RegisterProtocolHolder { account: CHARLIE }],
			}],
		),
		(
			"a wallet relinked to another investor takes its units along: holder counts drift",
			vec![
				call(FERDIE, Unlink { wallet: CHARLIE }),
				call(FERDIE, RequestLink { investor: Inv(1), wallet: CHARLIE }),
				call(CHARLIE, AcceptLink { investor: Inv(1) }),
			],
		),
		(
			"the treasury's exemption lifts the non-accredited holder cap for its buyer",
			vec![call(ALICE, Transfer { security: S(0), to: GB_CO, amount: Units::Exact(1) })],
		),
		(
			"the treasury's exemption lifts the holding limit for its buyer",
			vec![call(GB_CO, Transfer { security: S(1), to: ALICE, amount: Units::Exact(50_001) })],
		),
		(
			"the treasury's exemption lets a US investor in past the deny-list",
			vec![call(GB_CO, Transfer { security: S(1), to: DAVE, amount: Units::Exact(10) })],
		),
		(
			"the treasury's exemption lifts the seller's lock-up",
			vec![call(BOB, Transfer { security: S(2), to: ALICE, amount: Units::Exact(10) })],
		),
		(
			"a lost wallet holding only a frozen amount is recovered while a split rescales its \
			 security: the holding moves past the split's lock",
			vec![
				call(AGENT1, SetFrozen { security: S(1), holder: FR_A, amount: 1 }),
				call(FERDIE, RecoverWallet { lost: FR_A, new: FR_B }),
				call(AGENT1, Split { security: S(1), numerator: 2, denominator: 1 }),
				call(ALICE, RecoverHoldings { security: S(1), lost: FR_A }),
			],
		),
		(
			"a lost wallet's units cannot be recovered when the investor's holding and the lost \
			 wallet's together exceed a holding limit",
			vec![
				call(
					AGENT1,
					SetRules {
						security: S(1),
						rules: vec![super::ops::RuleT::MaxHolding { amount: 1_500, exempt: None }],
					},
				),
				call(FERDIE, RecoverWallet { lost: DE_B, new: DE_A }),
			],
		),
		(
			"a lost wallet's units cannot be recovered when the investor already holds more than \
			 a holding limit set later (the recovery changes nothing it holds)",
			vec![
				call(FERDIE, RecoverWallet { lost: DE_B, new: DE_A }),
				call(
					AGENT1,
					SetRules {
						security: S(1),
						rules: vec![super::ops::RuleT::MaxHolding { amount: 1, exempt: None }],
					},
				),
			],
		),
	]
}
