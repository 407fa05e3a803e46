//! Conversions and checks: how each argument and each part of a return
//! crosses the boundary (as it is, as bytes, through `via` or `with`,
//! converted with `Into`, borrowed with `AsRef`, left out, or filled by the
//! callee), and the compile-time checks spanned at each type.
//!
//! A check is a trait the generated code defines for that one place, with
//! `#[diagnostic::on_unimplemented]` saying which argument or part is not
//! `Serialize` (or `Deserialize`, or has no conversion) and what to write,
//! and a blanket impl marked `#[diagnostic::do_not_recommend]`, so that the
//! compiler reports that message at the user's type and nothing from
//! `reprise::__private`. The traits live in an anonymous `const _` block
//! beside the impls that use them ([`Sites`]).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{Ident, Type};

/// How an argument is recorded.
#[derive(Clone)]
pub(crate) enum ArgKind {
    /// As it is (`Serialize`).
    Plain,
    /// A byte buffer, as base64.
    Bytes,
    /// Through a mirror.
    Via(Type),
    /// Through a module's `serialize` / `deserialize`.
    With(syn::Path, Span),
    /// Not recorded, not compared; `Default::default()` when dispatched.
    Skip,
    /// A `&mut [u8]` the callee fills: its length as the argument, its
    /// contents with the return.
    Out,
}

/// How one part of a return (the value, a `Result`'s `Ok` or `Err`) is
/// recorded.
#[derive(Clone)]
pub(crate) enum Part {
    AsIs,
    Via(Type),
    With(syn::Path, Span),
}

impl Part {
    pub(crate) fn from(conv: Option<&crate::attr::Conv>) -> Part {
        match conv {
            None => Part::AsIs,
            Some(crate::attr::Conv::Via(ty)) => Part::Via(ty.clone()),
            Some(crate::attr::Conv::With(path, span)) => Part::With(path.clone(), *span),
        }
    }
}

/// How a method's return is handled.
#[derive(Clone)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per method, read while expanding; boxing buys nothing"
)]
pub(crate) enum RetPlan {
    /// No conversion and no out buffer: the marker chosen from the type
    /// (`reprise::__private::RecTag`) records it.
    Kind,
    /// A `Result` whose parts convert.
    Result { ok: Part, err: Part },
    /// A plain value that converts.
    Plain { ok: Part },
}

/// What a check requires of a type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// `Serialize`.
    Ser,
    /// `Serialize`, or an `std::io::Error`.
    SerErr,
    /// `Serialize`, or an `std::io::Result` of a `Serialize` type.
    SerRet,
    /// `DeserializeOwned`.
    De,
    /// `DeserializeOwned`, or an `std::io::Error`.
    DeErr,
    /// `DeserializeOwned`, or an `std::io::Result` of a `DeserializeOwned`.
    DeRet,
    /// Converts to its mirror (`MirrorWrite<M, _>`).
    ViaWrite,
    /// Converts back from its mirror (`MirrorRead<M, _>`).
    ViaRead,
}

/// The checks of one generated impl: the traits, to be emitted once in
/// the `const _` block around it.
#[derive(Default)]
pub(crate) struct Sites {
    defs: Vec<TokenStream>,
    names: Vec<String>,
}

/// One place a check is about: the message's words.
pub(crate) struct Place<'a> {
    /// `Storage::entries`.
    pub(crate) method: &'a str,
    /// `argument `ctx``, `the `Ok` type`, `the `Err` type`, `the return type`.
    pub(crate) what: What<'a>,
}

/// Which part of a call.
#[derive(Clone, Copy)]
pub(crate) enum What<'a> {
    Arg(&'a str),
    Ok,
    Err,
    Ret,
}

impl Sites {
    /// The traits to emit.
    pub(crate) fn defs(&self) -> &[TokenStream] {
        &self.defs
    }

