//! Reading credentials: whether an attestation counts, which block applies, what the runtime
//! API shows, and the `CredentialRegistry` every other pallet reads through.

use crate::{pallet::*, types::*};
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
	BlockReason, CredentialKind, CredentialsListener, InvestorId, InvestorKind, Jurisdiction,
	Moment, QualifierId,
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
		})
	}

	/// Everything known about an account, for the runtime API.
	pub fn account_credentials(
		account: &T::AccountId,
	) -> AccountCredentials<T::AccountId, T::Hash> {
		use stoa_primitives::CredentialRegistry;
		AccountCredentials {
			investor: InvestorOfWallet::<T>::get(account).and_then(Self::investor_info),
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
		InvestorOfWallet::<T>::get(wallet)
	}

	fn has_credential(
		investor: InvestorId,
		kind: CredentialKind,
		qualifiers: Option<&[QualifierId]>,
		at: Moment,
	) -> bool {
		Credentials::<T>::get(investor, kind).iter().any(|a| {
			qualifiers.is_none_or(|set| set.contains(&a.qualifier))
				&& Self::attestation_counts(a, kind, at)
		})
	}

	fn jurisdiction_of(investor: InvestorId) -> Option<Jurisdiction> {
		Investors::<T>::get(investor).map(|r| r.jurisdiction)
	}

	fn investor_kind(investor: InvestorId) -> Option<InvestorKind> {
		Investors::<T>::get(investor).map(|r| r.kind)
	}

	fn investor_block(investor: InvestorId) -> Option<BlockReason> {
		InvestorBlocks::<T>::get(investor).map(|b| b.reason)
	}

	fn account_block(account: &T::AccountId) -> Option<BlockReason> {
		Self::block_of_account(account).map(|b| b.reason)
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
		let listeners = T::Listener::on_credentials_changed(investor);
		Self::deposit_event(Event::CredentialAttested { investor, kind, qualifier, expires_at });
		Ok(listeners)
	}

	/// Blocks a protocol holder, burning or returning its deposit (see the call).
	pub(crate) fn do_block_protocol_holder(
		account: T::AccountId,
		reason: BlockReason,
		slash: bool,
	) -> DispatchResult {
		let mut holder =
			ProtocolHolders::<T>::get(&account).ok_or(Error::<T>::NotProtocolHolder)?;
		ensure!(holder.block.is_none(), Error::<T>::AlreadyBlocked);
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
		holder.block = Some(Block { reason, by: Actor::Governance, at: Self::now() });
		ProtocolHolders::<T>::insert(&account, holder);
		Self::deposit_event(Event::ProtocolHolderBlocked { account, reason, slashed, returned });
		Ok(())
	}
}
