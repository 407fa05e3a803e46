//! Writing JSON inside a `<script>` element.

use std::io::{self, Write};

/// Writes JSON text with every `<` as `\u003c`, so no `</script>` or `<!--`
/// inside a string can end the element. In JSON a `<` only occurs inside a
/// string, where the escape means the same character.
pub(crate) struct ScriptSafe<W>(pub W);

impl<W: Write> Write for ScriptSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'<') {
            self.0.write_all(&rest[..i])?;
            self.0.write_all(b"\\u003c")?;
            rest = &rest[i + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_script_tag_in_a_payload_cannot_end_the_element() {
        let mut out = ScriptSafe(Vec::new());
        serde_json::to_writer(&mut out, &serde_json::json!({"a": "</script><!--"})).unwrap();
        let text = String::from_utf8(out.0).unwrap();
        assert_eq!(text, r#"{"a":"\u003c/script>\u003c!--"}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a"], "</script><!--");
    }
}
