//! `admin/version/`: the running release.

use super::Call;
use crate::json::Json;
use crate::reply::Reply;

/// Returns the release in `version_current`. Any valid token may call it. The latest release
/// is unknown (`0.0.0`), as on a server whose update check is off; `version_latest_valid`
/// and `outpost_outdated` exist from 2024.4 and 2024.8.
pub(crate) fn version(call: &Call<'_>) -> Reply {
    let mut fields = vec![
        ("version_current", Json::from(call.version.as_str())),
        ("version_latest", Json::from("0.0.0")),
    ];
    if call.version.has_2024_api() {
        fields.push(("version_latest_valid", Json::from(false)));
    }
    fields.push(("build_hash", Json::from("")));
    fields.push(("outdated", Json::from(false)));
    if call.version.has_2024_api() {
        fields.push(("outpost_outdated", Json::from(false)));
    }
    Reply::ok(&Json::object(fields))
}
