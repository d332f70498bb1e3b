//! What the fuzzer does: steps (a call, a batch of calls, or the next block), how they are
//! generated, and the `RuntimeCall` each becomes.
//!
//! Everything is named by the world's small universe (accounts by name, securities S0..S3,
//! investors I0..I9, offerings O0..O3, distributions D0..D5), so that a shrunk failing case
//! reads as a story. Amounts may be `All` or `Half` of the signer's (or the named holder's)
//! balance at the time; times are relative to the chain's clock.

use frame_support::BoundedVec;
use proptest::{
	collection::vec,
	prelude::*,
	strategy::{BoxedStrategy, Union},
};
use sp_runtime::{AccountId32, Perbill};
use stoa_primitives::{BlockReason, CredentialKind, InvestorKind, ProxyType, SecurityId};
use stoa_runtime::{Runtime, RuntimeCall, RuntimeOrigin};

use super::world::*;

/// Who signs: root (governance), an account of the world, or a sibling shard (parachain)
/// whose XCM `Transact` (origin kind `Xcm`) dispatches the call.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Who {
	Root,
	By(A),
	Shard(u32),
}

impl core::fmt::Debug for Who {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		match self {
			Who::Root => f.write_str("root"),
			Who::By(a) => write!(f, "{a:?}"),
			Who::Shard(id) => write!(f, "shard{id}"),
		}
	}
}

impl Who {
	/// The signing account (none for root or a shard).
	pub fn account(&self) -> Option<AccountId32> {
		match self {
			Who::Root | Who::Shard(_) => None,
			Who::By(a) => Some(account(*a)),
		}
	}

	/// The origin a call is dispatched with: a sibling shard's is
	/// `pallet_xcm::Origin::Xcm(../Parachain(id))`, as the XCM executor gives a `Transact`.
	pub fn origin(&self) -> RuntimeOrigin {
		match self {
			Who::Root => RuntimeOrigin::root(),
			Who::By(a) => RuntimeOrigin::signed(account(*a)),
			Who::Shard(id) => RuntimeOrigin::from(pallet_xcm::Origin::Xcm(
				xcm::latest::Location::new(1, [xcm::latest::Junction::Parachain(*id)]),
			)),
		}
	}
}

/// The sibling shards of the fuzzer: 2001 (the one governance usually trusts) and 2002
/// (usually not). This shard is 2000.
pub const SHARDS: [u32; 2] = [2001, 2002];

fn shard_index(shard: u32) -> Option<usize> {
	SHARDS.iter().position(|s| *s == shard)
}

/// An imported attestation: its qualifier (the home shard's Q0 or Q1), expiry (seconds from
/// now) and whether it was revoked (now).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Att {
	pub qualifier: u8,
	pub expires_in: Option<u64>,
	pub revoked: bool,
}

/// A record a shard sends (`pallet_shard_credentials::Record`), named by the home shard's
/// ids: investors H0..H3 (`home`), qualifiers Q0, Q1, and world accounts for wallets.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Rec {
	/// `state`: (individual, jurisdiction, managing qualifier, blocked); `None`: no such
	/// investor at home.
	Investor {
		home: u8,
		state: Option<(bool, J, u8, bool)>,
	},
	Credential {
		home: u8,
		kind: CredentialKind,
		attestations: Vec<Att>,
	},
	/// Linked to home investor `home` (or to none), blocked at home or not.
	Wallet {
		wallet: A,
		home: Option<u8>,
		blocked: bool,
	},
	/// `state`: (active, trusted for KYC, trusted for accreditation); `None`: removed.
	Qualifier {
		qualifier: u8,
		state: Option<(bool, bool, bool)>,
	},
}

/// One update of an import: the home shard's sequence number and a record.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Upd {
	pub seq: u64,
	pub record: Rec,
}

macro_rules! id {
	($name:ident, $prefix:literal) => {
		#[derive(Clone, Copy, PartialEq, Eq)]
		pub struct $name(pub u8);
		impl core::fmt::Debug for $name {
			fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
				write!(f, concat!($prefix, "{}"), self.0)
			}
		}
	};
}
id!(S, "S");
id!(Inv, "I");
id!(O, "O");
id!(D, "D");

/// A jurisdiction of [`JURISDICTIONS`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct J(pub u8);

impl core::fmt::Debug for J {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		f.write_str(JURISDICTIONS[self.0 as usize % JURISDICTIONS.len()])
	}
}

impl J {
	pub fn get(&self) -> stoa_primitives::Jurisdiction {
		jurisdiction(JURISDICTIONS[self.0 as usize % JURISDICTIONS.len()])
	}
}

/// An amount of units: exact, or the relevant holder's whole or half balance at the time.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Units {
	Exact(u128),
	All,
	Half,
}

/// A record date, relative to now.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Record {
	Now,
	In(u64),
	Checkpoint(u32),
}

/// How much a distribution pays.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Pay {
	PerUnit(u128),
	Total(u128),
}

/// Who a rule exempts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ex {
	Account(A),
	Investor(Inv),
	ProtocolHolders,
}

/// Whom a holder cap counts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scope {
	Total,
	In(J),
	Category(pallet_compliance::InvestorCategory),
}

/// A rule of a rule set (times relative to now).
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum RuleT {
	MaxHolders { scope: Scope, max: u32, exempt: Option<Ex> },
	Needs { side: pallet_compliance::Side, kind: CredentialKind, exempt: Option<Ex> },
	Allow { side: pallet_compliance::Side, only: J, exempt: Option<Ex> },
	Deny { side: pallet_compliance::Side, not: J, exempt: Option<Ex> },
	MaxHolding { amount: u128, exempt: Option<Ex> },
	MinHolding { amount: u128, exempt: Option<Ex> },
	MaxOwnership { percent: u32, exempt: Option<Ex> },
	LockUp { for_seconds: u64, exempt: Option<Ex> },
	Closed { exempt: Option<Ex> },
	ManualApproval { exempt: Option<Ex> },
}

/// One call.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Op {
	// credentials
	RequestLink {
		investor: Inv,
		wallet: A,
	},
	AcceptLink {
		investor: Inv,
	},
	Unlink {
		wallet: A,
	},
	RecoverWallet {
		lost: A,
		new: A,
	},
	Attest {
		investor: Inv,
		kind: CredentialKind,
		expires_in: Option<u64>,
	},
	Revoke {
		investor: Inv,
		kind: CredentialKind,
	},
	BlockInvestor {
		investor: Inv,
	},
	UnblockInvestor {
		investor: Inv,
	},
	BlockWallet {
		wallet: A,
	},
	UnblockWallet {
		wallet: A,
	},
	RegisterProtocolHolder {
		account: A,
	},
	DeregisterProtocolHolder {
		account: A,
	},
	BlockProtocolHolder {
		account: A,
	},
	UnblockProtocolHolder {
		account: A,
	},
	/// The signer names `delegate` its proxy of `kind`.
	AddProxy {
		delegate: A,
		kind: ProxyType,
	},
	SettleProtocolHolderBlock {
		account: A,
		slash: bool,
	},
	SetJurisdiction {
		investor: Inv,
		to: J,
	},
	SuspendQualifier {
		qualifier: u32,
	},
	ResumeQualifier {
		qualifier: u32,
	},
	CreateInvestor {
		individual: bool,
		home: J,
	},
	Recount {
		investor: Inv,
	},
	// issuance
	Issue {
		security: S,
		to: A,
		amount: u128,
	},
	BatchIssue {
		security: S,
		issues: Vec<(A, u128)>,
	},
	Transfer {
		security: S,
		to: A,
		amount: Units,
	},
	TransferKeepHolding {
		security: S,
		to: A,
		amount: Units,
	},
	ForcedTransfer {
		security: S,
		from: A,
		to: A,
		amount: Units,
	},
	Redeem {
		security: S,
		amount: Units,
	},
	ForceRedeem {
		security: S,
		holder: A,
		amount: Units,
	},
	RecoverHoldings {
		security: S,
		lost: A,
	},
	Freeze {
		security: S,
		holder: A,
	},
	Unfreeze {
		security: S,
		holder: A,
	},
	SetFrozen {
		security: S,
		holder: A,
		amount: u128,
	},
	Pause {
		security: S,
	},
	Resume {
		security: S,
	},
	MarkMatured {
		security: S,
	},
	SetAgent {
		security: S,
		agent: A,
		roles: u8,
	},
	SuspendIssuer {
		issuer: Inv,
	},
	ReinstateIssuer {
		issuer: Inv,
	},
	OpenOffering {
		security: S,
		ends_in: u64,
		soft_cap: u128,
		hard_cap: u128,
	},
	Subscribe {
		offering: O,
		units: u128,
	},
	Withdraw {
		offering: O,
	},
	CancelOffering {
		offering: O,
	},
	Settle {
		offering: O,
		max: u32,
	},
	ClaimRefund {
		offering: O,
	},
	// compliance
	SetRules {
		security: S,
		rules: Vec<RuleT>,
	},
	Approve {
		security: S,
		from: A,
		to: A,
		amount: Units,
	},
	// corporate actions
	Checkpoint {
		security: S,
		in_seconds: Option<u64>,
	},
	Distribute {
		security: S,
		record: Record,
		pay: Pay,
		pay_in: u64,
		expires_after: u64,
		withholding: bool,
	},
	CancelDistribution {
		distribution: D,
	},
	Claim {
		distribution: D,
	},
	Push {
		distribution: D,
		max: u32,
	},
	Reclaim {
		distribution: D,
	},
	ClaimRecovered {
		distribution: D,
		lost: A,
	},
	Split {
		security: S,
		numerator: u32,
		denominator: u32,
	},
	DebtSchedule {
		security: S,
		months: u8,
		first_in: u64,
	},
	RedeemAtMaturity {
		security: S,
	},
	// shard credentials
	TrustShard {
		shard: u32,
	},
	UntrustShard {
		shard: u32,
	},
	/// `shard_credentials.import`, dispatched by a shard's XCM origin.
	Import {
		updates: Vec<Upd>,
	},
	ApplyWalletLink {
		wallet: A,
	},
}

