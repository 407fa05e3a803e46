//! People's names that the structure or the words around them name, in
//! the shapes `person_records.rs` does not cover: a payment party whose
//! account sits in a sibling member (ISO 20022's `Dbtr` and `DbtrAcct`),
//! a header or key that names a user or customer, a name written with
//! underscores for spaces (`name=Björn_Eriksson`), a prose phrase that
//! introduces an account holder, and a GraphQL or JavaScript object
//! literal in a string (`{name: "Jane Roe", email: ...}`). Each comes with
//! the near-misses that must stay. Scrub and verify agree on every case.

mod oracle;

use serde_json::{Value, json};

/// What scrub wrote for `doc`, as text, after asserting that verify
/// finds nothing in it.
fn scrubbed(doc: &Value) -> String {
    oracle::scrub(doc).to_string()
}

#[track_caller]
fn taken(doc: &Value, secrets: &[&str]) {
    let out = scrubbed(doc);
    for secret in secrets {
        assert!(!out.contains(secret), "{secret} left in {out}");
    }
}

#[track_caller]
fn kept(doc: &Value) {
    assert_eq!(oracle::scrub(doc), *doc, "changed {doc}");
}

/// Asserts that each of `words` is still in what scrub wrote for `doc`
/// (where something else in it, an IBAN, is taken).
#[track_caller]
fn still_there(doc: &Value, words: &[&str]) {
    let out = scrubbed(doc);
    for word in words {
        assert!(out.contains(word), "{word} went: {out}");
    }
}

#[test]
fn a_party_whose_account_is_a_sibling_member_is_taken() {
    // pain.001 as JSON: the debtor's name, its account beside it.
    taken(
        &json!({"PmtInf": {
            "Dbtr": {"Nm": "Anna Schmidt", "PstlAdr": {"Ctry": "DE"}},
            "DbtrAcct": {"Id": {"IBAN": "DE89370400440532013000"}},
            "DbtrAgt": {"FinInstnId": {"BICFI": "COBADEFFXXX"}}
        }}),
        &["Anna Schmidt"],
    );
    // pacs.008: the creditor and the ultimate debtor, named apart from
    // the accounts.
    taken(
        &json!({"CdtTrfTxInf": [{
            "UltmtDbtr": {"Nm": "Lukas Becker"},
            "DbtrAcct": {"Id": {"IBAN": "DE44500105175407324931"}},
            "Cdtr": {"Nm": "Sofia Rossi"},
            "CdtrAcct": {"Id": {"IBAN": "IT60X0542811101000000123456"}}
        }]}),
        &["Lukas Becker", "Sofia Rossi"],
    );
    // An account with no IBAN (ISO 20022's `Othr`): the sibling is the
    // party's account all the same.
    taken(
        &json!({"Cdtr": {"Nm": "Kofi Boateng"}, "CdtrAcct": {"Id": {"Othr": {"Id": "0012345678"}}}}),
        &["Kofi Boateng"],
    );
    // The same shape under everyday keys.
    taken(
        &json!({"payer": {"name": "Jane Roe"}, "payer_account": {"iban": "GB82WEST12345698765432"}}),
        &["Jane Roe"],
    );
    taken(
        &json!({"recipient_info": {"name": "Tomás Ortega", "city": "Madrid"}, "recipient_email": "t.ortega@mail.es"}),
        &["Tomás Ortega"],
    );
}

#[test]
fn a_party_with_no_person_s_sibling_stays() {
    // A company is no person: its name stays whatever its account says.
    still_there(
        &json!({"Dbtr": {"Nm": "ACME GmbH"}, "DbtrAcct": {"Id": {"IBAN": "DE89370400440532013000"}}}),
        &["ACME GmbH"],
    );
    still_there(
        &json!({"Cdtr": {"Nm": "Northwind Traders Ltd"}, "CdtrAcct": {"Id": {"IBAN": "GB82WEST12345698765432"}}}),
        &["Northwind Traders Ltd"],
    );
    // A name next to nothing a person has.
    kept(&json!({"name": "Standard Shipping", "carrier": "UPS", "days": 3}));
    kept(&json!({"Dbtr": {"Nm": "Anna Schmidt"}, "Cdtr": {"Nm": "Blue Widget"}}));
    // An account's flag is no account.
    kept(&json!({"payer": {"name": "Jane Roe"}, "payer_account": null, "payer_email": false}));
    // A sibling sharing the stem holds only an address: a shipping
    // method's name is no person's.
    still_there(
        &json!({
            "shipping": {"name": "Standard Shipping", "carrier": "UPS"},
            "shipping_address": {"country": "DE", "postcode": "N/A"}
        }),
        &["Standard Shipping"],
    );
    // A sibling holding a person's cue, but not sharing the stem.
    still_there(
        &json!({"plan": {"name": "Premium Plus"}, "billing_account": {"iban": "GB82WEST12345698765432"}}),
        &["Premium Plus"],
    );
}

