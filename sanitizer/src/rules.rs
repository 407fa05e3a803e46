//! Rules: what to scrub, and the builder that compiles them into a
//! [`Sanitizer`].
//!
//! Rules compose: the built-in rules (sensitive key names, every value
//! detector, high-entropy strings under secret-looking keys) are active
//! unless [`SanitizerBuilder::defaults`] turns them off, custom rules are
//! added to them, and a custom rule with the name of a built-in one replaces
//! it (so `detector = "email", action = "redact"` changes what happens to
//! emails without losing the other detectors). The report lists every active
//! rule, so nobody has to guess which ones ran.

use std::fmt;

use reprise_transcript::Selector;

use crate::action::Action;
use crate::allowlist::Allowlist;
use crate::detect::{Detector, DetectorSet};
use crate::error::Error;
use crate::keys::{KeyPattern, KeyRules};
use crate::name_value::NameValues;
use crate::pseudonym::{Key, Pseudonymizer};
use crate::scrub::Sanitizer;

/// The default key rules whose value is an identifier: in text, a value
/// under their label is taken only when it is written with a digit or an
/// `@` (`ssn: unknown` is no number).
pub(crate) const IDENTIFIER_RULES: &[&str] = &[
    "key:national-id",
    "key:passport",
    "key:bank-account",
    "key:card-number",
    "key:medical-id",
    "key:device-id",
    "key:advertising-id",
    "key:driver-license",
    "key:upi-id",
    "key:contact",
];

