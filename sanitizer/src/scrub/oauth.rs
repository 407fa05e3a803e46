//! OAuth 2.0 authorization codes in the URLs that carry them: the
//! redirect back to a client (`https://app/callback?code=...&state=...`,
//! in a `Location` header, a browser's history, an access log), the
//! implicit and hybrid flows' fragment (`#code=...`), and the body that
//! trades a code for a token (`grant_type=authorization_code&code=...`).
//! A code is a bearer credential until it is used (RFC 6749 10.5), and
//! often for a while after when a client retries.
//!
//! `code` is too common a name to be a secret's by itself (`code=404`,
//! an error code, a country code), so a `code` parameter is taken only
//! where OAuth put it: its query or fragment has another parameter of
//! the flow (`state`, `redirect_uri`, `grant_type`, `code_verifier`,
//! `session_state`, `client_id`, `iss`, `scope`), or its URL's path is a
//! callback's (`callback`, `redirect`, `oauth`, `authorize`, `signin`,
//! `sso`, `/cb`), and the value is long as codes are (ten characters or
//! more). Percent-encoded URLs are read decoded by the text pass.

/// Fewest characters of a code.
const MIN_CODE: usize = 10;

/// The parameters of the flow that stand beside a code.
const FLOW_PARAMS: [&str; 8] = [
    "state",
    "redirect_uri",
    "grant_type",
    "code_verifier",
    "session_state",
    "client_id",
    "iss",
    "scope",
];

/// Words of a callback's path.
const CALLBACK_PATHS: [&str; 8] = [
    "callback",
    "redirect",
    "oauth",
    "authorize",
    "signin",
    "sso",
    "/cb",
    "oidc",
];

/// Whether `text` may hold a code parameter.
pub(super) fn mentions(text: &str) -> bool {
    text.contains("code=")
}

/// Whether `b` ends a parameter's value.
fn ends_value(b: u8) -> bool {
    matches!(
        b,
        b'&' | b'#' | b'"' | b'\'' | b'<' | b'>' | b'`' | b'\\' | b';' | b',' | b')'
    ) || b.is_ascii_whitespace()
}

/// The spans of the authorization codes in `text`.
pub(super) fn codes(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (at, _) in text.match_indices("code=") {
        let Some(&before) = at.checked_sub(1).and_then(|p| b.get(p)) else {
            continue;
        };
        if !matches!(before, b'?' | b'&' | b'#') {
            continue;
        }
        let start = at + "code=".len();
        let end = start + b[start..].iter().take_while(|&&c| !ends_value(c)).count();
        if end - start < MIN_CODE {
            continue;
        }
        // The query (or body) around it: from the URL's start, or the
        // line's, to the value's end of the parameters.
        let from = b[..at]
            .iter()
            .rposition(|&c| c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'<' | b'('))
            .map_or(0, |p| p + 1);
        let to = end
            + b[end..]
                .iter()
                .take_while(|&&c| {
                    !(c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'>' | b')'))
                })
                .count();
        let around = &text[from..to];
        let flow = FLOW_PARAMS.iter().any(|p| {
            around.match_indices(p).any(|(i, _)| {
                let abs = from + i;
                abs > 0
                    && matches!(b[abs - 1], b'?' | b'&' | b'#')
                    && b.get(abs + p.len()) == Some(&b'=')
            })
        });
        let path = &text[from..at];
        let callback = CALLBACK_PATHS
            .iter()
            .any(|w| path.to_ascii_lowercase().contains(w));
        if flow || callback {
            out.push((start, end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn found(text: &str) -> Vec<&str> {
        codes(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn codes_in_callbacks_fragments_and_token_requests_are_found() {
        assert_eq!(
            found("https://app.acme.io/oauth/callback?code=4/0AX4XfWh-Q_9&state=abc&scope=openid"),
            ["4/0AX4XfWh-Q_9"]
        );
        assert_eq!(
            found("Location: https://localhost:8765/?state=xyz&code=SplxlOBeZQQYbYS6WxSbIA"),
            ["SplxlOBeZQQYbYS6WxSbIA"]
        );
        assert_eq!(
            found("https://client.example.org/cb#code=SplxlOBeZQQYbYS6WxSbIA&id_token=x"),
            ["SplxlOBeZQQYbYS6WxSbIA"]
        );
        assert_eq!(
            found("grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=x"),
            ["SplxlOBeZQQYbYS6WxSbIA"]
        );
    }

    #[test]
    fn other_codes_stay() {
        assert!(found("https://shop.example.com/cart?code=SUMMER2025SALE").is_empty());
        assert!(found("https://app.acme.io/oauth/callback?error=access_denied&state=x").is_empty());
        assert!(found("https://app.acme.io/callback?code=404").is_empty());
        assert!(found("zipcode=12345678901&state=CA").is_empty());
        assert!(found("error code=E_TIMEOUT_WAITING state=failed").is_empty());
    }

    proptest! {
        /// Finding never panics and each code is inside the text.
        #[test]
        fn codes_stay_inside_the_text(text in "(code=|state=|\\?|&|#|/callback|[a-zA-Z0-9é ])*") {
            for (s, e) in codes(&text) {
                prop_assert!(s < e && e <= text.len());
                prop_assert!(text.get(s..e).is_some());
            }
        }
    }
}