/// How a batch is dispatched.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BatchKind {
	/// `utility.batch_all`: all or nothing.
	All,
	/// `utility.batch`: stops at the first failure, keeps what succeeded.
	Batch,
	/// `utility.force_batch`: goes on after failures.
	Force,
}

/// One transition of the fuzzer.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Step {
	/// One extrinsic.
	Call { by: Who, op: Op },
	/// One extrinsic of several calls from one origin.
	Batch { by: Who, kind: BatchKind, ops: Vec<Op> },
	/// `delegate` signs `op` for `principal` through `proxy.proxy` (refused unless
	/// `principal` named it a proxy of a kind that admits the call).
	Proxied { delegate: A, principal: A, op: Op },
	/// Close the block and open the next, `seconds` later.
	NextBlock { seconds: u64 },
}

impl Step {
	/// How many calls the step dispatches (a batch counts its calls and itself).
	pub fn calls(&self) -> (u64, u64) {
		match self {
			Step::Call { .. } => (1, 0),
			Step::Batch { ops, .. } => (1, ops.len() as u64),
			Step::Proxied { .. } => (1, 1),
			Step::NextBlock { .. } => (0, 0),
		}
	}
}

// ----------------------------------------------------------------------------------------
// Generation

fn security() -> impl Strategy<Value = S> + Clone {
	prop_oneof![30 => (0..SECURITIES).prop_map(S), 1 => Just(S(SECURITIES))]
}

fn holder() -> impl Strategy<Value = A> + Clone {
	(0..HOLDERS).prop_map(A)
}

fn anyone() -> impl Strategy<Value = A> + Clone {
	(0..ACCOUNTS).prop_map(A)
}

/// Where units are sent: mostly investors' wallets, sometimes other accounts that may hold,
/// sometimes anyone.
fn receiver() -> impl Strategy<Value = A> + Clone {
	prop_oneof![12 => (0..=US_A.0).prop_map(A), 3 => holder(), 1 => anyone()]
}

fn investor() -> impl Strategy<Value = Inv> + Clone {
	prop_oneof![12 => (0u8..8).prop_map(Inv), 1 => (8u8..10).prop_map(Inv)]
}

fn jurisdiction_index() -> impl Strategy<Value = J> + Clone {
	(0..JURISDICTIONS.len() as u8).prop_map(J)
}

fn units() -> impl Strategy<Value = Units> + Clone {
	prop_oneof![
		3 => (1u128..=20).prop_map(Units::Exact),
		2 => (1u128..=500).prop_map(Units::Exact),
		1 => (1u128..=100_000).prop_map(Units::Exact),
		3 => Just(Units::All),
		2 => Just(Units::Half),
	]
}

fn amount() -> impl Strategy<Value = u128> + Clone {
	prop_oneof![3 => 1u128..=100, 3 => 1u128..=5_000, 1 => 1u128..=2_000_000]
}

fn offering() -> impl Strategy<Value = O> + Clone {
	(0u8..4).prop_map(O)
}

fn distribution() -> impl Strategy<Value = D> + Clone {
	(0u8..6).prop_map(D)
}

fn credential_kind() -> impl Strategy<Value = CredentialKind> + Clone {
	prop_oneof![
		4 => Just(CredentialKind::Kyc),
		1 => Just(CredentialKind::AmlScreening),
		2 => Just(CredentialKind::AccreditedInvestor),
		1 => Just(CredentialKind::ProfessionalInvestor),
		1 => Just(CredentialKind::Residence),
	]
}

/// Any signer: an account, or root.
fn any_signer() -> impl Strategy<Value = Who> + Clone {
	prop_oneof![12 => anyone().prop_map(Who::By), 1 => Just(Who::Root)]
}

/// Mostly a holder, sometimes anyone.
fn holder_signer() -> impl Strategy<Value = Who> + Clone {
	prop_oneof![8 => holder().prop_map(Who::By), 1 => any_signer()]
}

/// Mostly an investor's wallet, sometimes anyone.
fn investor_signer() -> impl Strategy<Value = Who> + Clone {
	prop_oneof![8 => (0..=US_A.0).prop_map(|a| Who::By(A(a))), 1 => any_signer()]
}

/// Mostly the Dev KYC qualifier, sometimes the other one, governance, or anyone.
fn qualifier_signer() -> impl Strategy<Value = Who> + Clone {
	prop_oneof![
		6 => Just(Who::By(FERDIE)),
		2 => Just(Who::By(Q1)),
		2 => Just(Who::Root),
		1 => any_signer(),
	]
}

/// Someone acting for `security`: usually its agent or issuer, sometimes the agent or issuer
/// of another security, sometimes anyone. `pick` and `other` come from the strategy.
fn role_signer(security: S, pick: u8, other: A) -> Who {
	let s = security.0 as SecurityId % SECURITIES as SecurityId;
	Who::By(match pick {
		0..=3 => agent_of(s),
		4..=5 => issuer_wallet(s),
		6 => agent_of((s + 1 + other.0 as SecurityId % 2) % SECURITIES as SecurityId),
		7 => issuer_wallet(s + 1),
		_ => other,
	})
}

/// A holder of `security`: usually one that held it when the world was built, sometimes any
/// account that may hold. `pick` and `other` come from the strategy.
fn holder_of(security: S, pick: u8, other: A) -> A {
	let holders = initial_holders(security.0 as SecurityId);
	if pick < 6 && !holders.is_empty() {
		holders[(pick as usize + other.0 as usize) % holders.len()]
	} else {
		A(other.0 % HOLDERS)
	}
}

/// `(signer, op)` for an op by a holder of `security`.
fn by_holder<T: core::fmt::Debug + Clone + 'static>(
	params: impl Strategy<Value = (S, T)> + 'static,
	op: impl Fn(S, T) -> Op + 'static,
) -> BoxedStrategy<Step> {
	(params, 0u8..8, prop_oneof![12 => holder(), 1 => anyone()])
		.prop_map(move |((s, t), pick, other)| {
			let by =
				if other.0 < HOLDERS { Who::By(holder_of(s, pick, other)) } else { Who::By(other) };
			Step::Call { by, op: op(s, t) }
		})
		.boxed()
}

/// `(signer, op)` for an op that needs a role of `security`.
fn with_role<T: core::fmt::Debug + Clone + 'static>(
	params: impl Strategy<Value = (S, T)> + 'static,
	op: impl Fn(S, T) -> Op + 'static,
) -> BoxedStrategy<Step> {
	(params, 0u8..9, anyone())
		.prop_map(move |((s, t), pick, other)| Step::Call {
			by: role_signer(s, pick, other),
			op: op(s, t),
		})
		.boxed()
}

fn call(
	by: impl Strategy<Value = Who> + 'static,
	op: impl Strategy<Value = Op> + 'static,
) -> BoxedStrategy<Step> {
	(by, op).prop_map(|(by, op)| Step::Call { by, op }).boxed()
}

fn rule() -> impl Strategy<Value = RuleT> {
	use pallet_compliance::{InvestorCategory as C, Side};
	let exempt = prop_oneof![
		3 => Just(None),
		2 => holder().prop_map(|a| Some(Ex::Account(a))),
		1 => investor().prop_map(|i| Some(Ex::Investor(i))),
		1 => Just(Some(Ex::ProtocolHolders)),
	];
	let side = prop_oneof![Just(Side::Receiver), Just(Side::Sender), Just(Side::Both)];
	let scope = prop_oneof![
		2 => Just(Scope::Total),
		1 => jurisdiction_index().prop_map(Scope::In),
		2 => prop_oneof![
			Just(C::Individual),
			Just(C::LegalEntity),
			Just(C::Accredited),
			Just(C::NonAccredited),
			Just(C::Professional),
			Just(C::Retail),
		]
		.prop_map(Scope::Category),
	];
	prop_oneof![
		4 => (scope, 1u32..=8, exempt.clone())
			.prop_map(|(scope, max, exempt)| RuleT::MaxHolders { scope, max, exempt }),
		2 => (side.clone(), credential_kind(), exempt.clone())
			.prop_map(|(side, kind, exempt)| RuleT::Needs { side, kind, exempt }),
		1 => (side.clone(), jurisdiction_index(), exempt.clone())
			.prop_map(|(side, only, exempt)| RuleT::Allow { side, only, exempt }),
		2 => (side, jurisdiction_index(), exempt.clone())
			.prop_map(|(side, not, exempt)| RuleT::Deny { side, not, exempt }),
		2 => (prop_oneof![1u128..=1_000, 1u128..=100_000], exempt.clone())
			.prop_map(|(amount, exempt)| RuleT::MaxHolding { amount, exempt }),
		1 => (1u128..=500, exempt.clone())
			.prop_map(|(amount, exempt)| RuleT::MinHolding { amount, exempt }),
		1 => (1u32..=60, exempt.clone())
			.prop_map(|(percent, exempt)| RuleT::MaxOwnership { percent, exempt }),
		1 => (prop_oneof![Just(60u64), Just(3_600), Just(86_400)], exempt.clone())
			.prop_map(|(for_seconds, exempt)| RuleT::LockUp { for_seconds, exempt }),
		1 => exempt.clone().prop_map(|exempt| RuleT::Closed { exempt }),
		1 => exempt.prop_map(|exempt| RuleT::ManualApproval { exempt }),
	]
}