/// The built-in key rules: a name, the words of its pattern (see
/// [`Target::Key`]) and what it does. Secrets are redacted; personal data
/// is pseudonymized, so equal values stay equal and the shape is kept.
/// Key names in several languages are listed, since a component's field
/// names are not always English.
pub const SENSITIVE_KEYS: &[(&str, &str, Action)] = &[
    (
        "password",
        "password|passwd|passphrase|pwd|pass|passcode|pw|pword|pswd|pswrd|passw|passwort|kennwort|contraseña|contrasena|\
         clave_acceso|mot_de_passe|motdepasse|senha|wachtwoord|hasło|haslo|parola|salasana|\
         lösenord|losenord|adgangskode|passord|jelszó|jelszo|heslo|пароль|şifre|sifre|\
         パスワード|密码|密碼|口令|비밀번호|كلمة_المرور|كلمة_السر|رمز_المرور|رمز_عبور|گذرواژه|סיסמה|סיסמא|\
         पासवर्ड|รหัสผ่าน|mật_khẩu|mat_khau|kata_sandi|parool|psk|wpa_psk|wpa_passphrase|\
         pre_shared_key|preshared_key|wpa_key|wep_key|wifi_key|wlan_key|network_key|security_key|security_answer|secret_answer|sicherheitsfrage|\
         sicherheitsantwort|réponse_secrète|reponse_secrete|respuesta_de_seguridad|pets_name|\
         geheimzahl|storepass|keypass|requirepass|masterauth",
        Action::Redact,
    ),
    (
        "secret",
        "secret|secreto|segreto|geheimnis|clave|chave|chiave|clé|klucz|schlüssel|client_secret|shared_key|signing_key|\
         encryption_key|master_key|secret_key|code_verifier|pkce_verifier|\
         ciphertext|mac=hex-256|keytab|bip38|paper_wallet|biometric|minutiae|fingerprint_template|\
         face_template|iris_template|authentication_string|pg_authid|scram|admin_key|server_key",
        Action::Redact,
    ),
    (
        "token",
        "token|jeton|bearer|csrf|xsrf|auth|pat",
        Action::Redact,
    ),
    (
        "api_key",
        "api_key|apikey|api_secret|app_key|app_secret|access_key|subscription_key|\
         license_key|account_key|sas|sig|signature|hmac|signer_key|keypair|key_pair|\
         validator_key|wallet_key|node_key|seed_hex",
        Action::Redact,
    ),
    (
        "authorization",
        "authorization|authorisation",
        Action::Redact,
    ),
    ("cookie", "cookie", Action::Redact),
    (
        "session",
        "session|sessionid|jsessionid|phpsessid|sessid|sid",
        Action::Redact,
    ),
    ("credential", "credential|creds|cred|pgpass", Action::Redact),
    (
        "private_key",
        "private_key|privatekey|priv_key|privkey|wif|xprv|mnemonic|seed_phrase|seedphrase|\
         recovery_phrase|recovery_code|backup_code|seed_words|wallet_seed|wallet_words|\
         recovery_words|ppk|putty_key|keystore|pfx|p12|client_key_data",
        Action::Redact,
    ),
    (
        "pin",
        "pin|otp|totp|cvv|cvc|cvv2|cvc2|security_code|one_time_code|mfa_code|card_verification|\
         verification_value|card_code|cvn|csc|verification_code|two_factor_code|door_code|\
         gate_code|alarm_code|unlock_code|recovery_code|backup_code|puk|puk_code|access_code|\
         keypad_code|garage_code|sms_code|safe_combination|lock_combination|\
         combination_code|pairing_code",
        Action::Redact,
    ),
    (
        "person-name",
        "first_name|last_name|full_name|given_name|family_name|surname|middle_name|\
         maiden_name|vorname|nachname|apellido|prenom|prénom|cardholder|name_on_card|\
         account_holder|patient_name|legal_name|birth_name|contact_name|customer_name|\
         nazwisko|imię|nombre_completo|nome_completo|nom_complet|vollständiger_name|vollstandiger_name|beneficiary|applicant|insured|\
         policyholder|guarantor|next_of_kin|holder_name|passenger|passenger_name|\
         traveler_name|traveller_name|guest_name|beneficiary_name|payee_name|payer_name|\
         recipient_name|insured_name|emergency_contact|forename|forenames|cognome|\
         real_name|first_names|given_names|other_names|name_on_account",
        Action::Pseudonymize,
    ),
    (
        "birth-date",
        "dob|date_of_birth|birth_date|birthdate|birthday|geburtsdatum|fecha_de_nacimiento|\
         fecha_nacimiento|date_de_naissance|data_nascimento|data_di_nascita|geboortedatum|\
         data_urodzenia|date_of_birth|data_de_nascimento|born|born_on|d_o_b|geboren|ur|\
         urodzony|urodzona|nacido|nacida|nascido|nascida|född|født|родился|родилась|\
         народився|народилася|syntynyt|született|doğumlu|narozen|narozena",
        Action::Pseudonymize,
    ),
    (
        "address",
        "street|street_address|home_address|billing_address|shipping_address|\
         mailing_address|postal_address|residential_address|address_line|addressline|\
         address1|address2|strasse|straße|calle|rue|dirección|direccion|endereço|\
         endereco|adresse|indirizzo|anschrift|wohnadresse|domicilio|adres|woonadres|\
         home_location|geolocation|geolocalización|geolocalizacion|latlng|lat_lng|lat_lon|\
         latlon|wohnort|home_coordinates|gps_location|strtnm|adrline",
        Action::Pseudonymize,
    ),
    (
        "national-id",
        "ssn|social_security|national_id|national_insurance|nino|tax_id|taxpayer|\
         steuer_id|steuerid|steuernummer|nif|nie|dni|cpf|cnpj|aadhaar|aadhar|pan_number|\
         social_insurance|bsn|burgerservicenummer|codice_fiscale|nir|insee|personnummer|\
         pesel|curp|cedula|id_number|identity_number|id_card|national_number|\
         citizen_service_number|citizen_number|service_number|sozialversicherungsnummer|\
         numero_de_seguridad_social|codice_fiscale|sofinummer|sofi|idnr|ni_number|ni_no|sin|\
         sin_number|nas=ca-sin|nas_number|numero_nas|numéro_d_assurance_sociale|numero_d_assurance_sociale|document_number|documento|doc_number|id_document|uidai|\
         uidai_number|aadhaar_number|uid_number|pessoa_fisica|pessoa_física|citizen_id|आधार|itin|\
         tfn|tax_file_number|hetu|henkilotunnus|henkilötunnus|personal_identity_code|\
         fodselsnummer|fødselsnummer|fnr|rijksregisternummer|numero_national|\
         numéro_national|registre_national|personal_number|personal_id|personal_code|\
         shenfenzheng|resident_id|身份证|身份证号|cpr_nummer|cpr_number|isikukood|asmens_kodas|\
         egn|oib|jmbg|amka|nric|my_number|mynumber|個人番号|jumin|resident_registration|\
         cuit|cuil|rut|rol_unico_tributario|rodne_cislo|rodné_číslo|birth_number|ppsn|pps_number|\
         teudat_zehut|zehut|cnp|cod_numeric_personal|tckn|kimlik|contribuinte|cpr|ahv|\
         ahv_nummer|ahv_number|avs_number|numero_avs|kojin_bango|personalausweis|dowod_osobisty|\
         emso|svnr|sv_nummer|sv_nr|versicherungsnummer|versicherungsnr|sozialversicherungsnr|\
         identifikationsnummer|ausweisnummer|ausweis_nr|ausweisnr|dokumentennummer|егн|\
         единен_граждански_номер|grazhdanski|identifikacijski|maticni_broj|matični_broj|јмбг|\
         емшо|emšo|αμκα|afm|αφμ|mitroou|kennitala|hkid|hong_kong_id|身份證|身份證號碼|身分證|\
         身分證字號|身份证号码|居民身份证|taiwan_id|thai_id|เลขประจำตัวประชาชน|บัตรประชาชน|\
         ird_number|снилс|snils|инн|inn|страховой_номер|emirates_id|رقم_الهوية|الهوية|\
         الرقم_القومي|cédula|número_de_cédula|nuss|seguridad_social|securite_sociale|\
         sécurité_sociale|previdenza_sociale|segurança_social|seguranca_social|carta_identita|\
         carta_d_identita|carta_di_identita|cartao_cidadao|cartão_de_cidadão|numero_utente|niss|\
         insz|utr|unique_taxpayer_reference|personas_kods|obcansky_prukaz|občanský_průkaz|\
         szemelyi_szam|személyi_szám|szemelyi|tajszam|taj_szam|tajszám|taj_szám|adoazonosito|\
         adóazonosító|samordningsnummer|mykad|kad_pengenalan|npwp|ktp|cnic|bvn|iqama|cccd|cmnd|\
         주민등록번호|マイナンバー|voter_id|epic_number|tax_number|tax_identification|\
         tax_reference|vat_number|vat_id|ust_idnr|ustidnr|umsatzsteuer_id|partita_iva|piva|\
         numero_tva|numéro_de_tva|tva_intracommunautaire|btw_nummer|nip|numer_nip|dowod|dowód|\
         dowodu|numer_dowodu|seria_i_numer|crn|sss_number|philhealth|\
         pk=lv-personal-code|p_k=lv-personal-code|p.k=lv-personal-code|naf=es-nuss|\
         ird=nz-ird|kt=is-kennitala|\
         employer_identification_number|employer_id_number|federal_tax_id|federal_tax_number|\
         ein=us-ein|fein=us-ein|ein_number|fein_number|\
         gstin|gst_number|gst_no|gst_registration|gst_id|gst=in-gstin|कर_पहचान|\
         national_code=ir-national-code|code_melli|codemelli|melli_code|kode_melli|meli_code|code_meli|melli=ir-national-code|\
         کد_ملی|کدملی|شماره_ملی|كد_ملي|کارت_ملی|\
         residence_card|zairyu|在留カード|在留カード番号|在留番号|\
         pis_pasep|pasep|numero_pis|nis_nit|pis_nit|pis=br-pis|nit=br-pis+co-nit+gt-nit|nis=br-pis|\
         philsys|philid|phil_id|psn=ph-psn|pcn=ph-psn|\
         شناختی_کارڈ|قومی_شناختی|nicop|snic|nic=pk-cnic+lk-nic|nic_number=pk-cnic+lk-nic|\
         induk_kependudukan|nomor_ktp|no_ktp|nik=id-nik|\
         căn_cước|can_cuoc|cancuoc|định_danh|dinh_danh|\
         bank_verification|nin=ng-nin|nin_number|nimc|\
         mykid|mypr|ic_number=my-kad|ic_no=my-kad|ic=my-kad|i/c=my-kad|kp=my-kad|k/p=my-kad|no_kp=my-kad|\
         cédula_de_identidad|carnet_de_identidad|ci=uy-cedula|c_i=uy-cedula|\
         رقم_الإقامة|رقم_الاقامة|الإقامة|السجل_المدني|هوية_وطنية|\
         الرقم_القومى|رقم_قومي|nid=eg-national-id|\
         kra_pin|kra=ke-kra-pin|\
         voter_card|epic=in-epic|epic_no=in-epic|मतदाता|पहचान_पत्र|\
         rfc=mx-rfc|registro_federal_de_contribuyentes|registro_federal_contribuyentes|federal_de_contribuyentes|\
         identificacion_tributaria|identificación_tributaria|numero_tributario|número_tributario|\
         ruc=pe-ruc+ec-ruc+py-ruc|registro_unico_de_contribuyentes|registro_único_de_contribuyentes|\
         registro_unico_contribuyente|registro_único_de_contribuyente|unico_de_contribuyentes|único_de_contribuyentes|\
         rif=ve-rif|registro_de_informacion_fiscal|registro_de_información_fiscal|informacion_fiscal|información_fiscal|\
         rnc=do-rnc|registro_nacional_de_contribuyentes|registro_nacional_del_contribuyente|nacional_del_contribuyente|nacional_de_contribuyentes|\
         cedula_de_identidad_y_electoral|cédula_de_identidad_y_electoral|\
         run=cl-rut|rol_unico_nacional|rol_único_nacional|rol_único_tributario|\
         dui=sv-dui|documento_unico_de_identidad|documento_único_de_identidad|\
         regon=pl-regon|numer_regon|\
         ak=lt-personal-code|asmens_kodo|asmens_kodą|\
         adószám|adoszam|adóazonosító_jel|adoazonosito_jel|\
         iin=kz-iin|иин|жсн|сәйкестендіру|сайкестендиру|\
         рнокпп|іпн|ипн|ідентифікаційний_код|ідентифікаційний_номер|облікової_картки|\
         national_identity_card|identity_card|national_identity_number|ජාතික_හැඳුනුම්පත්|හැඳුනුම්පත්|ජාතික_හැඳුනුම_පත|හැඳුනුම_පත|\
         a_number=us-a-number|a_no=us-a-number|alien_number|alien_registration|\
         uscis=us-a-number|uscis_number|\
         cc=pt-cc|cartao_de_cidadao|numero_do_documento_cc|\
         pinfl|пинфл|jshshir|жшшир|idnp|идентификационный_номер|social_card",
        Action::Pseudonymize,
    ),
    (
        "passport",
        "passport|reisepass|pasaporte|passeport|passaporto|passaporte|paszport|\
         travel_document|mrz|machine_readable_zone|паспорт|pasaport|護照|护照|여권|パスポート|\
         جواز_السفر|passnummer|pnr|record_locator|booking_reference|booking_ref|booking_code",
        Action::Pseudonymize,
    ),
    (
        "bank-account",
        "account_number|account_no|acct_number|acct_no|acct_num|acct|bank_account|\
         routing_number|routing=us-aba|aba|aba_number|sort_code|bsb|iban|kontonummer|bankleitzahl|blz|\
         dda|dda_account|checking_account|savings_account|cuenta|numero_de_cuenta|\
         conta|numero_conto|rekeningnummer|creditor_account|debtor_account|bank_details|banking_details|bank_info|\
         beneficiary_account|konto|clabe|cuenta_clabe|kontonr|konto_nr|rachunek|numer_rachunku|\
         nrb|bankgiro|plusgiro|cbu|transit_number|numero_de_conta|conta_corrente",
        Action::Pseudonymize,
    ),
    (
        "card-number",
        "card_number|cardnumber|cc_number|credit_card|pan|track1|track2|track_data",
        Action::Pseudonymize,
    ),
    (
        "medical-id",
        "mrn|medical_record|patient_id|health_id|nhs_number|health_insurance|\
         insurance_number|insurance_id|member_id|policy_number|medicare|medicaid|\
         ehr_id|ehr|chart_number|patient_number|krankenversichertennummer|subscriber_id|subscriber_number|member_number|policy_no|\
         dossier_medical|dossier_médical|numero_de_dossier|historia_clinica|cartao_sus|npi|\
         national_provider|dea_number|dea|nhi|nhi_number|ohip|carte_vitale|tessera_sanitaria|\
         health_card|chi_number|ehic|versichertennummer|numero_de_afiliacion|afiliacion|\
         health_number|health_insurance_number|carte_sante|carte_santé|hcn=ca-on-health|\
         national_health_index|mbi=us-mbi|beneficiary_identifier|\
         taj=hu-taj|társadalombiztosítási|tarsadalombiztositasi|\
         rvnr|rv_nummer|rentenversicherungsnummer|sozialversicherungsausweis|\
         kvnr|krankenversicherungsnummer|\
         phn=ca-bc-phn|personal_health_number|services_card|carecard|care_card|\
         seguro_social|tarjeta_sanitaria|sundhedskort|sygesikringskort|\
         ehic_number|european_health_insurance|cislo_pojistence|číslo_pojištěnce|zzzs|\
         ramq|assurance_maladie|ahcip|kela_kortti|kelakortti",
        Action::Pseudonymize,
    ),
    (
        "device-id",
        "vin|imei|imsi|iccid|meid|msisdn|serial_number|device_serial|license_plate|sim_serial|\
         vehicle_identification|vehicle_id|chassis|fahrgestell|bastidor|\
         licence_plate|plate_number|kennzeichen|immatriculation|matrícula|matricula|\
         targa|kenteken|rejestracja|registration_plate|number_plate",
        Action::Pseudonymize,
    ),
    // Identifiers of a person's device and payment handle that carry no
    // check digit: known by their labels only.
    (
        "advertising-id",
        "idfa|idfv|gaid|aaid|adid|ad_id|ifa|advertising_id|advertisingid|advertiser_id|\
         google_ad_id|android_ad_id|ad_tracking_id|udid|device_udid|device_identifier|\
         unique_device_identifier|android_id|ssaid|hardware_id|hwid",
        Action::Pseudonymize,
    ),
    (
        "upi-id",
        "upi|upi_id|upi_handle|vpa|virtual_payment_address",
        Action::Pseudonymize,
    ),
    (
        "driver-license",
        "driver_license|drivers_license|driver_licence|drivers_licence|driving_licence|driving_license|license_number|\
         licence_number|dl_number|fuehrerschein|führerschein|fuhrerschein|patente|\
         numero_patente|permiso_de_conducir|permis_de_conduire|rijbewijs|prawo_jazdy|dvla|dln|\
         licence_no|license_no",
        Action::Pseudonymize,
    ),
    (
        "contact",
        "phone|phone_number|mobile|mobile_number|cell_phone|telephone|tel|fax|msisdn|\
         caller_id|telefon|telefono|telefone|téléphone|handynummer|telefoon|cellulare|\
         cellular|móvil|movil|telemóvel|telemovel|mobilnummer|mobil|celular|numer_telefonu",
        Action::Pseudonymize,
    ),
];

