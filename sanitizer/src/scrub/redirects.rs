//! A value that a shell command writes to a file named for what it holds:
//! `echo "x" > /run/secrets/db_password`, `echo -n x >> ~/.token`,
//! `printf '%s' x | sudo tee /etc/app/api_key.txt` (a Dockerfile's `RUN`,
//! a provisioning script, a shell history). The value stands before its
//! name, so the name/value pass, which reads a value after its name, does
//! not see it; here the file's name (its last path segment, without a
//! leading dot or an extension) is looked up as a key name, and the key
//! rule it finds takes the value, as it would under that key in JSON.
//!
//! Looked for only when the text holds a `>` or a `|` and then `echo ` or
//! `printf ` ([`mentions`]).

use super::table::Cell;
use crate::keys::{self, KeyRules};

/// Whether `text` may write a value to a file: it holds `echo ` or
/// `printf ` (asked only of a text with a `>` or a `|`).
pub(super) fn mentions(text: &str) -> bool {
    text.contains("echo ") || text.contains("printf ")
}

/// The values of `text` written by `echo` or `printf` to a file whose
/// name a key rule takes.
pub(super) fn sensitive_values(text: &str, rules: &KeyRules, scratch: &mut String) -> Vec<Cell> {
    let mut out = Vec::new();
    for command in ["echo", "printf"] {
        for (at, _) in text.match_indices(command) {
            if let Some((start, end, name)) = written(text, at, command)
                && let Some(m) = rules.lookup(name, scratch)
            {
                out.push(Cell {
                    start,
                    end,
                    rule: m.rule,
                });
            }
        }
    }
    out.sort_by_key(|c| c.start);
    out
}

/// Bytes that end an unquoted shell word.
fn ends_word(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b'\r' | b';' | b'&' | b'|' | b'>' | b'<' | b')' | b'`'
    )
}

/// Where the spaces and tabs at `i` end.
fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// The shell word at `i`: its span, and the span of its content (inside
/// its quotes, if quoted). `None` at the end of a command.
fn word(text: &str, i: usize) -> Option<((usize, usize), (usize, usize))> {
    let b = text.as_bytes();
    match *b.get(i)? {
        q @ (b'"' | b'\'') => {
            let close = i + 1 + text[i + 1..].find(char::from(q))?;
            if text[i + 1..close].contains('\n') {
                return None;
            }
            Some(((i, close + 1), (i + 1, close)))
        }
        c if ends_word(c) => None,
        _ => {
            let mut j = i;
            while j < b.len() && !ends_word(b[j]) {
                j += 1;
            }
            Some(((i, j), (i, j)))
        }
    }
}

