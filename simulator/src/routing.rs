//! From an HTTP request to a reply: URL resolution, authentication, then the endpoint.

use crate::api::{Call, Endpoint};
use crate::auth::authenticate;
use crate::dataset::Dataset;
use crate::query::Query;
use crate::reply::Reply;
use crate::{ApiVersion, TokenGrant};

/// The release, data and tokens that requests are served from.
pub(crate) struct Backend {
    pub(crate) version: ApiVersion,
    pub(crate) dataset: Dataset,
    pub(crate) tokens: Vec<TokenGrant>,
}

/// The reply to a request, and whether the request carried an accepted token.
pub(crate) struct Outcome {
    pub(crate) reply: Reply,
    pub(crate) authenticated: bool,
}

impl Backend {
    /// Handles a request in authentik's order: Django's URL router first (an unknown path is
    /// an HTML 404 whatever the token), then DRF's authentication and permission checks, then
    /// the method.
    pub(crate) fn answer(
        &self,
        method: &str,
        path: &str,
        query: &Query,
        authorization: Option<&[u8]>,
    ) -> Outcome {
        let principal = authenticate(authorization, self.version, &self.tokens, &self.dataset);
        let authenticated = principal.is_ok();

        let Some(endpoint) = Endpoint::resolve(path, self.version) else {
            return Outcome {
                reply: Reply::not_found_page(self.version),
                authenticated,
            };
        };

        let mut reply = match principal {
            Err(message) => Reply::detail(403, message),
            Ok(principal) if method == "GET" || method == "HEAD" => {
                let call = Call {
                    version: self.version,
                    dataset: &self.dataset,
                    principal,
                    query,
                };
                endpoint.handle(&call)
            }
            // NOTE: authentik returns DRF metadata for OPTIONS and accepts POST on some list
            // routes. The simulator is read-only, so it rejects every method but GET and HEAD.
            Ok(_) => Reply::detail(405, &format!("Method \"{method}\" not allowed.")),
        };
        reply.allow = Some(endpoint.allow());
        Outcome {
            reply,
            authenticated,
        }
    }
}
