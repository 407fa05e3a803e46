//! Redis commands that carry a password, as they travel and as they are
//! logged: RESP frames (`*2\r\n$4\r\nAUTH\r\n$8\r\nsecret12\r\n`, the
//! line breaks also written `\r\n` literally, as `..` by `tcpdump -A`, or
//! as spaces once a log joined the lines), commands typed at a prompt
//! (`127.0.0.1:6379> AUTH secret`) and lines of `MONITOR`
//! (`1700000000.1 [0 10.0.0.5:5123] "AUTH" "secret"`).
//!
//! The commands read are `AUTH [user] pass`, `HELLO ver AUTH user pass`,
//! `CONFIG SET requirepass|masterauth|tls-key-file-pass ... value`,
//! `MIGRATE ... AUTH pass` and `AUTH2 user pass`, `SENTINEL SET name
//! auth-pass value` and `ACL SETUSER name ... >pass`; SMTP's and IMAP's
//! `AUTH PLAIN <base64>` are read as the credentials they are, `AUTH
//! LOGIN` alone names no secret. A frame's bulk string keeps its length:
//! [`Secret::len`] is where the length of a replaced argument is written.

/// An argument that is a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Secret {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The span of the digits of its bulk string's length, in a frame.
    pub(super) len: Option<(usize, usize)>,
}

/// One argument of a command: its span, and its length's in a frame.
#[derive(Debug, Clone, Copy)]
struct Arg {
    start: usize,
    end: usize,
    len: Option<(usize, usize)>,
}

/// Whether `text` may hold such a command: it has `auth` in any case
/// (`AUTH`, `HELLO ... AUTH`, `MIGRATE ... AUTH2`, `auth-pass`) or
/// `requirepass`, found from the `h`s and `q`s `memchr` finds, or (when
/// it has a `>`) `SETUSER`; looked for only when `separated` (the text
/// has a space, a line break or a frame's `*` and `$`: a token, a hash or
/// base64 has none).
pub(super) fn mentions(text: &str, separated: bool, greater: bool) -> bool {
    let b = text.as_bytes();
    separated
        && (memchr::memchr3_iter(b'h', b'H', b'q', b).any(|i| {
            if b[i] == b'q' {
                i >= 2 && b[i - 2..].starts_with(b"requirepass")
            } else {
                i >= 3 && b[i - 3..i].eq_ignore_ascii_case(b"aut")
            }
        }) || greater && (text.contains("SETUSER") || text.contains("setuser")))
}

/// The passwords the Redis commands in `text` carry; `frames`: the text
/// has a `*` and a `$`, and may hold RESP frames.
pub(super) fn secrets(text: &str, frames: bool) -> Vec<Secret> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut frames_end = 0;
    for (at, _) in text.match_indices('*').filter(|_| frames) {
        if at < frames_end || !b.get(at + 1).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        if let Some((args, end)) = frame(b, at) {
            take(text, &args, &mut out);
            frames_end = end;
        }
    }
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let args = inline(line_start, line.trim_end_matches(['\r', '\n']));
        line_start += line.len();
        if !args.is_empty() {
            take(text, &args, &mut out);
        }
    }
    out.sort_by_key(|s| s.start);
    out.dedup_by_key(|s| s.start);
    out
}

/// The separator of a frame's lines at `i`: its length.
fn separator(b: &[u8], i: usize) -> Option<usize> {
    let rest = b.get(i..)?;
    [&b"\r\n"[..], b"\\r\\n", b"\n", b"..", b" "]
        .iter()
        .find(|s| rest.starts_with(s))
        .map(|s| s.len())
}

/// Digits at `i`: their value and end.
fn digits(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let n = b
        .get(i..)?
        .iter()
        .take(7)
        .take_while(|c| c.is_ascii_digit())
        .count();
    let v = std::str::from_utf8(&b[i..i + n]).ok()?.parse().ok()?;
    Some((v, i + n))
}