/// The calls a wallet may make on its own behalf (for batches that try to slip out of a
/// block: unlink, become a protocol holder, move units).
fn wallet_op(wallet: A) -> impl Strategy<Value = Op> {
	prop_oneof![
		3 => prop_oneof![4 => Just(wallet), 1 => holder()].prop_map(|wallet| Op::Unlink { wallet }),
		3 => prop_oneof![4 => Just(wallet), 1 => holder()]
			.prop_map(|account| Op::RegisterProtocolHolder { account }),
		1 => prop_oneof![4 => Just(wallet), 1 => holder()]
			.prop_map(|account| Op::DeregisterProtocolHolder { account }),
		5 => (security(), receiver(), units())
			.prop_map(|(security, to, amount)| Op::Transfer { security, to, amount }),
		2 => (security(), receiver(), units())
			.prop_map(|(security, to, amount)| Op::TransferKeepHolding { security, to, amount }),
		1 => (security(), units()).prop_map(|(security, amount)| Op::Redeem { security, amount }),
		1 => investor().prop_map(|investor| Op::AcceptLink { investor }),
		1 => (offering(), 1u128..=2_000).prop_map(|(offering, units)| Op::Subscribe { offering, units }),
		1 => distribution().prop_map(|distribution| Op::Claim { distribution }),
	]
}

/// The credentials calls a qualifier (or governance) makes.
fn qualifier_op() -> BoxedStrategy<Op> {
	let co_wallets = proptest::sample::select(CO_WALLETS.to_vec());
	Union::new_weighted(vec![
		(
			3,
			(investor(), prop_oneof![3 => (SPARE0.0..=SPARE1.0).prop_map(A), 2 => holder()])
				.prop_map(|(investor, wallet)| Op::RequestLink { investor, wallet })
				.boxed(),
		),
		(3, (0..=SPARE1.0).prop_map(|wallet| Op::Unlink { wallet: A(wallet) }).boxed()),
		(
			2,
			prop_oneof![3 => co_wallets, 1 => (holder(), holder())]
				.prop_map(|(lost, new)| Op::RecoverWallet { lost, new })
				.boxed(),
		),
		(
			3,
			(
				investor(),
				credential_kind(),
				prop_oneof![Just(None), (600u64..=3 * 86_400).prop_map(Some)],
			)
				.prop_map(|(investor, kind, expires_in)| Op::Attest {
					investor,
					kind,
					// Accreditation and professional status never expire here: their expiry
					// leaves category counts stale by design (see docs/compliance.md).
					expires_in: match kind {
						CredentialKind::AccreditedInvestor
						| CredentialKind::ProfessionalInvestor => None,
						_ => expires_in,
					},
				})
				.boxed(),
		),
		(
			2,
			(investor(), credential_kind())
				.prop_map(|(investor, kind)| Op::Revoke { investor, kind })
				.boxed(),
		),
		(2, investor().prop_map(|investor| Op::BlockInvestor { investor }).boxed()),
		(1, investor().prop_map(|investor| Op::UnblockInvestor { investor }).boxed()),
		(1, holder().prop_map(|wallet| Op::BlockWallet { wallet }).boxed()),
		(1, holder().prop_map(|wallet| Op::UnblockWallet { wallet }).boxed()),
		(
			1,
			(investor(), jurisdiction_index())
				.prop_map(|(investor, to)| Op::SetJurisdiction { investor, to })
				.boxed(),
		),
		(
			1,
			(any::<bool>(), jurisdiction_index())
				.prop_map(|(individual, home)| Op::CreateInvestor { individual, home })
				.boxed(),
		),
	])
	.boxed()
}

/// The calls an issuer or agent makes for a security.
fn agent_op(security: S) -> BoxedStrategy<Op> {
	let s = Just(security);
	Union::new_weighted(vec![
		(
			3,
			(s.clone(), receiver(), amount())
				.prop_map(|(security, to, amount)| Op::Issue { security, to, amount })
				.boxed(),
		),
		(
			3,
			(s.clone(), holder(), receiver(), units())
				.prop_map(|(security, from, to, amount)| Op::ForcedTransfer {
					security,
					from,
					to,
					amount,
				})
				.boxed(),
		),
		(
			2,
			(s.clone(), holder(), units())
				.prop_map(|(security, holder, amount)| Op::ForceRedeem { security, holder, amount })
				.boxed(),
		),
		(
			2,
			(s.clone(), vec(rule(), 0..=3))
				.prop_map(|(security, rules)| Op::SetRules { security, rules })
				.boxed(),
		),
		(
			1,
			(s.clone(), holder())
				.prop_map(|(security, holder)| Op::Freeze { security, holder })
				.boxed(),
		),
		(1, s.clone().prop_map(|security| Op::Pause { security }).boxed()),
		(1, s.clone().prop_map(|security| Op::Resume { security }).boxed()),
		(1, s.clone().prop_map(|security| Op::Checkpoint { security, in_seconds: None }).boxed()),
		(
			1,
			split_ratio()
				.prop_map(move |(numerator, denominator)| Op::Split {
					security,
					numerator,
					denominator,
				})
				.boxed(),
		),
		(
			2,
			(s, record(), pay(), pay_in(), expires_after(), any::<bool>())
				.prop_map(|(security, record, pay, pay_in, expires_after, withholding)| {
					Op::Distribute { security, record, pay, pay_in, expires_after, withholding }
				})
				.boxed(),
		),
	])
	.boxed()
}

fn split_ratio() -> impl Strategy<Value = (u32, u32)> + Clone {
	proptest::sample::select(vec![(2, 1), (1, 2), (3, 2), (1, 10), (10, 1), (1, 1_000)])
}

fn record() -> impl Strategy<Value = Record> + Clone {
	prop_oneof![
		5 => Just(Record::Now),
		1 => prop_oneof![Just(60u64), Just(3_600), Just(86_400)].prop_map(Record::In),
		1 => (1u32..=4).prop_map(Record::Checkpoint),
	]
}

fn pay() -> impl Strategy<Value = Pay> + Clone {
	prop_oneof![
		3 => (1u128..=100_000).prop_map(Pay::PerUnit),
		2 => (1u128..=10_000_000).prop_map(Pay::Total),
	]
}

fn pay_in() -> impl Strategy<Value = u64> + Clone {
	prop_oneof![3 => Just(0u64), 2 => 6u64..=600, 1 => Just(3_600), 1 => Just(86_400)]
}

fn expires_after() -> impl Strategy<Value = u64> + Clone {
	prop_oneof![Just(600u64), Just(86_400), Just(30 * 86_400)]
}

