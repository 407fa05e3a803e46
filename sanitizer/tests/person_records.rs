//! People's names where the structure around them says a person stands
//! there: a `name` next to a member only a person has (an email, an IBAN,
//! a licence or national number), the parts of a name (`nom`, `nome`,
//! `cognome`) in such a record, a `name` column of a table or a result
//! whose other columns are a person's, and the name, address, birthday and
//! phone properties of a vCard or an iCalendar attendee. The same names
//! stay where nothing says a person is meant (a product's name, a build's
//! owner). Scrub and verify agree on every case.

mod oracle;

use serde_json::{Value, json};

/// What scrub wrote for `doc`, as text, after asserting that verify
/// finds nothing in it.
fn scrubbed(doc: &Value) -> String {
    oracle::scrub(doc).to_string()
}

#[test]
fn a_name_next_to_what_only_a_person_has_is_taken() {
    for (doc, secrets) in [
        (
            json!({"name": "Svetlana Ivanova", "iban": "GB82WEST12345698765432"}),
            vec!["Svetlana Ivanova"],
        ),
        (
            json!({"name": "Tina Hargrove", "email": "tina.h@mailbox.us"}),
            vec!["Tina Hargrove"],
        ),
        (
            json!({"vin": "1HGCM82633A004352", "plate": "7ABC123", "owner": "Dana Kim"}),
            vec!["Dana Kim"],
        ),
        (
            json!({"license_number": "D1234567", "state": "CA", "name": "Dana Kim"}),
            vec!["Dana Kim"],
        ),
        (
            json!({"accountHolder": "Gareth Llewellyn", "accountNumber": "31926819"}),
            vec!["Gareth Llewellyn"],
        ),
        (
            json!({"nom": "Durand", "prenom": "Amélie", "adresse": "14 avenue Victor Hugo, 75016 Paris"}),
            vec!["Durand", "Amélie"],
        ),
        (
            json!({"nome": "Giulia", "cognome": "Bianchi", "codice_fiscale": "BNCGLI85M41H501Z"}),
            vec!["Giulia", "Bianchi"],
        ),
        (
            json!({"Nm": "Heike Sommerfeld", "PstlAdr": {"StrtNm": "Lindenallee", "TwnNm": "Koeln"}}),
            vec!["Heike Sommerfeld"],
        ),
        (
            json!({"forename": "CIARAN", "surname": "FITZGERALD", "docNumber": "PA9988776"}),
            vec!["CIARAN", "FITZGERALD"],
        ),
        (
            json!({"real_name": "Javier Morales", "display_name": "jmorales88"}),
            vec!["Javier Morales"],
        ),
    ] {
        let out = scrubbed(&doc);
        for secret in secrets {
            assert!(!out.contains(secret), "{secret} left in {out}");
        }
    }
}

#[test]
fn names_where_no_person_is_meant_stay() {
    for doc in [
        json!({"name": "Standard Shipping", "carrier": "UPS", "days": 3}),
        json!({"name": "Build Cache", "email_enabled": true, "dob_format": null}),
        json!({"name": "payments", "owner": "team-a"}),
        json!({"nom": "Produit", "prix": 12}),
        json!({"owner": "Platform Team", "repo": "infra"}),
        json!({"name": "Main Street Bakery", "rating": 4.5}),
        json!({"name": "Chateau Margaux", "vintage": 2015}),
    ] {
        assert_eq!(oracle::scrub(&doc), doc, "changed {doc}");
    }
}