#[test]
fn a_header_or_key_naming_a_user_takes_a_full_name() {
    for doc in [
        json!({"headers": {"x-user-name": "Elif Yilmaz"}}),
        json!({"headers": {"X-Customer-Name": "Elif Yilmaz"}}),
        json!({"user_name": "Elif Yilmaz"}),
        json!({"username": "Elif Yilmaz"}),
        json!({"headers": [["X-User-Name", "Elif Yilmaz"]]}),
        json!({"raw": "GET /me HTTP/1.1\r\nHost: api.example\r\nx-user-name: Elif Yilmaz\r\n\r\n"}),
        json!({"raw": "X-Customer-Name: Elif Yilmaz\nAccept: */*"}),
    ] {
        taken(&doc, &["Elif Yilmaz"]);
    }
    for doc in [
        json!({"username": "admin"}),
        json!({"user": "svc-deploy"}),
        json!({"user_name": "jdoe"}),
        json!({"username": "Admin"}),
        json!({"username": "Admin User"}),
        json!({"user_name": "Build Bot"}),
        json!({"headers": {"X-User-Name": "System Administrator"}}),
        json!({"headers": {"x-request-name": "GetUser"}}),
        json!({"headers": {"x-user-name": "ci-bot"}}),
        json!({"raw": "x-request-name: GetUser\nx-user-name: deploy_bot"}),
    ] {
        kept(&doc);
    }
}

#[test]
fn a_name_written_with_underscores_for_spaces_is_taken() {
    for (doc, secret) in [
        (
            json!({"url": "https://shop.example/checkout?full_name=Anna_Maria_Schmidt&step=2"}),
            "Anna_Maria_Schmidt",
        ),
        (
            json!({"log": "signup: name=Björn_Eriksson email=bjorn.e@telia.se ok"}),
            "Björn_Eriksson",
        ),
        (
            json!({"url": "https://x.example/signup?name=Björn_Eriksson&email=bjorn.e@telia.se"}),
            "Björn_Eriksson",
        ),
        (
            json!({"name": "Björn_Eriksson", "email": "bjorn.e@telia.se"}),
            "Björn_Eriksson",
        ),
        (
            json!({"customer": "Anna_Maria_Schmidt"}),
            "Anna_Maria_Schmidt",
        ),
        (json!({"guest": "Juan_dela_Cruz"}), "Juan_dela_Cruz"),
        // A personal value of a `key=value` line ends before the next
        // field, which is read on its own.
        (
            json!({"log": "address=12 Main St city=Springfield name=Jane_Roe dob=1990-01-01"}),
            "Jane_Roe",
        ),
        (
            json!({"log": "address=12 Main St city=Springfield name=Jane Roe dob=1990-01-01"}),
            "Jane Roe",
        ),
        (
            json!({"q": "customer_name=Zoë_Ångström&phone=+46701234567"}),
            "Zoë_Ångström",
        ),
    ] {
        taken(&doc, &[secret]);
    }
    for doc in [
        json!({"log": "name=build_42 email=ci-bot"}),
        json!({"log": "name=Payment_Service region=eu-west-1"}),
        json!({"name": "SOME_CONSTANT", "email": "ops"}),
        json!({"customer": "HTTP_PROXY"}),
        json!({"url": "https://x.example/?name=Blue_Widget&price=3"}),
        json!({"customer": "Order_Service_V2"}),
        json!({"guest": "read_only"}),
        json!({"name": "Anna_", "dob_format": null}),
    ] {
        kept(&doc);
    }
}

#[test]
fn an_account_holder_named_in_prose_is_taken() {
    for (text, secret, kept_words) in [
        (
            "Refund sent to name on account Gareth Llewellyn today",
            "Gareth Llewellyn",
            "Refund sent to name on account ",
        ),
        (
            "Please confirm the account holder Gareth Llewellyn before paying.",
            "Gareth Llewellyn",
            "before paying.",
        ),
        (
            "account holder is Siobhan O'Neill, verified",
            "Siobhan O'Neill",
            "verified",
        ),
        (
            "Payee: Name On Account Amélie Durand, ref 4471",
            "Amélie Durand",
            ", ref 4471",
        ),
    ] {
        let out = scrubbed(&json!({ "m": text }));
        assert!(!out.contains(secret), "{secret} left in {out}");
        assert!(out.contains(kept_words), "{kept_words} went: {out}");
    }
    for text in [
        "the account holder must sign the form",
        "name on account does not match",
        "Account Holder Verification Service is down",
        "check the account holder Name Field",
        "the account holder Jane said hi",
        "Name on account Acme Ltd",
    ] {
        kept(&json!({ "m": text }));
    }
}

#[test]
fn a_graphql_or_object_literal_person_in_a_string_is_taken() {
    for (text, secret, kept_words) in [
        (
            r#"mutation { createUser(input: {name: "Jane Roe", email: "jane@x.io"}) { id } }"#,
            "Jane Roe",
            "createUser(input: {name: ",
        ),
        (
            r#"mutation { addCustomer(name: "Priya Raghunathan", phone: "+44 7700 900123") { id } }"#,
            "Priya Raghunathan",
            "addCustomer(name: ",
        ),
        (
            "const user = { name: 'Mateo Fernández', dob: '1990-04-12' };",
            "Mateo Fernández",
            "const user = { name: ",
        ),
    ] {
        let out = scrubbed(&json!({ "query": text }));
        assert!(!out.contains(secret), "{secret} left in {out}");
        assert!(out.contains(kept_words), "{kept_words} went: {out}");
    }
    for text in [
        r#"mutation { createProduct(input: {name: "Blue Widget", price: 3}) { id } }"#,
        r#"query { service(name: "Order Service") { status } }"#,
        r#"mutation { createTeam(input: {name: "Platform Team", email_enabled: true}) { id } }"#,
        "const cfg = { name: 'Payment Api', region: 'eu-west-1' };",
    ] {
        kept(&json!({ "query": text }));
    }
}
