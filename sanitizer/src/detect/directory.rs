//! People named in directory paths: the common name of an LDAP or Active
//! Directory distinguished name (`CN=Kowalczyk\, Zoë,OU=Sales,DC=corp,...`,
//! `cn=Zoë Kowalczyk,ou=people,dc=example,dc=org`) when it reads as a
//! person's name. Groups, containers and service accounts
//! (`CN=Domain Admins`, `CN=Users`, `CN=svc-backup`) stay.

/// The `ldap-person` pattern: a `CN=` value followed by the next
/// component of the DN; the group `s` is the value. The escapes of the
/// places a DN is written in are allowed: `\,` inside a value (`\\,` in
/// a quoted string), `\=` in a Java `.properties` file.
pub(crate) const PATTERN: &str =
    r"(?i:\bcn)\\?=(?P<s>(?:[^,=+<>#;\x22\\\r\n]|\\{1,2},)+),[ \t]*(?i:ou|dc|o|cn|l|c|st|uid)\\?=";

/// Words that name a directory's groups and containers, not people.
const DIRECTORY_WORDS: &[&str] = &[
    "users",
    "user",
    "admins",
    "administrators",
    "computers",
    "group",
    "groups",
    "service",
    "services",
    "accounts",
    "account",
    "domain",
    "enterprise",
    "schema",
    "builtin",
    "operators",
    "servers",
    "server",
    "controllers",
    "policies",
    "policy",
    "system",
    "managed",
    "configuration",
    "sites",
    "partitions",
    "exchange",
    "organization",
    "management",
    "support",
    "team",
    "readers",
    "writers",
    "owners",
    "members",
    "guests",
    "printers",
    "devices",
    "roles",
    "role",
    "apps",
    "applications",
    "default",
    "container",
    "certificate",
    "templates",
    "authorities",
    "publishers",
    "dns",
    "admins",
    "access",
    "remote",
    "desktop",
    "backup",
    "replicator",
    "network",
    "cryptographic",
    "event",
    "log",
    "performance",
    "monitor",
    "hyper-v",
    "distributed",
    "com",
    "iis",
    "iusrs",
    "all",
];

/// Whether the common name `text[start..end]` reads as a person's name:
/// two to four words (or `Family\, Given`), each a capital letter then
/// letters, hyphens or apostrophes, none a directory word.
pub(crate) fn ldap_person(text: &str, start: usize, end: usize) -> bool {
    let value = text[start..end].replace('\\', "").replace(',', " ");
    let words: Vec<&str> = value.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && !DIRECTORY_WORDS.iter().any(|d| d.eq_ignore_ascii_case(w))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> Vec<&str> {
        let re = regex::Regex::new(&crate::detect::ascii_boundaries(PATTERN))
            .expect("the pattern compiles");
        re.captures_iter(text)
            .filter_map(|c| c.name("s"))
            .filter(|m| ldap_person(text, m.start(), m.end()))
            .map(|m| m.as_str())
            .collect()
    }

    #[test]
    fn regression_people_in_distinguished_names_are_found() {
        assert_eq!(
            people(r"CN=Kowalczyk\, Zoë,OU=Sales,DC=corp,DC=example,DC=com"),
            [r"Kowalczyk\, Zoë"]
        );
        assert_eq!(
            people("member: cn=Søren Kierkegaard,ou=people,dc=example,dc=org"),
            ["Søren Kierkegaard"]
        );
        assert_eq!(
            people(r"manager=cn\=Søren Kierkegaard,ou\=people"),
            ["Søren Kierkegaard"]
        );
        assert_eq!(
            people(r#"dn: "CN=Nguyễn\\, Thị Minh,OU=Sales""#),
            [r"Nguyễn\\, Thị Minh"]
        );
        for group in [
            "CN=Domain Admins,CN=Users,DC=corp,DC=example,DC=com",
            "CN=svc-backup,OU=Service Accounts,DC=corp,DC=example,DC=com",
            "CN=Users,DC=corp,DC=example,DC=com",
            "CN=web01.corp.example.com,OU=Servers,DC=corp",
        ] {
            assert!(people(group).is_empty(), "{group}");
        }
    }
}
