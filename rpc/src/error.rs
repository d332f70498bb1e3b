//! The errors Stoa's RPC methods answer with (beyond jsonrpsee's own for malformed requests).

use jsonrpsee::types::ErrorObjectOwned;

/// An id (security, investor, distribution, ballot, checkpoint) that does not exist at the
/// block asked about.
pub const NOT_FOUND: i32 = 4004;
/// A parameter that decodes but makes no sense (a page limit out of range, an amount that
/// does not fit a balance).
pub const INVALID_PARAM: i32 = -32602;
/// The runtime API call failed (an unknown block hash, a runtime without the API).
pub const RUNTIME: i32 = 5000;

/// `what` does not exist.
pub fn not_found(what: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(NOT_FOUND, format!("{what} not found"), None::<()>)
}

/// A parameter is out of range.
pub fn invalid(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(INVALID_PARAM, message.into(), None::<()>)
}

/// The runtime call failed.
pub fn runtime(error: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(RUNTIME, format!("runtime API call failed: {error}"), None::<()>)
}
