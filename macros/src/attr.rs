//! Argument parsing: the attribute's own arguments (`inbound`, `port = ".."`,
//! `no_box`, `remote = path::Trait`, `err(via = ..)`), the per-method
//! `#[reprise(..)]` options and the per-argument ones.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Ident, LitStr, Token, Type};

/// The arguments of `#[reprise::boundary(..)]`.
#[derive(Default)]
pub(crate) struct TraitOpts {
    /// `inbound`: the trait is the component's own API.
    pub(crate) inbound: bool,
    /// `port = ".."`: the port name; default: the trait's name in snake case.
    pub(crate) port: Option<LitStr>,
    /// `no_box`: do not implement the trait for `Box<T>`.
    pub(crate) no_box: bool,
    /// `remote = path::Trait`: the annotated trait is a local copy of this
    /// foreign trait's methods; the generated types implement the foreign one.
    pub(crate) remote: Option<syn::Path>,
    /// `err(via = ..)` / `err(with = "..")`: how every method that returns a
    /// `Result` records its error, unless the method says otherwise.
    pub(crate) err: Option<Conv>,
}

/// A conversion at the boundary.
#[derive(Clone)]
pub(crate) enum Conv {
    /// `via = Mirror`: `From` both ways to a serde mirror.
    Via(Type),
    /// `with = "module"`: the module's `serialize` / `deserialize`.
    With(syn::Path, Span),
}

/// The value after a key.
enum Value {
    None,
    Str(LitStr),
    Type(Type),
    List(Punctuated<Item, Token![,]>, Span),
}

/// One `key`, `key = "value"`, `key = Type` or `key(..)` argument.
struct Item {
    key: Ident,
    value: Value,
}

impl Item {
    fn value_span(&self) -> Span {
        match &self.value {
            Value::None => self.key.span(),
            Value::Str(s) => s.span(),
            Value::Type(t) => t.span(),
            Value::List(_, span) => *span,
        }
    }
}

impl Parse for Item {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            if input.peek(LitStr) {
                Value::Str(input.parse()?)
            } else {
                Value::Type(input.parse()?)
            }
        } else if input.peek(syn::token::Paren) {
            let content;
            let paren = syn::parenthesized!(content in input);
            Value::List(Punctuated::parse_terminated(&content)?, paren.span.join())
        } else {
            Value::None
        };
        Ok(Item { key, value })
    }
}

fn items(input: ParseStream<'_>) -> syn::Result<Punctuated<Item, Token![,]>> {
    Punctuated::parse_terminated(input)
}

/// `via = Type` or `with = "module"` inside `ok(..)`, `err(..)` or an
/// argument's `#[reprise(..)]`.
fn conv(item: &Item, place: &str) -> syn::Result<Option<Conv>> {
    match (item.key.to_string().as_str(), &item.value) {
        ("via", Value::Type(ty)) => Ok(Some(Conv::Via(ty.clone()))),
        ("via", Value::Str(s)) => Err(syn::Error::new(
            s.span(),
            format!(
                "`via` takes a type, not a string: write {place}(via = {})",
                s.value()
            ),
        )),
        ("via", _) => Err(syn::Error::new(
            item.key.span(),
            format!("`via` needs the mirror type: write {place}(via = Mirror)"),
        )),
        ("with", Value::Str(s)) => {
            let path = s.parse::<syn::Path>().map_err(|_| {
                syn::Error::new(
                    s.span(),
                    "`with` takes a module path, such as \"my_codec\" or \"crate::codec::entry\"",
                )
            })?;
            Ok(Some(Conv::With(path, s.span())))
        }
        ("with", Value::Type(ty)) => Err(syn::Error::new(
            ty.span(),
            format!(
                "`with` takes the module path as a string, as serde's does: write {place}(with = \"module\")"
            ),
        )),
        ("with", _) => Err(syn::Error::new(
            item.key.span(),
            format!("`with` needs a module: write {place}(with = \"module\")"),
        )),
        _ => Ok(None),
    }
}

/// The one conversion inside `ok(..)` or `err(..)`.
fn part(item: &Item) -> syn::Result<Conv> {
    let key = item.key.to_string();
    let Value::List(list, _) = &item.value else {
        return Err(syn::Error::new(
            item.key.span(),
            format!(
                "`{key}` takes a conversion: write `{key}(via = Mirror)` or `{key}(with = \"module\")`"
            ),
        ));
    };
    let mut found = None;
    for inner in list {
        match conv(inner, &key)? {
            Some(c) if found.is_none() => found = Some(c),
            Some(_) => {
                return Err(syn::Error::new(
                    inner.key.span(),
                    format!("`{key}` takes one conversion, `via` or `with`, not both"),
                ));
            }
            None => {
                return Err(syn::Error::new(
                    inner.key.span(),
                    format!(
                        "unknown conversion `{}`: write `{key}(via = Mirror)` or `{key}(with = \"module\")`",
                        inner.key
                    ),
                ));
            }
        }
    }
    found.ok_or_else(|| {
        syn::Error::new(
            item.key.span(),
            format!("`{key}` takes a conversion: write `{key}(via = Mirror)` or `{key}(with = \"module\")`"),
        )
    })
}

