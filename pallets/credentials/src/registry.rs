//! Reading credentials: whether an attestation counts, which block applies, what the runtime
//! API shows, and the `CredentialRegistry` every other pallet reads through.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision},
	},
};
use sp_runtime::traits::Zero;
use stoa_primitives::{
	credentials::{
		AccountCredentials, BlockInfo, CredentialInfo, InvestorInfo, ProtocolHolderInfo,
	},
	shards::{
		is_imported, AttestationState, BlockState, InvestorState, QualifierState, WalletState,
	},
	BlockReason, CredentialKind, CredentialsExport, CredentialsListener, ImportedCredentials,
	InvestorId, InvestorKind, Jurisdiction, Moment, QualifierId, RecordChange,
};

impl<T: Config> Pallet<T> {
	/// Whether an attestation of `kind` counts at `now`: unrevoked, unexpired, and its
	/// qualifier exists, is active and is (still) trusted for `kind`.
	pub fn attestation_counts(
		attestation: &Attestation<T::Hash>,
		kind: CredentialKind,
		now: Moment,
	) -> bool {
		attestation.is_live(now)
			&& Qualifiers::<T>::get(attestation.qualifier)
				.is_some_and(|q| q.status == QualifierStatus::Active && q.kinds.contains(&kind))
	}

	/// The block on a wallet, on the investor behind it, or on the protocol holder it is;
	/// the wallet's own block first. (A wallet linked to an investor is never a protocol
	/// holder: both registrations refuse the other, so one of the two is read.)
	pub fn block_of_account(account: &T::AccountId) -> Option<Block> {
		WalletBlocks::<T>::get(account).or_else(|| match InvestorOfWallet::<T>::get(account) {
			Some(investor) => InvestorBlocks::<T>::get(investor),
			None => ProtocolHolders::<T>::get(account).and_then(|p| p.block),
		})
	}

	/// An investor with its wallets, attestations (and whether each counts now) and block.
	///
	/// For the runtime API: iterates over the investor's wallets and credential kinds, all
	/// bounded.
	pub fn investor_info(investor: InvestorId) -> Option<InvestorInfo<T::AccountId, T::Hash>> {
		if is_imported(investor) {
			return T::Imported::investor_info(investor);
		}
		let record = Investors::<T>::get(investor)?;
		let now = Self::now();
		let credentials = Credentials::<T>::iter_prefix(investor)
			.flat_map(|(kind, attestations)| {
				attestations.into_iter().map(move |a| CredentialInfo {
					kind,
					qualifier: a.qualifier,
					issued_at: a.issued_at,
					expires_at: a.expires_at,
					evidence: a.evidence,
					revoked_at: a.revoked_at,
					valid: Self::attestation_counts(&a, kind, now),
				})
			})
			.collect();
		Some(InvestorInfo {
			id: investor,
			kind: record.kind,
			jurisdiction: record.jurisdiction,
			qualifier: record.qualifier,
			wallets: InvestorWallets::<T>::iter_key_prefix(investor).collect(),
			credentials,
			block: InvestorBlocks::<T>::get(investor).map(BlockInfo::from),
			home: None,
		})
	}

	/// Everything known about an account, for the runtime API.
	pub fn account_credentials(
		account: &T::AccountId,
	) -> AccountCredentials<T::AccountId, T::Hash> {
		use stoa_primitives::CredentialRegistry;
		AccountCredentials {
			investor: Self::investor_of(account).and_then(Self::investor_info),
			wallet_block: WalletBlocks::<T>::get(account).map(BlockInfo::from),
			protocol_holder: ProtocolHolders::<T>::get(account).map(|p| ProtocolHolderInfo {
				registrant: p.registrant,
				name: p.name.into_inner(),
				block: p.block.map(BlockInfo::from),
			}),
			pending_link: LinkRequests::<T>::get(account).map(|r| r.investor),
			blocked: Self::account_block(account),
		}
	}
}

impl<T: Config> stoa_primitives::CredentialRegistry<T::AccountId> for Pallet<T> {
	fn investor_of(wallet: &T::AccountId) -> Option<InvestorId> {
		// A wallet this shard links is this shard's; otherwise a trusted shard's link counts.
		InvestorOfWallet::<T>::get(wallet).or_else(|| T::Imported::investor_of(wallet))
	}

