//! Scrub reprise transcripts so that users can ship them, and so that they
//! still replay.
//!
//! A [`Sanitizer`] is a compiled rule set plus a pseudonym [`Key`]. Rules
//! select values by key name at any depth, by JSON path, or by value with
//! built-in detectors (emails, phone numbers, Luhn-valid cards, IBANs, SSNs,
//! IP and MAC addresses, JWTs, credentials in headers, URLs and connection
//! strings, private keys, cloud and SaaS tokens, postal addresses,
//! coordinates, UPI handles) and custom regexes, found
//! inside longer strings and inside base64. Each rule redacts, pseudonymizes,
//! hashes or drops what it selects. Custom rules add to the built-in ones
//! unless told otherwise, and the [`Report`] written into the transcript's
//! header lists the active rules and what was scrubbed where, never a value.
//!
//! # Key design decision: pseudonyms keep shape and equality
//!
//! Redacting everything makes a transcript safe and useless: the replayed
//! component parses the email it is given, looks up the account it saw
//! before, and fails on `"[redacted]"` for reasons that have nothing to do
//! with the bug. So personal data is *pseudonymized* by default: an
//! HMAC-SHA256 keyed by the user's key drives a replacement of the same
//! shape (an email stays an email, a card a Luhn-valid card of the same
//! length, an IP an IP), and equal values get equal pseudonyms, so the
//! relationships the bug may depend on survive. Secrets (tokens, keys,
//! passwords) carry no relationship worth keeping and are redacted.
//!
//! # Where it runs
//!
//! [`Sanitizer::scrub_value`] scrubs one payload in place and counts what it
//! did in a [`Report`]; it is the one code path every other entry point
//! goes through. [`Sanitizer::scrub_event`] and [`Sanitizer::scrub_header`]
//! call it on an event's or a header's payload, and
//! [`Sanitizer::scrub_transcript`] on every line of a file in bounded
//! memory (`reprise scrub`). The recorder (`RecorderBuilder::sanitizer`)
//! calls it on each payload as a `serde_json::Value`, on the recording
//! thread, before the line is encoded: nothing reaches a sink unscrubbed.
//! [`Verifier`] runs the same walk over a copy of each payload and reports
//! every place it would change something (`reprise verify`), so verify
//! fails wherever scrub would have changed something and passes on what
//! scrub wrote. Its copy keeps what a pseudonym or a keyed hash would
//! replace, so that it reads scrub's output exactly as scrub left it, and
//! it masks the keys holding values in the paths it prints instead (see
//! [`verify`](crate::Verifier)'s module docs).
//!
//! # What it costs
//!
//! Every string of every payload goes through the text pass, so the pass is
//! built to say "clean" cheaply: a byte prefilter before the detectors'
//! regexes, one literal search for the key names in text, base64 and hex
//! decoded on the stack, and bytes that are not text only searched for
//! text runs of six characters or more (a digest has none).
//! What a key says is worked out once per key and thread, and a short plain
//! text found clean once per thread (bounded memories that belong to one
//! sanitizer and never hold a value found sensitive; see
//! `scrub/key_facts.rs` and `scrub/clean_texts.rs`). Pseudonyms made are
//! remembered per thread too, in fixed slots (`pseudonym/memory.rs`):
//! that memory holds the values it was given, in this process only,
//! like the text being scrubbed, and is never written out. On one thread the
//! scrub of the `scrub` bench's transcript takes 2.5x to 2.7x the time of
//! parsing and writing it again with `serde_json` (`cargo bench --bench
//! scrub`, whose doc says where the time goes); `reprise scrub` runs it on
//! every core.
//!
//! # What the default rules cover
//!
//! - **By key name** ([`SENSITIVE_KEYS`]): secrets (passwords in a dozen
//!   languages, secrets, tokens, API keys, authorization, cookies,
//!   sessions, credentials, private keys and seed phrases, PINs and card
//!   codes) are redacted; personal data (people's names, dates of birth,
//!   street addresses, national identifiers, passports, bank accounts,
//!   card numbers, medical record numbers, vehicle and device identifiers,
//!   driver's licences, phone numbers) is pseudonymized. Identifiers are
//!   known by the names their issuers and holders use, in their own
//!   languages and scripts (`svnr`, `kennitala`, `ЕГН`, `ΑΜΚΑ`, `снилс`,
//!   `身份證號碼`, `cédula`, `partita iva`, `clabe`, `numer dowodu`,
//!   `کد ملی`, `在留カード番号`, `شناختی کارڈ`, `căn cước`, `nomor induk
//!   kependudukan`, `رقم الهوية`, `GSTIN`, `employer identification
//!   number`, `registro federal de contribuyentes`, `número de
//!   identificación tributaria`, `registro de información fiscal`,
//!   `társadalombiztosítási azonosító jel`, `adószám`, `ИИН`, `РНОКПП`,
//!   `ІПН`, `Rentenversicherungsnummer`, `KVNR`, `personal health number`,
//!   `alien registration number`, `ජාතික හැඳුනුම්පත් අංකය`, ...); a key word written as a whole word takes the
//!   two words after it (`numéro de TVA`), but not across the end of a
//!   sentence (`des Kontos. reference: ...`). Labels too short to trust
//!   alone (`p.k.`, `naf`, `ird`, `kt.`: also a primary key, a French
//!   activity code, the end of `third`, knots; `CI`, `IC`, `EIN`, `NIK`,
//!   `NIN`, `PSN`, `NIC`, `NID`, `MBI`, `GST`, `PIS`, `NIT`, `epic`,
//!   `KRA`: also continuous integration, an integrated circuit, a German
//!   word, a first name...) take a value only when it is the identifier
//!   they name, with valid check digits where it has them and its
//!   documented structure where not (Latvian personas kods, Spanish NUSS,
//!   New Zealand IRD, Icelandic kennitala, Uruguayan cédula, MyKad, US EIN
//!   and MBI, Indonesian NIK, Nigerian NIN, PhilSys number, Pakistani
//!   CNIC, Egyptian national id, Indian GSTIN and voter id, PIS/PASEP,
//!   Kenyan KRA PIN, Iranian national code, Ontario health number; and
//!   `RFC`, `NIT`, `RUC`, `RIF`, `RNC`, `RUN`, `DUI`, `REGON`, `AK`,
//!   `TAJ`, `CC`, `IIN`, `PHN`, `NIC`, `A-Number`, `USCIS`: the Mexican
//!   RFC, Colombian NIT, Peruvian and Ecuadorian RUC, Venezuelan RIF,
//!   Dominican RNC, Chilean RUT/RUN, Salvadoran DUI, Polish REGON,
//!   Lithuanian or Estonian personal code, Hungarian TAJ, Portuguese
//!   Cartão de Cidadão, Kazakh IIN, British Columbia PHN, Sri Lankan NIC
//!   and US A-number; a label that several countries use takes any of
//!   their identifiers: `NIT` Brazil's, Colombia's or Guatemala's, `NIC`
//!   Pakistan's or Sri Lanka's, `RUC` Peru's, Ecuador's or Paraguay's), in a
//!   field, in text, in an SQL column, in a plan's new value or in LDIF
//!   base64 (and the US ABA routing number under `routing`). A label in
//!   another script runs to its colon like an English one (`شناختی کارڈ
//!   نمبر: ...`, `मतदाता पहचान पत्र संख्या: ...`); in scripts written
//!   without spaces a particle may stand between label and value
//!   (`密码是...`, `パスワードは...`, `비밀번호는 ...`). In text, an
//!   identifier's label takes only a value written with a digit (or an
//!   `@`): `ssn: unknown` is no number. A short code after its label and a
//!   space is taken (`PIN 4921`, `cvv 123`).
//!   The name is found
//!   wherever it is written: an object key, the `name` of a name/value
//!   pair (`{"name": "DB_PASSWORD", "value": ...}`, Kubernetes `env`,
//!   Terraform and Consul attribute lists), a header pair or a flag in an
//!   array (`["Authorization", ...]`, `["--password", ...]`), and inside
//!   text: `password=...`, `token: ...`, `--token ...`, SQL
//!   `IDENTIFIED BY '...'`, `mysql -p...`, `<password>...</password>`,
//!   `"api_key": "..."` in a JSON-ish log line, `?api_key=...` in a URL,
//!   percent-encoded or not, a Markdown table row (`| Passport | X |`),
//!   the reply to a question naming the field (`...your account
//!   number?\nCustomer: it's ...`), a value set apart on the line below a
//!   label that ends its line with `:` (`here is the IBAN you asked
//!   for:`, a blank line, the value), a Dockerfile's `ENV NAME value with
//!   spaces`, a value a shell command writes to a file named for it
//!   (`echo "x" > /run/secrets/db_password`, `printf ... | tee
//!   ~/.token`), `curl -u user:password` and the other arguments by
//!   which tools take a secret (`docker login -p`, `mongo -p`, `zip -P`,
//!   `ldapsearch -w`, `smbclient -U user%x`, `net use \\srv\share x`,
//!   `htpasswd -b file user x`), a secret piped to a command that reads it
//!   (`echo x | docker login --password-stdin`), a user and a password
//!   after a login label (`login: admin / x`, `WiFi: Net / x`), and a code
//!   in a message (`482913 is your verification code`). A secret written after its
//!   name runs to its closing quote or the end of its field: a bracket
//!   or an `&` inside it does not end it (Django's keys hold
//!   `!@#$%^&*(-_=+)`), only a bracket that closes what is around it
//!   (`Settings(key=x)`) or an `&` that starts a query's next parameter.
//!   Keystore fields (`ciphertext`, and `mac` when it holds a 256-bit
//!   hex value, not a MAC address), keytabs, biometric templates, MySQL
//!   `authentication_string`s, `admin_key`s, `server_key`s and `pat`s
//!   are named secrets too. A Java
//!   `.properties` line with escaped separators (`app.password\=x`). A
//!   value is also named by its container: an XML element by its `Name=`
//!   attribute (SAML's `<Attribute Name="x"><AttributeValue>...`), a
//!   `multipart/form-data` part by its `Content-Disposition` name, a JSON
//!   Patch operation's `value` by its `path`'s last segment, and a
//!   protobuf map entry's value (in a gRPC frame) by its key.
//! - **By value** ([`detect::Detector`]): emails (also written out in
//!   words, `jane dot doe at x dot org`; not a mail server's message id,
//!   `<1731000123456.12345@host>`), phone numbers in
//!   international and national formats, Luhn-valid cards (also after an
//!   airline form of payment's `CCVI`; the test numbers card networks
//!   publish, `4111 1111 1111 1111`, too: nobody's account, but no reader
//!   can tell them from a leak) and card track data, IBANs (grouped
//!   or not), national identifiers with check digits (US SSN, UK NINO and
//!   NHS number, Canadian SIN, French NIR, Spanish DNI/NIE, Italian codice
//!   fiscale, German tax id, Belgian national number, Finnish HETU, Swedish
//!   personnummer, South African id, Indian Aadhaar and PAN, Brazilian
//!   CPF/CNPJ, Chinese resident id, Mexican CURP, Swiss AHV/AVS in its
//!   dotted form, Emirates ID, Russian SNILS, Hong Kong identity card
//!   number with its check character in parentheses, Indian GSTIN by its
//!   mod 36 check, Egyptian national id by its century, birth date,
//!   governorate and check digit, Pakistani CNIC and MyKad number in their
//!   printed groups, PIS/PASEP in its dotted form, Ontario health number
//!   with its version code), passport machine-readable zones (ICAO 9303 TD3, by their
//!   four check digits, with the name line before them), people named as
//!   the `CN=` of an LDAP distinguished name (not groups or service
//!   accounts), IMEIs, VINs (by their ISO 3779 check
//!   character), SIM ICCIDs, IP and MAC addresses, JWTs, credentials in headers
//!   (`Bearer`, `Basic`, Okta's `SSWS`; the whole header after a scheme
//!   with parameters or a blob: Digest, AWS4-HMAC-SHA256, NTLM, Negotiate,
//!   Hawk, OAuth 1, shared keys), URLs,
//!   connection strings, `.pgpass` lines and Oracle `user/password@//host`
//!   connect strings, PEM and extended private keys, PuTTY key files,
//!   private keys and keystores as bare base64 DER (PKCS#8, PKCS#1, SEC1,
//!   PKCS#12, told from certificates and public keys by their version
//!   field), keypairs written as an array of 64 byte values
//!   (`solana-keygen`'s `[183,22,...]`, in text or as a JSON array, told
//!   from counts, histograms and palettes by how the values spread),
//!   password hashes (bcrypt, MD5-crypt and `$apr1$`, SHA-crypt,
//!   yescrypt, Cisco types 8 and 9, argon2, scrypt, pbkdf2, Django's
//!   `pbkdf2_sha256$`, LDAP's `{SSHA}`, MySQL's `*` and 40 hex digits,
//!   PostgreSQL's SCRAM verifiers), private key material in key formats
//!   whose members have no telling names (a JSON Web Key's `d`, `p`, `q`,
//!   `dp`, `dq`, `qi`, `k`, known by its `kty`; a Tink key's `value`
//!   unless its material is public), values handed to calls (a call named
//!   by a key word passes its last string literal, `setPassword("x")`; a
//!   hash function's argument is the secret, `MD5('x')`, `PASSWORD('x')`;
//!   a call that reads a value by its name, `os.getenv("DB_PASSWORD")`,
//!   holds none), secrets known by their format and checked by it (BIP38
//!   encrypted keys by their base58 checksum, Kerberos keytabs and
//!   ISO/ANSI biometric templates in base64 by their headers, Maven's
//!   `{...}` encrypted passwords, Laravel's `base64:` keys, lists of
//!   two-factor recovery codes; not a Vault accessor or a Twilio account
//!   SID, which name a secret or an account), the vendor-prefixed
//!   tokens of the public rule sets (about eighty vendors, with crates.io,
//!   NuGet, Asana, Azure DevOps, FCM server keys, Salesforce sessions,
//!   Pinecone and Vault's older `s.` tokens; incoming-webhook URLs), and wallet seed phrases (bare, or among other words when the
//!   BIP-39 checksum holds), wherever they appear in a string. National
//!   numbers whose digits alone are common (10 to 13 digits) are taken only
//!   in the grouping people write them in (`85.07.30-033.28`,
//!   `811228-9874`, `943 476 5919`) or, for South Africa, when the date,
//!   citizenship digit and Luhn digit all hold; a bare one needs its label.
//! - **By shape**: a high-entropy string under a secret-looking key name
//!   ([`ENTROPY_KEYS`]), as a member, as the value of a name/value pair or
//!   after the name in text, unless the name says it is an identifier
//!   ([`ENTROPY_EXEMPT_KEYS`]: idempotency, cache and partition keys,
//!   cursors, pagination tokens, public keys) or the value is a UUID or a
//!   file path. People's names and street addresses under generic fields
//!   (`customer`, `guest`, `address`) when the value reads as one, the
//!   name, address and identifiers (FHIR's `identifier[].value`, whatever
//!   its `system`) of a record about a person (a name, or the parts of
//!   one such as `nom` and `cognome`, next to a date of birth, an address,
//!   a phone, an email, an IBAN, an account, card, licence or national
//!   number, or whose sibling sharing a word of its key holds one: ISO
//!   20022's `Dbtr: {Nm}` beside `DbtrAcct: {Id: {IBAN}}`, `payer: {name}`
//!   beside `payer_account`; a company's name, `ACME GmbH`, stays), a
//!   name written with underscores for spaces where a name would be taken
//!   (`name=Björn_Eriksson` beside `email=`; `build_42`, `SOME_CONSTANT`
//!   stay), a user's name under `user_name` or `X-User-Name` when it is
//!   two or more capitalised words (a login, `admin`, stays), the `name`
//!   column of a table or a query result whose other
//!   columns are such fields (`name,email,dob`), the people of a vCard
//!   (`FN`, `N`, `ADR`, `BDAY`, `TEL`) or an iCalendar attendee (`CN=`),
//!   a name written with an email address (a mailbox's display name,
//!   `Jane Doe <jane@x.org>`, or a name right before an address whose
//!   local part holds one of its words), a `Name:` label's value in a
//!   text that also labels a date of birth, an address, an email or an
//!   id (`Name: KOWALSKA ANNA` above `Date of Birth: ...`, or `{name:
//!   "Jane Roe", email: ...}` in a GraphQL query; a cue whose value is a
//!   flag, `email_enabled: true`, is none), a name right after a name's
//!   label written in words (`name on account Gareth Llewellyn`, `the
//!   account holder Gareth Llewellyn`),
//!   a name beside a birth date written in words (`Ada Lovelace, born 10
//!   December 1815`, `Jan Kowalski (ur. 3 marca 1975)`, month names of
//!   Western, Slavic, Nordic, Finnish, Hungarian and Turkish) or beside a
//!   prescription or a fact of a special category (`Rx for ...:`, `...
//!   converted to ...`, `... was convicted`; the fact stays),
//!   and a name introduced in prose (`I'm Tomasz Kowalski` when the words
//!   read as a name and nothing else, `my name
//!   is ...`, `je m'appelle ...`, `ich heiße ...`) and an address given in
//!   prose (`I live at ...`, `ship to ...`). A personal value after its
//!   label and a verb in prose (`her full name is Ada Lovelace`, `my
//!   anschrift is Lindenweg 44, 81363 München`, `the patient's address was
//!   12 Main St`, `mi fecha de nacimiento es 3 de mayo de 1990`) is taken
//!   when it reads as that field: a person's name is the run of
//!   capitalised words after the verb, an address or a date the clause up
//!   to the end of the sentence or a word that starts another (`and`,
//!   `please`), so the rest of the sentence stays. Labels of several words
//!   (`Access Key Secret: ...`, `Sort Code And Account: ...`, `the api key
//!   for staging is ...`, `my docker auth config is ...`) and prose in
//!   several languages (`mi contraseña es ...`, `set the client secret to
//!   ...`, `Mein Passwort lautet ...`) announce their values as key names
//!   do, key names in any alphabet and case (`ПАРОЛЬ=`, `CONTRASEÑA=`).
//! - **Personal data with no check digit** (by structure, since no
//!   checksum can confirm it): a postal address written out whole with its
//!   postcode, a US one (a number, a street name and its USPS suffix,
//!   `St`, `Ave`, `Blvd`, `Dr`, ..., a unit, a city, a state and a ZIP or
//!   ZIP+4) or a UK one (a flat, a number, a street, a town and a postcode
//!   in the Royal Mail's format), or a continental European one without a
//!   label (a street part in its country's shape, `Hauptstraße 5`, `12 rue
//!   de la Paix`, `Calle Mayor 15, 3º B`, `Via Roma 10`, `Keizersgracht
//!   123`, `ul. Marszałkowska 84/92`, `Storgatan 1`, then a postcode in a
//!   European format and a capitalised place: `10115 Berlin`, `1015 CJ
//!   Amsterdam`, `00-514 Warszawa`, `1000-001 Lisboa`), and the
//!   addressee's name heading it (or, for a European one, the name before
//!   `, born`, `, geb.`, `, né le` on its line), taken whole
//!   (`postal-address`: its street line alone would be a leak); a company's address in a footer is an address and is taken
//!   too, while a ZIP or postcode alone, a city and state, a street name
//!   alone (`Main St`, `parse_main_street`) and an address with no
//!   postcode (`1 Infinite Loop` in a code comment) stay unless a key or a
//!   label names them (`address: ...`, `ship to ...`). A person's name
//!   next to a salary or a diagnosis (`José Álvarez earns 84,000 EUR`,
//!   `Zoë Smith — base salary ...`, `salary of ...`, `Gehalt von ...`,
//!   `patient Zoë Smith diagnosed with ...`), in any script (`李秀英`,
//!   `محمد القحطاني`): the name is taken, the amount or the diagnosis
//!   stays, being nobody's without it; roles and policies (`Senior
//!   Engineer — base salary ...`, `Band L3 — salary range ...`) stay.
//!   Precise coordinates (`geolocation`, four decimals or more, about ten
//!   metres): GPX and KML points (`<trkpt lat="..." lon="...">`), a
//!   latitude and a longitude labelled within 160 bytes of each other
//!   (`"lat": ..., "lng": ...`, `home_lat=...&home_lng=...`), a GeoJSON
//!   `coordinates` array in text, a pair after a position label (`gps:`,
//!   `location:`, `geo:`), each number taken on its own so the document
//!   keeps its form; a bare pair with no label (a landmark under `poi`),
//!   three decimals or fewer (a city), bounding boxes, map tiles' `z/x/y`
//!   and metrics stay. Coordinates held as JSON numbers are taken when the
//!   structure says they are a place (`scrub/geo_numbers.rs`): a latitude
//!   and a longitude member of one object (`{"lat": ..., "lng": ...}`,
//!   `homeLat`, `_latitude`, `latitudeE7`), a pair under a place key
//!   (`pos`, `location`, `center`) or GeoJSON `coordinates`, each number
//!   pseudonymized as a number with as many decimals, within its range;
//!   a lone latitude, `lat_ms` and pairs under other keys stay. UPI
//!   payment addresses (`upi-id`: `name@okaxis`, `9876543210@ybl`) at a
//!   payment provider's handle (NPCI's list), any handle under a
//!   `upi`/`vpa` label; `deploy@build-01` and `@types/node`
//!   stay. Advertising ids and device UDIDs by their labels (`idfa`,
//!   `gaid`, `advertising_id`, `adid`, `ifa`, `udid`, `device
//!   identifier`): the value is a plain UUID or hex string, so a request id
//!   or a commit hash elsewhere stays. A SIP URI's phone number is taken
//!   (by the phone detector) and a subscriber's `sip:alice@...` as an
//!   e-mail address, but a service's (`sip:voicemail@...`,
//!   `sip:conference-7@...`, a room) stays.
//! - **By position**: the fields of HL7 v2 segments (`PID`, `NK1`, `GT1`,
//!   `IN1`: identifiers, names, dates of birth, addresses, phones, SSNs),
//!   DICOM tag dumps (the patient module, `(0010,0010) PN [Doe^Jane]`),
//!   NACHA entry records (account, id number and name by column, when the
//!   routing number checks; also in a file joined into one line), IATA boarding passes (name and booking
//!   reference) and ISO 20022 creditor and debtor `<Nm>`s, each given the
//!   key name that would hold it in JSON, so key rules apply to them.
//! - **By a name written apart from the value**: each value is read under
//!   its name as an object member's value is (key rule, secret-looking
//!   name with a random value, person field with a value of its shape):
//!   query results whose columns are listed once (BigQuery
//!   `schema.fields` and `rows[].f[].v`, Trino/Presto `columns` and
//!   `data`, ClickHouse `JSONCompact`, Athena, Snowflake, Databricks
//!   `manifest.schema.columns` and `result.data_array`, a chart's `cols`
//!   and `rows[].c[]`, an array of rows under a header row); typed
//!   wrappers, read through their type tag (DynamoDB `{"S": ...}`,
//!   Firestore and OTLP `{"stringValue": ...}`, Avro unions `{"string":
//!   ...}`, MongoDB extended JSON); pg_dump's `COPY t (cols) FROM stdin`
//!   rows up to `\.`, and mysqldump's extended `INSERT`s without a column
//!   list under the `CREATE TABLE` above them; XML elements named by an
//!   attribute (`<Data Name="..">`, `<property name=".." value=".."/>`,
//!   `<add key=".." value=".."/>`, `<entry key="..">`, with or without
//!   namespace prefixes); CEF custom fields named by their label
//!   (`cs1Label=password cs1=...`, any `XLabel` naming `X`) and CEF
//!   extension values that hold spaces; LEEF attributes split by the
//!   header's delimiter; LDIF attribute lines and environment
//!   assignments one to a line (`.env`, `export NAME=...`, a compose
//!   file's `- NAME=...`), whose value runs to the end of the line.
//! - **Wherever it is held**: a JSON document inside a string, text that a
//!   string encodes as a whole in base64 or hex (byte payloads recorded
//!   with `reprise::bytes`, PostgreSQL's `\x` bytea), base64 runs inside
//!   text, percent-encoded text and form bodies are decoded, scrubbed with
//!   the same rules, and encoded again, up to four levels deep; base64 or
//!   hex of *binary* (a protobuf message, a gRPC frame, a schema-registry
//!   record) has its text runs (a protobuf message's string fields, or
//!   what `strings` would find) scrubbed in place, each replaced by as
//!   many bytes (a redaction that does not fit is a mask of `*`), so the
//!   frame's lengths stay right; text written one escaped character at a
//!   time (HTML character references, quoted-printable, `\u` escapes,
//!   lines continued with a backslash, e-mail lines quoted with `> `,
//!   iCalendar and vCard content lines folded at 75 octets with their
//!   `\n`, `\,`, `\;` escapes, Slack mrkdwn and Markdown marks around a
//!   label or a value) is read decoded and what is found replaced in
//!   place, escaped the same way; text that only looks like ASCII
//!   (fullwidth forms, zero-width characters inside a token, a word that
//!   mixes Latin letters with Cyrillic or Greek look-alikes, `раssword`)
//!   is also read as the ASCII it looks like, and what is found replaced
//!   over its span in plain ASCII (key names are read so too); text
//!   written as an array of its bytes (journald's `MESSAGE: [27, 91,
//!   ...]`) is scrubbed as that text and written back as its bytes; PHP
//!   `serialize()` arrays and objects have each value scrubbed under its
//!   member's name and written back with its new length in bytes; Redis
//!   commands that carry a password (`AUTH`, `HELLO ... AUTH`, `CONFIG
//!   SET requirepass`, `MIGRATE ... AUTH2`), as RESP frames, typed at a
//!   prompt or logged by `MONITOR`, have it taken, a frame's bulk-string
//!   length rewritten; an OAuth authorization code is taken from the
//!   URLs of a flow (`callback?code=...&state=...`, `#code=`, a token
//!   request's body); a
//!   `hexdump -C` listing, hex bytes with a separator (`70:61:73`),
//!   base64 wrapped over lines (a MIME attachment), base64 of JSON inside
//!   text (`state=eyJ...`) and a socket.io packet's JSON (`42[...]`) are
//!   read whole and written back in their own form; a `.reg` file's hex
//!   value (`"Name"=hex(2):70,00,...`, UTF-16LE, its continued lines kept)
//!   and an LDIF attribute's base64 (`name:: ...`, folded) are read as
//!   the value of a member of that name, so key rules apply to them;
//!   base32 (RFC 4648, a whole string or a padded run), byte lists
//!   (Erlang binaries `<<104,117,...>>`, charlists `[104, 117, ...]`),
//!   CBOR diagnostic byte strings (`h'68756e...'`), the base64 payload
//!   of a `data:` URL and an HTTP/1.1 chunked body (a value cut by a
//!   chunk boundary) are read as the text they encode and written back
//!   in the same form (case, padding, separators, chunk sizes kept; a
//!   list, an Erlang `<<"...">>` string or a byte string named by the
//!   atom or key before it is read as that member's value), and bytes
//!   escaped as `\xd0` or octal `\320` (Python `bytes` reprs, `strace`)
//!   are read as the UTF-8 text they spell; a table in text (CSV, fixed-width, or
//!   split into an array of lines) has the cells of its sensitive columns
//!   taken, and an SQL `INSERT` the values of its sensitive columns.
//!
//! What it cannot cover: a postal address without a label outside the
//! US, the UK and the continental European shapes above (no postcode
//! format is checked for it), or a European one whose street has no street
//! word (`Am Mühlbach 12, 80123 München`) or no postcode, a
//! name in lowercase or with no fact, label or record around it, a
//! salary or a diagnosis stated with no name next to it (`she earns ...`
//! two sentences after the name), coordinates written with no label or as
//! JSON numbers under bare `lat`/`lon` members, an advertising id or UDID
//! with no label (a UUID is a UUID), a secret with no name, no format and no context
//! (a random password under a field called `note`), personal data written
//! as prose without a label (`I changed it to MRN7628 (the new medical
//! record number)`), a bare name under a field called `name` outside a
//! person record, and values the component derives from secrets (digests,
//! signatures). `sanitizer/tests/corpus.rs` measures it: 81 kinds in 37
//! positions, recall 99.7% and keep 99.9% on its default run. A second,
//! independent corpus (`sanitizer/tests/red_team.rs`: other field names,
//! formats and countries, whole documents) scores recall 99.95% and keep
//! 100% (99.9% and 100% with 100 samples per kind). A third (`sanitizer/tests/red_team_3.rs`:
//! 61 kinds, among them a dozen more countries' identifiers, keystores,
//! PuTTY keys, password hashes, MRZ lines and DNs, in 33 file and wire
//! formats held in strings) scores recall 100% and keep 98.36% (from
//! 65.6% before the fixes it led to; 99.93% and 99.18% with 150 samples
//! per kind). A fourth (`sanitizer/tests/red_team_4.rs`: 57 kinds in 40
//! encodings, files and protocols: quoted-printable, HTML entities,
//! hexdumps, `.reg` exports, LDIF, SMTP and IMAP sessions, ISO 8583,
//! DICOM, NACHA, boarding passes, pain.001, more countries' identifiers
//! and vendor tokens) went from recall 36.05% to 96.27% and keeps 93.68%.
//! What they still find leaking, and the default rules do not cover:
//!
//! - a label with no separator before a short value (`cvv 379`): without
//!   `:`, `=` or `is`, only a credential-looking value is taken, so that
//!   prose stays; a label written with dots (`d.o.b. 25/03/1975`); a
//!   base32 TOTP seed under a name that is not a secret's
//!   (`authenticator_key`);
//! - text in a frame that is not valid protobuf when its length byte is a
//!   printable character glued to the text (`xhttps://...`);
//! - in prose, a personal value that does not read as its field (a name
//!   in lowercase, `my full name is ada lovelace`; a street with no street
//!   word and no comma, `my anschrift is Am Mühlbach 12`; a birthday with
//!   no year), a name under a generic field that companies and products
//!   fill too (`the customer is ...`, `the client is ...`: only fields
//!   only people fill, `patient`, `guest`, `passenger`, take one), a label
//!   of several words whose first word after the key word is a noun not
//!   known to qualify it (`the token rotation value is ...`), and a value
//!   given before its label (`I changed it to Pieter Sánchez (the new full
//!   name)`) unless it looks like an identifier or a credential;
//! - `display name` in text (`display` is no key word, and a bare `name`
//!   is none outside a person record);
//! - e-mail addresses obfuscated with bare words (`jane dot doe at x dot
//!   org`), which prose would match too (`[at]`, `(at)` and `{at}` are
//!   taken), a Solana keypair written as a JSON array of 64 numbers, and
//!   documented test card numbers (scrubbed: no format tells them from a
//!   customer's);
//! - a number that passes another country's check digits is taken for
//!   that country's identifier (one in ten of any shape does: a Danish
//!   CPR-shaped reference that is a valid Swedish personnummer);
//! - national numbers written bare with no label where their digits alone
//!   are common (a 10-digit NHS or Swedish number, an 11-digit Belgian
//!   one, a US EIN, a Saudi id, an Iranian code, an Indonesian NIK, a
//!   Vietnamese CCCD, a Nigerian NIN, a PhilSys number, a Uruguayan
//!   cédula, a Japanese residence card or Indian voter id, which an order
//!   or model number matches), VINs outside North America whose check character is not right,
//!   airline `SSR DOCS` lines outside a passenger record.
//!
//! For those, add a path or key rule for the field only you know about, or
//! use allowlist mode.
//!
//! # What a scrubbed value looks like
//!
//! A scrubbed value keeps its JSON type, so the component can still read
//! it in replay: a redacted string becomes `"[redacted:RULE]"`, a number
//! becomes a keyed pseudonym with as many digits (whatever the action),
//! bools and `null` stay, and an object or array under a sensitive name
//! keeps its keys and length with each leaf taken in turn. Key rules leave
//! alone what cannot hold a secret: names that describe one
//! (`token_count`, `max_tokens`, `password_policy`, `token_type`), numbers
//! under a name that does not end with the sensitive word (`tokens: 3`,
//! `auth_failed: 2` are counts; `pin: 1234` is not), placeholders
//! (`${DB_PASSWORD}`, `{{ .Values.password }}`, `<your-token>`, `****`).

