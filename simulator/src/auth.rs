//! Token authentication as authentik's `TokenAuthentication` performs it.

use crate::dataset::Dataset;
use crate::{ApiVersion, TokenGrant};

/// The authenticated caller of a request.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Principal<'a> {
    pub(crate) grant: &'a TokenGrant,
    /// Index into the dataset's users.
    pub(crate) user: usize,
}

/// Checks the `Authorization` header. Every failure is a 403 with the message returned in
/// the error, because authentik never returns 401.
pub(crate) fn authenticate<'a>(
    header: Option<&[u8]>,
    version: ApiVersion,
    tokens: &'a [TokenGrant],
    dataset: &Dataset,
) -> Result<Principal<'a>, &'static str> {
    const NOT_PROVIDED: &str = "Authentication credentials were not provided.";
    const INVALID: &str = "Token invalid/expired";

    let header = header.map(String::from_utf8_lossy).unwrap_or_default();
    let header = header.trim();
    // A header without a space carries no credentials at all.
    let Some((scheme, credentials)) = header.split_once(' ') else {
        return Err(NOT_PROVIDED);
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        // Until 2025.10 a foreign scheme is an error; from 2025.12 it is ignored.
        return Err(if version.has_2025_12_api() {
            NOT_PROVIDED
        } else {
            "Unsupported authentication type"
        });
    }

    let token = credentials.trim();
    let grant = tokens
        .iter()
        .find(|grant| grant.token == token)
        .ok_or(INVALID)?;
    match dataset.user_by_name(&grant.username) {
        Some((index, user)) if user.is_active => Ok(Principal { grant, user: index }),
        _ => Err(INVALID),
    }
}
