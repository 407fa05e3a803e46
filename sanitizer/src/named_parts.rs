//! Values whose name is written as an attribute *of the container* that
//! holds them, rather than before them: the structural cue of a named
//! part.
//!
//! - An XML element named by an attribute, whose child element holds the
//!   value: SAML's `<saml:Attribute Name="mail"><saml:AttributeValue>
//!   x</saml:AttributeValue>`, XACML and WS-Federation claims alike.
//! - A part of a `multipart/form-data` body: `Content-Disposition:
//!   form-data; name="password"`, the part's other headers, a blank line,
//!   and the value up to the next boundary line.
//!
//! [`crate::name_value`] reads the name as it reads any other and asks
//! here, when the name was the value of a `name=` attribute, where its
//! value is.

/// The longest value taken from a multipart part (a field, not a file).
const MAX_PART_VALUE: usize = 16 * 1024;

/// The value named by the quoted name that closes at `at` (the closing
/// quote), when the name is the value of a `name=` attribute
/// (`Name="x"`, `name='x'`) and what follows is an element whose child
/// holds the value, or a multipart part's body.
pub(crate) fn value_of_named_part(text: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let quote = *bytes.get(at)?;
    if !matches!(quote, b'"' | b'\'') {
        return None;
    }
    let open = text[..at].rfind(quote as char)?;
    let before = text[..open].strip_suffix('=')?;
    let attr_start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ':'))
        // Past the character found, which may be wider than a byte.
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let attr = &before[attr_start..];
    let attr = attr.rsplit(':').next().unwrap_or(attr);
    if !attr.eq_ignore_ascii_case("name") {
        return None;
    }
    let line_start = text[..attr_start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..attr_start];
    if line
        .trim_start()
        .get(..20)
        .is_some_and(|h| h.eq_ignore_ascii_case("content-disposition:"))
    {
        return multipart_value(text, at + 1);
    }
    if line.contains('<') {
        return child_text(text, at + 1);
    }
    None
}

/// The text of the first child element after the rest of an opening tag
/// that starts at `from`: `...><child ...>value</child>`.
fn child_text(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &text[from..];
    let close = rest.find('>')?;
    if rest[..close].contains(['<', '\n']) || rest[..close].ends_with('/') {
        return None;
    }
    let mut i = from + close + 1;
    i += text[i..].len() - text[i..].trim_start().len();
    let child = &text[i..];
    if !child.starts_with('<') || child[1..].starts_with(['/', '!', '?']) {
        return None;
    }
    let tag_end = child.find('>')?;
    if child[..tag_end].ends_with('/') {
        return None;
    }
    let start = i + tag_end + 1;
    let end = start + text[start..].find('<')?;
    let value = text[start..end].trim();
    if value.is_empty() || crate::keys::is_placeholder(value) {
        return None;
    }
    let lead = text[start..end].len() - text[start..end].trim_start().len();
    Some((start + lead, start + lead + value.len()))
}

/// The body of a multipart part whose `Content-Disposition` line goes on
/// from `from`: after the part's headers and a blank line, up to the line
/// break before the next boundary. A file part (`filename=`) is left to
/// the detectors.
fn multipart_value(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &text[from..];
    let (head_len, sep) = [("\r\n\r\n", 4), ("\n\n", 2)]
        .iter()
        .filter_map(|&(s, n)| rest.find(s).map(|at| (at, n)))
        .min_by_key(|&(at, _)| at)?;
    let head = &rest[..head_len];
    if head.to_ascii_lowercase().contains("filename=") {
        return None;
    }
    let start = from + head_len + sep;
    let body = &text[start..];
    let end = ["\r\n--", "\n--"]
        .iter()
        .filter_map(|b| body.find(b))
        .min()
        .unwrap_or(body.len());
    let value = &body[..end];
    if value.trim().is_empty() || value.len() > MAX_PART_VALUE || crate::keys::is_placeholder(value)
    {
        return None;
    }
    Some((start, start + end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value<'a>(text: &'a str, name: &str) -> Option<&'a str> {
        let at = text.find(name)? + name.len();
        value_of_named_part(text, at).map(|(s, e)| &text[s..e])
    }

    #[test]
    fn regression_saml_attribute_values_are_named_by_their_attribute() {
        let saml = r#"<saml:Attribute Name="privateKeyId"><saml:AttributeValue>a47f00616</saml:AttributeValue></saml:Attribute>"#;
        assert_eq!(value(saml, "privateKeyId"), Some("a47f00616"));
        let spaced = "<Attribute Name='ssn' NameFormat=\"uri\">\n  <AttributeValue>078-05-1120</AttributeValue>";
        assert_eq!(value(spaced, "ssn"), Some("078-05-1120"));
        // An empty element, a closing tag, or no `name=` attribute: nothing.
        assert_eq!(value(r#"<a Name="ssn"/><b>x</b>"#, "ssn"), None);
        assert_eq!(value(r#"<a Name="ssn"></a>"#, "ssn"), None);
        assert_eq!(value(r#"<a id="ssn"><b>x</b>"#, "ssn"), None);
    }

    #[test]
    fn regression_multipart_parts_are_named_by_their_disposition() {
        let body =
            "--b\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nhunter2!\r\n--b--\r\n";
        assert_eq!(value(body, "password"), Some("hunter2!"));
        let typed = "--b\nContent-Disposition: form-data; name=\"key\"\nContent-Type: text/plain\n\n-----BEGIN X-----\nabc\n--b--";
        assert_eq!(value(typed, "key"), Some("-----BEGIN X-----\nabc"));
        let file = "--b\r\nContent-Disposition: form-data; name=\"token\"; filename=\"a.txt\"\r\n\r\nx\r\n--b--";
        assert_eq!(value(file, "token"), None);
    }
}
