//! Attacks the fuzzer found (minimal sequences, as it printed them) or that issue 12 named,
//! replayed from the world by `known_attacks_break_no_invariant`: each must break no
//! invariant. Add the sequence of every defect the fuzzer finds here once it is understood.

use stoa_primitives::CredentialKind;

use super::{
	ops::{Att, BatchKind, Inv, Op::*, Rec, Step, Units, Upd, Who, Who::By, S},
	world::*,
};

/// An import of `records` from `shard`, numbered from `first`.
fn import(shard: u32, first: u64, records: Vec<Rec>) -> Step {
	Step::Call {
		by: Who::Shard(shard),
		op: Import {
			updates: records
				.into_iter()
				.enumerate()
				.map(|(i, record)| Upd { seq: first + i as u64, record })
				.collect(),
		},
	}
}

fn call(by: A, op: super::ops::Op) -> Step {
	Step::Call { by: By(by), op }
}

/// (what the attack is, its steps from the world).
pub fn attacks() -> Vec<(&'static str, Vec<Step>)> {
	use stoa_primitives::ProxyType;
	let non_transfer_delegate = |principal: A, delegate: A| {
		call(principal, AddProxy { delegate, kind: ProxyType::NonTransfer })
	};
	vec![
		(
			"an issuer's non-transfer delegate appoints itself an agent with every role \
			 (forced transfers among them), which would outlive its proxy",
			vec![
				non_transfer_delegate(ALICE, EVE),
				Step::Proxied {
					delegate: EVE,
					principal: ALICE,
					op: SetAgent { security: S(0), agent: EVE, roles: 0b1111 },
				},
			],
		),
		(
			"an issuer's non-transfer delegate issues units",
			vec![
				non_transfer_delegate(ALICE, EVE),
				Step::Proxied {
					delegate: EVE,
					principal: ALICE,
					op: Issue { security: S(0), to: BOB, amount: 10 },
				},
			],
		),
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
		(
			"a second trusted shard blocks a wallet the first links here: its claim is refused, \
			 its block counts, and the wallet cannot sell",
			vec![
				Step::Call { by: Who::Root, op: TrustShard { shard: 2002 } },
				import(2002, 1, vec![Rec::Wallet { wallet: XS_A, home: None, blocked: true }]),
				call(XS_A, Transfer { security: S(0), to: ALICE, amount: Units::Exact(1) }),
			],
		),
		(
			"a trusted shard relinks a wallet while it holds units here: it is held, its units \
			 keep their owner, and its new link waits until they have left",
			vec![
				import(
					WORLD_SHARD,
					9,
					vec![Rec::Wallet { wallet: XS_A, home: Some(1), blocked: false }],
				),
				call(XS_A, Transfer { security: S(0), to: ALICE, amount: Units::Exact(1) }),
				call(EVE, ApplyWalletLink { wallet: XS_A }),
				call(
					AGENT0,
					ForcedTransfer { security: S(0), from: XS_A, to: ALICE, amount: Units::All },
				),
				call(
					ALICE,
					ForcedTransfer { security: S(2), from: XS_A, to: BOB, amount: Units::All },
				),
				call(EVE, ApplyWalletLink { wallet: XS_A }),
			],
		),
		(
			"a trusted shard links a protocol holder that holds units: the pool's units must not \
			 become the shard's investor's",
			vec![import(
				WORLD_SHARD,
				9,
				vec![Rec::Wallet { wallet: POOL0, home: Some(0), blocked: false }],
			)],
		),
		(
			"governance untrusts the shard: its investors' units stay where they were, and their \
			 wallets cannot move them",
			vec![
				Step::Call { by: Who::Root, op: UntrustShard { shard: WORLD_SHARD } },
				call(XS_A, Transfer { security: S(0), to: ALICE, amount: Units::Exact(1) }),
				Step::Call { by: Who::Root, op: TrustShard { shard: WORLD_SHARD } },
				call(XS_B, Transfer { security: S(1), to: GB_CO, amount: Units::Exact(1) }),
			],
		),
		(
			"a shard nobody trusts imports a link to a wallet with units",
			vec![import(2002, 1, vec![Rec::Wallet { wallet: BOB, home: Some(0), blocked: false }])],
		),
		(
			"a wallet of this shard, linked by a trusted shard while it held nothing, is \
			 recovered holding units: the imported link surfaces under the lost investor's units",
			vec![
				call(FR_B, Transfer { security: S(0), to: FR_A, amount: Units::All }),
				import(
					WORLD_SHARD,
					9,
					vec![Rec::Wallet { wallet: FR_B, home: Some(2), blocked: false }],
				),
				call(FR_A, Transfer { security: S(0), to: FR_B, amount: Units::Exact(10) }),
				call(FERDIE, RecoverWallet { lost: FR_B, new: FR_A }),
			],
		),
		(
			"an imported investor whose own record has not arrived receives units: compliance \
			 cannot file it, and its holding escapes every holder count and cap",
			vec![
				import(
					WORLD_SHARD,
					9,
					vec![
						Rec::Credential {
							home: 3,
							kind: CredentialKind::Kyc,
							attestations: vec![Att {
								qualifier: 0,
								expires_in: None,
								revoked: false,
							}],
						},
						Rec::Wallet { wallet: SPARE0, home: Some(3), blocked: false },
					],
				),
				call(ALICE, Transfer { security: S(2), to: SPARE0, amount: Units::Exact(5) }),
			],
		),
		(
			"a wallet a shard linked stays unlinked while that shard is untrusted, becomes a \
			 protocol holder and receives units; another trusted shard then claims it: the \
			 untrusted shard's investor must not come back under the other's trust",
			vec![
				import(
					WORLD_SHARD,
					9,
					vec![Rec::Wallet { wallet: POOL1, home: Some(2), blocked: false }],
				),
				Step::Call { by: Who::Root, op: UntrustShard { shard: WORLD_SHARD } },
				call(ALICE, RegisterProtocolHolder { account: POOL1 }),
				call(CHARLIE, Transfer { security: S(0), to: POOL1, amount: Units::Exact(6) }),
				Step::Call { by: Who::Root, op: TrustShard { shard: 2002 } },
				import(2002, 1, vec![Rec::Wallet { wallet: POOL1, home: Some(1), blocked: false }]),
			],
		),
		(
			"a wallet a shard linked stays unlinked while that shard is untrusted, becomes a \
			 protocol holder and receives units; the shard is trusted again and sends the same \
			 link: the protocol holder's units must not become the shard's investor's",
			vec![
				import(
					WORLD_SHARD,
					9,
					vec![Rec::Wallet { wallet: POOL1, home: Some(2), blocked: false }],
				),
				Step::Call { by: Who::Root, op: UntrustShard { shard: WORLD_SHARD } },
				call(ALICE, RegisterProtocolHolder { account: POOL1 }),
				call(CHARLIE, Transfer { security: S(0), to: POOL1, amount: Units::Exact(6) }),
				Step::Call { by: Who::Root, op: TrustShard { shard: WORLD_SHARD } },
				import(
					WORLD_SHARD,
					10,
					vec![Rec::Wallet { wallet: POOL1, home: Some(2), blocked: false }],
				),
			],
		),
		(
			"another trusted shard takes over a wallet with units of an untrusted shard's \
			 investor: the wallet is held, its units no one's until a transfer agent moves them",
			vec![
				Step::Call { by: Who::Root, op: UntrustShard { shard: WORLD_SHARD } },
				Step::Call { by: Who::Root, op: TrustShard { shard: 2002 } },
				import(2002, 1, vec![Rec::Wallet { wallet: XS_B, home: Some(0), blocked: false }]),
				call(XS_B, Transfer { security: S(1), to: GB_CO, amount: Units::Exact(1) }),
			],
		),
		(
			"another trusted shard takes over, as nobody's, a wallet with units of an untrusted \
			 shard's investor: the units stay filed under that investor, and the wallet's own \
			 transfer of them breaks no party's rules (found by the fuzzer, 2026-12-06)",
			vec![
				Step::Call { by: Who::Root, op: UntrustShard { shard: WORLD_SHARD } },
				Step::Call { by: Who::Root, op: TrustShard { shard: 2002 } },
				import(2002, 1, vec![Rec::Wallet { wallet: XS_A, home: None, blocked: false }]),
				call(XS_A, Transfer { security: S(0), to: GB_CO, amount: Units::Exact(1) }),
			],
		),
	]
}