/// Key name fragments under which a high-entropy string is taken to be a
/// secret by the default `high-entropy` rule.
pub const ENTROPY_KEYS: &[&str] = &[
    "key", "secret", "token", "auth", "cred", "sig", "private", "session", "access", "pass",
    "nonce", "salt", "hmac", "seed",
];

/// Key name fragments that say a high-entropy value is an identifier, not a
/// secret (`idempotency_key`, `cache_key`, `public_key`): the
/// `high-entropy` rule leaves them alone. Key rules still apply.
pub const ENTROPY_EXEMPT_KEYS: &[&str] = &[
    "idempotency",
    "cache",
    "partition",
    "routing",
    "sort",
    "primary",
    "foreign",
    "dedup",
    "message",
    "object",
    "request",
    "trace",
    "correlation",
    "public",
    "etag",
    "keyid",
    "bucket",
    "lookup",
    "hashkey",
    "rangekey",
    "cursor",
    "page",
    "next",
    "continuation",
    "pagination",
    "resume",
    // A Vault token's accessor: it names the token, it is no credential.
    "accessor",
];

/// What a rule selects.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Target {
    /// Values named by one of this pattern's words (`word|word|...`): an
    /// object member's value at any depth, the `value` of a name/value
    /// pair (`{"name": "DB_PASSWORD", "value": ...}`), the element after a
    /// name in an array (`["--password", "..."]`, `["Authorization", "..."]`),
    /// and a value written after the name in text (`password=...`,
    /// `--token ...`, `<password>...</password>`). A word of five letters
    /// or more matches inside a name (case and separators ignored); a
    /// shorter one must be a whole token of it. Names that describe the
    /// value (`token_count`, `password_policy`) do not match, and values
    /// that cannot hold a secret (bools, `null`, placeholders such as
    /// `${DB_PASSWORD}`, a public key written with its type such as
    /// `nodekey:<hex>`) are kept; a number stays a number.
    ///
    /// A word may name a check after `=` (`ird=nz-ird`): it then announces
    /// a value only when the value is that identifier with valid check
    /// digits, for labels too short to trust alone (`pk` is also a primary
    /// key, `kt` knots, `ci` continuous integration, `ic` an integrated
    /// circuit). The checks are `lv-personal-code` (Latvian personas
    /// kods), `es-nuss` (Spanish social security number), `nz-ird` (New
    /// Zealand IRD number), `is-kennitala`, `us-ein`, `us-mbi` (Medicare
    /// beneficiary identifier), `ca-on-health` (Ontario health number),
    /// `uy-cedula`, `br-pis` (PIS/PASEP/NIT), `in-gstin`, `in-epic`
    /// (Indian voter id), `pk-cnic`, `id-nik` (Indonesian NIK), `my-kad`,
    /// `ph-psn` (PhilSys), `jp-residence-card`, `nz-nhi`,
    /// `ir-national-code`, `sa-national-id`, `eg-national-id`, `ng-nin`,
    /// `ke-kra-pin`, `us-aba`, `mx-rfc`, `co-nit`, `pe-ruc`, `ec-ruc`,
    /// `ve-rif`, `do-cedula`, `do-rnc`, `cl-rut`, `sv-dui`, `pl-regon`,
    /// `lt-personal-code` (Lithuanian or Estonian), `hu-taj`, `hu-tax`,
    /// `de-rvnr`, `de-kvnr`, `pt-cc` (Cartão de Cidadão), `ua-rnokpp`,
    /// `kz-iin`, `ca-bc-phn`, `lk-nic`, `us-a-number`, `gt-nit` and
    /// `py-ruc`; an unknown one is
    /// an error when the rules are built. A label that several countries
    /// use names several checks joined by `+` (`nit=br-pis+co-nit`): a
    /// value passing any of them is announced.
    Key(String),
    /// Values at paths this selector matches (`$.args.user.email`,
    /// `$..ssn`, `$.ok.items[*].card`): the whole value. Paths start at the
    /// event's payload field (`args`, `ok`, `err`, `state`, `fields`) or the
    /// header's `meta`.
    Path(Selector),
    /// Spans that a built-in detector finds inside strings.
    Detector(Detector),
    /// Spans that this regex finds inside strings (a named group `s`
    /// narrows the span).
    Regex(String),
    /// High-entropy strings under keys containing one of [`ENTROPY_KEYS`].
    HighEntropy,
}