/// Every step the fuzzer may take whatever came before, with its weight.
fn step() -> BoxedStrategy<Step> {
	use Op::*;
	let menu: Vec<(u32, BoxedStrategy<Step>)> = vec![
		// Holders move their units.
		(
			14,
			by_holder((security(), (receiver(), units())), |security, (to, amount)| Transfer {
				security,
				to,
				amount,
			}),
		),
		(
			5,
			by_holder((security(), (receiver(), units())), |security, (to, amount)| {
				TransferKeepHolding { security, to, amount }
			}),
		),
		(2, by_holder((security(), units()), |security, amount| Redeem { security, amount })),
		// Agents and issuers.
		(
			4,
			with_role((security(), (receiver(), amount())), |security, (to, amount)| Issue {
				security,
				to,
				amount,
			}),
		),
		(
			2,
			with_role((security(), vec((receiver(), amount()), 1..=4)), |security, issues| {
				BatchIssue { security, issues }
			}),
		),
		(
			3,
			with_role(
				(security(), (0u8..8, holder(), receiver(), units())),
				|security, (pick, other, to, amount)| ForcedTransfer {
					security,
					from: holder_of(security, pick, other),
					to,
					amount,
				},
			),
		),
		(
			2,
			with_role(
				(security(), (0u8..8, holder(), units())),
				|security, (pick, other, amount)| ForceRedeem {
					security,
					holder: holder_of(security, pick, other),
					amount,
				},
			),
		),
		(1, with_role((security(), holder()), |security, holder| Freeze { security, holder })),
		(1, with_role((security(), holder()), |security, holder| Unfreeze { security, holder })),
		(
			1,
			with_role((security(), (holder(), 0u128..=2_000)), |security, (holder, amount)| {
				SetFrozen { security, holder, amount }
			}),
		),
		(1, with_role((security(), Just(())), |security, ()| Pause { security })),
		(1, with_role((security(), Just(())), |security, ()| Resume { security })),
		(1, with_role((security(), Just(())), |security, ()| MarkMatured { security })),
		(
			1,
			with_role((security(), (anyone(), 0u8..16)), |security, (agent, roles)| SetAgent {
				security,
				agent,
				roles,
			}),
		),
		(
			1,
			with_role(
				(
					security(),
					(
						prop_oneof![Just(600u64), Just(3_600), Just(86_400)],
						prop_oneof![Just(1u128), Just(100), Just(10_000)],
						prop_oneof![Just(5_000u128), Just(20_000)],
					),
				),
				|security, (ends_in, soft_cap, hard_cap)| OpenOffering {
					security,
					ends_in,
					soft_cap,
					hard_cap,
				},
			),
		),
		(
			3,
			with_role((security(), vec(rule(), 0..=3)), |security, rules| SetRules {
				security,
				rules,
			}),
		),
		(
			1,
			with_role(
				(security(), (holder(), receiver(), units())),
				|security, (from, to, amount)| Approve { security, from, to, amount },
			),
		),
		(
			2,
			with_role(
				(
					security(),
					prop_oneof![
						Just(None),
						prop_oneof![Just(60u64), Just(3_600), Just(86_400)].prop_map(Some)
					],
				),
				|security, in_seconds| Checkpoint { security, in_seconds },
			),
		),
		(
			3,
			with_role(
				(security(), (record(), pay(), pay_in(), expires_after(), any::<bool>())),
				|security, (record, pay, pay_in, expires_after, withholding)| Distribute {
					security,
					record,
					pay,
					pay_in,
					expires_after,
					withholding,
				},
			),
		),
		(
			1,
			with_role((security(), split_ratio()), |security, (numerator, denominator)| Split {
				security,
				numerator,
				denominator,
			}),
		),
		(
			1,
			with_role(
				(
					security(),
					(prop_oneof![Just(1u8), Just(3)], prop_oneof![Just(3_600u64), Just(86_400)]),
				),
				|security, (months, first_in)| DebtSchedule { security, months, first_in },
			),
		),
		(1, with_role((security(), Just(())), |security, ()| RedeemAtMaturity { security })),
		// Regulators (of either jurisdiction) and governance.
		(
			1,
			call(
				prop_oneof![
					Just(Who::By(BAFIN)),
					Just(Who::By(FCA)),
					Just(Who::Root),
					any_signer()
				],
				prop_oneof![Just(Inv(0)), Just(Inv(6)), investor()]
					.prop_map(|issuer| SuspendIssuer { issuer }),
			),
		),
		(
			1,
			call(
				prop_oneof![
					Just(Who::By(BAFIN)),
					Just(Who::By(FCA)),
					Just(Who::Root),
					any_signer()
				],
				prop_oneof![Just(Inv(0)), Just(Inv(6)), investor()]
					.prop_map(|issuer| ReinstateIssuer { issuer }),
			),
		),
		// Qualifiers, governance and wallets on the credentials side.
		(14, call(qualifier_signer(), qualifier_op())),
		(
			2,
			(
				(0..=SPARE1.0).prop_map(A),
				prop_oneof![4 => Just(None), 1 => any_signer().prop_map(Some)],
			)
				.prop_map(|(wallet, by)| Step::Call {
					by: by.unwrap_or(Who::By(wallet)),
					op: Unlink { wallet },
				})
				.boxed(),
		),
		(
			2,
			call(
				prop_oneof![2 => Just(Who::By(REG0)), 2 => holder_signer()],
				prop_oneof![3 => Just(POOL1), 1 => holder()]
					.prop_map(|account| RegisterProtocolHolder { account }),
			),
		),
		(
			1,
			call(
				prop_oneof![2 => Just(Who::By(REG0)), 1 => holder_signer()],
				prop_oneof![Just(POOL0), Just(POOL1), holder()]
					.prop_map(|account| DeregisterProtocolHolder { account }),
			),
		),
		(
			1,
			call(
				prop_oneof![4 => Just(Who::Root), 1 => any_signer()],
				prop_oneof![Just(POOL0), Just(POOL1), holder()]
					.prop_map(|account| BlockProtocolHolder { account }),
			),
		),
		(
			1,
			call(
				prop_oneof![4 => Just(Who::Root), 1 => any_signer()],
				prop_oneof![Just(POOL0), Just(POOL1), holder()]
					.prop_map(|account| UnblockProtocolHolder { account }),
			),
		),
		(
			1,
			call(
				prop_oneof![4 => Just(Who::Root), 1 => any_signer()],
				(prop_oneof![Just(POOL0), Just(POOL1), holder()], any::<bool>())
					.prop_map(|(account, slash)| SettleProtocolHolderBlock { account, slash }),
			),
		),
		(
			1,
			call(
				prop_oneof![4 => Just(Who::Root), 1 => any_signer()],
				(0u32..=1).prop_map(|qualifier| SuspendQualifier { qualifier }),
			),
		),
		(
			1,
			call(
				prop_oneof![4 => Just(Who::Root), 1 => any_signer()],
				(0u32..=1).prop_map(|qualifier| ResumeQualifier { qualifier }),
			),
		),
		(1, call(any_signer(), investor().prop_map(|investor| Recount { investor }))),
		// Delegates: holders and agents name proxies of every kind, and delegates sign for
		// them, wallet and agent calls alike (a proxy acts as its principal: every rule must
		// still hold).
		(
			2,
			call(
				prop_oneof![3 => holder_signer(), 1 => any_signer()],
				(anyone(), proxy_kind()).prop_map(|(delegate, kind)| AddProxy { delegate, kind }),
			),
		),
		(
			4,
			(holder(), anyone())
				.prop_flat_map(|(principal, delegate)| {
					(Just(principal), Just(delegate), wallet_op(principal))
				})
				.prop_map(|(principal, delegate, op)| Step::Proxied { delegate, principal, op })
				.boxed(),
		),
		(
			2,
			(security(), 0u8..9, anyone(), anyone())
				.prop_flat_map(|(s, pick, other, delegate)| {
					(Just(role_signer(s, pick, other)), Just(delegate), agent_op(s))
				})
				.prop_map(|(by, delegate, op)| match by {
					Who::By(principal) => Step::Proxied { delegate, principal, op },
					by => Step::Call { by, op },
				})
				.boxed(),
		),
		// Batches: a wallet acting alone (escape attempts), a qualifier, an agent.
		(
			6,
			holder()
				.prop_flat_map(|wallet| (Just(wallet), batch_kind(), vec(wallet_op(wallet), 2..=3)))
				.prop_map(|(wallet, kind, ops)| Step::Batch { by: Who::By(wallet), kind, ops })
				.boxed(),
		),
		// The escape a blocked investor would try: leave its investor, come back as a protocol
		// holder, and move its units, all in one batch.
		(
			2,
			(
				by_holder((security(), (receiver(), units())), |security, (to, amount)| Transfer {
					security,
					to,
					amount,
				}),
				batch_kind(),
			)
				.prop_map(|(step, kind)| match step {
					Step::Call { by: Who::By(wallet), op } => Step::Batch {
						by: Who::By(wallet),
						kind,
						ops: vec![
							Unlink { wallet },
							RegisterProtocolHolder { account: wallet },
							op,
						],
					},
					other => other,
				})
				.boxed(),
		),
		(
			2,
			(qualifier_signer(), batch_kind(), vec(qualifier_op(), 2..=4))
				.prop_map(|(by, kind, ops)| Step::Batch { by, kind, ops })
				.boxed(),
		),
		(
			3,
			(security(), 0u8..9, anyone())
				.prop_flat_map(|(s, pick, other)| {
					(Just(role_signer(s, pick, other)), batch_kind(), vec(agent_op(s), 2..=4))
				})
				.prop_map(|(by, kind, ops)| Step::Batch { by, kind, ops })
				.boxed(),
		),
		// Time.
		(
			12,
			prop_oneof![
				10 => Just(BLOCK_SECONDS_STEP),
				2 => Just(60u64),
				3 => Just(3_600u64),
				2 => Just(86_400u64),
				1 => Just(4 * 86_400u64),
			]
			.prop_map(|seconds| Step::NextBlock { seconds })
			.boxed(),
		),
	];
	Union::new_weighted(menu).boxed()
}

const BLOCK_SECONDS_STEP: u64 = super::chain::BLOCK_SECONDS;

/// What earlier steps of a case asked for, so that later steps can follow up: accept the
/// links requested, recover the holdings of wallets recovered, claim from and push the
/// distributions created, subscribe to and settle the offerings opened. (It records what was
/// asked, not what succeeded: the generator does not see the chain.)
#[derive(Clone, Debug, Default)]
pub struct Hints {
	/// Link requests asked for: (investor, wallet).
	pub links: Vec<(Inv, A)>,
	/// Wallets whose recovery was asked for.
	pub lost: Vec<(A, A)>,
	/// Distributions asked for (the world has one).
	pub distributions: u8,
	/// Offerings asked for (the world has one).
	pub offerings: u8,
	/// Investors whose block was asked for, and by whom.
	pub blocked: Vec<(Inv, Who)>,
	/// Qualifiers whose suspension was asked for.
	pub suspended: Vec<u32>,
	/// Securities whose pause was asked for.
	pub paused: Vec<S>,
	/// Shards whose trust governance was asked for (and not withdrawn since).
	pub trusted: Vec<u32>,
	/// The highest sequence number each of [`SHARDS`] sent.
	pub seq: [u64; 2],
	/// Wallets an import asked to link to a home investor: (wallet, home id).
	pub imported: Vec<(A, u8)>,
	/// Imported wallets an import asked to link elsewhere (held, if they held units).
	pub relinked: Vec<A>,
}