#[test]
fn a_name_column_among_a_person_s_columns_is_taken() {
    for (doc, secrets) in [
        (
            json!({"csv": "name,email,dob\nSebastián Ortega,sortega@uni.edu,1999-09-09\nMei Lin,mlin@uni.edu,2001-01-15\n"}),
            vec!["Sebastián Ortega", "Mei Lin"],
        ),
        (
            json!({"tsv": "id\tname\tphone\n1\tOrla Byrne\t+353 87 123 4567\n"}),
            vec!["Orla Byrne"],
        ),
        (
            json!({"rows": [["id", "name", "email", "ssn"], [1, "Dwayne Pickett", "dpickett@corp.io", "219-09-9999"]]}),
            vec!["Dwayne Pickett"],
        ),
        (
            json!({"columns": ["name", "iban"], "rows": [["Kwame Mensah", "DE89370400440532013000"]]}),
            vec!["Kwame Mensah"],
        ),
        (
            json!({"sql": "INSERT INTO users (id, name, email, phone) VALUES (42, 'Harriet Vance', 'hvance@mail.com', '+44 7700 900123');"}),
            vec!["Harriet Vance"],
        ),
        (
            json!({"sql": "insert into customers (name, dob) values (\"Ada Lovelace\", \"1815-12-10\"), (\"Alan Turing\", \"1912-06-23\")"}),
            vec!["Ada Lovelace", "Alan Turing"],
        ),
    ] {
        let out = scrubbed(&doc);
        for secret in secrets {
            assert!(!out.contains(secret), "{secret} left in {out}");
        }
    }
    // A `name` column whose neighbours are not a person's.
    for doc in [
        json!({"csv": "name,price,stock\nBlue Widget,9.99,12\nRed Gadget,4.50,3\n"}),
        json!({"rows": [["name", "region", "replicas"], ["Payment Api", "eu-west-1", 3]]}),
        json!({"sql": "INSERT INTO products (id, name, price) VALUES (1, 'Blue Widget', 9.99);"}),
    ] {
        assert_eq!(oracle::scrub(&doc), doc, "changed {doc}");
    }
}

#[test]
fn vcard_and_icalendar_people_are_taken() {
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nadia Petrova\r\nN:Petrova;Nadia;;;\r\n\
                TEL;TYPE=CELL:+7 916 123-45-67\r\nADR;TYPE=HOME:;;Tverskaya 7;Moscow;;125009;Russia\r\n\
                BDAY:1984-06-30\r\nEMAIL:nadia.p@yandex.ru\r\nORG:Acme Logistics\r\nEND:VCARD\r\n";
    let out = scrubbed(&json!({ "vcard": card }));
    for secret in [
        "Nadia",
        "Petrova",
        "Tverskaya 7",
        "1984-06-30",
        "916 123-45-67",
        "nadia.p",
    ] {
        assert!(!out.contains(secret), "{secret} left in {out}");
    }
    for kept in [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "ORG:Acme Logistics",
        "END:VCARD",
    ] {
        assert!(out.contains(kept), "{kept} went: {out}");
    }
    let event = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Quarterly review\n\
                 ORGANIZER;CN=\"Farid Haddad\":mailto:farid.haddad@clinic.ae\n\
                 ATTENDEE;ROLE=REQ-PARTICIPANT;CN=Mei Lin:mailto:mlin@uni.edu\n\
                 END:VEVENT\nEND:VCALENDAR\n";
    let out = scrubbed(&json!({ "ics": event }));
    for secret in ["Farid Haddad", "Mei Lin", "farid.haddad", "mlin@uni"] {
        assert!(!out.contains(secret), "{secret} left in {out}");
    }
    assert!(out.contains("SUMMARY:Quarterly review"), "{out}");
    // The same property names outside a vCard are no properties.
    for doc in [
        json!({ "log": "FN:Main Loop\nN:42\nADR:none" }),
        json!({ "msg": "set TEL:internal and BDAY:unknown" }),
    ] {
        assert_eq!(oracle::scrub(&doc), doc, "changed {doc}");
    }
}

