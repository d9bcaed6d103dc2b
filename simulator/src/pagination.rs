//! DRF page-number pagination as authentik configures it.

use crate::ApiVersion;
use crate::json::Json;
use crate::query::Query;
use crate::reply::Reply;

/// One page of a list, with authentik's `pagination` numbers.
pub(crate) struct Page<'a, T> {
    pub(crate) items: &'a [T],
    count: usize,
    current: usize,
    total_pages: usize,
    start_index: usize,
    end_index: usize,
}

/// Reads `page_size` like DRF's `PageNumberPagination.get_page_size`: a positive integer,
/// cut to the release's maximum; zero, negative or invalid values give the default.
pub(crate) fn page_size(query: &Query, version: ApiVersion) -> usize {
    let requested = query
        .get("page_size")
        .and_then(parse_python_int)
        .filter(|size| *size > 0);
    match (requested, version.max_page_size()) {
        (Some(size), Some(max)) => usize::try_from(size).unwrap_or(max).min(max),
        (Some(size), None) => usize::try_from(size).unwrap_or(usize::MAX),
        (None, _) => version.default_page_size(),
    }
}

/// Parses an integer the way Python's `int()` parses a string: surrounding whitespace, a sign
/// and `_` between digits are allowed.
fn parse_python_int(text: &str) -> Option<i64> {
    let trimmed = text.trim();
    let (sign, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let value: i64 = digits.replace('_', "").parse().ok()?;
    Some(sign * value)
}

/// Cuts a page out of `items` for the `page` and `page_size` parameters.
///
/// A page that is not a number, below 1 or past the last page gives DRF's 404
/// `Invalid page.`. Page 1 of an empty list is valid, and `page=last` selects the last page.
pub(crate) fn paginate<'a, T>(
    items: &'a [T],
    query: &Query,
    version: ApiVersion,
) -> Result<Page<'a, T>, Reply> {
    let size = page_size(query, version);
    let count = items.len();
    let total_pages = count.div_ceil(size).max(1);

    let current = match query.get("page") {
        None => 1,
        Some("last") => total_pages,
        Some(text) => match parse_python_int(text) {
            Some(number) if number >= 1 && (number as u64) <= total_pages as u64 => number as usize,
            _ => return Err(Reply::detail(404, "Invalid page.")),
        },
    };

    let start = (current - 1) * size;
    let end = (start + size).min(count);
    let (start_index, end_index) = if count == 0 {
        (0, 0)
    } else {
        (
            start + 1,
            if current == total_pages {
                count
            } else {
                current * size
            },
        )
    };
    Ok(Page {
        items: &items[start.min(count)..end],
        count,
        current,
        total_pages,
        start_index,
        end_index,
    })
}

impl<T> Page<'_, T> {
    /// Builds authentik's paginated body around the rendered `results`. `autocomplete` is
    /// present from 2025.8; the simulator sends it empty.
    pub(crate) fn envelope(&self, results: Vec<Json>, version: ApiVersion) -> Json {
        let next = if self.current < self.total_pages {
            self.current + 1
        } else {
            0
        };
        let previous = self.current.saturating_sub(1);
        let pagination = Json::object([
            ("next", Json::from(next)),
            ("previous", Json::from(previous)),
            ("count", Json::from(self.count)),
            ("current", Json::from(self.current)),
            ("total_pages", Json::from(self.total_pages)),
            ("start_index", Json::from(self.start_index)),
            ("end_index", Json::from(self.end_index)),
        ]);
        let mut body = vec![
            ("pagination", pagination),
            ("results", Json::Array(results)),
        ];
        if version.has_2025_8_api() {
            body.push(("autocomplete", Json::empty_object()));
        }
        Json::object(body)
    }
}

/// Paginates `items` and renders each item of the page.
pub(crate) fn paginated_reply<T>(
    items: &[T],
    query: &Query,
    version: ApiVersion,
    render: impl Fn(&T) -> Json,
) -> Reply {
    match paginate(items, query, version) {
        Ok(page) => {
            let results = page.items.iter().map(render).collect();
            Reply::ok(&page.envelope(results, version))
        }
        Err(reply) => reply,
    }
}
