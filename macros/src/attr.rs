//! Argument parsing: the attribute's own arguments (`inbound`, `port = ".."`,
//! `no_box`) and the per-method `#[reprise(..)]` options.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitStr, Token};

/// The arguments of `#[reprise::boundary(..)]`.
#[derive(Default)]
pub(crate) struct TraitOpts {
    /// `inbound`: the trait is the component's own API.
    pub(crate) inbound: bool,
    /// `port = ".."`: the port name; default: the trait's name in snake case.
    pub(crate) port: Option<LitStr>,
    /// `no_box`: do not implement the trait for `Box<T>`.
    pub(crate) no_box: bool,
}

/// One `key` or `key = "value"` argument.
struct Item {
    key: Ident,
    value: Option<LitStr>,
}

impl Parse for Item {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let key: Ident = input.parse()?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        Ok(Item { key, value })
    }
}

fn items(input: ParseStream<'_>) -> syn::Result<Punctuated<Item, Token![,]>> {
    Punctuated::parse_terminated(input)
}

impl Parse for TraitOpts {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut opts = TraitOpts::default();
        for item in items(input)? {
            match (item.key.to_string().as_str(), item.value) {
                ("inbound", None) => opts.inbound = true,
                ("outbound", None) => opts.inbound = false,
                ("no_box", None) => opts.no_box = true,
                ("port", Some(port)) => {
                    if port.value().is_empty() {
                        return Err(syn::Error::new(
                            port.span(),
                            "the port name is empty: write `port = \"network\"`",
                        ));
                    }
                    opts.port = Some(port);
                }
                ("port", None) => {
                    return Err(syn::Error::new(
                        item.key.span(),
                        "`port` needs a name: write `port = \"network\"`",
                    ));
                }
                (key @ ("inbound" | "outbound" | "no_box"), Some(value)) => {
                    return Err(syn::Error::new(
                        value.span(),
                        format!("`{key}` takes no value: write `{key}` alone"),
                    ));
                }
                (key, _) => {
                    return Err(syn::Error::new(
                        item.key.span(),
                        format!(
                            "unknown #[reprise::boundary] option `{key}`: expected `inbound`, `outbound`, `port = \"..\"` or `no_box`"
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
}

/// Whether `attr` is one of ours (`#[reprise(..)]`).
pub(crate) fn is_reprise(attr: &Attribute) -> bool {
    attr.path().is_ident("reprise")
}

/// Reads the `#[reprise(..)]` attributes of a method.
pub(crate) fn method_opts(attrs: &[Attribute]) -> syn::Result<MethodOpts> {
    let mut opts = MethodOpts::default();
    for attr in attrs.iter().filter(|a| is_reprise(a)) {
        for item in attr.parse_args_with(items)? {
            match (item.key.to_string().as_str(), item.value) {
                ("skip", None) => opts.skip = Some(item.key.span()),
                ("query", None) => opts.query = Some(item.key.span()),
                ("query", Some(value)) => {
                    return Err(syn::Error::new(
                        value.span(),
                        "`query` takes no value: write #[reprise(query)]",
                    ));
                }
                ("skip", Some(value)) => {
                    return Err(syn::Error::new(
                        value.span(),
                        "`skip` takes no value: write #[reprise(skip)]",
                    ));
                }
                ("name", Some(name)) => {
                    if name.value().is_empty() {
                        return Err(syn::Error::new(
                            name.span(),
                            "the method name is empty: write #[reprise(name = \"send\")]",
                        ));
                    }
                    opts.name = Some(name);
                }
                ("name", None) => {
                    return Err(syn::Error::new(
                        item.key.span(),
                        "`name` needs a value: write #[reprise(name = \"send\")]",
                    ));
                }
                (key, _) => {
                    return Err(syn::Error::new(
                        item.key.span(),
                        format!(
                            "unknown #[reprise] option `{key}`: expected `skip`, `query` or `name = \"..\"`"
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
        let err = syn::parse_str::<TraitOpts>("inbnd").err().unwrap();
        assert!(
            err.to_string()
                .starts_with("unknown #[reprise::boundary] option `inbnd`")
        );
    }
}