#[test]
fn a_name_after_i_am_is_taken_when_it_reads_as_a_name() {
    for (text, secret, kept) in [
        (
            "Hi, I'm Tomasz Kowalski, calling about my order.",
            "Tomasz Kowalski",
            "calling about my order",
        ),
        (
            "I am Priya Raghunathan and I need help",
            "Priya Raghunathan",
            "and I need help",
        ),
        ("i’m Ana Souza.", "Ana Souza", "i’m "),
        (
            "Name on card: Harriet Vance",
            "Harriet Vance",
            "Name on card: ",
        ),
    ] {
        let out = scrubbed(&json!({ "m": text }));
        assert!(!out.contains(secret), "{secret} left in {out}");
        assert!(out.contains(kept), "{kept} went: {out}");
    }
    for text in [
        "I'm Not Sure what happened",
        "I am Team Lead for Payments",
        "I'm on it, will deploy to Production Cluster now",
        "Miami Amigos Club meets today",
        "I am using Google Chrome 120",
        "I'm Happy To Help",
        "The name on the card must match the account",
    ] {
        let doc = json!({ "m": text });
        assert_eq!(oracle::scrub(&doc), doc, "changed {doc}");
    }
}

#[test]
fn a_name_written_with_its_email_address_is_taken() {
    for (text, secret, kept) in [
        (
            "From: \"Olga Nowak\" <olga.nowak@wp.pl>\r\nSubject: Zamówienie",
            "Olga Nowak",
            "Subject: Zamówienie",
        ),
        (
            "Author: Jane Doe <jdoe@kernel.org>\nDate: Mon",
            "Jane Doe",
            "Author: ",
        ),
        (
            "new lead: *Camille Dubois*, camille.dubois@orange.fr, call today",
            "Camille Dubois",
            "new lead: *",
        ),
        (
            "Reporter: Sam O'Connor (sam.oconnor@company.ie). Ticket open.",
            "Sam O'Connor",
            "Ticket open.",
        ),
        ("cc Wei Zhang - zhang.wei@corp.cn", "Wei Zhang", "cc "),
    ] {
        let out = scrubbed(&json!({ "m": text }));
        assert!(!out.contains(secret), "{secret} left in {out}");
        assert!(out.contains(kept), "{kept} went: {out}");
    }
    // Not a person, or not the address's owner: the words stay.
    for (text, kept) in [
        ("From: \"GitHub\" <noreply@github.com>", "GitHub"),
        (
            "From: Acme Support Team <support@acme.com>",
            "Acme Support Team",
        ),
        ("Contact Sales at sales@acme.com", "Contact Sales at"),
        ("Ask Maria Lopez, or write to help@acme.com", "Maria Lopez"),
        (
            "Reply to Customer Service (help@shop.com)",
            "Customer Service",
        ),
    ] {
        let out = scrubbed(&json!({ "m": text }));
        assert!(out.contains(kept), "{kept} went: {out}");
    }
}

#[test]
fn a_name_label_in_a_text_that_labels_a_person_s_data_is_taken() {
    for (text, secret, kept) in [
        (
            "Name: KOWALSKA ANNA\nDate of Birth: 12.03.1985\nPESEL: 85031201236",
            "KOWALSKA ANNA",
            "Date of Birth: ",
        ),
        (
            "[user@32473 name=\"Yuki Sato\" email=\"yuki.sato@docomo.ne.jp\"] login ok",
            "Yuki Sato",
            "login ok",
        ),
        (
            "holder: Gareth Llewellyn\niban: GB82WEST12345698765432",
            "Gareth Llewellyn",
            "holder: ",
        ),
    ] {
        let out = scrubbed(&json!({ "m": text }));
        assert!(!out.contains(secret), "{secret} left in {out}");
        assert!(out.contains(kept), "{kept} went: {out}");
    }
    for text in [
        "name: Payment Api\nregion: eu-west-1\nreplicas: 3",
        "Name: Blue Widget\nPrice: 9.99\nStock: 12",
        "job name: Nightly Build, status: passed, duration: 4m",
        "Service name: Order Service; owner: platform; phone: n/a",
    ] {
        let doc = json!({ "m": text });
        assert_eq!(oracle::scrub(&doc), doc, "changed {doc}");
    }
}
