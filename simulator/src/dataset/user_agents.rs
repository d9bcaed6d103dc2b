//! Browser user agents and their parsed form, as `ua_parser` 1.0 (the parser authentik uses)
//! reports them on authenticated sessions.

/// A user agent string and its parsed parts.
pub(crate) struct UserAgent {
    pub(crate) string: &'static str,
    /// `family`, `major`, `minor`, `patch` of the browser.
    pub(crate) browser: [Option<&'static str>; 4],
    /// `family`, `major`, `minor`, `patch`, `patch_minor` of the operating system.
    pub(crate) os: [Option<&'static str>; 5],
    /// `family`, `brand`, `model` of the device.
    pub(crate) device: [Option<&'static str>; 3],
}

/// Browsers the household uses. Users pick one by index.
pub(crate) const BROWSERS: [UserAgent; 5] = [
    UserAgent {
        string: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        browser: [Some("Chrome"), Some("126"), Some("0"), Some("0")],
        os: [Some("Mac OS X"), Some("10"), Some("15"), Some("7"), None],
        device: [Some("Mac"), Some("Apple"), Some("Mac")],
    },
    UserAgent {
        string: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
        browser: [Some("Firefox"), Some("128"), Some("0"), None],
        os: [Some("Windows"), Some("10"), None, None, None],
        device: [Some("Other"), None, None],
    },
    UserAgent {
        string: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        browser: [Some("Mobile Safari"), Some("17"), Some("5"), None],
        os: [Some("iOS"), Some("17"), Some("5"), None, None],
        device: [Some("iPhone"), Some("Apple"), Some("iPhone")],
    },
    UserAgent {
        string: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.126 Safari/537.36",
        browser: [Some("Chrome"), Some("126"), Some("0"), Some("6478")],
        os: [Some("Linux"), None, None, None, None],
        device: [Some("Other"), None, None],
    },
    UserAgent {
        string: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36",
        browser: [Some("Chrome Mobile"), Some("126"), Some("0"), Some("6478")],
        os: [Some("Android"), Some("14"), None, None, None],
        device: [Some("Pixel 8"), Some("Google"), Some("Pixel 8")],
    },
];

/// The user agent of the brute-force script.
pub(crate) const SCRIPT: &str = "python-requests/2.32.3";

/// The user agent of the password spray.
pub(crate) const CURL: &str = "curl/8.5.0";