impl Hints {
	/// The world's: one distribution (D0), one offering (O0), shard 2001 trusted, which
	/// sent records 1 to 8 and linked `xs_a` to its H0 and `xs_b` to its H1.
	pub fn world() -> Self {
		Hints {
			distributions: 1,
			offerings: 1,
			trusted: vec![WORLD_SHARD],
			seq: [world_imports().len() as u64, 0],
			imported: vec![(XS_A, 0), (XS_B, 1)],
			..Default::default()
		}
	}

	/// What `step` asks for.
	pub fn note(&mut self, step: &Step) {
		let ops: &[Op] = match step {
			Step::Call { op, .. } | Step::Proxied { op, .. } => core::slice::from_ref(op),
			Step::Batch { ops, .. } => ops,
			Step::NextBlock { .. } => &[],
		};
		let by = match step {
			Step::Call { by, .. } | Step::Batch { by, .. } => *by,
			Step::Proxied { principal, .. } => Who::By(*principal),
			Step::NextBlock { .. } => Who::Root,
		};
		for op in ops {
			match op {
				Op::TrustShard { shard } if by == Who::Root => {
					if !self.trusted.contains(shard) {
						self.trusted.push(*shard);
					}
				},
				Op::UntrustShard { shard } if by == Who::Root => {
					self.trusted.retain(|s| s != shard)
				},
				Op::Import { updates } => {
					let Who::Shard(shard) = by else { continue };
					let Some(index) = shard_index(shard) else { continue };
					for u in updates {
						self.seq[index] = self.seq[index].max(u.seq);
						if let Rec::Wallet { wallet, home, .. } = &u.record {
							let was =
								self.imported.iter().find(|(w, _)| w == wallet).map(|(_, h)| *h);
							if was.is_some() && was != *home && !self.relinked.contains(wallet) {
								self.relinked.push(*wallet);
							}
							self.imported.retain(|(w, _)| w != wallet);
							if let Some(home) = home {
								self.imported.push((*wallet, *home));
							}
						}
					}
				},
				Op::ApplyWalletLink { wallet } => self.relinked.retain(|w| w != wallet),
				Op::RequestLink { investor, wallet } => {
					self.links.retain(|(_, w)| w != wallet);
					self.links.push((*investor, *wallet));
					if self.links.len() > 6 {
						self.links.remove(0);
					}
				},
				Op::AcceptLink { investor } => self.links.retain(|(i, _)| i != investor),
				Op::RecoverWallet { lost, new } => {
					self.lost.retain(|(l, _)| l != lost);
					self.lost.push((*lost, *new));
				},
				Op::Distribute { .. } => {
					self.distributions = self.distributions.saturating_add(1).min(12)
				},
				Op::OpenOffering { .. } => self.offerings = self.offerings.saturating_add(1).min(6),
				Op::BlockInvestor { investor } => {
					self.blocked.retain(|(i, _)| i != investor);
					self.blocked.push((*investor, by));
				},
				Op::UnblockInvestor { investor } => self.blocked.retain(|(i, _)| i != investor),
				Op::SuspendQualifier { qualifier } => {
					if !self.suspended.contains(qualifier) {
						self.suspended.push(*qualifier);
					}
				},
				Op::ResumeQualifier { qualifier } => self.suspended.retain(|q| q != qualifier),
				Op::Pause { security } => {
					if !self.paused.contains(security) {
						self.paused.push(*security);
					}
				},
				Op::Resume { security } => self.paused.retain(|s| s != security),
				_ => {},
			}
		}
	}
}

/// The steps that follow up on `hints`, with their weights.
fn follow_ups(hints: &Hints) -> Vec<(u32, BoxedStrategy<Step>)> {
	use Op::*;
	let mut menu = Vec::new();
	if !hints.links.is_empty() {
		let links = proptest::sample::select(hints.links.clone());
		menu.push((
			6,
			(links, prop_oneof![6 => Just(None), 1 => any_signer().prop_map(Some)])
				.prop_map(|((investor, wallet), by)| Step::Call {
					by: by.unwrap_or(Who::By(wallet)),
					op: AcceptLink { investor },
				})
				.boxed(),
		));
	}
	if !hints.blocked.is_empty() {
		// Lifting a block: usually whoever set it, sometimes governance or anyone.
		let blocked = proptest::sample::select(hints.blocked.clone());
		menu.push((
			2,
			(blocked, prop_oneof![4 => Just(None), 1 => qualifier_signer().prop_map(Some)])
				.prop_map(|((investor, blocker), by)| Step::Call {
					by: by.unwrap_or(blocker),
					op: UnblockInvestor { investor },
				})
				.boxed(),
		));
	}
	if !hints.suspended.is_empty() {
		let suspended = proptest::sample::select(hints.suspended.clone());
		menu.push((
			2,
			call(
				prop_oneof![4 => Just(Who::Root), 1 => any_signer()],
				suspended.prop_map(|qualifier| ResumeQualifier { qualifier }),
			),
		));
	}
	if !hints.paused.is_empty() {
		let paused = proptest::sample::select(hints.paused.clone());
		menu.push((2, with_role((paused, Just(())), |security, ()| Resume { security })));
	}
	if !hints.lost.is_empty() {
		let recovered = proptest::sample::select(hints.lost.clone());
		menu.push((
			3,
			call(
				any_signer(),
				(security(), recovered.clone())
					.prop_map(|(security, (lost, _))| RecoverHoldings { security, lost }),
			),
		));
		// The replacement wallet claims what the lost one is owed.
		let distribution = (0..hints.distributions.saturating_add(3)).prop_map(D);
		menu.push((
			2,
			(
				recovered,
				distribution,
				prop_oneof![5 => Just(None), 1 => any_signer().prop_map(Some)],
			)
				.prop_map(|((lost, new), distribution, by)| Step::Call {
					by: by.unwrap_or(Who::By(new)),
					op: ClaimRecovered { distribution, lost },
				})
				.boxed(),
		));
	}
	// Distributions: those asked for, and the coupons and redemptions the chain creates.
	let distribution = (0..hints.distributions.saturating_add(3)).prop_map(D);
	menu.push((
		4,
		call(holder_signer(), distribution.clone().prop_map(|distribution| Claim { distribution })),
	));
	menu.push((
		2,
		call(
			any_signer(),
			(distribution.clone(), 1u32..=8)
				.prop_map(|(distribution, max)| Push { distribution, max }),
		),
	));
	menu.push((
		1,
		call(any_signer(), distribution.clone().prop_map(|distribution| Reclaim { distribution })),
	));
	menu.push((
		1,
		with_role((security(), distribution), |_, distribution| CancelDistribution {
			distribution,
		}),
	));
	let offering = (0..hints.offerings.max(1)).prop_map(O);
	menu.push((
		3,
		call(
			investor_signer(),
			(offering.clone(), prop_oneof![1u128..=50, 1u128..=6_000])
				.prop_map(|(offering, units)| Subscribe { offering, units }),
		),
	));
	menu.push((
		1,
		call(holder_signer(), offering.clone().prop_map(|offering| Withdraw { offering })),
	));
	menu.push((
		2,
		call(
			any_signer(),
			(offering.clone(), prop_oneof![4 => 1u32..=5, 1 => Just(0u32)])
				.prop_map(|(offering, max)| Settle { offering, max }),
		),
	));
	menu.push((
		1,
		call(investor_signer(), offering.clone().prop_map(|offering| ClaimRefund { offering })),
	));
	menu.push((1, with_role((security(), offering), |_, offering| CancelOffering { offering })));
	menu.extend(shard_steps(hints));
	menu
}

// ----------------------------------------------------------------------------------------
// Shard credentials

/// A home investor of a sibling shard: H0..H5 (shard 2001's H0 and H1 are in the world).
fn home_id() -> impl Strategy<Value = u8> + Clone {
	0u8..6
}

fn attestation(kind: CredentialKind) -> impl Strategy<Value = Att> + Clone {
	// Accreditation never expires here (its expiry leaves categories stale by design, as
	// for this shard's own attestations).
	let expires = if kind == CredentialKind::Kyc {
		prop_oneof![3 => Just(None), 1 => (600u64..=3 * 86_400).prop_map(Some)].boxed()
	} else {
		Just(None).boxed()
	};
	(0u8..2, expires, prop_oneof![5 => Just(false), 1 => Just(true)])
		.prop_map(|(qualifier, expires_in, revoked)| Att { qualifier, expires_in, revoked })
}

fn imported_kind() -> impl Strategy<Value = CredentialKind> + Clone {
	prop_oneof![3 => Just(CredentialKind::Kyc), 1 => Just(CredentialKind::AccreditedInvestor)]
}

/// The wallets a record may name: unlinked ones (spares, Eve, an unregistered pool), any
/// account that may hold (this shard's investors' wallets, protocol holders), and wallets
/// earlier imports linked, with weights (unlinked, any, imported).
fn imported_wallet_weighted(hints: &Hints, weights: (u32, u32, u32)) -> BoxedStrategy<A> {
	let mut menu: Vec<(u32, BoxedStrategy<A>)> = vec![
		(weights.0, proptest::sample::select(vec![SPARE0, SPARE1, EVE, POOL1]).boxed()),
		(weights.1, holder().boxed()),
	];
	if !hints.imported.is_empty() {
		let wallets: Vec<A> = hints.imported.iter().map(|(w, _)| *w).collect();
		menu.push((weights.2, proptest::sample::select(wallets).boxed()));
	}
	Union::new_weighted(menu).boxed()
}

