//! Query string access with Django's rules: a repeated parameter reads as its last value, and
//! unknown parameters are ignored.

/// The decoded parameters of a query string, in request order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Decodes a raw query string (without the `?`).
    pub(crate) fn parse(raw: &str) -> Query {
        Query {
            pairs: url::form_urlencoded::parse(raw.as_bytes())
                .map(|(key, value)| (key.into_owned(), value.into_owned()))
                .collect(),
        }
    }

    /// Returns the decoded pairs.
    pub(crate) fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Returns the last value of `name`, as Django's `QueryDict.get` does.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Returns the last value of `name` unless it is missing or empty, the values that
    /// django-filter skips.
    pub(crate) fn filter_value(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|value| !value.is_empty())
    }

    /// Returns every value of `name`, for multiple-choice filters.
    pub(crate) fn get_all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// Reads a django-filter `BooleanFilter`: `true`/`1` or `false`/`0` in any case; any
    /// other value disables the filter.
    pub(crate) fn boolean_filter(&self, name: &str) -> Option<bool> {
        match self.get(name)?.to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        }
    }

    /// Reads an authentik `include_*` switch, which is on unless its value is other than
    /// `true` (compared case-insensitively).
    pub(crate) fn include_switch(&self, name: &str) -> bool {
        self.get(name)
            .is_none_or(|value| value.eq_ignore_ascii_case("true"))
    }
}