    /// A check that `ty` meets `need` at `place`, spanned at `span`: a
    /// statement for the method's body. `mirror` is the `via` type.
    pub(crate) fn check(
        &mut self,
        need: Need,
        place: &Place<'_>,
        ty: &TokenStream,
        span: Span,
        mirror: Option<&Type>,
    ) -> TokenStream {
        let prefix = match need {
            Need::Ser | Need::SerErr | Need::SerRet => "Serialize",
            Need::De | Need::DeErr | Need::DeRet => "Deserialize",
            Need::ViaWrite => "Mirror",
            Need::ViaRead => "FromMirror",
        };
        let part = match place.what {
            What::Arg(name) => name.to_owned(),
            What::Ok => "Ok".to_owned(),
            What::Err => "Err".to_owned(),
            What::Ret => "return".to_owned(),
        };
        let method = place.method.rsplit("::").next().unwrap_or(place.method);
        let mut name = format!("{prefix}_{method}_{part}");
        if self.names.contains(&name) {
            name = format!("{name}_{}", self.names.len());
        }
        self.names.push(name.clone());
        let name = format_ident!("{}", name);
        let (message, label, mut notes) = words(need, place, mirror);
        notes.retain(|note| !note.is_empty());
        let ser = quote!(::reprise::__private::Serialize);
        let de = quote!(::reprise::__private::DeserializeOwned);
        let (params, impls, args) = match need {
            Need::Ser => (
                quote!(),
                vec![quote!(impl<T: ?Sized + #ser> #name for T {})],
                quote!(),
            ),
            Need::De => (
                quote!(),
                vec![quote!(impl<T: #de> #name for T {})],
                quote!(),
            ),
            Need::SerErr => (
                quote!(<K>),
                vec![
                    quote!(impl<T: ?Sized + #ser> #name<()> for T {}),
                    quote!(impl #name<((),)> for ::std::io::Error {}),
                ],
                quote!(<_>),
            ),
            Need::DeErr => (
                quote!(<K>),
                vec![
                    quote!(impl<T: #de> #name<()> for T {}),
                    quote!(impl #name<((),)> for ::std::io::Error {}),
                ],
                quote!(<_>),
            ),
            Need::SerRet => (
                quote!(<K>),
                vec![
                    quote!(impl<T: ?Sized + #ser> #name<()> for T {}),
                    quote!(impl<T: #ser> #name<((),)> for ::std::io::Result<T> {}),
                ],
                quote!(<_>),
            ),
            Need::DeRet => (
                quote!(<K>),
                vec![
                    quote!(impl<T: #de> #name<()> for T {}),
                    quote!(impl<T: #de> #name<((),)> for ::std::io::Result<T> {}),
                ],
                quote!(<_>),
            ),
            Need::ViaWrite => (
                quote!(<M, K>),
                vec![
                    quote!(impl<T: ?Sized + ::reprise::__private::MirrorWrite<M, K>, M, K> #name<M, K> for T {}),
                ],
                quote!(<#mirror, _>),
            ),
            Need::ViaRead => (
                quote!(<M, K>),
                vec![
                    quote!(impl<T: ::reprise::__private::MirrorRead<M, K>, M, K> #name<M, K> for T {}),
                ],
                quote!(<#mirror, _>),
            ),
        };
        self.defs.push(quote! {
            #[diagnostic::on_unimplemented(message = #message, label = #label #(, note = #notes)*)]
            #[allow(non_camel_case_types, dead_code)]
            trait #name #params {
                fn check() {}
            }
            #(
                #[diagnostic::do_not_recommend]
                #impls
            )*
        });
        quote_spanned!(span=> <#ty as #name #args>::check();)
    }
}

/// The message, label and notes of a check.
fn words(need: Need, place: &Place<'_>, mirror: Option<&Type>) -> (String, String, Vec<String>) {
    let m = place.method;
    let mirror = mirror.map_or_else(String::new, |t| quote!(#t).to_string().replace(' ', ""));
    let (subject, conv) = match place.what {
        What::Arg(a) => (
            format!("argument `{a}` of `{m}`"),
            format!("#[reprise(via = Mirror)] before `{a}`, or #[reprise(with = \"module\")]"),
        ),
        What::Ok => (
            format!("the `Ok` type of `{m}`"),
            "#[reprise(ok(via = Mirror))] on the method, or #[reprise(ok(with = \"module\"))]"
                .to_owned(),
        ),
        What::Err => (
            format!("the `Err` type of `{m}`"),
            "#[reprise(err(via = Mirror))] on the method, or once on the trait for every method that returns a `Result`: #[reprise::boundary(err(via = Mirror))]".to_owned(),
        ),
        What::Ret => (
            format!("the return type of `{m}`"),
            "#[reprise(ok(via = Mirror))] on the method, or #[reprise(ok(with = \"module\"))]"
                .to_owned(),
        ),
    };
    let how = "a `via` mirror is a type that is Serialize + Deserialize with `From` conversions both ways; a `with` module has serde's `serialize` and `deserialize` functions".to_owned();
    let skip = match place.what {
        What::Arg(a) => format!(
            "or, for an argument replay need not compare (a context, a handle), leave it out with #[reprise(skip)] before `{a}`"
        ),
        _ => "#[reprise(skip)] on the method delegates it without recording: only for a call that replay need not serve".to_owned(),
    };
    match need {
        Need::Ser | Need::SerErr | Need::SerRet => (
            format!("{subject}, `{{Self}}`, is not Serialize, so reprise cannot record it"),
            "not Serialize".to_owned(),
            vec![format!("record it through a conversion: {conv}"), how, skip],
        ),
        Need::De | Need::DeErr | Need::DeRet => {
            let who = match place.what {
                What::Arg(_) => "the dispatcher cannot read it from a recording",
                _ => "a replaying stand-in cannot serve it from a recording",
            };
            (
                format!("{subject}, `{{Self}}`, is not Deserialize, so {who}"),
                "not Deserialize".to_owned(),
                vec![format!("replay it through a conversion: {conv}"), how, skip],
            )
        }
        Need::ViaWrite => (
            format!("{subject}, `{{Self}}`, does not convert to its mirror `{mirror}`"),
            format!("no conversion to `{mirror}`"),
            vec![
                format!("`via = {mirror}` records `{mirror}::from(value.clone())`: implement `From<{{Self}}> for {mirror}`, `Clone` for `{{Self}}`, and `Serialize` for `{mirror}`"),
                "inside a `Vec`, a slice, an array, an `Option` or a `Box`, each element is converted".to_owned(),
                result_alias(place),
            ],
        ),
        Need::ViaRead => (
            format!("{subject}, `{{Self}}`, cannot be made from its mirror `{mirror}`"),
            format!("no conversion from `{mirror}`"),
            vec![
                format!("`via = {mirror}` replays a recorded `{mirror}` as `{{Self}}::from(mirror)`: implement `From<{mirror}> for {{Self}}` and `Deserialize` for `{mirror}`"),
                "inside a `Vec`, an `Option` or a `Box`, each element is converted".to_owned(),
                result_alias(place),
            ],
        ),
    }
}

/// For the whole return of a method: how to convert a `Result` whose name
/// does not end in `Result` part by part.
fn result_alias(place: &Place<'_>) -> String {
    match place.what {
        What::Ret => "a return type whose name ends in `Result` converts its `Ok` and `Err` values apart; for a `Result` under another name, give its error a conversion too, #[reprise(err(via = ..))], and `ok(..)` converts its `Ok` value".to_owned(),
        _ => String::new(),
    }
}

/// The names of the structs the generated code defines for a `with`
/// conversion.
pub(crate) fn with_names(what: &str) -> (Ident, Ident) {
    (
        format_ident!("__RepriseWith_{}", what),
        format_ident!("__RepriseWithDe_{}", what),
    )
}

/// A struct that serialises a `&ty` through `path::serialize`.
pub(crate) fn with_ser(
    name: &Ident,
    ty: &TokenStream,
    path: &syn::Path,
    span: Span,
) -> TokenStream {
    quote_spanned! {span=>
        #[allow(non_camel_case_types)]
        struct #name<'__reprise>(&'__reprise #ty);
        impl ::reprise::__private::Serialize for #name<'_> {
            fn serialize<__S: ::reprise::__private::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                #path::serialize(self.0, serializer)
            }
        }
    }
}

/// A struct that deserialises a `ty` through `path::deserialize`.
pub(crate) fn with_de(name: &Ident, ty: &TokenStream, path: &syn::Path, span: Span) -> TokenStream {
    quote_spanned! {span=>
        #[allow(non_camel_case_types)]
        struct #name(#ty);
        impl<'de> ::reprise::__private::Deserialize<'de> for #name {
            fn deserialize<__D: ::reprise::__private::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                #path::deserialize(deserializer).map(#name)
            }
        }
        impl ::reprise::__private::Unwrap<#ty> for #name {
            fn unwrap_value(self) -> #ty {
                self.0
            }
        }
    }
}

/// The value to record for a part, given `v: &T`.
pub(crate) fn write_part(part: &Part, v: &TokenStream, with: &Ident) -> TokenStream {
    match part {
        Part::AsIs => quote!((&&&::reprise::__private::WriteTag(#v)).write_part()),
        Part::Via(m) => quote!((&&::reprise::__private::ViaTag::<_, #m, _>::new(#v)).via()),
        Part::With(..) => quote!(#with(#v)),
    }
}

/// The marker that reads a part of type `ty` back.
pub(crate) fn read_part(part: &Part, ty: &TokenStream, with_de: &Ident) -> TokenStream {
    match part {
        Part::AsIs => quote!((&&&::reprise::__private::ReadTag::<#ty>::new()).read_part()),
        Part::Via(m) => {
            quote!((&&::reprise::__private::ViaReadTag::<#ty, #m, _>::new()).read_via())
        }
        Part::With(..) => quote!(::reprise::__private::WithRead::<#with_de>::new()),
    }
}
