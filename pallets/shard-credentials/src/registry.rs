//! Reading imported records: `pallet-credentials` answers for imported investors through this.
//! Every read checks that the record's home shard is trusted now, in the epoch the record
//! was imported in.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::traits::UnixTime;
use stoa_primitives::{
	credentials::{BlockInfo, CredentialInfo, HomeShard, InvestorInfo},
	shards::InvestorState,
	BlockReason, CredentialKind, ImportedCredentials as ImportedCredentialsApi, InvestorId,
	InvestorKind, Jurisdiction, Moment, QualifierId, ShardId,
};

impl<T: Config> Pallet<T> {
	/// Whether a record imported from `shard` in `epoch` counts now.
	pub fn counts(shard: ShardId, epoch: u32) -> bool {
		TrustedShards::<T>::get(shard) == Some(epoch)
	}

	/// Whether `shard`'s qualifier counts for `kind`: imported, active and trusted for it.
	pub fn qualifier_counts(shard: ShardId, qualifier: QualifierId, kind: CredentialKind) -> bool {
		ImportedQualifiers::<T>::get(shard, qualifier).is_some_and(|q| {
			Self::counts(shard, q.epoch)
				&& q.state.is_some_and(|s| s.active && s.kinds.contains(&kind))
		})
	}

	/// An imported investor's record, if it counts.
	pub fn investor_state(investor: InvestorId) -> Option<InvestorState> {
		ImportedInvestors::<T>::get(investor)
			.filter(|r| Self::counts(r.shard, r.epoch))
			.and_then(|r| r.state)
	}

	fn attestation_counts(
		set: &ImportedAttestations,
		attestation: &stoa_primitives::shards::AttestationState,
		kind: CredentialKind,
		at: Moment,
	) -> bool {
		Self::counts(set.shard, set.epoch)
			&& attestation.is_live(at)
			&& Self::qualifier_counts(set.shard, attestation.qualifier, kind)
	}
}

impl<T: Config, Hash: Default> ImportedCredentialsApi<T::AccountId, Hash> for Pallet<T> {
	fn investor_of(wallet: &T::AccountId) -> Option<InvestorId> {
		ImportedWallets::<T>::get(wallet)
			.filter(|w| Self::counts(w.shard, w.epoch))
			.and_then(|w| w.investor)
	}

	fn has_credential(investor: InvestorId, kind: CredentialKind, at: Moment) -> bool {
		// An investor whose own record does not count here (not arrived yet, gone at home, or
		// imported under an earlier trust) has no jurisdiction: holder counts could not file
		// it, so it holds no credential either.
		Self::investor_state(investor).is_some()
			&& ImportedCredentials::<T>::get(investor, kind).is_some_and(|set| {
				set.attestations.iter().any(|a| Self::attestation_counts(&set, a, kind, at))
			})
	}

	fn jurisdiction_of(investor: InvestorId) -> Option<Jurisdiction> {
		Self::investor_state(investor).map(|s| s.jurisdiction)
	}

	fn investor_kind(investor: InvestorId) -> Option<InvestorKind> {
		Self::investor_state(investor).map(|s| s.kind)
	}

	fn investor_block(investor: InvestorId) -> Option<BlockReason> {
		Self::investor_state(investor).and_then(|s| s.block).map(|b| b.reason)
	}

	fn account_block(account: &T::AccountId) -> Option<BlockReason> {
		// A wallet no trusted shard ever sent has nothing more to read.
		let wallet = ImportedWallets::<T>::get(account)?;
		let home = Self::counts(wallet.shard, wallet.epoch).then_some(wallet).and_then(|wallet| {
			wallet
				.block
				.map(|b| b.reason)
				// Held while its link changes under units (see `ImportedWallet::pending`).
				.or(wallet.pending.map(|_| BlockReason::Other))
				.or_else(|| {
					wallet.investor.and_then(|investor| {
						<Self as ImportedCredentialsApi<T::AccountId, Hash>>::investor_block(
							investor,
						)
					})
				})
		});
		// Other trusted shards' blocks of it (their claims were refused).
		home.or_else(|| {
			ImportedWalletBlocks::<T>::iter_prefix(account).find_map(|(shard, aside)| {
				aside.block.filter(|_| Self::counts(shard, aside.epoch)).map(|b| b.reason)
			})
		})
	}

	fn investor_info(investor: InvestorId) -> Option<InvestorInfo<T::AccountId, Hash>> {
		let record = ImportedInvestors::<T>::get(investor)?;
		let state = record.state?;
		let trusted = Self::counts(record.shard, record.epoch);
		let now = T::UnixTime::now().as_secs();
		let credentials: Vec<_> = ImportedCredentials::<T>::iter_prefix(investor)
			.flat_map(|(kind, set)| {
				set.attestations
					.iter()
					.map(|a| CredentialInfo {
						kind,
						qualifier: a.qualifier,
						issued_at: a.issued_at,
						expires_at: a.expires_at,
						// The evidence stays with the home shard's qualifier.
						evidence: Hash::default(),
						revoked_at: a.revoked_at,
						valid: trusted && Self::attestation_counts(&set, a, kind, now),
					})
					.collect::<Vec<_>>()
			})
			.collect();
		Some(InvestorInfo {
			id: investor,
			kind: state.kind,
			jurisdiction: state.jurisdiction,
			qualifier: state.qualifier,
			wallets: WalletsOf::<T>::iter_key_prefix(investor).collect(),
			credentials,
			block: state.block.map(|b| BlockInfo {
				reason: b.reason,
				by_qualifier: None,
				at: b.at,
			}),
			home: Some(HomeShard { shard: record.shard, investor: record.home_id, trusted }),
		})
	}
}