	fn has_credential(
		investor: InvestorId,
		kind: CredentialKind,
		qualifiers: Option<&[QualifierId]>,
		at: Moment,
	) -> bool {
		if is_imported(investor) {
			// A rule that names this shard's qualifiers accepts none of another shard's.
			return qualifiers.is_none() && T::Imported::has_credential(investor, kind, at);
		}
		Credentials::<T>::get(investor, kind).iter().any(|a| {
			qualifiers.is_none_or(|set| set.contains(&a.qualifier))
				&& Self::attestation_counts(a, kind, at)
		})
	}

	fn jurisdiction_of(investor: InvestorId) -> Option<Jurisdiction> {
		if is_imported(investor) {
			return T::Imported::jurisdiction_of(investor);
		}
		Investors::<T>::get(investor).map(|r| r.jurisdiction)
	}

	fn investor_kind(investor: InvestorId) -> Option<InvestorKind> {
		if is_imported(investor) {
			return T::Imported::investor_kind(investor);
		}
		Investors::<T>::get(investor).map(|r| r.kind)
	}

	fn investor_block(investor: InvestorId) -> Option<BlockReason> {
		if is_imported(investor) {
			return T::Imported::investor_block(investor);
		}
		InvestorBlocks::<T>::get(investor).map(|b| b.reason)
	}

	fn account_block(account: &T::AccountId) -> Option<BlockReason> {
		// Blocks win wherever they come from: this shard's, then a trusted shard's.
		Self::block_of_account(account)
			.map(|b| b.reason)
			.or_else(|| T::Imported::account_block(account))
	}

	fn is_protocol_holder(account: &T::AccountId) -> bool {
		ProtocolHolders::<T>::get(account).is_some_and(|p| p.block.is_none())
	}

	fn now() -> Moment {
		Pallet::<T>::now()
	}
}

impl<T: Config> Pallet<T> {
	/// Records `qualifier`'s attestation (see the call).
	pub(crate) fn do_attest(
		(qualifier, q): (QualifierId, QualifierOf<T>),
		investor: InvestorId,
		kind: CredentialKind,
		expires_at: Option<Moment>,
		evidence: T::Hash,
	) -> Result<Weight, DispatchError> {
		ensure!(q.kinds.contains(&kind), Error::<T>::NotTrustedForKind);
		let record = Investors::<T>::get(investor).ok_or(Error::<T>::UnknownInvestor)?;
		if kind == CredentialKind::Residence {
			ensure!(
				q.jurisdictions.contains(&record.jurisdiction),
				Error::<T>::JurisdictionNotCovered
			);
		}
		let now = Self::now();
		ensure!(expires_at.is_none_or(|expiry| expiry > now), Error::<T>::ExpiryInPast);
		let attestation =
			Attestation { qualifier, issued_at: now, expires_at, evidence, revoked_at: None };
		Credentials::<T>::try_mutate(investor, kind, |attestations| -> DispatchResult {
			if let Some(existing) = attestations.iter_mut().find(|a| a.qualifier == qualifier) {
				*existing = attestation;
				return Ok(());
			}
			if attestations.is_full() {
				// Make room by dropping an attestation that no longer counts.
				let stale = attestations
					.iter()
					.position(|a| !Self::attestation_counts(a, kind, now))
					.ok_or(Error::<T>::TooManyAttestations)?;
				attestations.remove(stale);
			}
			attestations.try_push(attestation).map_err(|_| Error::<T>::TooManyAttestations)?;
			Ok(())
		})?;
		let listeners = T::Listener::on_credentials_changed(investor).saturating_add(
			T::Listener::on_record_changed(RecordChange::Credential(investor, kind)),
		);
		Self::deposit_event(Event::CredentialAttested { investor, kind, qualifier, expires_at });
		Ok(listeners)
	}

	/// Blocks a protocol holder; its deposit stays held (see the call).
	pub(crate) fn do_block_protocol_holder(
		account: T::AccountId,
		reason: BlockReason,
	) -> DispatchResult {
		let mut holder =
			ProtocolHolders::<T>::get(&account).ok_or(Error::<T>::NotProtocolHolder)?;
		ensure!(holder.block.is_none(), Error::<T>::AlreadyBlocked);
		holder.block = Some(Block { reason, by: Actor::Governance, at: Self::now() });
		ProtocolHolders::<T>::insert(&account, holder);
		Self::deposit_event(Event::ProtocolHolderBlocked { account, reason });
		Ok(())
	}

