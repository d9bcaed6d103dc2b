//! Removal of secrets from text that leaves the host: messages, logs, pages.

/// Replaces every occurrence of `secret` in `text` with `[redacted]`.
/// Secrets shorter than 4 characters are not searched for, because
/// replacing them would mangle ordinary words.
pub fn redact(text: &str, secret: &str) -> String {
    if secret.len() < 4 {
        return text.to_string();
    }
    text.replace(secret, "[redacted]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_replaced() {
        assert_eq!(
            redact("bearer s3cr3t-token!", "s3cr3t-token"),
            "bearer [redacted]!"
        );
    }

    #[test]
    fn short_secret_is_ignored() {
        assert_eq!(redact("abc", "a"), "abc");
    }
}