/// The span of the value that the `command` (`echo` or `printf`) at `at`
/// writes to a file, and that file's name.
fn written<'a>(text: &'a str, at: usize, command: &str) -> Option<(usize, usize, &'a str)> {
    let b = text.as_bytes();
    let before = at.checked_sub(1).map(|k| b[k]);
    if !matches!(
        before,
        None | Some(b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'(' | b'`')
    ) || !matches!(b.get(at + command.len()), Some(b' ' | b'\t'))
    {
        return None;
    }
    let mut i = skip_blanks(b, at + command.len());
    // Flags (`-n`, `-e`), and a `printf` format (`'%s'`, `"%s\n"`).
    loop {
        let (outer, inner) = word(text, i)?;
        let w = &text[inner.0..inner.1];
        let flag = outer == inner
            && w.len() >= 2
            && w.starts_with('-')
            && w[1..].bytes().all(|c| c.is_ascii_alphabetic());
        let format = command == "printf" && w.contains('%');
        if !(flag || format) {
            break;
        }
        i = skip_blanks(b, outer.1);
    }
    // The value: one quoted word, or unquoted words up to the redirection.
    let (first_outer, first_inner) = word(text, i)?;
    let (value, mut i) = if first_outer != first_inner {
        (first_inner, skip_blanks(b, first_outer.1))
    } else {
        let mut end = first_outer.1;
        let mut j = skip_blanks(b, end);
        while let Some((outer, inner)) = word(text, j) {
            if outer != inner {
                return None;
            }
            end = outer.1;
            j = skip_blanks(b, end);
        }
        ((first_outer.0, end), j)
    };
    // `> file`, `>> file`, `| tee file`, `| sudo tee -a file`.
    match b.get(i)? {
        b'>' => {
            i += 1;
            if b.get(i) == Some(&b'>') {
                i += 1;
            }
        }
        b'|' if b.get(i + 1) != Some(&b'|') => {
            i = skip_blanks(b, i + 1);
            if text[i..].starts_with("sudo ") {
                i = skip_blanks(b, i + 5);
            }
            i = skip_blanks(b, i + text[i..].strip_prefix("tee ").map(|_| 4)?);
            while text[i..].starts_with('-') {
                let (outer, _) = word(text, i)?;
                i = skip_blanks(b, outer.1);
            }
        }
        _ => return None,
    }
    let (_, path) = word(text, skip_blanks(b, i))?;
    let file = text[path.0..path.1].rsplit('/').next()?;
    let file = file.strip_prefix('.').unwrap_or(file);
    // An extension of a few letters or digits (`.txt`, `.key`) is no part
    // of the name.
    let name = match file.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && (1..=4).contains(&ext.len())
                && ext.bytes().all(|c| c.is_ascii_alphanumeric()) =>
        {
            stem
        }
        _ => file,
    };
    let v = &text[value.0..value.1];
    let usable = !name.is_empty()
        && !v.trim().is_empty()
        && !v.starts_with('$')
        && !keys::is_placeholder(v)
        && !v.starts_with(crate::REDACTED_PREFIX);
    usable.then_some((value.0, value.1, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        for command in ["echo", "printf"] {
            for (at, _) in text.match_indices(command) {
                if let Some((s, e, name)) = written(text, at, command) {
                    out.push((&text[s..e], name));
                }
            }
        }
        out
    }

    #[test]
    fn values_echoed_or_printed_to_a_named_file() {
        assert_eq!(
            found("RUN echo \"1992 240270\" > /run/svnr"),
            [("1992 240270", "svnr")]
        );
        assert_eq!(
            found("echo -n 'Kärlek#526' >> ~/.config/пароль\n"),
            [("Kärlek#526", "пароль")]
        );
        assert_eq!(
            found("printf '%s\\n' hunter2 | sudo tee -a /run/secrets/db_password.txt >/dev/null"),
            [("hunter2", "db_password")]
        );
        assert_eq!(
            found("cd /x && echo 1992 240270 >/etc/app/.svnr; ls"),
            [("1992 240270", "svnr")]
        );
    }

    #[test]
    fn other_commands_and_variables_are_no_values() {
        for text in [
            "echo hello",
            "echo $DB_PASSWORD > /run/secrets/db_password",
            "echo \"${TOKEN}\" > token",
            "echo x | grep y",
            "echo x || true",
            "secho x > password",
            "echo \"unterminated > password",
            "printf > x",
        ] {
            assert!(
                found(text)
                    .iter()
                    .all(|(v, _)| !v.starts_with('$') && !v.contains('{')),
                "{text}"
            );
        }
        assert!(found("echo x | grep y").is_empty());
        assert!(found("secho x > password").is_empty());
        assert!(found("echo $DB_PASSWORD > /run/secrets/db_password").is_empty());
    }

    proptest::proptest! {
        /// Never panics, and what it finds lies inside the text on
        /// character boundaries.
        #[test]
        fn redirects_never_panic(text in "(echo |printf |-n |'%s' |\"[a-zé ]{0,6}\"|'[a-z]{0,4}'|> |>> |\\| |tee |sudo |/run/|\\.[a-z]{0,5}|[a-zé0-9$]{1,6}| |\n)*") {
            for (v, name) in found(&text) {
                proptest::prop_assert!(text.contains(v) && text.contains(name));
            }
        }
    }
}
