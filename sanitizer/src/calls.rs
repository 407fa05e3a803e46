//! Values passed to calls, in code, logs and SQL: `setPassword("x")`,
//! `builder.token('x')`, `new Credentials("bob", "x")` (a call named by
//! a key word passes its value), `pwd = MD5('x')`, `PASSWORD('x')`,
//! `crypt('x', gen_salt('bf'))` (a hash function's argument is the
//! secret it hides), and `password = os.getenv("DB_PASSWORD")`,
//! `token = config.get('auth_token')` (a call that reads a value by its
//! name holds no secret: the name is not one).
//!
//! Only string literals are read: a call's other arguments are
//! expressions, whose values are elsewhere.

/// SQL's and crypt libraries' functions whose argument is a password or
/// other secret to hash or encrypt (lowercase).
const HASH_FUNCTIONS: &[&str] = &[
    "password",
    "old_password",
    "md5",
    "sha",
    "sha1",
    "sha2",
    "sha224",
    "sha256",
    "sha384",
    "sha512",
    "crypt",
    "encrypt",
    "digest",
    "hashbytes",
    "pwdencrypt",
    "pwdcompare",
    "aes_encrypt",
    "des_encrypt",
    "encryptbypassphrase",
    "pgp_sym_encrypt",
];

/// Names of algorithms and salts that a hash function takes beside its
/// secret (`digest('x', 'sha256')`, `HASHBYTES('SHA2_256', 'x')`,
/// `gen_salt('bf')`): never the secret.
fn names_an_algorithm(literal: &str) -> bool {
    let l = literal.to_ascii_lowercase();
    matches!(
        l.as_str(),
        "md2" | "md4" | "md5" | "bf" | "xdes" | "des" | "sha" | "sha1" | "sha2"
    ) || l.starts_with("sha")
        && l[3..]
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'_' | b'-'))
        || l.starts_with("aes")
            && l[3..]
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'_' | b'-'))
}

/// One argument of a call: a string literal's contents (without its
/// quotes), or another expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Argument {
    Literal(usize, usize),
    Other,
}

/// The arguments of the call whose `(` is at `open` in `text`, when they
/// are at most four, on one line, and each a string literal or a simple
/// expression (a name, a number, a nested call of literals and names):
/// `None` otherwise, or when the call does not close.
fn arguments(text: &str, open: usize) -> Option<Vec<Argument>> {
    let bytes = text.as_bytes();
    let skip = |mut i: usize| {
        while matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        i
    };
    let mut i = skip(open + 1);
    let mut args = Vec::new();
    if bytes.get(i) == Some(&b')') {
        return Some(args);
    }
    loop {
        if args.len() == 4 {
            return None;
        }
        match *bytes.get(i)? {
            q @ (b'"' | b'\'') => {
                let start = i + 1;
                let mut j = start;
                loop {
                    match *bytes.get(j)? {
                        b'\\' => j += 2,
                        b'\n' => return None,
                        b if b == q => break,
                        _ => j += 1,
                    }
                }
                args.push(Argument::Literal(start, j));
                i = j + 1;
            }
            _ => {
                // A name, a number or a call inside (`gen_salt('bf')`),
                // up to the next `,` or `)` of this call.
                let mut depth = 0usize;
                let start = i;
                loop {
                    match *bytes.get(i)? {
                        b'(' => depth += 1,
                        b')' if depth == 0 => break,
                        b')' => depth -= 1,
                        b',' if depth == 0 => break,
                        b'\n' | b';' | b'{' | b'}' => return None,
                        _ => {}
                    }
                    i += 1;
                }
                if i == start {
                    return None;
                }
                args.push(Argument::Other);
            }
        }
        i = skip(i);
        match bytes.get(i)? {
            b')' => return Some(args),
            b',' => i = skip(i + 1),
            _ => return None,
        }
    }
}

/// The literal a call named by a key word passes as its value
/// (`setPassword("x")`, `Credentials("bob", "x")`: its last argument,
/// when that is a string literal), the `(` at `open`.
pub(crate) fn passed_value(text: &str, open: usize) -> Option<(usize, usize)> {
    match arguments(text, open)?.last()? {
        Argument::Literal(s, e) if e > s => Some((*s, *e)),
        _ => None,
    }
}