//! # Decisions not in DESIGN.md
//!
//! - **What is scrubbed.** Payloads: a call's `args`, a return's `ok` or
//!   `err`, a state's `state`, a probe's `fields`, the header's `meta`, and
//!   the object keys inside them. The event's own fields (`port`, `method`,
//!   `task`, `label`, a probe's `name`) are the transcript's structure and
//!   stay. Path selectors start at the payload's field: `$.args.user.email`.
//! - **Report paths are generalised** (`$.args.items[*].card`) and capped at
//!   [`Report::MAX_PATHS`] entries, so the header stays small however long
//!   the transcript.
//! - **One walk for scrub and verify.** Verify is a scrub whose changes
//!   are thrown away; what is left to find is what the scrub would take.
//!   Placeholders in a text are never taken again by any rule, so a
//!   detector that sees `[redacted:x]` as the `user:password` of a URL
//!   does not fire on scrub's own output.
//! - **How `verify` tells a pseudonym from a leak.** Pseudonyms of emails
//!   (on `.example`), SSNs (area 9xx), IPv6 addresses (`2001:db8::/32`) and
//!   MAC addresses (locally administered) fall outside what the detectors
//!   accept. Cards, phone numbers, IBANs, IPv4 addresses and the values
//!   of personal key rules cannot be marked without breaking their shape;
//!   for those the report lists the paths that were pseudonymized (or
//!   hashed), and a pseudonym there is not a finding
//!   ([`pseudonymized_paths`]). A real value at such a path would pass
//!   too: that is the price of shape-keeping pseudonyms.
//! - **Where the report goes.** `reprise scrub` writes the whole report in
//!   the header's `sanitizer` section (it spools the events, so the header
//!   is written last). A recorder writes its header first, so the header's
//!   section lists the active rules (and what `meta` held) and the `end`
//!   line's `sanitizer` field holds the complete report; `verify` accepts a
//!   pseudonym at a path listed in either. Scrubbing such a transcript again
//!   keeps its `end` report as the `previous` scrub.
//! - **One report per recording, merged.** A recorder scrubs each payload
//!   into a fresh [`Report`] outside any lock and [`Report::merge`]s it into
//!   the recording's report only when something was scrubbed.
//! - **Replay and redaction.** The placeholder format lives here
//!   ([`placeholder`], [`REDACTED_PREFIX`]); the replayer asks
//!   [`is_redacted`] (a whole placeholder matches any actual value) and
//!   [`matches_redacted`] (a string with redacted spans matches an actual
//!   string that agrees around them). Pseudonyms need no help: the component
//!   is fed the same pseudonyms and echoes them, so they compare exactly.
//! - **Base64 stays base64.** A string that is base64 of text (a byte
//!   payload) and is pseudonymized whole (allowlist mode, a pseudonymize
//!   rule) has its text pseudonymized and is encoded again, so the
//!   component can still decode it. Detectors already replace only the
//!   spans they find inside decoded base64.
//! - **Values derived from secrets cannot be kept.** A digest, MAC or
//!   signature the component computes over a scrubbed value differs from
//!   the recorded one. Replay must ignore such paths (`$..digest`); a
//!   component that *checks* one computed elsewhere against scrubbed data
//!   will not replay clean. The consensus test
//!   (`tests/scrubbed_replay.rs`) shows both.
//! - **A line that cannot be parsed is left out** of a scrubbed transcript
//!   (it cannot be scrubbed, so it is never copied) and reported; the output
//!   ends with an `end` line only when the input did.
//! - **Known false positives**, accepted because a miss costs more: a
//!   40-character mixed-case base64 token is taken for an AWS secret key;
//!   a long key word matches at the end of a longer word (`password` in
//!   `dbpassword`, so `secret` in `topsecret`); `PWD` (the working
//!   directory) is taken for a password; a credential-looking word after
//!   `password` in prose is taken for the password, and so are capitalised
//!   words after a person's name's label and a verb (`her full name is Not
//!   Available`) and a clause with a number and a comma after an address's
//!   label (`the billing address is Room 4, Block B`).
//!
//! ```
//! use reprise::sanitizer::{Key, Sanitizer};
//! use serde_json::json;
//! let sanitizer = Sanitizer::builder()
//!     .pseudonym_key(Key::from_bytes(b"a key only the user holds", "test")?)
//!     .build()?;
//! let mut report = sanitizer.report();
//! let mut args = json!({
//!     "to": "alice@corp.com",
//!     "cc": ["alice@corp.com"],
//!     "api_key": "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
//!     "log": "paid with 4539 1488 0343 6467 from 192.0.2.44",
//! });
//! sanitizer.scrub_value("args", &mut args, &mut report);
//! assert_eq!(args["to"], args["cc"][0], "equal values, equal pseudonyms");
//! assert!(args["to"].as_str().unwrap().ends_with(".example"));
//! assert_eq!(args["api_key"], "[redacted:key:api_key]");
//! assert!(!args["log"].as_str().unwrap().contains("4539 1488 0343 6467"));
//! assert_eq!(report.count("$.args.cc[*]", "email"), 1);
//! # Ok::<(), reprise::sanitizer::Error>(())
//! ```

#![cfg_attr(not(test), warn(clippy::unwrap_used))]

mod action;
mod allowlist;
mod calls;
mod config;
mod confusables;
pub mod detect;
mod error;
mod keys;
mod lookup_memo;
mod marker;
mod name_value;
mod named_parts;
mod person;
mod prose;
mod pseudonym;
mod report;
mod rules;
mod scrub;
mod spans;
mod verify;

pub use action::Action;
pub use allowlist::Allowlist;
pub use config::Config;
pub use error::Error;
pub use marker::{REDACTED_PREFIX, contains_redacted, is_redacted, matches_redacted, placeholder};
pub use pseudonym::{KEY_ENV, Key, MIN_KEY_LEN, Pseudonymizer, Shape};
pub use report::{REPORT_VERSION, Report, generalize, pseudonymized_paths};
pub use rules::{
    ENTROPY_EXEMPT_KEYS, ENTROPY_KEYS, Rule, SENSITIVE_KEYS, SanitizerBuilder, Target,
    default_rules,
};
pub use scrub::{ALLOWLIST_RULE, Sanitizer, Scrubbed};
pub use verify::{Finding, Place, Verifier};