	/// A block whose deposit was settled is final (a settled deposit is zero: a runtime that
	/// asks for no deposit has final blocks); otherwise the deposit is still held and the
	/// registration resumes as it was.
	pub(crate) fn do_unblock_protocol_holder(account: T::AccountId) -> DispatchResult {
		let mut holder =
			ProtocolHolders::<T>::get(&account).ok_or(Error::<T>::NotProtocolHolder)?;
		ensure!(holder.block.is_some(), Error::<T>::NotBlocked);
		ensure!(!holder.deposit.is_zero(), Error::<T>::BlockSettled);
		holder.block = None;
		ProtocolHolders::<T>::insert(&account, holder);
		Self::deposit_event(Event::ProtocolHolderUnblocked { account });
		Ok(())
	}

	pub(crate) fn do_settle_protocol_holder_block(
		account: T::AccountId,
		slash: bool,
	) -> DispatchResult {
		let mut holder =
			ProtocolHolders::<T>::get(&account).ok_or(Error::<T>::NotProtocolHolder)?;
		ensure!(holder.block.is_some(), Error::<T>::NotBlocked);
		ensure!(!holder.deposit.is_zero(), Error::<T>::BlockSettled);
		let reason_id = HoldReason::ProtocolHolderDeposit.into();
		let (slashed, returned) = if slash {
			let burned = T::Currency::burn_held(
				&reason_id,
				&holder.registrant,
				holder.deposit,
				Precision::BestEffort,
				Fortitude::Force,
			)?;
			(burned, Zero::zero())
		} else {
			let released = T::Currency::release(
				&reason_id,
				&holder.registrant,
				holder.deposit,
				Precision::BestEffort,
			)?;
			(Zero::zero(), released)
		};
		holder.deposit = Zero::zero();
		ProtocolHolders::<T>::insert(&account, holder);
		Self::deposit_event(Event::ProtocolHolderBlockSettled { account, slashed, returned });
		Ok(())
	}
}

impl From<Block> for BlockState {
	fn from(block: Block) -> Self {
		BlockState { reason: block.reason, at: block.at }
	}
}

/// This shard's own records, for the mirror that sends them to the shards that trust it.
impl<T: Config> CredentialsExport<T::AccountId> for Pallet<T> {
	fn investor(investor: InvestorId) -> Option<InvestorState> {
		let record = Investors::<T>::get(investor)?;
		Some(InvestorState {
			qualifier: record.qualifier,
			kind: record.kind,
			jurisdiction: record.jurisdiction,
			block: InvestorBlocks::<T>::get(investor).map(BlockState::from),
		})
	}

	fn attestations(investor: InvestorId, kind: CredentialKind) -> Vec<AttestationState> {
		Credentials::<T>::get(investor, kind)
			.into_iter()
			.map(|a| AttestationState {
				qualifier: a.qualifier,
				issued_at: a.issued_at,
				expires_at: a.expires_at,
				revoked_at: a.revoked_at,
			})
			.collect()
	}

	fn wallet(wallet: &T::AccountId) -> WalletState {
		WalletState {
			investor: InvestorOfWallet::<T>::get(wallet),
			block: WalletBlocks::<T>::get(wallet).map(BlockState::from),
		}
	}

	fn qualifier(qualifier: QualifierId) -> Option<QualifierState> {
		Qualifiers::<T>::get(qualifier).map(|q| QualifierState {
			active: q.status == QualifierStatus::Active,
			kinds: q
				.kinds
				.into_iter()
				.filter(|k| !matches!(k, CredentialKind::Custom(_)))
				.collect(),
		})
	}

	fn wallets(investor: InvestorId) -> Vec<T::AccountId> {
		InvestorWallets::<T>::iter_key_prefix(investor).collect()
	}

	fn protocol_holder(account: &T::AccountId) -> bool {
		ProtocolHolders::<T>::contains_key(account)
	}
}