/// What the call starting at `at` (a function's name, possibly qualified:
/// `MD5(`, `os.getenv(`, `env::var(`) says about the value of the name
/// before it: `Some(Some(span))`, the secret a hash function is given;
/// `Some(None)`, no value (a call that reads one by its name,
/// `getenv("DB_PASSWORD")`); `None` when no call starts at `at` or it
/// says neither (what is there is read as any value is).
pub(crate) fn call_value(text: &str, at: usize) -> Option<Option<(usize, usize)>> {
    let bytes = text.as_bytes();
    let mut i = at;
    while bytes
        .get(i)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'$'))
    {
        i += 1;
    }
    let name = &text[at..i];
    if name.is_empty()
        || bytes.get(i) != Some(&b'(')
        || !name.as_bytes()[0].is_ascii_alphabetic() && name.as_bytes()[0] != b'_'
    {
        return None;
    }
    let args = arguments(text, i)?;
    let function = name.rsplit(['.', ':']).next().unwrap_or(name);
    if HASH_FUNCTIONS
        .iter()
        .any(|f| f.eq_ignore_ascii_case(function))
    {
        let secret = args.iter().find_map(|a| match *a {
            Argument::Literal(s, e) if e > s && !names_an_algorithm(&text[s..e]) => Some((s, e)),
            _ => None,
        });
        return secret.map(Some);
    }
    // `getenv("DB_PASSWORD")`, `config.get('db.password')`: one literal
    // that reads as a name.
    match args.as_slice() {
        [Argument::Literal(s, e)] if reads_as_a_name(&text[*s..*e]) => Some(None),
        _ => None,
    }
}

/// Whether `literal` reads as the name of a setting or a variable
/// (`DB_PASSWORD`, `auth_token`, `db.password`, `app/api-key`): letters,
/// digits and the separators names use, starting with a letter, with no
/// digit inside a word, no mix of cases but camel case's, and no digit
/// run of four or more (what a generated secret has).
fn reads_as_a_name(literal: &str) -> bool {
    let b = literal.as_bytes();
    if b.is_empty() || b.len() > 64 || !b[0].is_ascii_alphabetic() {
        return false;
    }
    if !b
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'/'))
    {
        return false;
    }
    let words_ok = literal.split(['_', '.', '-', '/']).all(|w| {
        // Letters, then digits at most at the end (`key2`, `V2`).
        let letters = w.trim_end_matches(|c: char| c.is_ascii_digit());
        if !letters.bytes().all(|c| c.is_ascii_alphabetic()) {
            return false;
        }
        let lower = w.bytes().all(|c| !c.is_ascii_uppercase());
        let upper = w.bytes().all(|c| !c.is_ascii_lowercase());
        // `camelCase` and `PascalCase` words: a capital only after a
        // lowercase letter starts the next word.
        let camel = w
            .as_bytes()
            .windows(2)
            .all(|p| !(p[0].is_ascii_uppercase() && p[1].is_ascii_uppercase()));
        lower || upper || camel
    });
    let mut run = 0;
    let long_digits = b.iter().any(|c| {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        run >= 4
    });
    words_ok && !long_digits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passed(text: &str) -> Option<&str> {
        let open = text.find('(')?;
        passed_value(text, open).map(|(s, e)| &text[s..e])
    }

    fn called(text: &str) -> Option<Option<&str>> {
        call_value(text, 0).map(|v| v.map(|(s, e)| &text[s..e]))
    }

    #[test]
    fn a_call_named_by_a_key_word_passes_its_last_literal() {
        assert_eq!(passed(r#"setPassword("Zx81kqPw7")"#), Some("Zx81kqPw7"));
        assert_eq!(passed(r#"token('a\'b')"#), Some(r"a\'b"));
        assert_eq!(passed(r#"Credentials("bob", "Zx81")"#), Some("Zx81"));
        assert_eq!(passed(r#"Credentials(user, "Zx81")"#), Some("Zx81"));
        // The last argument is no literal, nor is any: nothing passed.
        assert_eq!(passed(r#"password(s) expired"#), None);
        assert_eq!(passed(r#"setPassword(pw)"#), None);
        assert_eq!(passed(r#"setPassword("x", retries)"#), None);
        assert_eq!(passed(r#"setPassword("")"#), None);
        // Unclosed, or over a line: nothing.
        assert_eq!(passed("setPassword(\"x\""), None);
        assert_eq!(passed("setPassword(\"x\n\")"), None);
    }

    #[test]
    fn a_hash_function_is_given_the_secret_and_a_lookup_none() {
        assert_eq!(called("MD5('Zx81kqPw7')"), Some(Some("Zx81kqPw7")));
        assert_eq!(called("PASSWORD('Zx81kqPw7')"), Some(Some("Zx81kqPw7")));
        assert_eq!(
            called("crypt('Zx81kqPw7', gen_salt('bf'))"),
            Some(Some("Zx81kqPw7"))
        );
        assert_eq!(
            called("HASHBYTES('SHA2_256', 'Zx81kqPw7')"),
            Some(Some("Zx81kqPw7"))
        );
        assert_eq!(called("digest('Zx81', 'sha256')"), Some(Some("Zx81")));
        assert_eq!(called("os.getenv(\"DB_PASSWORD\")"), Some(None));
        assert_eq!(called("env::var(\"DB_PASS\")"), Some(None));
        assert_eq!(called("config.get('db.password')"), Some(None));
        // A literal that reads as a generated secret is no name: read on.
        assert_eq!(called("decode('Zx81kqPw7Qm')"), None);
        assert_eq!(called("load('a83f0c2d91e4')"), None);
        // Encrypted values (`ENC(...)`) and other shapes: read on.
        assert_eq!(called("ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)"), None);
        assert_eq!(called("getenv"), None);
        assert_eq!(called("(x)"), None);
    }
}
