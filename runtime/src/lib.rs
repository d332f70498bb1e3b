//! # Stoa runtime
//!
//! One runtime composes Stoa's services: the permissioned collator set (master nodes), the
//! settlement currencies (`pallet-assets`), credentials, compliance, issuance and corporate
//! actions. It is a parachain runtime: each Stoa shard (one per regulatory region) runs it as
//! a parachain of a relay chain, which finalizes the shard's blocks; `stoa-node --dev` runs
//! it alone with mocked relay-chain data. Laid out like polkadot-sdk's parachain template:
//! `configs/` holds each pallet's configuration (`configs/xcm_config.rs` the XCM one),
//! `apis.rs` the runtime APIs, `genesis_config_presets.rs` the dev, local and shard genesis.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`'s expansion is large.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

// Declared before `apis`: it defines the macros the benchmark runtime API expands.
pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;

extern crate alloc;

use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types: what the node needs to know of blocks without knowing the runtime's
/// extrinsic format, so that it keeps syncing across runtime upgrades.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The keys a master node registers with `session.set_keys`: Aura, to collate the shard's
	/// blocks. Finality comes from the relay chain, so there is no finality key.
	pub struct SessionKeys {
		pub aura: Aura,
	}
}

/// The runtime's version, from its `spec_version` (a literal: `#[sp_version::runtime_version]`
/// reads it at compile time into the wasm's `runtime_version` section, which the node and
/// `set_code` read without running the code).
macro_rules! stoa_runtime_version {
	($spec_version:tt) => {
		/// The runtime's version: what the node reports, and what `set_code` compares.
		#[sp_version::runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed("stoa"),
			impl_name: alloc::borrow::Cow::Borrowed("stoa"),
			authoring_version: 1,
			spec_version: $spec_version,
			impl_version: 1,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 1,
			system_version: 1,
		};
	};
}

// Bump `spec_version` with every runtime change that reaches a live chain, and the
// `next-spec-version` one with it: that feature builds this same runtime one version ahead,
// the wasm the runtime-upgrade test installs through the council (scripts/build-next-runtime.sh).
#[cfg(not(feature = "next-spec-version"))]
stoa_runtime_version!(100);
#[cfg(feature = "next-spec-version")]
stoa_runtime_version!(101);

/// Block time. Blocks are produced at most this often; Aura's slot duration.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;

// The slot duration cannot change once the chain has started: it would brick production.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// The relay chain's block time, which the consensus hook checks the shard's slots against.
pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;
/// Shard blocks the relay chain may include per relay block.
pub const BLOCK_PROCESSING_VELOCITY: u32 = 1;
/// Shard blocks that may be built ahead of the relay chain's inclusion (async backing).
pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
/// How many relay blocks behind the tip a shard block's relay parent is (0: the tip).
pub const RELAY_PARENT_OFFSET: u32 = 0;

// Time in blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// Master-node admissions and removals take effect at session boundaries.
pub const SESSION_PERIOD: BlockNumber = 10 * MINUTES;

/// The native token, STOA, pays fees and deposits. It has 12 decimals.
pub const TOKEN_SYMBOL: &str = "STOA";
/// Decimals of the native token.
pub const TOKEN_DECIMALS: u8 = 12;
/// One STOA.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a STOA.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// A millionth of a STOA.
pub const MICRO_UNIT: Balance = 1_000_000;
/// The smallest balance an account can hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;
/// Stoa's SS58 address prefix.
pub const SS58_PREFIX: u16 = 42;

/// Block number.
pub type BlockNumber = u32;
/// Signature of an extrinsic: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// An account: the public key of its signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance of STOA or of a settlement currency.
pub type Balance = u128;
/// An account's transaction counter.
pub type Nonce = u32;
/// Block and state hash.
pub type Hash = sp_core::H256;

/// A security's record as the issuance pallet stores it (what `IssuanceApi::security` returns).
pub type SecurityRecord = pallet_issuance::SecurityOf<Runtime>;
/// Identifier of a settlement currency in `pallet-assets`.
pub type AssetId = u32;

/// The address format of extrinsics.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The transaction extensions: checks every signed extrinsic goes through. The outer
/// `StorageWeightReclaim` gives back the unused part of each extrinsic's declared weight, ref
/// time and proof size alike (the proof size as measured while the block is built); it
/// replaces `frame_system::WeightReclaim`.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::AuthorizeCall<Runtime>,
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
		// Lets a hardware wallet check what it signs against the metadata's hash (RFC 78);
		// the hash is built into the wasm (build.rs), so the check holds when mode is on.
		frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	),
>;

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations to run on runtime upgrade, beyond the pallets' own.
#[allow(unused_parens)]
type Migrations = ();

/// Dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

// The pallets, in the order (of their indices) their genesis is built and their hooks run.
// MasterNodes comes before Session: session's genesis asks it for the first authority set.
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	// The shard's link to the relay chain: validation data, upgrades, messages. Right after
	// System, so that its hooks and its inherent come first (the executive orders pallets by
	// index).
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;

	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;

	/// The shard's parachain id.
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = parachain_info;

	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	#[runtime::pallet_index(5)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(6)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(10)]
	pub type MasterNodes = pallet_master_nodes;

	#[runtime::pallet_index(11)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(12)]
	pub type Aura = pallet_aura;

	/// Aura's slot checks against the relay chain.
	#[runtime::pallet_index(13)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	#[runtime::pallet_index(20)]
	pub type Utility = pallet_utility;

	/// A convenience key on `--dev` chains only: the other presets have no sudo key, and
	/// root is reached through the council (see `Council`, `Whitelist`).
	#[runtime::pallet_index(21)]
	pub type Sudo = pallet_sudo;

	// Governance: the regulators' council (members managed by membership), and the
	// whitelist through which its two-thirds motions dispatch as root.
	#[runtime::pallet_index(22)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(23)]
	pub type CouncilMembership = pallet_membership<Instance1>;
	#[runtime::pallet_index(24)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(25)]
	pub type Whitelist = pallet_whitelist;

	// Institutions: multi-signature accounts and proxies (delegates with narrow powers).
	#[runtime::pallet_index(26)]
	pub type Multisig = pallet_multisig;
	#[runtime::pallet_index(27)]
	pub type Proxy = pallet_proxy;

	/// Settlement currencies (stablecoins, tokenised cash) that securities settle against.
	#[runtime::pallet_index(30)]
	pub type Assets = pallet_assets;

	// Identity and compliance: 40-49.
	#[runtime::pallet_index(40)]
	pub type Credentials = pallet_credentials;
	#[runtime::pallet_index(41)]
	pub type Compliance = pallet_compliance;
	/// Credentials that travel between shards, over XCM.
	#[runtime::pallet_index(42)]
	pub type ShardCredentials = pallet_shard_credentials;

	// Securities: 50-59.
	#[runtime::pallet_index(50)]
	pub type Issuance = pallet_issuance;
	#[runtime::pallet_index(51)]
	pub type CorporateActions = pallet_corporate_actions;

	// XCM: messages to and from the relay chain and the other shards, 60-69.
	#[runtime::pallet_index(60)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(61)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(62)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(63)]
	pub type MessageQueue = pallet_message_queue;
}

// What the relay chain's validators run to check a shard block (the PVF's entry point).
cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
