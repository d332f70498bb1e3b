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
	// Upstream pallets whose weights the runtime takes from its own measurements
	// (runtime/src/configs/weights/), not from the figures they ship with.
	[pallet_collective, Council]
	[pallet_membership, CouncilMembership]
	[pallet_preimage, Preimage]
	[pallet_whitelist, Whitelist]
	[pallet_multisig, Multisig]
	[pallet_proxy, Proxy]
	[pallet_utility, Utility]
	[pallet_timestamp, Timestamp]
	[pallet_message_queue, MessageQueue]
	[cumulus_pallet_xcmp_queue, XcmpQueue]
);
