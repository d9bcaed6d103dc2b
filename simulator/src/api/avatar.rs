//! Initials avatars, the `data:` URLs authentik generates when no other avatar source
//! matches.

/// Returns the avatar of a user: an SVG circle with the initials of `name`, base64-encoded.
pub(crate) fn initials_avatar(name: &str, seed: i64) -> String {
    const COLORS: [&str; 6] = [
        "#377b37", "#ab9e37", "#6b8fc8", "#c86b8f", "#8f6bc8", "#37a0ab",
    ];
    let initials: String = name
        .split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    let color = COLORS[seed.unsigned_abs() as usize % COLORS.len()];
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64px\" height=\"64px\" viewBox=\"0 0 64 64\" version=\"1.1\">\
<rect fill=\"{color}\" cx=\"32\" cy=\"32\" width=\"64\" height=\"64\" r=\"32\"/>\
<text x=\"50%\" y=\"50%\" style=\"color: #fff; line-height: 1; font-family: sans-serif; \" fill=\"#fff\" \
alignment-baseline=\"middle\" dominant-baseline=\"middle\" text-anchor=\"middle\" font-size=\"28\" \
font-weight=\"400\" dy=\".1em\">{initials}</text></svg>"
    );
    format!("data:image/svg+xml;base64,{}", base64(svg.as_bytes()))
}

/// Encodes bytes as standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for position in 0..4 {
            if position <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * position) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
