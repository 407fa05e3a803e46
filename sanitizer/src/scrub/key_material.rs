//! Private key material in the key formats of crypto libraries, which
//! names its members with letters or generic words no key rule can take
//! alone: a JSON Web Key's private members (RFC 7517/7518: `d` of an EC
//! or OKP key, `d`, `p`, `q`, `dp`, `dq`, `qi`, `oth` of an RSA key, `k`
//! of a symmetric key), known by its `kty`; and a Tink keyset's key data
//! (`{"typeUrl": "type.googleapis.com/google.crypto.tink.AesGcmKey",
//! "value": "...", "keyMaterialType": "SYMMETRIC"}`), whose `value` is
//! the serialized key unless the material is public or remote.
//!
//! A public JWK (`kty`, `x`, `y`, `n`, `e`) and a Tink public keyset are
//! kept whole.

use super::node::{Node, Object};

/// The members of `map` that hold private key material.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyMaterial {
    /// Not a key format.
    None,
    /// A JSON Web Key: its private members.
    Jwk,
    /// A Tink key's data: its `value`.
    TinkKeyData,
}

/// The private members of a JSON Web Key, by its RFC 7518 names.
const JWK_PRIVATE: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

impl KeyMaterial {
    /// What `map` is.
    pub(super) fn of(map: &Object<'_>) -> KeyMaterial {
        if map.len() > 16 {
            return KeyMaterial::None;
        }
        if let Some(Node::String(kty)) = map.get("kty")
            && matches!(kty.as_ref(), "RSA" | "EC" | "OKP" | "oct")
        {
            return KeyMaterial::Jwk;
        }
        if let Some(Node::String(url)) = map.get("typeUrl")
            && url.contains("tink")
            && map.contains_key("value")
            && !matches!(
                map.get("keyMaterialType"),
                Some(Node::String(t)) if matches!(t.as_ref(), "ASYMMETRIC_PUBLIC" | "REMOTE")
            )
        {
            return KeyMaterial::TinkKeyData;
        }
        KeyMaterial::None
    }

    /// Whether the member `key` of such a map holds private key material.
    pub(super) fn holds(self, key: &str) -> bool {
        match self {
            KeyMaterial::None => false,
            KeyMaterial::Jwk => JWK_PRIVATE.contains(&key),
            KeyMaterial::TinkKeyData => key == "value",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(json: &str) -> KeyMaterial {
        let node: Node<'_> = serde_json::from_str(json).expect("json");
        match node {
            Node::Object(map) => KeyMaterial::of(&map),
            _ => KeyMaterial::None,
        }
    }

    #[test]
    fn private_jwks_and_tink_key_data_hold_key_material() {
        let ec = of(r#"{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"}"#);
        assert_eq!(ec, KeyMaterial::Jwk);
        assert!(ec.holds("d") && !ec.holds("x") && !ec.holds("crv"));
        let tink = of(
            r#"{"typeUrl":"type.googleapis.com/google.crypto.tink.AesGcmKey","value":"GiA=","keyMaterialType":"SYMMETRIC"}"#,
        );
        assert_eq!(tink, KeyMaterial::TinkKeyData);
        assert!(tink.holds("value") && !tink.holds("typeUrl"));
        // A public Tink key, a JSON Schema's `kty`-less object, a `kty`
        // that is no key type: not key material.
        let public = of(
            r#"{"typeUrl":"type.googleapis.com/google.crypto.tink.EcdsaPublicKey","value":"EgY=","keyMaterialType":"ASYMMETRIC_PUBLIC"}"#,
        );
        assert_eq!(public, KeyMaterial::None);
        assert_eq!(of(r#"{"d":"2024-01-01","p":"x"}"#), KeyMaterial::None);
        assert_eq!(of(r#"{"kty":"unknown","d":"x"}"#), KeyMaterial::None);
    }
}