fn imported_wallet(hints: &Hints) -> BoxedStrategy<A> {
	imported_wallet_weighted(hints, (3, 3, 4))
}

fn shard_record(hints: &Hints) -> BoxedStrategy<Rec> {
	let investor_state = (
		any::<bool>(),
		jurisdiction_index(),
		0u8..2,
		prop_oneof![5 => Just(false), 1 => Just(true)],
	);
	prop_oneof![
		2 => (home_id(), prop_oneof![5 => investor_state.prop_map(Some), 1 => Just(None)])
			.prop_map(|(home, state)| Rec::Investor { home, state }),
		2 => (home_id(), imported_kind())
			.prop_flat_map(|(home, kind)| (Just(home), Just(kind), vec(attestation(kind), 0..=2)))
			.prop_map(|(home, kind, attestations)| Rec::Credential { home, kind, attestations }),
		3 => (
			imported_wallet(hints),
			prop_oneof![4 => home_id().prop_map(Some), 1 => Just(None)],
			prop_oneof![8 => Just(false), 1 => Just(true)],
		)
			.prop_map(|(wallet, home, blocked)| Rec::Wallet { wallet, home, blocked }),
		1 => (
			0u8..2,
			prop_oneof![
				6 => (prop_oneof![5 => Just(true), 1 => Just(false)], prop_oneof![5 => Just(true), 1 => Just(false)], any::<bool>())
					.prop_map(Some),
				1 => Just(None),
			],
		)
			.prop_map(|(qualifier, state)| Rec::Qualifier { qualifier, state }),
	]
	.boxed()
}

/// What a home shard sends when it onboards an investor: the qualifier, the investor (mostly:
/// a message may arrive before it), its KYC and the wallet's link.
fn onboarding(hints: &Hints) -> BoxedStrategy<Vec<Rec>> {
	(
		(0u8..2, home_id(), any::<bool>(), jurisdiction_index(), any::<bool>()),
		prop_oneof![3 => Just(true), 1 => Just(false)],
		imported_wallet_weighted(hints, (5, 2, 2)),
	)
		.prop_map(|((qualifier, home, individual, j, accredited), with_investor, wallet)| {
			let mut records = vec![Rec::Qualifier { qualifier, state: Some((true, true, true)) }];
			if with_investor {
				records
					.push(Rec::Investor { home, state: Some((individual, j, qualifier, false)) });
			}
			let live = Att { qualifier, expires_in: None, revoked: false };
			records.push(Rec::Credential {
				home,
				kind: CredentialKind::Kyc,
				attestations: vec![live],
			});
			if accredited {
				records.push(Rec::Credential {
					home,
					kind: CredentialKind::AccreditedInvestor,
					attestations: vec![live],
				});
			}
			records.push(Rec::Wallet { wallet, home: Some(home), blocked: false });
			records
		})
		.boxed()
}

/// An import from `shard`: records numbered on from the highest sequence number it sent,
/// sometimes stale or out of order.
fn import(shard: u32, hints: &Hints) -> BoxedStrategy<Step> {
	let last = shard_index(shard).map(|i| hints.seq[i]).unwrap_or(0);
	let first = prop_oneof![
		6 => last + 1..=last + 3,
		1 => 1..=last.max(1),
	];
	let records = prop_oneof![3 => vec(shard_record(hints), 1..=3), 2 => onboarding(hints)];
	(first, records)
		.prop_map(move |(first, records)| Step::Call {
			by: Who::Shard(shard),
			op: Op::Import {
				updates: records
					.into_iter()
					.enumerate()
					.map(|(i, record)| Upd { seq: first + i as u64, record })
					.collect(),
			},
		})
		.boxed()
}

/// Governance trusting and untrusting sibling shards, their imports, held wallets' links
/// applied, and units moving to and from wallets imports linked.
fn shard_steps(hints: &Hints) -> Vec<(u32, BoxedStrategy<Step>)> {
	use Op::*;
	let governance = || prop_oneof![6 => Just(Who::Root), 1 => any_signer()];
	let trusts_2001 = hints.trusted.contains(&SHARDS[0]);
	let mut menu = vec![
		(
			if trusts_2001 { 1 } else { 2 },
			call(
				governance(),
				prop_oneof![4 => Just(SHARDS[0]), 2 => Just(SHARDS[1]), 1 => Just(2000u32)]
					.prop_map(|shard| TrustShard { shard }),
			),
		),
		(if trusts_2001 { 3 } else { 1 }, import(SHARDS[0], hints)),
		(1, import(SHARDS[1], hints)),
		(
			1,
			call(
				any_signer(),
				imported_wallet_weighted(hints, (1, 1, 8))
					.prop_map(|wallet| ApplyWalletLink { wallet }),
			),
		),
	];
	if !hints.trusted.is_empty() {
		menu.push((
			1,
			call(
				governance(),
				proptest::sample::select(hints.trusted.clone())
					.prop_map(|shard| UntrustShard { shard }),
			),
		));
	}
	if !hints.relinked.is_empty() {
		// A held wallet: the security's transfer agent (or issuer) moves its units out, then
		// anyone applies its new link.
		// Mostly the world's imported wallets: they hold units, so they are held.
		let holding: Vec<A> =
			hints.relinked.iter().copied().filter(|w| [XS_A, XS_B].contains(w)).collect();
		let relinked = if holding.is_empty() {
			proptest::sample::select(hints.relinked.clone()).boxed()
		} else {
			prop_oneof![
				3 => proptest::sample::select(holding),
				1 => proptest::sample::select(hints.relinked.clone()),
			]
			.boxed()
		};
		menu.push((
			5,
			(relinked.clone(), 0u8..6, receiver())
				.prop_map(|(from, pick, to)| {
					// A security the wallet holds, if the world gave it one.
					let held = match from {
						XS_A => [0, 2][pick as usize % 2],
						XS_B => 1,
						_ => pick % SECURITIES,
					};
					Step::Call {
						by: Who::By(if held == 2 {
							issuer_wallet(2)
						} else {
							agent_of(held as SecurityId)
						}),
						op: ForcedTransfer { security: S(held), from, to, amount: Units::All },
					}
				})
				.boxed(),
		));
		menu.push((3, call(any_signer(), relinked.prop_map(|wallet| ApplyWalletLink { wallet }))));
	}
	if !hints.imported.is_empty() {
		let wallets: Vec<A> = hints.imported.iter().map(|(w, _)| *w).collect();
		let wallet = proptest::sample::select(wallets);
		menu.push((
			2,
			by_holder((security(), (wallet.clone(), units())), |security, (to, amount)| Transfer {
				security,
				to,
				amount,
			}),
		));
		menu.push((
			1,
			with_role((security(), (wallet.clone(), amount())), |security, (to, amount)| Issue {
				security,
				to,
				amount,
			}),
		));
		menu.push((
			1,
			(wallet.clone(), security(), receiver(), units())
				.prop_map(|(wallet, security, to, amount)| Step::Call {
					by: Who::By(wallet),
					op: Transfer { security, to, amount },
				})
				.boxed(),
		));
		// The transfer agent empties a wallet.
		menu.push((
			2,
			with_role(
				(
					security(),
					(wallet, receiver(), prop_oneof![3 => Just(Units::All), 1 => units()]),
				),
				|security, (from, to, amount)| ForcedTransfer { security, from, to, amount },
			),
		));
	}
	menu
}

/// Every step the fuzzer may take after steps that asked for `hints`.
pub fn step_after(hints: &Hints) -> BoxedStrategy<Step> {
	thread_local! {
		static STEPS: BoxedStrategy<Step> = step();
	}
	let mut menu = vec![(180, STEPS.with(|s| s.clone()))];
	menu.extend(follow_ups(hints));
	Union::new_weighted(menu).boxed()
}

fn proxy_kind() -> impl Strategy<Value = ProxyType> + Clone {
	prop_oneof![
		Just(ProxyType::Any),
		Just(ProxyType::NonTransfer),
		Just(ProxyType::Issuance),
		Just(ProxyType::Governance),
		Just(ProxyType::Qualifier),
		Just(ProxyType::CancelProxy),
	]
}

fn batch_kind() -> impl Strategy<Value = BatchKind> + Clone {
	prop_oneof![8 => Just(BatchKind::All), 1 => Just(BatchKind::Batch), 1 => Just(BatchKind::Force)]
}

// ----------------------------------------------------------------------------------------
// Calls

/// The balance of `who` in `security` now.
fn balance(security: SecurityId, who: &AccountId32) -> u128 {
	pallet_issuance::Holdings::<Runtime>::get(security, who).map(|h| h.balance).unwrap_or(0)
}

fn resolve(units: Units, security: SecurityId, holder: Option<&AccountId32>) -> u128 {
	match units {
		Units::Exact(n) => n,
		Units::All => holder.map(|h| balance(security, h)).unwrap_or(0),
		Units::Half => holder.map(|h| balance(security, h) / 2).unwrap_or(0),
	}
}

fn exemptions(
	exempt: &Option<Ex>,
) -> BoundedVec<
	pallet_compliance::Exemption<AccountId32>,
	<Runtime as pallet_compliance::Config>::MaxListLength,