/// The bulk strings of the RESP array at `at` (`*N`), and where it ends.
fn frame(b: &[u8], at: usize) -> Option<(Vec<Arg>, usize)> {
    let (n, mut i) = digits(b, at + 1)?;
    if n == 0 || n > 64 {
        return None;
    }
    i += separator(b, i)?;
    let mut args = Vec::with_capacity(n);
    for k in 0..n {
        if b.get(i) != Some(&b'$') {
            return None;
        }
        let (len, digits_end) = digits(b, i + 1)?;
        let start = digits_end + separator(b, digits_end)?;
        let end = start.checked_add(len)?;
        if end > b.len() {
            return None;
        }
        args.push(Arg {
            start,
            end,
            len: Some((i + 1, digits_end)),
        });
        i = end;
        // The last argument may end the text.
        match separator(b, i) {
            Some(s) => i += s,
            None if k + 1 == n => {}
            None => return None,
        }
    }
    Some((args, i))
}

/// The arguments of a command typed or logged on `line` (which starts
/// at `offset`): after a prompt (`host:port> `), a `MONITOR` line's
/// head, or alone on its line in capitals; empty when it is none.
fn inline(offset: usize, line: &str) -> Vec<Arg> {
    let trimmed = line.trim_start();
    let mut at = line.len() - trimmed.len();
    let mut loose = false;
    // A prompt: `redis>`, `127.0.0.1:6379>`, `redis-cli>`.
    if let Some(p) = trimmed.find("> ").filter(|&p| p <= 40)
        && trimmed[..p]
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b".:-_[]".contains(&c))
    {
        at += p + 2;
        loose = true;
    }
    // A MONITOR line: `1700000000.123456 [0 10.0.0.5:5123] "AUTH" ...`.
    let rest = &line[at..];
    if rest.starts_with(|c: char| c.is_ascii_digit())
        && let Some(close) = rest.find("] \"")
        && rest[..close].contains(" [")
    {
        at += close + 2;
        loose = true;
    }
    let args = words(line, at);
    let Some(first) = args.first() else {
        return Vec::new();
    };
    let command = &line[first.start..first.end];
    let quoted = first.start > 0 && line.as_bytes()[first.start - 1] == b'"';
    if !(loose
        || quoted
        || command
            .bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
    {
        return Vec::new();
    }
    args.into_iter()
        .map(|a| Arg {
            start: a.start + offset,
            end: a.end + offset,
            len: None,
        })
        .collect()
}

/// The words of `line` from `at`: runs without spaces, or the inside of
/// double quotes (with backslash escapes).
fn words(line: &str, mut at: usize) -> Vec<Arg> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    while at < b.len() && out.len() < 16 {
        match b[at] {
            b' ' | b'\t' => at += 1,
            b'"' => {
                let start = at + 1;
                let mut i = start;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(b.len());
                out.push(Arg {
                    start,
                    end,
                    len: None,
                });
                at = end + 1;
            }
            _ => {
                let start = at;
                while at < b.len() && !matches!(b[at], b' ' | b'\t') {
                    at += 1;
                }
                out.push(Arg {
                    start,
                    end: at,
                    len: None,
                });
            }
        }
    }
    out
}

/// SASL mechanisms: `AUTH LOGIN` names one, not a password.
const MECHANISMS: [&str; 9] = [
    "PLAIN",
    "LOGIN",
    "CRAM-MD5",
    "XOAUTH2",
    "OAUTHBEARER",
    "GSSAPI",
    "NTLM",
    "EXTERNAL",
    "ANONYMOUS",
];

