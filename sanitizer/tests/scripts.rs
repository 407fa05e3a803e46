//! Labels written in scripts other than Latin: a password given after
//! its label in Chinese, Japanese, Korean, Arabic, Hebrew, Hindi, Thai or
//! Vietnamese is taken, also where those scripts write no space or
//! separator between the label, a particle (`是`, `は`, `는`) and the
//! value; the same labels in ordinary sentences (`密码是正确的`, "the
//! password is correct") are kept. Scrub and verify agree on every case.

mod oracle;

use oracle::scrub_then_verify;
use serde_json::json;

#[test]
fn passwords_after_labels_in_other_scripts_are_taken() {
    for (text, secret) in [
        ("密码是Tr0ub4dor&3，别告诉别人", "Tr0ub4dor&3"),
        ("我的密码为 Xk9#mPq2", "Xk9#mPq2"),
        ("口令：Zz9!kLmn", "Zz9!kLmn"),
        ("パスワードはabc123XYZです", "abc123XYZ"),
        ("パスワードが「Pa55w0rd!」になりました", "Pa55w0rd!"),
        ("비밀번호는 Qwerty!2345 입니다", "Qwerty!2345"),
        ("كلمة المرور: Tr0ub4dor&3", "Tr0ub4dor&3"),
        ("كلمة السر Tr0ub4dor&3", "Tr0ub4dor&3"),
        ("סיסמה: Tr0ub4dor&3", "Tr0ub4dor&3"),
        ("पासवर्ड: Tr0ub4dor&3", "Tr0ub4dor&3"),
        ("รหัสผ่าน: Tr0ub4dor&3", "Tr0ub4dor&3"),
        ("mật khẩu: Tr0ub4dor&3", "Tr0ub4dor&3"),
    ] {
        for doc in [json!({ "msg": text }), json!([{ "content": text }])] {
            let (scrubbed, found) = scrub_then_verify(&doc);
            assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
            let out = scrubbed.to_string();
            assert!(!out.contains(secret), "{secret} left in {out}");
            // Only the value is taken: the label and the sentence stay.
            let label: String = text.chars().take(2).collect();
            assert!(out.contains(&label), "the label went too: {out}");
        }
    }
}

#[test]
fn the_same_labels_in_sentences_are_kept() {
    for text in [
        "密码是正确的",
        "密码已更改",
        "密码是password",
        "口令错误",
        "パスワードは変更されました",
        "비밀번호는 8자 이상이어야 합니다",
        "كلمة المرور غير صحيحة",
        "סיסמה שגויה, נסה שוב",
        "पासवर्ड गलत है",
        "รหัสผ่านไม่ถูกต้อง",
        "mật khẩu không đúng",
        "الكلمة المرورية",
    ] {
        let doc = json!({ "msg": text });
        let (scrubbed, found) = scrub_then_verify(&doc);
        assert!(found.is_empty(), "verify found {found:?} in {scrubbed}");
        assert_eq!(scrubbed, doc, "a sentence was changed");
    }
}