fn no_value(item: &Item, write: &str) -> syn::Result<()> {
    match item.value {
        Value::None => Ok(()),
        _ => Err(syn::Error::new(
            item.value_span(),
            format!("`{}` takes no value: write {write}", item.key),
        )),
    }
}

impl Parse for TraitOpts {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut opts = TraitOpts::default();
        for item in items(input)? {
            let key = item.key.to_string();
            match key.as_str() {
                "inbound" => {
                    no_value(&item, "`inbound` alone")?;
                    opts.inbound = true;
                }
                "outbound" => {
                    no_value(&item, "`outbound` alone")?;
                    opts.inbound = false;
                }
                "no_box" => {
                    no_value(&item, "`no_box` alone")?;
                    opts.no_box = true;
                }
                "port" => match item.value {
                    Value::Str(port) if port.value().is_empty() => {
                        return Err(syn::Error::new(
                            port.span(),
                            "the port name is empty: write `port = \"network\"`",
                        ));
                    }
                    Value::Str(port) => opts.port = Some(port),
                    _ => {
                        return Err(syn::Error::new(
                            item.key.span(),
                            "`port` needs a name: write `port = \"network\"`",
                        ));
                    }
                },
                "remote" => match item.value {
                    Value::Type(Type::Path(p)) if p.qself.is_none() => opts.remote = Some(p.path),
                    Value::Str(s) => {
                        return Err(syn::Error::new(
                            s.span(),
                            format!(
                                "`remote` takes the trait's path, not a string: write `remote = {}`",
                                s.value()
                            ),
                        ));
                    }
                    _ => {
                        return Err(syn::Error::new(
                            item.value_span(),
                            "`remote` needs the foreign trait's path: write `remote = std::io::Write`",
                        ));
                    }
                },
                "err" => opts.err = Some(part(&item)?),
                "ok" => {
                    return Err(syn::Error::new(
                        item.key.span(),
                        "`ok(..)` goes on a method, since each method returns its own type: write #[reprise(ok(via = Mirror))] above it",
                    ));
                }
                _ => {
                    return Err(syn::Error::new(
                        item.key.span(),
                        format!(
                            "unknown #[reprise::boundary] option `{key}`: expected `inbound`, `outbound`, `port = \"..\"`, `no_box`, `remote = path::Trait` or `err(via = ..)`"
                        ),
                    ));
                }
            }
        }
        Ok(opts)
    }
}

/// The options of one method, from its `#[reprise(..)]` attributes.
#[derive(Default)]
pub(crate) struct MethodOpts {
    /// `skip`: delegate without recording.
    pub(crate) skip: Option<Span>,
    /// `name = ".."`: the method name in the transcript.
    pub(crate) name: Option<LitStr>,
    /// `query`: a read with no effect, served by equal arguments in replay.
    pub(crate) query: Option<Span>,
    /// `ok(via = ..)` / `ok(with = "..")`: how the return (or its `Ok`
    /// value) is recorded.
    pub(crate) ok: Option<Conv>,
    /// `err(via = ..)` / `err(with = "..")`: how the `Err` value is recorded.
    pub(crate) err: Option<Conv>,
}

/// Whether `attr` is one of ours (`#[reprise(..)]`).
pub(crate) fn is_reprise(attr: &Attribute) -> bool {
    attr.path().is_ident("reprise")
}