/// Adds the secrets of the command `args` (in `text`) to `out`.
fn take(text: &str, args: &[Arg], out: &mut Vec<Secret>) {
    let word = |i: usize| {
        args.get(i)
            .and_then(|a| text.get(a.start..a.end))
            .unwrap_or_default()
    };
    let is = |i: usize, w: &str| word(i).eq_ignore_ascii_case(w);
    let mut secret = |i: usize| {
        if let Some(a) = args
            .get(i)
            .filter(|a| a.end > a.start && text.get(a.start..a.end).is_some())
        {
            out.push(Secret {
                start: a.start,
                end: a.end,
                len: a.len,
            });
        }
    };
    let n = args.len();
    if is(0, "AUTH") {
        match n {
            2 if !MECHANISMS.iter().any(|m| is(1, m)) => secret(1),
            3 => secret(2),
            _ => {}
        }
    } else if is(0, "HELLO") || is(0, "MIGRATE") {
        for i in 1..n {
            if is(i, "AUTH") {
                // HELLO's AUTH takes a user and a password, MIGRATE's one.
                secret(if is(0, "HELLO") { i + 2 } else { i + 1 });
            } else if is(i, "AUTH2") {
                secret(i + 2);
            }
        }
    } else if is(0, "CONFIG") && is(1, "SET") {
        for i in (2..n).step_by(2) {
            let w = word(i).to_ascii_lowercase();
            if matches!(
                w.as_str(),
                "requirepass" | "masterauth" | "tls-key-file-pass" | "tls-client-key-file-pass"
            ) {
                secret(i + 1);
            }
        }
    } else if is(0, "SENTINEL") && is(1, "SET") {
        for i in 3..n {
            if is(i, "auth-pass") {
                secret(i + 1);
            }
        }
    } else if is(0, "ACL") && is(1, "SETUSER") {
        for (i, a) in args.iter().enumerate().skip(3) {
            if word(i).starts_with('>') && word(i).len() > 1 {
                out.push(Secret {
                    start: a.start + 1,
                    end: a.end,
                    len: None,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn found(text: &str) -> Vec<&str> {
        assert!(mentions(text, true, true) || secrets(text, true).is_empty());
        secrets(text, true)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn frames_give_their_password_and_its_length() {
        let text = "*2\r\n$4\r\nAUTH\r\n$8\r\nsecret12\r\n";
        let s = secrets(text, true);
        assert_eq!(found(text), ["secret12"]);
        assert_eq!(s[0].len.map(|(a, b)| &text[a..b]), Some("8"));
        assert_eq!(
            found("*3\r\n$4\r\nAUTH\r\n$6\r\nworker\r\n$5\r\npa ss\r\n"),
            ["pa ss"]
        );
        // Lines joined by a log, written out by tcpdump, escaped.
        assert_eq!(found("got *2 $4 AUTH $6 s3cr3t then"), ["s3cr3t"]);
        assert_eq!(found("*2..$4..auth..$6..s3cr3t.."), ["s3cr3t"]);
        assert_eq!(found(r"*2\r\n$4\r\nAUTH\r\n$6\r\ns3cr3t\r\n"), ["s3cr3t"]);
        assert_eq!(
            found("*4\r\n$6\r\nCONFIG\r\n$3\r\nSET\r\n$11\r\nrequirepass\r\n$6\r\nhunter\r\n"),
            ["hunter"]
        );
    }

    #[test]
    fn typed_and_monitored_commands_give_their_password() {
        assert_eq!(found("127.0.0.1:6379> AUTH default s3cr3t"), ["s3cr3t"]);
        assert_eq!(found("AUTH s3cr3t"), ["s3cr3t"]);
        assert_eq!(
            found("1700000000.123456 [0 10.0.0.5:5123] \"AUTH\" \"s3 cr3t\""),
            ["s3 cr3t"]
        );
        assert_eq!(found("CONFIG SET requirepass \"n3w-pass\""), ["n3w-pass"]);
        assert_eq!(
            found("MIGRATE 10.0.0.9 6379 \"\" 0 5000 AUTH2 admin pw1 KEYS a b"),
            ["pw1"]
        );
        assert_eq!(found("MIGRATE h 6379 k 0 5000 AUTH pw2"), ["pw2"]);
        assert_eq!(found("HELLO 3 AUTH default pw3"), ["pw3"]);
        assert_eq!(found("ACL SETUSER alice on >pw4 ~* +@all"), ["pw4"]);
        assert_eq!(found("SENTINEL SET mymaster auth-pass pw5"), ["pw5"]);
    }

    #[test]
    fn commands_without_a_password_give_nothing() {
        assert!(found("*2\r\n$3\r\nGET\r\n$20\r\nratelimit:abc1234567\r\n").is_empty());
        assert!(found("AUTH LOGIN").is_empty());
        assert!(found("auth failed for user bob").is_empty());
        assert!(found("The AUTH command failed because the server").is_empty());
        assert!(found("*2\r\n$4\r\nAUTH\r\n$40\r\nshort").is_empty());
    }

    proptest! {
        /// Reading never panics, and each secret is inside the text on
        /// character boundaries.
        #[test]
        fn secrets_stay_inside_the_text(text in "(\\*[0-9]|\\$[0-9]{1,2}|\r\n|AUTH|auth|CONFIG SET|requirepass|> |\"|[a-zé ]|\\.\\.)*") {
            for s in secrets(&text, true) {
                prop_assert!(s.start < s.end && s.end <= text.len());
                prop_assert!(text.get(s.start..s.end).is_some());
            }
        }
    }
}