impl Target {
    /// The kind of target, as the report names it.
    ///
    /// ```
    /// assert_eq!(reprise::sanitizer::Target::HighEntropy.kind(), "entropy");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Target::Key(_) => "key",
            Target::Path(_) => "path",
            Target::Detector(_) => "detector",
            Target::Regex(_) => "regex",
            Target::HighEntropy => "entropy",
        }
    }
}

/// One rule: a name, what it selects, what it does.
///
/// ```
/// use reprise::sanitizer::{Action, Rule, Target};
/// let rule = Rule::new("pin", Target::Key("pin".into()), Action::Redact);
/// assert_eq!(rule.to_string(), "pin (key, redact)");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// The rule's name, unique in a rule set; reports and findings use it.
    pub name: String,
    /// What it selects.
    pub target: Target,
    /// What it does to what it selects.
    pub action: Action,
}

impl Rule {
    /// A rule.
    pub fn new(name: impl Into<String>, target: Target, action: Action) -> Rule {
        Rule {
            name: name.into(),
            target,
            action,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, {})", self.name, self.target.kind(), self.action)
    }
}

/// The built-in rules, in the order they are listed in reports.
///
/// ```
/// let rules = reprise::sanitizer::default_rules();
/// assert!(rules.iter().any(|r| r.name == "key:password"));
/// assert!(rules.iter().any(|r| r.name == "card"));
/// assert!(rules.iter().any(|r| r.name == "high-entropy"));
/// ```
pub fn default_rules() -> Vec<Rule> {
    let mut rules: Vec<Rule> = SENSITIVE_KEYS
        .iter()
        .map(|(name, pattern, action)| {
            let words: String = pattern.split_whitespace().collect();
            Rule::new(format!("key:{name}"), Target::Key(words), *action)
        })
        .collect();
    rules.extend(
        Detector::ALL
            .iter()
            .map(|d| Rule::new(d.name(), Target::Detector(*d), d.default_action())),
    );
    rules.push(Rule::new(
        "high-entropy",
        Target::HighEntropy,
        Action::Redact,
    ));
    rules
}

