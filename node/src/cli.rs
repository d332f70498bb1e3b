//! Command-line interface: cumulus' run command (a shard's node, collating with `--collator`),
//! the relay chain's arguments after `--`, and the subcommands.

use std::path::PathBuf;

/// `stoa-node`'s command line.
#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true,
	after_help = "Run a dev chain (one node, no relay chain):\n  stoa-node --dev\n\
	              Collate a shard (a relay-chain node is embedded):\n  stoa-node --collator \
	              --chain shard-eu-local -- --chain <relay chain spec>"
)]
pub struct Cli {
	/// A subcommand; without one the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[allow(missing_docs)]
	#[command(flatten)]
	pub run: cumulus_client_cli::RunCmd,

	/// The relay chain's arguments, after `--` (e.g. `-- --chain rococo-local.json`). Used
	/// by a shard's node unless `--relay-chain-rpc-urls` points at a relay node; `--dev` needs
	/// none.
	#[arg(raw = true)]
	pub relay_chain_args: Vec<String>,
}

/// `stoa-node`'s subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management utilities (generate, inspect, insert session keys).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (`--chain dev|local|shard-eu-local|...|<path>`, `--raw`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Export a shard's genesis head data, to register it on a relay chain.
	ExportGenesisHead(cumulus_client_cli::ExportGenesisHeadCommand),

	/// Export a shard's genesis wasm (its validation code), to register it on a relay chain.
	ExportGenesisWasm(cumulus_client_cli::ExportGenesisWasmCommand),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain (and the embedded relay chain's, unless told otherwise).
	PurgeChain(cumulus_client_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmarks (pallet weights, storage, machine). Built with `--features runtime-benchmarks`.
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),
}

/// The embedded relay-chain node's command line: polkadot's run command, fed the arguments
/// after `--`.
#[derive(Debug)]
pub struct RelayChainCli {
	/// The relay chain's run command.
	pub base: polkadot_cli::RunCmd,
	/// The relay chain's id, from the shard's chain spec, unless `--chain` gives one.
	pub chain_id: Option<String>,
	/// Where the relay chain's data goes: `<shard base path>/polkadot` by default.
	pub base_path: Option<PathBuf>,
}

impl RelayChainCli {
	/// Parses `relay_chain_args` for the shard node configured by `para_config`.
	pub fn new<'a>(
		para_config: &sc_service::Configuration,
		relay_chain_args: impl Iterator<Item = &'a String>,
	) -> Result<Self, String> {
		use clap::{CommandFactory, FromArgMatches};
		let matches = polkadot_cli::RunCmd::command()
			.no_binary_name(true)
			.try_get_matches_from(relay_chain_args)
			.map_err(|e| format!("bad relay-chain argument (after `--`): {e}"))?;
		let base = polkadot_cli::RunCmd::from_arg_matches(&matches)
			.map_err(|e| format!("bad relay-chain argument (after `--`): {e}"))?;
		let chain_id = crate::chain_spec::Extensions::try_get(&*para_config.chain_spec)
			.map(|e| e.relay_chain.clone());
		let base_path = para_config.base_path.path().join("polkadot");
		Ok(Self { base, chain_id, base_path: Some(base_path) })
	}
}
