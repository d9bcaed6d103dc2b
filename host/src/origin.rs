//! Origins (scheme, host, port) and the check that keeps a plugin's requests
//! on the origin it was granted.

use std::fmt;

/// The scheme, host and port a plugin may send requests to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// Parses the origin of a server's base URL. Accepts only absolute
    /// `http` and `https` URLs without user info, query or fragment.
    pub fn from_base_url(base_url: &str) -> Result<Self, String> {
        let url =
            url::Url::parse(base_url).map_err(|e| format!("\"{base_url}\" is not a URL ({e})"))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(format!(
                "\"{base_url}\" must start with http:// or https://"
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("the URL must not contain a user name or password".into());
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err("the URL must not contain a query or fragment".into());
        }
        let host = url
            .host_str()
            .ok_or_else(|| format!("\"{base_url}\" has no host"))?;
        let port = url
            .port_or_known_default()
            .ok_or_else(|| format!("\"{base_url}\" has no port"))?;
        Ok(Self {
            scheme: url.scheme().to_string(),
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    /// Returns the normalized base URL to give a plugin: the origin as
    /// the launcher compares it, followed by the path of `base_url`.
    pub fn normalize_base_url(base_url: &str) -> Result<String, String> {
        let origin = Self::from_base_url(base_url)?;
        let url = url::Url::parse(base_url).map_err(|e| e.to_string())?;
        let path = url.path().trim_end_matches('/');
        Ok(format!(
            "{}://{}:{}{}",
            origin.scheme, origin.host, origin.port, path
        ))
    }

    /// Checks a request URI against this origin.
    ///
    /// Hosts compare case-insensitively and nothing else is equivalent: a
    /// different spelling of the same address (`localhost` for `127.0.0.1`,
    /// `127.1`, a trailing dot) is a different origin, and any user info in
    /// the authority is rejected.
    pub fn allows(&self, uri: &http::Uri) -> Result<(), String> {
        let scheme = uri.scheme_str().unwrap_or("https").to_ascii_lowercase();
        let Some(authority) = uri.authority() else {
            return Err("<no authority>".into());
        };
        let tried = describe(&scheme, authority);
        if authority.as_str().contains('@') {
            return Err(tried);
        }
        let port = authority.port_u16().or(match scheme.as_str() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        });
        let same = scheme == self.scheme
            && authority.host().eq_ignore_ascii_case(&self.host)
            && port == Some(self.port);
        if same { Ok(()) } else { Err(tried) }
    }
}

/// Formats the origin a request tried, without user info.
fn describe(scheme: &str, authority: &http::uri::Authority) -> String {
    match authority.port_u16() {
        Some(port) => format!("{scheme}://{}:{port}", authority.host()),
        None => format!("{scheme}://{}", authority.host()),
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(url: &str) -> Origin {
        Origin::from_base_url(url).unwrap()
    }

    fn allowed(origin: &Origin, uri: &str) -> bool {
        origin.allows(&uri.parse().unwrap()).is_ok()
    }

    #[test]
    fn same_origin_is_allowed() {
        let granted = origin("http://127.0.0.1:9000/");
        assert!(allowed(
            &granted,
            "http://127.0.0.1:9000/api/v3/core/users/"
        ));
    }

    #[test]
    fn host_case_is_ignored() {
        let granted = origin("https://Auth.Example.com");
        assert!(allowed(&granted, "https://AUTH.example.COM/api/v3/"));
        assert!(allowed(&granted, "https://auth.example.com:443/api/v3/"));
    }

    #[test]
    fn other_spellings_are_denied() {
        let granted = origin("http://127.0.0.1:9000");
        for uri in [
            "http://localhost:9000/",
            "http://127.0.0.2:9000/",
            "http://127.1:9000/",
            "http://2130706433:9000/",
            "http://[::1]:9000/",
            "https://127.0.0.1:9000/",
            "http://127.0.0.1:9001/",
            "http://127.0.0.1/",
            "http://127.0.0.1:9000@evil.example/",
            "http://evil.example@127.0.0.1:9000/",
        ] {
            assert!(!allowed(&granted, uri), "{uri} must be denied");
        }
    }

    #[test]
    fn trailing_dot_is_denied() {
        let granted = origin("https://auth.example.com");
        assert!(!allowed(&granted, "https://auth.example.com./"));
    }

    #[test]
    fn base_url_with_credentials_is_rejected() {
        assert!(Origin::from_base_url("https://user:pw@auth.example.com").is_err());
        assert!(Origin::from_base_url("ftp://auth.example.com").is_err());
        assert!(Origin::from_base_url("auth.example.com").is_err());
    }

    #[test]
    fn normalized_base_url_keeps_path() {
        assert_eq!(
            Origin::normalize_base_url("HTTPS://Auth.Example.com/authentik/").unwrap(),
            "https://auth.example.com:443/authentik"
        );
    }
}