> {
	let list = match exempt {
		None => vec![],
		Some(Ex::Account(a)) => vec![pallet_compliance::Exemption::Account(account(*a))],
		Some(Ex::Investor(i)) => vec![pallet_compliance::Exemption::Investor(i.0 as u64)],
		Some(Ex::ProtocolHolders) => vec![pallet_compliance::Exemption::ProtocolHolders],
	};
	BoundedVec::truncate_from(list)
}

fn pallet_rule(rule: &RuleT, now: u64) -> pallet_compliance::RuleOf<Runtime> {
	use pallet_compliance::{HolderScope, LockScope, Rule, RuleKind, SupplyBase, TransferWindow};
	let (kind, exempt) = match rule {
		RuleT::MaxHolders { scope, max, exempt } => (
			RuleKind::MaxHolders {
				scope: match scope {
					Scope::Total => HolderScope::Total,
					Scope::In(j) => HolderScope::Jurisdiction(j.get()),
					Scope::Category(c) => HolderScope::Category(*c),
				},
				max: *max,
			},
			exempt,
		),
		RuleT::Needs { side, kind, exempt } => (
			RuleKind::RequiredCredential {
				side: *side,
				kind: *kind,
				qualifiers: Default::default(),
			},
			exempt,
		),
		RuleT::Allow { side, only, exempt } => (
			RuleKind::JurisdictionAllowList {
				side: *side,
				jurisdictions: BoundedVec::truncate_from(vec![only.get()]),
			},
			exempt,
		),
		RuleT::Deny { side, not, exempt } => (
			RuleKind::JurisdictionDenyList {
				side: *side,
				jurisdictions: BoundedVec::truncate_from(vec![not.get()]),
			},
			exempt,
		),
		RuleT::MaxHolding { amount, exempt } => (RuleKind::MaxHolding { amount: *amount }, exempt),
		RuleT::MinHolding { amount, exempt } => (RuleKind::MinHolding { amount: *amount }, exempt),
		RuleT::MaxOwnership { percent, exempt } => (
			RuleKind::MaxOwnership {
				share: Perbill::from_percent(*percent),
				base: SupplyBase::Outstanding,
			},
			exempt,
		),
		RuleT::LockUp { for_seconds, exempt } => {
			(RuleKind::LockUp { scope: LockScope::Security, until: now + for_seconds }, exempt)
		},
		RuleT::Closed { exempt } => {
			(RuleKind::TransferWindow { window: TransferWindow::Never }, exempt)
		},
		RuleT::ManualApproval { exempt } => (RuleKind::ManualApproval, exempt),
	};
	Rule { kind, exemptions: exemptions(exempt) }
}

impl Op {
	/// The runtime call, for signer `by` at time `now` (seconds), reading balances for `All`
	/// and `Half` amounts.
	pub fn call(&self, by: &Who, now: u64) -> RuntimeCall {
		use pallet_corporate_actions::Call as Ca;
		use pallet_credentials::Call as Cred;
		use pallet_issuance::Call as Iss;
		use pallet_shard_credentials::Call as Sc;
		use Op::*;
		let signer = by.account();
		let sec = |s: &S| s.0 as SecurityId;
		let inv = |i: &Inv| i.0 as u64;
		match self {
			RequestLink { investor, wallet } => {
				RuntimeCall::Credentials(Cred::request_wallet_link {
					investor: inv(investor),
					wallet: account(*wallet),
				})
			},
			AcceptLink { investor } => {
				RuntimeCall::Credentials(Cred::accept_wallet_link { investor: inv(investor) })
			},
			Unlink { wallet } => {
				RuntimeCall::Credentials(Cred::unlink_wallet { wallet: account(*wallet) })
			},
			RecoverWallet { lost, new } => RuntimeCall::Credentials(Cred::recover_wallet {
				lost: account(*lost),
				new: account(*new),
			}),
			Attest { investor, kind, expires_in } => RuntimeCall::Credentials(Cred::attest {
				investor: inv(investor),
				kind: *kind,
				expires_at: expires_in.map(|s| now + s),
				evidence: Default::default(),
			}),
			Revoke { investor, kind } => {
				RuntimeCall::Credentials(Cred::revoke { investor: inv(investor), kind: *kind })
			},
			BlockInvestor { investor } => RuntimeCall::Credentials(Cred::block_investor {
				investor: inv(investor),
				reason: BlockReason::CourtOrder,
			}),
			UnblockInvestor { investor } => {
				RuntimeCall::Credentials(Cred::unblock_investor { investor: inv(investor) })
			},
			BlockWallet { wallet } => RuntimeCall::Credentials(Cred::block_wallet {
				wallet: account(*wallet),
				reason: BlockReason::Other,
			}),
			UnblockWallet { wallet } => {
				RuntimeCall::Credentials(Cred::unblock_wallet { wallet: account(*wallet) })
			},
			RegisterProtocolHolder { account: a } => {
				RuntimeCall::Credentials(Cred::register_protocol_holder {
					account: account(*a),
					name: b"fuzz protocol".to_vec(),
				})
			},
			DeregisterProtocolHolder { account: a } => {
				RuntimeCall::Credentials(Cred::deregister_protocol_holder { account: account(*a) })
			},
			BlockProtocolHolder { account: a } => {
				RuntimeCall::Credentials(Cred::block_protocol_holder {
					account: account(*a),
					reason: BlockReason::ProtocolMisbehaviour,
				})
			},
			AddProxy { delegate, kind } => RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
				delegate: sp_runtime::MultiAddress::Id(account(*delegate)),
				proxy_type: *kind,
				delay: 0,
			}),
			UnblockProtocolHolder { account: a } => {
				RuntimeCall::Credentials(Cred::unblock_protocol_holder { account: account(*a) })
			},
			SettleProtocolHolderBlock { account: a, slash } => {
				RuntimeCall::Credentials(Cred::settle_protocol_holder_block {
					account: account(*a),
					slash: *slash,
				})
			},
			SetJurisdiction { investor, to } => {
				RuntimeCall::Credentials(Cred::set_investor_jurisdiction {
					investor: inv(investor),
					jurisdiction: to.get(),
				})
			},
			SuspendQualifier { qualifier } => {
				RuntimeCall::Credentials(Cred::suspend_qualifier { qualifier: *qualifier })
			},
			ResumeQualifier { qualifier } => {
				RuntimeCall::Credentials(Cred::resume_qualifier { qualifier: *qualifier })
			},
			CreateInvestor { individual, home } => {
				RuntimeCall::Credentials(Cred::create_investor {
					kind: if *individual {
						InvestorKind::Individual
					} else {
						InvestorKind::LegalEntity
					},
					jurisdiction: home.get(),
				})
			},
			Recount { investor } => {
				RuntimeCall::Compliance(pallet_compliance::Call::recount_investor {
					investor: inv(investor),
				})
			},
			Issue { security, to, amount } => RuntimeCall::Issuance(Iss::issue {
				security: sec(security),
				to: account(*to),
				amount: *amount,
			}),
			BatchIssue { security, issues } => RuntimeCall::Issuance(Iss::batch_issue {
				security: sec(security),
				issues: BoundedVec::truncate_from(
					issues.iter().map(|(to, amount)| (account(*to), *amount)).collect(),
				),
			}),
			Transfer { security, to, amount } => RuntimeCall::Issuance(Iss::transfer {
				security: sec(security),
				to: account(*to),
				amount: resolve(*amount, sec(security), signer.as_ref()),
			}),
			TransferKeepHolding { security, to, amount } => {
				RuntimeCall::Issuance(Iss::transfer_keep_holding {
					security: sec(security),
					to: account(*to),
					amount: resolve(*amount, sec(security), signer.as_ref()),
				})
			},
			ForcedTransfer { security, from, to, amount } => {
				RuntimeCall::Issuance(Iss::forced_transfer {
					security: sec(security),
					from: account(*from),
					to: account(*to),
					amount: resolve(*amount, sec(security), Some(&account(*from))),
					reason: pallet_issuance::ForcedTransferReason::CourtOrder,
				})
			},
			Redeem { security, amount } => RuntimeCall::Issuance(Iss::redeem {
				security: sec(security),
				amount: resolve(*amount, sec(security), signer.as_ref()),
			}),
			ForceRedeem { security, holder, amount } => RuntimeCall::Issuance(Iss::force_redeem {
				security: sec(security),
				holder: account(*holder),
				amount: resolve(*amount, sec(security), Some(&account(*holder))),
			}),
			RecoverHoldings { security, lost } => RuntimeCall::Issuance(Iss::recover_holdings {
				security: sec(security),
				lost: account(*lost),
			}),
			Freeze { security, holder } => RuntimeCall::Issuance(Iss::freeze_holder {
				security: sec(security),
				holder: account(*holder),
			}),
			Unfreeze { security, holder } => RuntimeCall::Issuance(Iss::unfreeze_holder {
				security: sec(security),
				holder: account(*holder),
			}),
			SetFrozen { security, holder, amount } => {
				RuntimeCall::Issuance(Iss::set_frozen_amount {
					security: sec(security),
					holder: account(*holder),
					amount: *amount,
				})
			},
			Pause { security } => RuntimeCall::Issuance(Iss::pause { security: sec(security) }),
			Resume { security } => RuntimeCall::Issuance(Iss::resume { security: sec(security) }),
			MarkMatured { security } => {
				RuntimeCall::Issuance(Iss::mark_matured { security: sec(security) })
			},
			SetAgent { security, agent, roles } => RuntimeCall::Issuance(Iss::set_agent {
				security: sec(security),
				agent: account(*agent),
				roles: pallet_issuance::AgentRoles {
					issuance: roles & 1 != 0,
					compliance: roles & 2 != 0,
					transfer: roles & 4 != 0,
					corporate_actions: roles & 8 != 0,
				},
			}),
			SuspendIssuer { issuer } => {
				RuntimeCall::Issuance(Iss::suspend_issuer { issuer: inv(issuer) })
			},
			ReinstateIssuer { issuer } => {
				RuntimeCall::Issuance(Iss::reinstate_issuer { issuer: inv(issuer) })
			},
			OpenOffering { security, ends_in, soft_cap, hard_cap } => {
				RuntimeCall::Issuance(Iss::open_offering {
					security: sec(security),
					asset: DUSD,
					price: 1_000_000,
					starts_at: now,
					ends_at: now + ends_in,
					min_subscription: 1,
					max_subscription: (*hard_cap).min(5_000),
					soft_cap: *soft_cap,
					hard_cap: *hard_cap,
					proceeds_to: account(issuer_wallet(sec(security))),
				})
			},
			Subscribe { offering, units } => {
				RuntimeCall::Issuance(Iss::subscribe { offering: offering.0 as u32, units: *units })
			},
			Withdraw { offering } => {
				RuntimeCall::Issuance(Iss::withdraw_subscription { offering: offering.0 as u32 })
			},
			CancelOffering { offering } => {
				RuntimeCall::Issuance(Iss::cancel_offering { offering: offering.0 as u32 })
			},
			Settle { offering, max } => RuntimeCall::Issuance(Iss::settle_offering {
				offering: offering.0 as u32,
				max: *max,
			}),
			ClaimRefund { offering } => {
				RuntimeCall::Issuance(Iss::claim_refund { offering: offering.0 as u32 })
			},
			SetRules { security, rules } => {
				RuntimeCall::Compliance(pallet_compliance::Call::set_rules {
					security: sec(security),
					rules: BoundedVec::truncate_from(
						rules.iter().map(|r| pallet_rule(r, now)).collect(),
					),
				})
			},
			Approve { security, from, to, amount } => {
				RuntimeCall::Compliance(pallet_compliance::Call::approve_transfer {
					security: sec(security),
					from: account(*from),
					to: account(*to),
					amount: resolve(*amount, sec(security), Some(&account(*from))),
				})
			},
			Checkpoint { security, in_seconds } => {
				RuntimeCall::CorporateActions(Ca::create_checkpoint {
					security: sec(security),
					at: in_seconds.map(|s| now + s),
				})
			},
			Distribute { security, record, pay, pay_in, expires_after, withholding } => {
				RuntimeCall::CorporateActions(Ca::create_distribution {
					security: sec(security),
					record_date: match record {
						Record::Now => pallet_corporate_actions::RecordDate::Now,
						Record::In(s) => pallet_corporate_actions::RecordDate::At(now + s),
						Record::Checkpoint(c) => {
							pallet_corporate_actions::RecordDate::Checkpoint(*c)
						},
					},
					asset: DUSD,
					amount: match pay {
						Pay::PerUnit(r) => pallet_corporate_actions::Amount::PerUnit(*r),
						Pay::Total(t) => pallet_corporate_actions::Amount::Total(*t),
					},
					pay_at: now + pay_in,
					expires_at: now + pay_in + expires_after,
					withholding: BoundedVec::truncate_from(if *withholding {
						vec![
							(jurisdiction("GB"), Perbill::from_percent(15)),
							(jurisdiction("US"), Perbill::from_percent(30)),
						]
					} else {
						vec![]
					}),
				})
			},
			CancelDistribution { distribution } => {
				RuntimeCall::CorporateActions(Ca::cancel_distribution {
					distribution: distribution.0 as u32,
				})
			},
			Claim { distribution } => {
				RuntimeCall::CorporateActions(Ca::claim { distribution: distribution.0 as u32 })
			},
			Push { distribution, max } => RuntimeCall::CorporateActions(Ca::push_payments {
				distribution: distribution.0 as u32,
				max: *max,
			}),
			Reclaim { distribution } => {
				RuntimeCall::CorporateActions(Ca::reclaim { distribution: distribution.0 as u32 })
			},
			ClaimRecovered { distribution, lost } => {
				RuntimeCall::CorporateActions(Ca::claim_recovered {
					distribution: distribution.0 as u32,
					lost: account(*lost),
				})
			},
			Split { security, numerator, denominator } => {
				RuntimeCall::CorporateActions(Ca::split {
					security: sec(security),
					numerator: *numerator,
					denominator: *denominator,
				})
			},
			DebtSchedule { security, months, first_in } => {
				RuntimeCall::CorporateActions(Ca::set_debt_schedule {
					security: sec(security),
					asset: DUSD,
					face_value: 1_000_000,
					months: *months,
					first_coupon: now + first_in,
				})
			},
			RedeemAtMaturity { security } => {
				RuntimeCall::CorporateActions(Ca::redeem_at_maturity { security: sec(security) })
			},
			TrustShard { shard } => {
				RuntimeCall::ShardCredentials(Sc::trust_shard { shard: *shard })
			},
			UntrustShard { shard } => {
				RuntimeCall::ShardCredentials(Sc::untrust_shard { shard: *shard })
			},
			Import { updates } => RuntimeCall::ShardCredentials(Sc::import {
				updates: pallet_shard_credentials::VersionedUpdates::V1(BoundedVec::truncate_from(
					updates.iter().map(|u| u.update(now)).collect(),
				)),
			}),
			ApplyWalletLink { wallet } => {
				RuntimeCall::ShardCredentials(Sc::apply_wallet_link { wallet: account(*wallet) })
			},
		}
	}

	/// A short name for statistics.
	pub fn name(&self) -> String {
		let debug = format!("{self:?}");
		debug.split([' ', '{', '(']).next().unwrap_or("?").to_string()
	}
}

