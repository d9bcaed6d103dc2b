//! Paging through failed logins, newest first.
//!
//! `events/events/` has no time filter, so the plugin reads pages of 100
//! events ordered by `-created` and stops at the first page whose oldest
//! event is at or before the period start (`now − look-back − window`),
//! because every later page is older still. It also stops when
//! `pagination.next` is 0, at a 404 `Invalid page.`, and after
//! `max_event_pages` pages. Only that cap leaves events of the period
//! unread, so only the cap makes the counts lower bounds.
//!
//! Events created while the pages are read shift older events onto later
//! pages, so an event can appear twice; events are deduplicated by `pk`.

use std::collections::HashSet;

use crate::bindings::launcher::integration::types::{Document, PluginError};
use crate::client::{Client, document_json, is_invalid_page};
use crate::config::WidgetSettings;
use crate::detect::FailedLogin;
use crate::endpoints::VIEW_EVENTS;
use crate::models::{Event, Page};
use crate::requests::{self, ApiRequest};
use crate::transport::Transport;
use crate::version::Version;

/// Action of a failed login.
pub const LOGIN_FAILED: &str = "login_failed";

/// Next step after a page of events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageDecision {
    /// Read page number `.0` next.
    Continue(u64),
    /// Every event of the period has been read.
    Done,
    /// Older events of the period remain, but the page cap is reached.
    Capped,
}

/// Decides whether to read the page after page number `page`.
pub fn decide(
    page: u64,
    parsed: &Page,
    events: &[Event],
    period_start: i64,
    max_pages: u32,
) -> PageDecision {
    let oldest = events.iter().map(|event| event.created).min();
    let reached_start = oldest.is_none_or(|oldest| oldest <= period_start);
    if reached_start || parsed.next == 0 || parsed.next <= page {
        return PageDecision::Done;
    }
    if page >= u64::from(max_pages) {
        return PageDecision::Capped;
    }
    PageDecision::Continue(parsed.next)
}

/// Reads the failed-login pages `security-alerts` needs and returns them as
/// documents, in the order they were read.
///
/// # Errors
///
/// Any client error, and `invalid-response` for a page that is not a list of
/// events.
pub fn collect_failed_logins<T: Transport>(
    client: &mut Client<T>,
    version: Version,
    settings: &WidgetSettings,
    now: i64,
) -> Result<Vec<Document>, PluginError> {
    let first_page = requests::failed_logins(version);
    let period_start = settings.period_start(now);
    let mut documents = Vec::new();
    let mut page = 1;
    loop {
        let request = if page == 1 {
            first_page.clone()
        } else {
            first_page.with_page(page)
        };
        let document = client.get(&request, VIEW_EVENTS)?;
        let end_of_list = is_invalid_page(document.status, document.body.as_bytes());
        let decision = if end_of_list {
            PageDecision::Done
        } else {
            let (parsed, events) = parse_event_page(&document)?;
            decide(
                page,
                &parsed,
                &events,
                period_start,
                settings.max_event_pages,
            )
        };
        documents.push(document);

        match decision {
            PageDecision::Continue(next) => page = next,
            PageDecision::Done | PageDecision::Capped => return Ok(documents),
        }
    }
}

/// Failed logins read from event pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailedLogins {
    /// Distinct failed logins, in page order.
    pub failures: Vec<FailedLogin>,
    /// True when older events of the period were left unread.
    pub capped: bool,
}

/// Extracts the failed logins from the event pages of `documents`, ordered
/// by their `page` parameter; documents of other paths are ignored.
///
/// Only events whose action is exactly `login_failed` count, because the
/// `action` filter of servers before 2025.8 matches by substring.
///
/// # Errors
///
/// `invalid-response` when no event page is given or a page is not a list
/// of events.
pub fn read_failed_logins(
    documents: &[Document],
    settings: &WidgetSettings,
    now: i64,
) -> Result<FailedLogins, PluginError> {
    let mut pages: Vec<(u64, &Document)> = documents
        .iter()
        .map(|document| (ApiRequest::parse(&document.request), document))
        .filter(|(request, _)| request.path == "events/events/")
        .map(|(request, document)| (request.page(), document))
        .collect();
    if pages.is_empty() {
        return Err(PluginError::InvalidResponse(
            "no events/events/ document among the documents given".to_string(),
        ));
    }
    pages.sort_by_key(|(page, _)| *page);

    let period_start = settings.period_start(now);
    let mut seen: HashSet<String> = HashSet::new();
    let mut failures = Vec::new();
    let mut decision = PageDecision::Done;
    for (page, document) in pages {
        if is_invalid_page(document.status, document.body.as_bytes()) {
            decision = PageDecision::Done;
            break;
        }
        let (parsed, events) = parse_event_page(document)?;
        decision = decide(
            page,
            &parsed,
            &events,
            period_start,
            settings.max_event_pages,
        );
        for event in events {
            if event.action != LOGIN_FAILED || !seen.insert(event.pk.clone()) {
                continue;
            }
            failures.push(FailedLogin {
                time: event.created,
                user_name: event.display_user_name().map(str::to_string),
                client_ip: event.client_ip,
            });
        }
        if decision == PageDecision::Done {
            break;
        }
    }

    Ok(FailedLogins {
        failures,
        capped: decision != PageDecision::Done,
    })
}

/// Parses a document as a page of events.
///
/// # Errors
///
/// `invalid-response` naming the request and the first bad field.
pub fn parse_event_page(document: &Document) -> Result<(Page, Vec<Event>), PluginError> {
    let value = document_json(document, VIEW_EVENTS)?;
    let invalid = |error: crate::models::ModelError| {
        PluginError::InvalidResponse(format!("{}: {error}", document.request))
    };
    let page = Page::from_value(&value).map_err(invalid)?;
    let events = page
        .results
        .iter()
        .enumerate()
        .map(|(index, event)| Event::from_value(event, &format!("results[{index}]")))
        .collect::<Result<Vec<Event>, _>>()
        .map_err(invalid)?;
    Ok((page, events))
}
