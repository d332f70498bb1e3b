//! The pallets `stoa-node benchmark pallet` measures (see scripts/benchmark.sh).

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_master_nodes, MasterNodes]
	[pallet_credentials, Credentials]
	[pallet_issuance, Issuance]
	[pallet_compliance, Compliance]
	[pallet_shard_credentials, ShardCredentials]
	[pallet_corporate_actions, CorporateActions]
);
