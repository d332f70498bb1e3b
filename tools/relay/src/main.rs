//! `polkadot`: the relay-chain node, exactly as polkadot's own binary runs it.

fn main() -> color_eyre::eyre::Result<()> {
	color_eyre::install()?;
	polkadot_cli::run()?;
	Ok(())
}