impl Upd {
	/// The update as the home shard sends it, times relative to `now` (seconds).
	pub fn update(&self, now: u64) -> pallet_shard_credentials::Update<AccountId32> {
		use pallet_shard_credentials::{QualifierRecord, Record};
		use stoa_primitives::shards::{AttestationState, BlockState, InvestorState, WalletState};
		let block = |reason| BlockState { reason, at: now };
		let record = match &self.record {
			Rec::Investor { home, state } => Record::Investor {
				investor: *home as u64,
				state: state.map(|(individual, j, qualifier, blocked)| InvestorState {
					qualifier: qualifier as u32,
					kind: if individual {
						InvestorKind::Individual
					} else {
						InvestorKind::LegalEntity
					},
					jurisdiction: j.get(),
					block: blocked.then(|| block(BlockReason::CourtOrder)),
				}),
			},
			Rec::Credential { home, kind, attestations } => Record::Credential {
				investor: *home as u64,
				kind: *kind,
				attestations: BoundedVec::truncate_from(
					attestations
						.iter()
						.map(|a| AttestationState {
							qualifier: a.qualifier as u32,
							issued_at: now.saturating_sub(86_400),
							expires_at: a.expires_in.map(|s| now + s),
							revoked_at: a.revoked.then_some(now),
						})
						.collect(),
				),
			},
			Rec::Wallet { wallet, home, blocked } => Record::Wallet {
				wallet: account(*wallet),
				state: WalletState {
					investor: home.map(|h| h as u64),
					block: blocked.then(|| block(BlockReason::Other)),
				},
			},
			Rec::Qualifier { qualifier, state } => Record::Qualifier {
				qualifier: *qualifier as u32,
				state: state.map(|(active, kyc, accredited)| QualifierRecord {
					active,
					kinds: BoundedVec::truncate_from(
						[
							kyc.then_some(CredentialKind::Kyc),
							accredited.then_some(CredentialKind::AccreditedInvestor),
						]
						.into_iter()
						.flatten()
						.collect(),
					),
				}),
			},
		};
		pallet_shard_credentials::Update { seq: self.seq, record }
	}
}

impl Step {
	/// The runtime call of a call or batch step (`None` for a new block).
	pub fn call(&self, now: u64) -> Option<(Who, RuntimeCall)> {
		match self {
			Step::Call { by, op } => Some((*by, op.call(by, now))),
			Step::Batch { by, kind, ops } => {
				let calls = ops.iter().map(|op| op.call(by, now)).collect();
				let call = match kind {
					BatchKind::All => pallet_utility::Call::<Runtime>::batch_all { calls },
					BatchKind::Batch => pallet_utility::Call::<Runtime>::batch { calls },
					BatchKind::Force => pallet_utility::Call::<Runtime>::force_batch { calls },
				};
				Some((*by, RuntimeCall::Utility(call)))
			},
			Step::Proxied { delegate, principal, op } => {
				let call = op.call(&Who::By(*principal), now);
				Some((
					Who::By(*delegate),
					RuntimeCall::Proxy(pallet_proxy::Call::proxy {
						real: sp_runtime::MultiAddress::Id(account(*principal)),
						force_proxy_type: None,
						call: Box::new(call),
					}),
				))
			},
			Step::NextBlock { .. } => None,
		}
	}

	/// A short name for statistics.
	pub fn name(&self) -> String {
		match self {
			Step::Call { op, .. } => op.name(),
			Step::Batch { kind, .. } => format!("Batch{kind:?}"),
			Step::Proxied { op, .. } => format!("Proxied{}", op.name()),
			Step::NextBlock { .. } => "NextBlock".into(),
		}
	}
}
