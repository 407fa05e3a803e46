//! Values whose name is written apart from them, each read under its name
//! as an object member's value is: query results whose columns are listed
//! once (BigQuery, Trino, ClickHouse, Athena, Databricks, a header row),
//! typed wrappers (DynamoDB, Firestore, Avro, OTLP), pg_dump's `COPY ...
//! FROM stdin` rows and mysqldump's extended inserts, XML elements named
//! by an attribute (Windows events, Spring properties, `appSettings`,
//! namespaced), CEF custom fields named by their label, LEEF attributes
//! and LDIF attribute lines. Each with benign near-misses that must stay.

use std::collections::BTreeSet;

use reprise_sanitizer::{Report, Sanitizer, Verifier, pseudonymized_paths};
use serde_json::{Value, json};

fn scrubbed(mut value: Value) -> String {
    let sanitizer = Sanitizer::builder().build().expect("rules");
    let mut report = Report::default();
    sanitizer.scrub_value("args", &mut value, &mut report);
    // What scrub wrote, verify passes.
    let verifier = Verifier::new().expect("the verifier builds");
    let accepted: BTreeSet<String> = pseudonymized_paths(Some(&report.to_json()));
    let mut findings = Vec::new();
    verifier.check_value(None, "args", &value, &accepted, &mut findings);
    assert!(
        findings.is_empty(),
        "verify disagrees on {value}: {findings:?}"
    );
    value.to_string()
}

#[track_caller]
fn gone(value: Value, secrets: &[&str], kept: &[&str]) {
    let out = scrubbed(value);
    for secret in secrets {
        assert!(!out.contains(secret), "{secret} survives in {out}");
    }
    for keep in kept {
        assert!(out.contains(keep), "{keep} was lost in {out}");
    }
}

const SECRET: &str = "Xq7#mPz2!vLw9rT4";
const RANDOM: &str = "9fK2pQ7xLm3ZrT8vWb4N";

#[test]
fn regression_bigquery_rows_are_read_by_their_schema() {
    gone(
        json!({"kind": "bigquery#queryResponse",
            "schema": {"fields": [{"name": "id", "type": "INTEGER"}, {"name": "db_password", "type": "STRING"},
                {"name": "deploy_key", "type": "STRING"}, {"name": "order_no", "type": "STRING"}]},
            "rows": [{"f": [{"v": "17"}, {"v": SECRET}, {"v": RANDOM}, {"v": "ORD-2291-7731"}]},
                     {"f": [{"v": "18"}, {"v": "hunter2-again"}, {"v": null}, {"v": "ORD-2291-7732"}]}],
            "totalRows": "2"}),
        &[SECRET, "hunter2-again", RANDOM],
        &["ORD-2291-7731", "ORD-2291-7732", "\"17\"", "db_password"],
    );
}

#[test]
fn query_results_of_other_engines_are_read_by_their_column_list() {
    // Trino / Presto.
    gone(
        json!({"id": "q1", "columns": [{"name": "user", "type": "varchar"}, {"name": "api_token", "type": "varchar"}],
            "data": [["ada", SECRET], ["bob", "tok-77aa-91bb-c2"]]}),
        &[SECRET, "tok-77aa-91bb-c2"],
        &["ada", "bob"],
    );
    // ClickHouse JSONCompact.
    gone(
        json!({"meta": [{"name": "ssn", "type": "String"}, {"name": "n", "type": "UInt64"}],
            "data": [["123-45-6789", 4]], "rows": 1}),
        &["123-45-6789"],
        &["\"rows\":1"],
    );
    // Athena: the first row repeats the names and stays.
    gone(
        json!({"ResultSet": {"ResultSetMetadata": {"ColumnInfo": [{"Name": "email"}, {"Name": "password"}]},
            "Rows": [{"Data": [{"VarCharValue": "email"}, {"VarCharValue": "password"}]},
                     {"Data": [{"VarCharValue": "x@y.io"}, {"VarCharValue": SECRET}]}]}}),
        &[SECRET, "x@y.io"],
        &["\"VarCharValue\":\"password\""],
    );
    // Databricks: names three levels down, rows one down.
    gone(
        json!({"manifest": {"schema": {"columns": [{"name": "client_secret"}, {"name": "region"}]}},
            "result": {"data_array": [[SECRET, "eu-west-1"]]}}),
        &[SECRET],
        &["eu-west-1"],
    );
    // A spreadsheet's values: the header row names the rows below.
    gone(
        json!({"range": "A1:B3", "values": [["name", "password"], ["svc", SECRET], ["web", "n0t-s0-s3cret!"]]}),
        &[SECRET, "n0t-s0-s3cret!"],
        &["svc", "web"],
    );
}

#[test]
fn lists_that_only_look_like_results_are_walked_as_usual() {
    // Rows of another length than the names, a count under a plural
    // column: nothing taken by position.
    gone(
        json!({"columns": ["password", "b"], "data": [["x", "y", "z"]]}),
        &[],
        &["\"x\"", "\"y\""],
    );
    gone(
        json!({"columns": ["tokens", "model"], "data": [["1200", "small"]]}),
        &[],
        &["1200", "small"],
    );
}