/// Reads the `#[reprise(..)]` attributes of a method.
pub(crate) fn method_opts(attrs: &[Attribute]) -> syn::Result<MethodOpts> {
    let mut opts = MethodOpts::default();
    let mut conv_at = None;
    for attr in attrs.iter().filter(|a| is_reprise(a)) {
        for item in attr.parse_args_with(items)? {
            let key = item.key.to_string();
            match key.as_str() {
                "skip" => {
                    no_value(&item, "#[reprise(skip)]")?;
                    opts.skip = Some(item.key.span());
                }
                "query" => {
                    no_value(&item, "#[reprise(query)]")?;
                    opts.query = Some(item.key.span());
                }
                "name" => match item.value {
                    Value::Str(name) if name.value().is_empty() => {
                        return Err(syn::Error::new(
                            name.span(),
                            "the method name is empty: write #[reprise(name = \"send\")]",
                        ));
                    }
                    Value::Str(name) => opts.name = Some(name),
                    _ => {
                        return Err(syn::Error::new(
                            item.key.span(),
                            "`name` needs a value: write #[reprise(name = \"send\")]",
                        ));
                    }
                },
                "ok" => {
                    opts.ok = Some(part(&item)?);
                    conv_at.get_or_insert(item.key.span());
                }
                "err" => {
                    opts.err = Some(part(&item)?);
                    conv_at.get_or_insert(item.key.span());
                }
                "via" | "with" => {
                    return Err(syn::Error::new(
                        item.key.span(),
                        format!(
                            "on a method, say which part `{key}` converts: #[reprise(ok({key} = ..))] for the return (a `Result`'s `Ok` value), #[reprise(err({key} = ..))] for its error; on an argument, write #[reprise({key} = ..)] before the argument"
                        ),
                    ));
                }
                _ => {
                    return Err(syn::Error::new(
                        item.key.span(),
                        format!(
                            "unknown #[reprise] option `{key}`: expected `skip`, `query`, `name = \"..\"`, `ok(via = ..)` or `err(via = ..)`"
                        ),
                    ));
                }
            }
        }
    }
    if let (Some(_), Some(query)) = (opts.skip, opts.query) {
        return Err(syn::Error::new(
            query,
            "a #[reprise(skip)] method is not recorded, so it cannot be a query: remove `query` or `skip`",
        ));
    }
    if let (Some(_), Some(name)) = (opts.skip, &opts.name) {
        return Err(syn::Error::new(
            name.span(),
            "a #[reprise(skip)] method is not recorded, so it has no recorded name: remove `name` or `skip`",
        ));
    }
    if let (Some(_), Some(at)) = (opts.skip, conv_at) {
        return Err(syn::Error::new(
            at,
            "a #[reprise(skip)] method is not recorded, so it needs no conversion: remove it or `skip`",
        ));
    }
    Ok(opts)
}

/// The options of one argument, from its `#[reprise(..)]` attributes.
#[derive(Default)]
pub(crate) struct ArgOpts {
    /// `skip`: not recorded nor compared.
    pub(crate) skip: Option<Span>,
    /// `via = ..` / `with = ".."`.
    pub(crate) conv: Option<Conv>,
}

/// Reads the `#[reprise(..)]` attributes of an argument.
pub(crate) fn arg_opts(attrs: &[Attribute]) -> syn::Result<ArgOpts> {
    let mut opts = ArgOpts::default();
    for attr in attrs.iter().filter(|a| is_reprise(a)) {
        for item in attr.parse_args_with(items)? {
            let key = item.key.to_string();
            if key == "skip" {
                no_value(&item, "#[reprise(skip)]")?;
                opts.skip = Some(item.key.span());
            } else if let Some(c) = conv(&item, "#[reprise")? {
                if opts.conv.is_some() {
                    return Err(syn::Error::new(
                        item.key.span(),
                        "an argument takes one conversion, `via` or `with`, not both",
                    ));
                }
                opts.conv = Some(c);
            } else {
                return Err(syn::Error::new(
                    item.key.span(),
                    format!(
                        "unknown #[reprise] option `{key}` on an argument: expected `via = Mirror`, `with = \"module\"` or `skip`"
                    ),
                ));
            }
        }
    }
    if let (Some(skip), Some(_)) = (opts.skip, &opts.conv) {
        return Err(syn::Error::new(
            skip,
            "a #[reprise(skip)] argument is not recorded, so it needs no conversion: remove one",
        ));
    }
    Ok(opts)
}

/// `TcpNetwork` -> `tcp_network`, `HTTPClient` -> `http_client`.
pub(crate) fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if i > 0 && (prev_lower || (prev_upper && next_lower)) && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_cases_trait_names() {
        for (name, snake) in [
            ("Network", "network"),
            ("TcpNetwork", "tcp_network"),
            ("HTTPClient", "http_client"),
            ("Api", "api"),
            ("Storage2", "storage2"),
            ("KvStoreV2", "kv_store_v2"),
        ] {
            assert_eq!(snake_case(name), snake, "{name}");
        }
    }

    #[test]
    fn parses_trait_options() {
        let opts: TraitOpts = syn::parse_str(r#"inbound, port = "api", no_box"#).unwrap();
        assert!(opts.inbound && opts.no_box);
        assert_eq!(opts.port.unwrap().value(), "api");
        let opts: TraitOpts =
            syn::parse_str(r#"remote = std::io::Write, err(via = ErrorMirror)"#).unwrap();
        assert!(opts.remote.is_some() && matches!(opts.err, Some(Conv::Via(_))));
        let opts: TraitOpts = syn::parse_str(r#"remote = tower::Service<R>"#).unwrap();
        assert_eq!(opts.remote.unwrap().segments.len(), 2);
        let err = syn::parse_str::<TraitOpts>("inbnd").err().unwrap();
        assert!(
            err.to_string()
                .starts_with("unknown #[reprise::boundary] option `inbnd`")
        );
    }
}