/// Builds a [`Sanitizer`] from rules.
///
/// ```
/// use reprise::sanitizer::{Action, Sanitizer};
/// let sanitizer = Sanitizer::builder()
///     .key("pin", "pin", Action::Redact)
///     .path("customer", "$.args.customer.name", Action::Pseudonymize)?
///     .regex("ticket", r"TCK-[0-9]{6}", Action::Hash)
///     .build()?;
/// assert!(sanitizer.rules().iter().any(|r| r.name == "ticket"));
/// assert!(sanitizer.rules().iter().any(|r| r.name == "email"));
/// # Ok::<(), reprise::sanitizer::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct SanitizerBuilder {
    no_defaults: bool,
    rules: Vec<Rule>,
    allowlist: Option<Allowlist>,
    key: Option<Key>,
}

impl SanitizerBuilder {
    /// Whether the built-in rules are active (they are by default).
    pub fn defaults(mut self, on: bool) -> Self {
        self.no_defaults = !on;
        self
    }

    /// Adds a rule; one with the name of an earlier rule replaces it.
    pub fn rule(mut self, rule: Rule) -> Self {
        self.rules.retain(|r| r.name != rule.name);
        self.rules.push(rule);
        self
    }

    /// Adds a key-name rule.
    pub fn key(self, name: &str, pattern: &str, action: Action) -> Self {
        self.rule(Rule::new(name, Target::Key(pattern.to_owned()), action))
    }