#[test]
fn regression_typed_wrappers_are_read_as_their_members_value() {
    // DynamoDB: a random value under a secret-looking name, an address
    // under a person field.
    gone(
        json!({"Item": {"pk": {"S": "CUST#1"}, "keytab": {"S": RANDOM},
            "ship_to": {"S": "Ada Lovelace, Flat 3, 12 Albion Road, Leeds LS6 1AB"}, "version": {"N": "3"}}}),
        &[RANDOM, "Albion Road"],
        &["CUST#1", "\"3\""],
    );
    // Firestore, Avro, OTLP.
    gone(
        json!({"fields": {"deployKey": {"stringValue": RANDOM}, "plan": {"stringValue": "pro"}}}),
        &[RANDOM],
        &["pro"],
    );
    gone(
        json!({"value": {"id": 4, "signing_key": {"string": RANDOM}, "deleted": {"boolean": false}}}),
        &[RANDOM],
        &["false"],
    );
    gone(
        json!({"attributes": [{"key": "app.deploy.key", "value": {"stringValue": RANDOM}},
            {"key": "http.route", "value": {"stringValue": "/v1/users/{id}"}}]}),
        &[RANDOM],
        &["/v1/users/{id}"],
    );
    // A type tag is no name: `{"S": ...}` alone says nothing.
    gone(json!({"pk": {"S": "ORDER#2291"}}), &[], &["ORDER#2291"]);
}

#[test]
fn regression_sql_copy_rows_are_read_by_their_column_list() {
    gone(
        json!({"dump": format!("COPY public.contacts (id, email_verified, db_password, note) FROM stdin;\n1\tt\t{SECRET}\tcall back\n2\tf\t\\N\tok\n\\.\nSELECT 1;\n")}),
        &[SECRET],
        &["call back", "\\\\N"],
    );
}

#[test]
fn regression_mysqldump_inserts_are_read_by_their_create_table() {
    let dump = format!(
        "CREATE TABLE `users` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `login` varchar(64) DEFAULT NULL,\n  `password_hash` varchar(255) NOT NULL,\n  PRIMARY KEY (`id`),\n  KEY `login_idx` (`login`)\n) ENGINE=InnoDB;\nINSERT INTO `users` VALUES (1,'ada','{SECRET}'),(2,'bob','$2y$10$abcdefghijklmnopqrstuv');\n"
    );
    gone(
        json!({ "dump": dump }),
        &[SECRET, "abcdefghijklmnopqrstuv"],
        &["'ada'", "'bob'"],
    );
}

#[test]
fn regression_windows_event_data_is_named_by_its_name_attribute() {
    gone(
        json!({"xml": format!("<Event><EventData><Data Name=\"Operation\">SetConfig</Data><Data Name=\"RecoveryCodes\">a1b2c-d3e4f, g5h6i-j7k8l</Data><Data Name=\"ServicePassword\">{}</Data></EventData></Event>", SECRET.replace('&', "&amp;"))}),
        &["a1b2c-d3e4f", "g5h6i-j7k8l", "mPz2"],
        &["SetConfig"],
    );
}

#[test]
fn xml_elements_named_by_an_attribute_with_or_without_namespaces() {
    gone(
        json!({"xml": format!("<beans><bean id=\"ds\"><property name=\"password\"><value>{SECRET}</value></property><property name=\"url\" value=\"jdbc:h2:mem\"/></bean></beans>")}),
        &[SECRET],
        &["jdbc:h2:mem"],
    );
    gone(
        json!({"body": format!("<cfg:settings xmlns:cfg=\"urn:acme\"><cfg:entry cfg:name=\"signingSecret\" cfg:value=\"{RANDOM} x\"/><cfg:entry cfg:name=\"timeout\" cfg:value=\"30 s\"/></cfg:settings>")}),
        &[RANDOM],
        &["30 s"],
    );
    // A form field called password that holds no value, a parameter
    // whose name says nothing.
    gone(
        json!({"html": "<form><input name=\"password\" value=\"\"></form>"}),
        &[],
        &["<form><input name=\\\"password\\\" value=\\\"\\\"></form>"],
    );
    gone(
        json!({"html": "<object><param name=\"retries\">3</param></object>"}),
        &[],
        &["retries", ">3<"],
    );
}

#[test]
fn regression_cef_custom_fields_are_named_by_their_labels() {
    gone(
        json!({"syslog": format!("<134>1 2025-01-01T00:00:00Z gw CEF:0|Acme|Gw|4.2|300|change|5|src=10.1.2.3 suser=admin cs1Label=backupCodes cs1=a1b2c-d3e4f, g5h6i-j7k8l cs2Label=retries cs2=3 msg=setting updated")}),
        &["a1b2c-d3e4f", "g5h6i-j7k8l"],
        &["cs2=3", "msg=setting updated"],
    );
}

#[test]
fn regression_leef_attributes_are_split_by_their_header_delimiter() {
    gone(
        json!({"line": "LEEF:2.0|Acme|WAF|3.1|policy_update|^|devTime=1700000000^usrName=svc^appPassword=mdhz zuci zgzd cpta^action=update"}),
        &["mdhz", "zgzd cpta"],
        &["action=update", "usrName=svc"],
    );
}

#[test]
fn regression_ldif_values_run_to_the_end_of_their_line() {
    gone(
        json!({"stdin": "dn: uid=u1,ou=people,dc=acme,dc=org\nchangetype: modify\nreplace: backupCodes\nbackupCodes: a1b2c-d3e4f g5h6i-j7k8l\n-\nreplace: description\ndescription: on call, tier 2\n-\n"}),
        &["a1b2c-d3e4f", "g5h6i-j7k8l"],
        &["on call, tier 2"],
    );
}
