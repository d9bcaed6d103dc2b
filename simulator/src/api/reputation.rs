//! `policies/reputation/scores/`: reputation per client address and identifier.

use super::Call;
use crate::dataset::Reputation;
use crate::datetime::format_drf;
use crate::json::Json;
use crate::pagination::paginated_reply;
use crate::reply::Reply;

/// Lists reputation scores ordered by IP unless `ordering` names another field, filtered by
/// `identifier`, `ip` and `score`. Requires `authentik_policies_reputation.view_reputation`,
/// which [`Permission`](crate::Permission) cannot grant, so only superuser tokens get 200.
pub(crate) fn list(call: &Call<'_>) -> Reply {
    if !call.principal.grant.superuser {
        return Reply::detail(403, super::PERMISSION_DENIED);
    }
    let query = call.query;
    let clamped = call.version.has_2024_api();
    let score = |row: &Reputation| {
        if clamped {
            row.score_clamped
        } else {
            row.score_unclamped
        }
    };

    let mut rows: Vec<&Reputation> = call.dataset.reputations.iter().collect();
    if let Some(identifier) = query.filter_value("identifier") {
        rows.retain(|row| row.identifier == identifier);
    }
    if let Some(ip) = query.filter_value("ip") {
        rows.retain(|row| row.ip == ip);
    }
    if let Some(wanted) = query.filter_value("score") {
        let Ok(wanted) = wanted.trim().parse::<i64>() else {
            return Reply::invalid_filter("score", "Enter a number.".to_string());
        };
        rows.retain(|row| score(row) == wanted);
    }

    match super::ordering(query) {
        Some(("score", descending)) => super::sort(&mut rows, descending, |row| score(row)),
        Some(("identifier", descending)) => {
            super::sort(&mut rows, descending, |row| row.identifier.clone())
        }
        Some(("updated", descending)) => super::sort(&mut rows, descending, |row| row.updated),
        Some(("ip", true)) => super::sort(&mut rows, true, |row| row.ip.clone()),
        _ => super::sort(&mut rows, false, |row| row.ip.clone()),
    }

    let version = call.version;
    paginated_reply(&rows, query, version, |row| {
        let mut fields = vec![
            ("pk", Json::from(&row.pk)),
            ("identifier", Json::from(&row.identifier)),
            ("ip", Json::from(&row.ip)),
            ("ip_geo_data", Json::empty_object()),
        ];
        if version.has_2024_api() {
            fields.push(("ip_asn_data", Json::empty_object()));
        }
        fields.push(("score", Json::from(score(row))));
        fields.push(("updated", Json::from(format_drf(row.updated))));
        Json::object(fields)
    })
}