    /// Adds a path rule; fails when the selector does not parse.
    pub fn path(self, name: &str, selector: &str, action: Action) -> Result<Self, Error> {
        let selector = selector.parse().map_err(|source| Error::Selector {
            rule: name.to_owned(),
            source,
        })?;
        Ok(self.rule(Rule::new(name, Target::Path(selector), action)))
    }

    /// Adds a custom regex rule (compiled, and checked, by [`build`](Self::build)).
    pub fn regex(self, name: &str, pattern: &str, action: Action) -> Self {
        self.rule(Rule::new(name, Target::Regex(pattern.to_owned()), action))
    }

    /// Sets the action of a built-in detector (replacing its default rule).
    pub fn detector(self, detector: Detector, action: Action) -> Self {
        self.rule(Rule::new(
            detector.name(),
            Target::Detector(detector),
            action,
        ))
    }

    /// Turns on allowlist mode: only the allowlist's paths stay in clear.
    pub fn allowlist(mut self, allowlist: Allowlist) -> Self {
        self.allowlist = Some(allowlist);
        self
    }

    /// The pseudonym key; a random one per sanitizer when not given.
    pub fn pseudonym_key(mut self, key: Key) -> Self {
        self.key = Some(key);
        self
    }

    /// Compiles the rules. Fails on a bad regex or an unusable key.
    pub fn build(self) -> Result<Sanitizer, Error> {
        let mut rules = if self.no_defaults {
            Vec::new()
        } else {
            default_rules()
        };
        for rule in self.rules {
            match rules.iter_mut().find(|r| r.name == rule.name) {
                Some(slot) => *slot = rule,
                None => rules.push(rule),
            }
        }
        let mut builtins = Vec::new();
        let mut custom = Vec::new();
        let mut key_patterns = Vec::new();
        let mut path_rules = Vec::new();
        let mut entropy = None;
        let mut email_rule = None;
        for (i, rule) in rules.iter().enumerate() {
            match &rule.target {
                Target::Key(pattern) => {
                    let pattern = KeyPattern::new(pattern).map_err(|e| Error::Rule {
                        rule: rule.name.clone(),
                        message: e.to_string(),
                    })?;
                    key_patterns.push((pattern, i));
                }
                Target::Path(selector) => path_rules.push((selector.clone(), i)),
                Target::Detector(d) => {
                    if *d == crate::detect::Detector::Email {
                        email_rule = Some(i);
                    }
                    builtins.push((*d, i));
                }
                Target::Regex(pattern) => custom.push((pattern.as_str(), i, rule.name.as_str())),
                Target::HighEntropy => entropy = Some(i),
            }
        }
        let mut detectors = DetectorSet::new(&builtins, &custom)?;
        detectors.set_redacting(rules.iter().map(|r| r.action == Action::Redact).collect())?;
        let key_rules = KeyRules::new(key_patterns).map_err(|e| Error::Rule {
            rule: "key names".into(),
            message: e.to_string(),
        })?;
        let literals = |patterns: &mut dyn Iterator<Item = &str>| {
            let alternation: Vec<String> = patterns.map(regex::escape).collect();
            regex::Regex::new(&alternation.join("|")).map_err(|e| Error::Regex {
                rule: "key names".into(),
                source: Box::new(e),
            })
        };
        let name_values = NameValues::new(&key_rules)?;
        let entropy_keys = literals(&mut ENTROPY_KEYS.iter().copied())?;
        let entropy_exempt = literals(&mut ENTROPY_EXEMPT_KEYS.iter().copied())?;
        let key = match self.key {
            Some(key) => key,
            None => Key::random()?,
        };
        Ok(Sanitizer {
            keyed: crate::scrub::Keyed::new(Pseudonymizer::new(&key)),
            key_origin: if key.origin() == "random" {
                "random"
            } else {
                "user"
            },
            detectors,
            password_rule: key_rules
                .lookup("password", &mut String::new())
                .map(|m| m.rule),
            pin_rule: key_rules.lookup("pin", &mut String::new()).map(|m| m.rule),
            email_rule,
            key_material_rule: key_rules
                .lookup("private_key", &mut String::new())
                .map(|m| m.rule),
            seed_rule: key_rules
                .lookup("mnemonic", &mut String::new())
                .map(|m| m.rule),
            person_rules: key_rules
                .lookup("first_name", &mut String::new())
                .zip(key_rules.lookup("street_address", &mut String::new()))
                .map(|(name, address)| (name.rule, address.rule)),
            birth_rule: key_rules
                .lookup("date_of_birth", &mut String::new())
                .map(|m| m.rule),
            key_rules,
            name_values,
            entropy_keys,
            entropy_exempt,
            path_rules,
            entropy,
            allowlist: self.allowlist,
            rules,
            id: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        })
    }
}
