//! Code generation: reads the trait into a [`Boundary`], checks what it can
//! support, and writes the recording wrapper, the replaying stand-in (or,
//! for an inbound trait, the dispatcher) and the `Box<T>` forwarding impl.
//!
//! Everything generated calls the runtime through `::reprise::__private`,
//! which keeps the output thin: a method body is the argument list, one
//! `Port::begin`, and one call into the support module.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{
    Attribute, FnArg, GenericArgument, GenericParam, Generics, Ident, ItemTrait, Pat,
    PathArguments, ReturnType, Signature, TraitItem, Type, TypeParamBound, parse_quote,
};

use crate::attr::{self, TraitOpts};
use crate::conv::{self, ArgKind, Need, Part, Place, RetPlan, Sites, What};

/// How a method hands back its value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `fn m(..) -> R`.
    Sync,
    /// `async fn m(..) -> R` (native, or before `#[async_trait]` expands it).
    AsyncFn,
    /// `fn m(..) -> impl Future<Output = R>`.
    ImplFuture,
    /// `fn m(..) -> Pin<Box<dyn Future<Output = R> + ..>>`, as
    /// `#[async_trait]` writes it when it runs first.
    BoxFuture { send: bool },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Recv {
    Ref,
    Mut,
    /// `self`, `self: Box<Self>` and the like.
    Other,
    None,
}

struct Arg {
    ident: Ident,
    ty: Type,
    /// The field name in `args`.
    json: String,
    /// How it is recorded.
    kind: ArgKind,
    /// `impl Into<X>` (or a type parameter bounded by `Into<X>` alone):
    /// converted to `X` first, recorded and passed on as `X`.
    into: Option<Type>,
    /// `impl AsRef<X>` (or a type parameter bounded by `AsRef<X>`):
    /// recorded as the `&X` it borrows, passed on as it is.
    as_ref: Option<Type>,
}

impl Arg {
    /// The type whose value is recorded: the target of `Into` / `AsRef`,
    /// else the argument's type without its reference.
    fn value_ty(&self) -> &Type {
        if let Some(t) = self.into.as_ref().or(self.as_ref.as_ref()) {
            return t;
        }
        match peel(&self.ty) {
            Type::Reference(r) => peel(&r.elem),
            other => other,
        }
    }

    /// An expression borrowing the recorded value, as `&value_ty`.
    fn value_ref(&self) -> TokenStream {
        let ident = &self.ident;
        if self.into.is_some() {
            return quote!(&#ident);
        }
        if let Some(target) = &self.as_ref {
            return quote!(::core::convert::AsRef::<#target>::as_ref(&#ident));
        }
        match peel(&self.ty) {
            Type::Reference(_) => quote!(&*#ident),
            _ => quote!(&#ident),
        }
    }
}

struct Method {
    cfg: Vec<Attribute>,
    /// The signature as the impls write it: argument patterns plain names.
    sig: Signature,
    /// The method's name in the transcript.
    name: String,
    skip: bool,
    /// `#[reprise(query)]`, with its span for errors.
    query: Option<proc_macro2::Span>,
    has_default: bool,
    recv: Recv,
    args: Vec<Arg>,
    shape: Shape,
    /// The value the call produces (a future's output).
    output: Type,
    /// `::<A, B>` for the method's own type and const parameters.
    turbofish: TokenStream,
    generic_types: bool,
    impl_trait_arg: bool,
    self_sized: bool,
    /// How the return is handled.
    ret: RetPlan,
    /// `err(..)` given on the method: its return must be a `Result`.
    err_given: bool,
    /// The names of the method's type parameters and the trait's.
    generic_names: Vec<Ident>,
    /// Type or const parameters other than `Into<X>` / `AsRef<X>` ones.
    plain_generics: bool,
}

impl Method {
    /// `Trait::method`, for messages.
    fn display(&self, t: &str) -> String {
        format!("{t}::{}", self.sig.ident.unraw())
    }

    /// The out buffers.
    fn outs(&self) -> impl Iterator<Item = &Arg> {
        self.args.iter().filter(|a| matches!(a.kind, ArgKind::Out))
    }

    /// The span of the return type, for checks.
    fn ret_span(&self) -> proc_macro2::Span {
        match &self.sig.output {
            ReturnType::Type(..) => self.output.span(),
            ReturnType::Default => self.sig.ident.span(),
        }
    }
}

/// The trait, read.
struct Boundary {
    item: ItemTrait,
    port: String,
    inbound: bool,
    no_box: bool,
    /// `#[async_trait]` (or `#[async_trait(?Send)]`) still on the trait: the
    /// generated impls get it too.
    async_trait: Option<Attribute>,
    methods: Vec<Method>,
    types: Vec<(
        Ident,
        syn::punctuated::Punctuated<TypeParamBound, syn::Token![+]>,
    )>,
    consts: Vec<(Ident, Type)>,
    /// `remote = path::Trait`, with the local trait's generic arguments
    /// when the path has none: the trait the generated types implement.
    remote: Option<syn::Path>,
}

/// Collects every problem rather than stopping at the first.
#[derive(Default)]
struct Errors(Option<syn::Error>);

impl Errors {
    fn combine(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    fn push(&mut self, at: impl ToTokens, message: impl std::fmt::Display) {
        let error = syn::Error::new_spanned(at, message);
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }
}

/// Expands `#[reprise::boundary(opts)]` on `item`.
pub(crate) fn expand(opts: TraitOpts, mut item: ItemTrait) -> TokenStream {
    let mut errors = Errors::default();
    let boundary = read(opts, &mut item, &mut errors);
    let generated = match errors.0 {
        // Emit the trait anyway, so uses of it do not pile up more errors.
        Some(errors) => errors.to_compile_error(),
        None => generate(&boundary),
    };
    if boundary.remote.is_some() {
        // The local copy only describes the foreign trait: the generated
        // types implement that one, and the copy is not emitted.
        return generated;
    }
    add_docs(&mut item, &boundary);
    quote! {
        #item
        #generated
    }
}

fn read(opts: TraitOpts, item: &mut ItemTrait, errors: &mut Errors) -> Boundary {
    let opts_err = opts.err.clone();
    let port = opts.port.as_ref().map_or_else(
        || attr::snake_case(&item.ident.unraw().to_string()),
        |p| p.value(),
    );
    let async_trait = item
        .attrs
        .iter()
        .find(|a| {
            a.path()
                .segments
                .last()
                .is_some_and(|s| s.ident == "async_trait")
        })
        .cloned();
    if let Some(unsafety) = &item.unsafety {
        errors.push(
            unsafety,
            "#[reprise::boundary] does not wrap unsafe traits: their contracts cannot be checked by a recording",
        );
    }
    let remote = opts.remote.clone().map(|mut path| {
        // `remote = tower::Service` on `trait Service<Req>`: the foreign
        // trait takes the local copy's parameters.
        if let Some(last) = path.segments.last_mut()
            && last.arguments.is_none()
            && !item.generics.params.is_empty()
        {
            let (_, ty_generics, _) = item.generics.split_for_impl();
            last.arguments = PathArguments::AngleBracketed(parse_quote!(#ty_generics));
        }
        path
    });
    let trait_generics: Vec<Ident> = generic_idents(&item.generics);
    let mut methods = Vec::new();
    let mut types = Vec::new();
    let mut consts = Vec::new();
    for trait_item in &mut item.items {
        match trait_item {
            TraitItem::Fn(f) => {
                let opts = match attr::method_opts(&f.attrs) {
                    Ok(opts) => opts,
                    Err(e) => {
                        errors.combine(e);
                        attr::MethodOpts::default()
                    }
                };
                f.attrs.retain(|a| !attr::is_reprise(a));
                let method = read_method(
                    &f.sig,
                    f.default.is_some(),
                    &f.attrs,
                    opts,
                    opts_err.as_ref(),
                    &trait_generics,
                    errors,
                );
                // The re-emitted trait keeps no `#[reprise]` on arguments.
                for input in &mut f.sig.inputs {
                    if let FnArg::Typed(pat) = input {
                        pat.attrs.retain(|a| !attr::is_reprise(a));
                    }
                }
                methods.push(method);
            }
            TraitItem::Type(t) => {
                if !t.generics.params.is_empty() {
                    errors.push(
                        &t.generics,
                        "generic associated types are not supported by #[reprise::boundary]: make the type a trait parameter instead",
                    );
                }
                types.push((t.ident.clone(), t.bounds.clone()));
            }
            TraitItem::Const(c) => consts.push((c.ident.clone(), c.ty.clone())),
            TraitItem::Macro(m) => errors.push(
                &*m,
                "#[reprise::boundary] cannot see inside a macro call in the trait: write the methods out",
            ),
            other => errors.push(
                &*other,
                "#[reprise::boundary] does not understand this trait item",
            ),
        }
    }
    let mut boundary = Boundary {
        item: item.clone(),
        port,
        inbound: opts.inbound,
        no_box: opts.no_box || remote.is_some(),
        async_trait,
        methods,
        types,
        consts,
        remote,
    };
    check(&mut boundary, errors);
    // The re-emitted trait must not keep our attributes either.
    boundary.item = item.clone();
    boundary
}

#[allow(clippy::too_many_arguments)]
fn read_method(
    sig: &Signature,
    has_default: bool,
    attrs: &[Attribute],
    opts: attr::MethodOpts,
    trait_err: Option<&attr::Conv>,
    trait_generics: &[Ident],
    errors: &mut Errors,
) -> Method {
    let name = opts
        .name
        .as_ref()
        .map_or_else(|| sig.ident.unraw().to_string(), |n| n.value());
    let skip = opts.skip.is_some();
    let method = sig.ident.unraw();
    // Type parameters bounded by `Into<X>` or `AsRef<X>` alone.
    let conversions: Vec<(Ident, Conversion)> = sig
        .generics
        .params
        .iter()
        .filter_map(|p| match p {
            GenericParam::Type(t) if t.bounds.len() == 1 => {
                conversion(&t.bounds[0]).map(|c| (t.ident.clone(), c))
            }
            _ => None,
        })
        .collect();
    let mut out_sig = sig.clone();
    let mut recv = Recv::None;
    let mut args = Vec::new();
    for (i, input) in out_sig.inputs.iter_mut().enumerate() {
        match input {
            FnArg::Receiver(r) => {
                recv = match (&r.colon_token, &r.reference, &r.mutability) {
                    (None, Some(_), None) => Recv::Ref,
                    (None, Some(_), Some(_)) => Recv::Mut,
                    _ => Recv::Other,
                };
            }
            FnArg::Typed(pat) => {
                let arg_opts = match attr::arg_opts(&pat.attrs) {
                    Ok(opts) => opts,
                    Err(e) => {
                        errors.combine(e);
                        attr::ArgOpts::default()
                    }
                };
                pat.attrs.retain(|a| !attr::is_reprise(a));
                let ident = match &*pat.pat {
                    Pat::Ident(p) if p.subpat.is_none() => p.ident.clone(),
                    other => {
                        if !skip {
                            errors.push(
                                other,
                                format!(
                                    "argument {i} of `{method}` is a pattern, not a name: name it, since the name is its field in the recorded `args`"
                                ),
                            );
                        }
                        format_ident!("__reprise_arg{i}")
                    }
                };
                let json = ident.unraw().to_string();
                *pat.pat = parse_quote!(#ident);
                let ty = (*pat.ty).clone();
                let found = match peel(&ty) {
                    Type::ImplTrait(i) if i.bounds.len() == 1 => conversion(&i.bounds[0]),
                    Type::Path(p) if p.qself.is_none() => p
                        .path
                        .get_ident()
                        .and_then(|id| conversions.iter().find(|(c, _)| c == id))
                        .map(|(_, c)| c.clone()),
                    _ => None,
                };
                let (into, as_ref) = match found {
                    Some(Conversion::Into(t)) => (Some(t), None),
                    Some(Conversion::AsRef(t)) => (None, Some(t)),
                    None => (None, None),
                };
                let value_is_bytes = |t: &Type| {
                    is_byte_buffer(t)
                        || matches!(peel(t), Type::Slice(s) if matches!(peel(&s.elem), Type::Path(p) if p.path.is_ident("u8")))
                };
                let kind = if arg_opts.skip.is_some() {
                    ArgKind::Skip
                } else if let Some(c) = &arg_opts.conv {
                    match c {
                        attr::Conv::Via(m) => ArgKind::Via(m.clone()),
                        attr::Conv::With(path, span) => ArgKind::With(path.clone(), *span),
                    }
                } else if is_out_buffer(&ty) {
                    ArgKind::Out
                } else if let Some(t) = into.as_ref().or(as_ref.as_ref()) {
                    if value_is_bytes(t) {
                        ArgKind::Bytes
                    } else {
                        ArgKind::Plain
                    }
                } else if is_byte_buffer(&ty) {
                    ArgKind::Bytes
                } else {
                    ArgKind::Plain
                };
                args.push(Arg {
                    ident,
                    ty,
                    json,
                    kind,
                    into,
                    as_ref,
                });
            }
        }
    }
    let (shape, output) = shape_of(sig);
    let impl_trait_arg = args.iter().any(|a| Found::in_type(&a.ty).impl_trait);
    let type_params: Vec<TokenStream> = sig
        .generics
        .params
        .iter()
        .filter_map(|p| match p {
            GenericParam::Type(t) => Some(match conversions.iter().find(|(c, _)| *c == t.ident) {
                // An `Into<X>` parameter is passed on converted, as `X`.
                Some((_, Conversion::Into(target))) => target.to_token_stream(),
                _ => t.ident.to_token_stream(),
            }),
            GenericParam::Const(c) => Some(c.ident.to_token_stream()),
            GenericParam::Lifetime(_) => None,
        })
        .collect();
    let turbofish = if type_params.is_empty() || impl_trait_arg {
        TokenStream::new()
    } else {
        quote!(::<#(#type_params),*>)
    };
    let self_sized = sig.generics.where_clause.as_ref().is_some_and(|w| {
        w.predicates.iter().any(|p| {
            let text = p.to_token_stream().to_string();
            text.starts_with("Self :") && text.contains("Sized")
        })
    });
    let looks_result = looks_like_result(&output);
    let ok = opts.ok.as_ref();
    let err = opts.err.as_ref().or(trait_err.filter(|_| looks_result));
    let has_out = args.iter().any(|a| matches!(a.kind, ArgKind::Out));
    let ret = if ok.is_none() && err.is_none() && !has_out {
        RetPlan::Kind
    } else if err.is_some() || looks_result {
        RetPlan::Result {
            ok: Part::from(ok),
            err: Part::from(err),
        }
    } else {
        RetPlan::Plain { ok: Part::from(ok) }
    };
    let mut generic_names = trait_generics.to_vec();
    generic_names.extend(generic_idents(&sig.generics));
    Method {
        cfg: attrs
            .iter()
            .filter(|a| a.path().is_ident("cfg"))
            .cloned()
            .collect(),
        sig: out_sig,
        name,
        skip,
        query: opts.query,
        has_default,
        recv,
        args,
        shape,
        output,
        generic_types: sig
            .generics
            .params
            .iter()
            .any(|p| !matches!(p, GenericParam::Lifetime(_))),
        turbofish,
        impl_trait_arg,
        self_sized,
        ret,
        err_given: opts.err.is_some(),
        generic_names,
        plain_generics: sig.generics.params.iter().any(|p| match p {
            GenericParam::Type(t) => !conversions.iter().any(|(c, _)| *c == t.ident),
            GenericParam::Const(_) => true,
            GenericParam::Lifetime(_) => false,
        }),
    }
}

/// A conversion an argument's type bound asks for.
#[derive(Clone)]
enum Conversion {
    /// `Into<X>`.
    Into(Type),
    /// `AsRef<X>`.
    AsRef(Type),
}

/// `Into<X>` or `AsRef<X>` (by the last segment of the bound's path).
fn conversion(bound: &TypeParamBound) -> Option<Conversion> {
    let TypeParamBound::Trait(t) = bound else {
        return None;
    };
    let seg = t.path.segments.last()?;
    let [target] = type_args(seg)[..] else {
        return None;
    };
    match seg.ident.to_string().as_str() {
        "Into" => Some(Conversion::Into(target.clone())),
        "AsRef" => Some(Conversion::AsRef(target.clone())),
        _ => None,
    }
}

/// The names of the type and const parameters of `generics`.
fn generic_idents(generics: &Generics) -> Vec<Ident> {
    generics
        .params
        .iter()
        .filter_map(|p| match p {
            GenericParam::Type(t) => Some(t.ident.clone()),
            GenericParam::Const(c) => Some(c.ident.clone()),
            GenericParam::Lifetime(_) => None,
        })
        .collect()
}

/// Whether `ty` is spelled as a `Result` (`Result<T, E>`, `io::Result<T>`,
/// `raft::Result<T>`, `RedisResult<T>`: a name that ends in `Result`, with
/// one or two type arguments): its `Ok` and `Err` types are then checked
/// and converted apart.
fn looks_like_result(ty: &Type) -> bool {
    last_segment(ty).is_some_and(|seg| {
        seg.ident.to_string().ends_with("Result") && matches!(type_args(seg).len(), 1 | 2)
    })
}

/// Whether `ty` is `&mut [u8]`: a buffer the callee fills.
fn is_out_buffer(ty: &Type) -> bool {
    matches!(peel(ty), Type::Reference(r) if r.mutability.is_some()
        && matches!(peel(&r.elem), Type::Slice(s)
            if matches!(peel(&s.elem), Type::Path(p) if p.qself.is_none() && p.path.is_ident("u8"))))
}

/// Checks every method the generated code has to handle.
fn check(b: &mut Boundary, errors: &mut Errors) {
    for (m, item) in b.methods.iter().zip(fn_items(&b.item)) {
        let method = m.sig.ident.unraw();
        if m.skip && (m.has_default || m.recv != Recv::None) {
            continue;
        }
        match m.recv {
            Recv::Ref | Recv::Mut => {}
            Recv::None => errors.push(
                &m.sig.ident,
                if m.skip {
                    format!(
                        "`{method}` has no `self` receiver and no default body, so a wrapper cannot delegate it: give it a default body, or move it to another trait"
                    )
                } else {
                    format!(
                        "`{method}` has no `self` receiver, so a wrapper cannot delegate it: give it a default body and mark it #[reprise(skip)], or move it to another trait"
                    )
                },
            ),
            Recv::Other => errors.push(
                receiver(item),
                format!(
                    "`{method}` takes `self` by value or in a box: reprise records calls through `&self` or `&mut self`; change the receiver, or mark the method #[reprise(skip)]"
                ),
            ),
        }
        if let Some(unsafety) = &m.sig.unsafety {
            errors.push(
                unsafety,
                format!("`{method}` is an unsafe fn: reprise does not wrap unsafe methods; mark it #[reprise(skip)]"),
            );
        }
        for arg in &m.args {
            if Found::in_type(&arg.ty).bare_self {
                errors.push(
                    &arg.ty,
                    format!(
                        "argument `{}` of `{method}` is of type `Self`, which the wrapper cannot pass on to the type it wraps: take a concrete type, or mark the method #[reprise(skip)]",
                        arg.json
                    ),
                );
            }
        }
        let found = Found::in_type(&m.output);
        let span = match &m.sig.output {
            ReturnType::Type(_, ty) => ty.to_token_stream(),
            ReturnType::Default => m.sig.ident.to_token_stream(),
        };
        if found.bare_self {
            errors.push(
                &span,
                format!("`{method}` returns `Self`, which a replaying stand-in cannot make: return a concrete type, or mark the method #[reprise(skip)]"),
            );
        } else if found.reference {
            errors.push(
                &span,
                format!("`{method}` returns a reference, which a replaying stand-in cannot serve from a transcript: return an owned value, or mark the method #[reprise(skip)]"),
            );
        } else if found.impl_trait {
            errors.push(
                &span,
                format!("`{method}` returns an `impl Trait` other than `impl Future<Output = ..>`, which reprise cannot record: return a concrete type, or mark the method #[reprise(skip)]"),
            );
        }
        if b.inbound && m.query.is_some() {
            errors.push(
                &item.sig,
                format!("`{method}` is on an inbound trait: only outbound calls (reads of a dependency) can be queries; remove #[reprise(query)]"),
            );
        }
        if !m.skip {
            check_with(m, &method.to_string(), errors);
        }
        if m.err_given && !looks_like_result(&m.output) {
            errors.push(
                &m.output,
                format!("`err(..)` on `{method}` converts the error of a `Result`, but its return type is not spelled as one: write it as `Result<T, E>` (any type named `..Result<..>` will do, such as `io::Result<T>`), or convert the whole return with `ok(..)`"),
            );
        }
        if b.inbound && !m.skip {
            if m.plain_generics {
                errors.push(
                    &m.sig.generics,
                    format!("`{method}` is generic, so the dispatcher of an inbound trait cannot choose its types from a recording: make it concrete, or mark it #[reprise(skip)]"),
                );
            }
            for arg in &m.args {
                if Found::in_type(&arg.ty).impl_trait
                    && arg.into.is_none()
                    && arg.as_ref.is_none()
                    && !matches!(arg.kind, ArgKind::Skip)
                {
                    errors.push(
                        &arg.ty,
                        format!("argument `{}` of `{method}` has an `impl Trait` type, which the dispatcher of an inbound trait cannot read from a recording: give it a concrete type, or mark the method #[reprise(skip)]", arg.json),
                    );
                }
            }
        }
    }
    let mut seen: Vec<(&str, &Method)> = Vec::new();
    for m in b.methods.iter().filter(|m| !m.skip) {
        if let Some((_, first)) = seen.iter().find(|(name, _)| *name == m.name) {
            errors.push(
                &m.sig.ident,
                format!(
                    "`{}` and `{}` are both recorded as method \"{}\" on port \"{}\": give one another name with #[reprise(name = \"..\")]",
                    first.sig.ident, m.sig.ident, m.name, b.port
                ),
            );
        } else {
            seen.push((&m.name, m));
        }
    }
}

/// A `with` conversion is served by a struct defined in the method's body,
/// which cannot name the method's or the trait's type parameters, nor
/// `Self`: its type must be concrete.
fn check_with(m: &Method, method: &str, errors: &mut Errors) {
    let generic = |ty: &Type| {
        let mut names = PathNames::default();
        names.visit_type(ty);
        names
            .0
            .into_iter()
            .find(|n| n == "Self" || m.generic_names.iter().any(|g| g == n))
    };
    for arg in &m.args {
        if let ArgKind::With(_, span) = &arg.kind
            && let Some(name) = generic(&arg.ty).or_else(|| {
                Found::in_type(&arg.ty)
                    .impl_trait
                    .then(|| "impl Trait".to_owned())
            })
        {
            errors.push(
                quote_spanned!(*span=> with),
                format!(
                    "argument `{}` of `{method}` names `{name}`, but a `with` conversion needs a concrete type: use `via = Mirror` for it",
                    arg.json
                ),
            );
        }
    }
    let parts = match &m.ret {
        RetPlan::Result { ok, err } => vec![ok, err],
        RetPlan::Plain { ok } => vec![ok],
        RetPlan::Kind => Vec::new(),
    };
    for part in parts {
        if let Part::With(_, span) = part
            && let Some(name) = generic(&m.output)
        {
            errors.push(
                quote_spanned!(*span=> with),
                format!(
                    "the return type of `{method}` names `{name}`, but a `with` conversion needs a concrete type: use `via = Mirror` for it"
                ),
            );
        }
    }
}

/// The first segments of the paths a type names (type parameters, `Self`).
#[derive(Default)]
struct PathNames(Vec<String>);

impl<'ast> Visit<'ast> for PathNames {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        if let Some(first) = p.segments.first() {
            self.0.push(first.ident.to_string());
        }
        syn::visit::visit_path(self, p);
    }
}

fn fn_items(item: &ItemTrait) -> impl Iterator<Item = &syn::TraitItemFn> {
    item.items.iter().filter_map(|i| match i {
        TraitItem::Fn(f) => Some(f),
        _ => None,
    })
}

fn receiver(item: &syn::TraitItemFn) -> TokenStream {
    item.sig.inputs.first().map_or_else(
        || item.sig.ident.to_token_stream(),
        ToTokens::to_token_stream,
    )
}

/// What a type mentions that the generated code cannot handle.
#[derive(Default)]
struct Found {
    bare_self: bool,
    reference: bool,
    impl_trait: bool,
}

impl Found {
    fn in_type(ty: &Type) -> Found {
        let mut found = Found::default();
        found.visit_type(ty);
        found
    }
}

impl<'ast> Visit<'ast> for Found {
    fn visit_type_path(&mut self, p: &'ast syn::TypePath) {
        if p.qself.is_none() && p.path.segments.len() == 1 && p.path.segments[0].ident == "Self" {
            self.bare_self = true;
        }
        // `Self::Item` is fine: it is the implementation's associated type.
        if p.qself.is_none() && p.path.segments.first().is_some_and(|s| s.ident == "Self") {
            return;
        }
        syn::visit::visit_type_path(self, p);
    }
    fn visit_type_reference(&mut self, r: &'ast syn::TypeReference) {
        self.reference = true;
        syn::visit::visit_type_reference(self, r);
    }
    fn visit_type_impl_trait(&mut self, i: &'ast syn::TypeImplTrait) {
        self.impl_trait = true;
        syn::visit::visit_type_impl_trait(self, i);
    }
}

/// Looks through invisible groups and parentheses.
fn peel(ty: &Type) -> &Type {
    match ty {
        Type::Group(g) => peel(&g.elem),
        Type::Paren(p) => peel(&p.elem),
        other => other,
    }
}

/// Whether `ty` is `&[u8]`, `Vec<u8>` or `&Vec<u8>`: a byte buffer, which is
/// recorded as a base64 string (as `reprise::bytes` writes it) rather than an
/// array of numbers.
fn is_byte_buffer(ty: &Type) -> bool {
    let is_u8 =
        |t: &Type| matches!(peel(t), Type::Path(p) if p.qself.is_none() && p.path.is_ident("u8"));
    let is_vec_u8 = |t: &Type| {
        last_segment(t).is_some_and(|seg| {
            seg.ident == "Vec" && matches!(type_args(seg)[..], [elem] if is_u8(elem))
        })
    };
    match peel(ty) {
        Type::Reference(r) if r.mutability.is_none() => match peel(&r.elem) {
            Type::Slice(s) => is_u8(&s.elem),
            elem => is_vec_u8(elem),
        },
        other => is_vec_u8(other),
    }
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match peel(ty) {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        _ => None,
    }
}

fn type_args(seg: &syn::PathSegment) -> Vec<&Type> {
    match &seg.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|a| match a {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `Output = X` among a `Future` bound's arguments.
fn future_output(bound: &TypeParamBound) -> Option<Type> {
    let TypeParamBound::Trait(t) = bound else {
        return None;
    };
    let seg = t.path.segments.last()?;
    if seg.ident != "Future" {
        return None;
    }
    let PathArguments::AngleBracketed(a) = &seg.arguments else {
        return None;
    };
    a.args.iter().find_map(|a| match a {
        GenericArgument::AssocType(at) if at.ident == "Output" => Some(at.ty.clone()),
        _ => None,
    })
}

fn shape_of(sig: &Signature) -> (Shape, Type) {
    let declared: Type = match &sig.output {
        ReturnType::Default => parse_quote!(()),
        ReturnType::Type(_, ty) => (**ty).clone(),
    };
    if sig.asyncness.is_some() {
        return (Shape::AsyncFn, declared);
    }
    if let Type::ImplTrait(i) = peel(&declared)
        && let Some(output) = i.bounds.iter().find_map(future_output)
    {
        return (Shape::ImplFuture, output);
    }
    if let Some(pin) = last_segment(&declared)
        && pin.ident == "Pin"
        && let [boxed] = type_args(pin)[..]
        && let Some(boxed) = last_segment(boxed)
        && boxed.ident == "Box"
        && let [dyn_future] = type_args(boxed)[..]
        && let Type::TraitObject(object) = peel(dyn_future)
        && let Some(output) = object.bounds.iter().find_map(future_output)
    {
        let send = object.bounds.iter().any(|b| {
            matches!(b, TypeParamBound::Trait(t) if t.path.segments.last().is_some_and(|s| s.ident == "Send"))
        });
        return (Shape::BoxFuture { send }, output);
    }
    (Shape::Sync, declared)
}

/// The marker value that says how a return of type `output` is recorded
/// (or, with `serve`, replayed), chosen by the type checker from the type
/// (see `reprise::__private::RecTag`). Needs `__private::select::*` in scope.
fn kind_expr(output: &Type, serve: bool) -> TokenStream {
    let tag = if serve {
        quote!(ServeTag)
    } else {
        quote!(RecTag)
    };
    quote!((&&&&::reprise::__private::#tag::<#output>::new()).kind())
}

/// Which generated item a method body belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The recording wrapper: arguments and return are written.
    Record,
    /// The replaying stand-in: the return is read back.
    Serve,
    /// The dispatcher: arguments are read back.
    Dispatch,
}

/// The type of a part for a check, and where to point: the `Ok` or `Err`
/// type as the user wrote it when the return is spelled `Result<T, E>` (or
/// `Result<T>` for the `Ok` type), else `<R as IsResult>::Ok` pointing at
/// the return type.
fn check_ty(
    output: &Type,
    part: Option<&str>,
    span: proc_macro2::Span,
) -> (TokenStream, proc_macro2::Span) {
    let written = last_segment(output).map(type_args).unwrap_or_default();
    let index = match part {
        Some("Ok") => 0,
        Some(_) => 1,
        None => return (quote!(#output), span),
    };
    match written.get(index) {
        Some(ty) if looks_like_result(output) => (quote!(#ty), ty.span()),
        _ => {
            let ty = part_ty(output, part);
            (quote_spanned!(span=> #ty), span)
        }
    }
}

/// `<R as IsResult>::Ok` / `::Err`, or `R` itself.
fn part_ty(output: &Type, part: Option<&str>) -> TokenStream {
    match part {
        Some(part) => {
            let part = format_ident!("{}", part);
            quote!(<#output as ::reprise::__private::IsResult>::#part)
        }
        None => quote!(#output),
    }
}

/// The compile-time checks of a method for one side, spanned at the
/// offending types: what is written is `Serialize` (or converts), what is
/// read back is `Deserialize` (or converts back). Each is a trait defined
/// in `sites`, whose message names the argument or part.
fn checks(m: &Method, side: Side, sites: &mut Sites, t: &str) -> TokenStream {
    let display = m.display(t);
    let mut out = Vec::new();
    match side {
        Side::Record | Side::Dispatch => {
            for arg in &m.args {
                let place = Place {
                    method: &display,
                    what: What::Arg(&arg.json),
                };
                let value_ty = arg.value_ty();
                let span = value_ty.span();
                let named = !Found::in_type(value_ty).impl_trait;
                let (need, ty, mirror) = match (&arg.kind, side) {
                    (ArgKind::Plain, Side::Record) => (Need::Ser, quote!(#value_ty), None),
                    (ArgKind::Plain, _) => (Need::De, owned_value(value_ty), None),
                    (ArgKind::Via(mirror), Side::Record) => {
                        (Need::ViaWrite, quote!(#value_ty), Some(mirror))
                    }
                    (ArgKind::Via(mirror), _) => {
                        (Need::ViaRead, owned_value(value_ty), Some(mirror))
                    }
                    _ => continue,
                };
                if named {
                    out.push(sites.check(need, &place, &ty, span, mirror));
                }
            }
        }
        Side::Serve => {}
    }
    if side != Side::Dispatch {
        let serve = side == Side::Serve;
        let output = &m.output;
        let span = m.ret_span();
        let asis = Part::AsIs;
        let parts: Vec<(What<'_>, &Part, Option<&str>, bool, bool)> = match &m.ret {
            RetPlan::Kind if looks_like_result(output) => vec![
                (What::Ok, &asis, Some("Ok"), false, false),
                (What::Err, &asis, Some("Err"), true, false),
            ],
            RetPlan::Kind => vec![(What::Ret, &asis, None, false, true)],
            RetPlan::Result { ok, err } => vec![
                (What::Ok, ok, Some("Ok"), false, false),
                (What::Err, err, Some("Err"), true, false),
            ],
            RetPlan::Plain { ok } => vec![(What::Ret, ok, None, false, false)],
        };
        for (what, conv, which, err, whole) in parts {
            let (ty, span) = check_ty(output, which, span);
            let (need, mirror) = match conv {
                Part::With(..) => continue,
                Part::Via(mirror) => (
                    if serve { Need::ViaRead } else { Need::ViaWrite },
                    Some(mirror),
                ),
                Part::AsIs => (
                    match (serve, err, whole) {
                        (false, true, _) => Need::SerErr,
                        (false, false, true) => Need::SerRet,
                        (false, false, false) => Need::Ser,
                        (true, true, _) => Need::DeErr,
                        (true, false, true) => Need::DeRet,
                        (true, false, false) => Need::De,
                    },
                    None,
                ),
            };
            let place = Place {
                method: &display,
                what,
            };
            out.push(sites.check(need, &place, &ty, span, mirror));
        }
    }
    quote! {
        #[allow(unused_imports)]
        use ::reprise::__private::select::*;
        #(#out)*
    }
}

/// The owned type a value of type `ty` is read back as: `String` for `str`,
/// `Vec<T>` for `[T]`, `PathBuf` for `Path`, else `ty`.
fn owned_value(ty: &Type) -> TokenStream {
    match peel(ty) {
        Type::Path(p) if p.qself.is_none() && p.path.is_ident("str") => {
            quote!(::std::string::String)
        }
        Type::Path(p)
            if p.qself.is_none() && last_segment(ty).is_some_and(|s| s.ident == "Path") =>
        {
            quote!(::std::path::PathBuf)
        }
        Type::Slice(s) => {
            let elem = &s.elem;
            quote!(::std::vec::Vec<#elem>)
        }
        other => other.to_token_stream(),
    }
}

/// The structs a method's `with` conversions need on `side`, defined in
/// its body: one that serialises (what is written: arguments when
/// recording or comparing, parts when recording or dispatching) or
/// deserialises (what is read back: arguments when dispatching, parts when
/// serving) each converted argument and part.
fn with_structs(m: &Method, side: Side) -> TokenStream {
    let mut out = Vec::new();
    for arg in &m.args {
        if let ArgKind::With(path, span) = &arg.kind {
            let (ser, de) = conv::with_names(&arg.json);
            if side == Side::Dispatch {
                let ty = owned_value(arg.value_ty());
                out.push(conv::with_de(&de, &ty, path, *span));
            } else {
                let ty = arg.value_ty();
                out.push(conv::with_ser(&ser, &quote!(#ty), path, *span));
            }
        }
    }
    let output = &m.output;
    let parts: Vec<(&str, &Part, TokenStream)> = match &m.ret {
        RetPlan::Kind => Vec::new(),
        RetPlan::Result { ok, err } => vec![
            ("Ok", ok, part_ty(output, Some("Ok"))),
            ("Err", err, part_ty(output, Some("Err"))),
        ],
        RetPlan::Plain { ok } => vec![("Ok", ok, part_ty(output, None))],
    };
    for (what, part, ty) in parts {
        if let Part::With(path, span) = part {
            let (ser, de) = conv::with_names(what);
            match side {
                Side::Serve => out.push(conv::with_de(&de, &ty, path, *span)),
                _ => out.push(conv::with_ser(&ser, &ty, path, *span)),
            }
        }
    }
    quote!(#(#out)*)
}

/// `let x: X = x.into();` for each `Into<X>` argument: recorded, compared
/// and passed on as what it converts to.
fn conversions(m: &Method) -> TokenStream {
    let lets = m.args.iter().filter_map(|a| {
        let ident = &a.ident;
        a.into.as_ref().map(|target| {
            quote_spanned! {a.ty.span()=>
                let #ident: #target = ::core::convert::Into::<#target>::into(#ident);
            }
        })
    });
    quote!(#(#lets)*)
}

/// The value recorded for one part (`v: &T`) on the record side.
fn write_value(m: &Method, what: &str, part: &Part, v: TokenStream) -> TokenStream {
    let (with, _) = conv::with_names(what);
    let value = conv::write_part(part, &v, &with);
    let outs: Vec<TokenStream> = m
        .outs()
        .map(|a| {
            let (ident, json) = (&a.ident, &a.json);
            quote! {
                (#json, &#ident[..(&&::reprise::__private::FilledTag(&__reprise_ret)).filled(#ident.len())])
            }
        })
        .collect();
    if outs.is_empty() || what == "Err" {
        value
    } else {
        quote!(::reprise::__private::OutSer { value: #value, bufs: &[#(#outs),*] })
    }
}

/// Records `__reprise_ret` on `__reprise_call` (record side), or makes the
/// driver's outcome of it (dispatcher), for a method whose return converts.
fn finish_parts(m: &Method, outcome: bool) -> TokenStream {
    let (finish_ok, finish_err) = if outcome {
        (
            quote!(::reprise::__private::outcome_ok),
            quote!(::reprise::__private::outcome_err),
        )
    } else {
        (
            quote!(__reprise_call.finish_ok),
            quote!(__reprise_call.finish_err),
        )
    };
    match &m.ret {
        RetPlan::Kind => TokenStream::new(),
        RetPlan::Result { ok, err } => {
            let ok = write_value(m, "Ok", ok, quote!(__reprise_ok));
            let err = write_value(m, "Err", err, quote!(__reprise_err));
            quote! {
                match ::reprise::__private::as_result(&__reprise_ret) {
                    ::core::result::Result::Ok(__reprise_ok) => #finish_ok(&#ok),
                    ::core::result::Result::Err(__reprise_err) => #finish_err(&#err),
                }
            }
        }
        RetPlan::Plain { ok } => {
            let ok = write_value(m, "Ok", ok, quote!(&__reprise_ret));
            quote!(#finish_ok(&#ok))
        }
    }
}

/// The stand-in's value for a method whose return converts.
fn serve_parts(m: &Method, args: &TokenStream) -> TokenStream {
    let name = &m.name;
    let output = &m.output;
    let outs: Vec<TokenStream> = m
        .outs()
        .map(|a| {
            let (ident, json) = (&a.ident, &a.json);
            quote!((#json, &mut *#ident))
        })
        .collect();
    let read = |what: &str, part: &Part, ty: TokenStream| {
        let (_, de) = conv::with_names(what);
        conv::read_part(part, &ty, &de)
    };
    match &m.ret {
        RetPlan::Kind => TokenStream::new(),
        RetPlan::Result { ok, err } => {
            let ok = read("Ok", ok, part_ty(output, Some("Ok")));
            let err = read("Err", err, part_ty(output, Some("Err")));
            if outs.is_empty() {
                quote!(::reprise::__private::serve_result::<#output, _, _, _>(&self.port, #name, #args, #ok, #err))
            } else {
                quote!(::reprise::__private::serve_result_out::<#output, _, _, _>(&self.port, #name, #args, #ok, #err, &mut [#(#outs),*]))
            }
        }
        RetPlan::Plain { ok } => {
            let ok = read("Ok", ok, part_ty(output, None));
            if outs.is_empty() {
                quote!(::reprise::__private::serve_plain::<#output, _, _>(&self.port, #name, #args, #ok))
            } else {
                quote!(::reprise::__private::serve_plain_out::<#output, _, _>(&self.port, #name, #args, #ok, &mut [#(#outs),*]))
            }
        }
    }
}

// ---- generation ----

struct Names {
    recorded: Ident,
    replay: Ident,
    dispatcher: Ident,
}

fn names(b: &Boundary) -> Names {
    let t = b.item.ident.unraw();
    Names {
        recorded: format_ident!("Recorded{}", t),
        replay: format_ident!("Replay{}", t),
        dispatcher: format_ident!("{}Dispatcher", t),
    }
}

/// A type parameter name that the trait does not use.
fn fresh(generics: &Generics, want: &str) -> Ident {
    let taken = |name: &str| {
        generics.params.iter().any(|p| match p {
            GenericParam::Type(t) => t.ident == name,
            GenericParam::Const(c) => c.ident == name,
            GenericParam::Lifetime(_) => false,
        })
    };
    if taken(want) {
        format_ident!("__Reprise{}", want)
    } else {
        format_ident!("{}", want)
    }
}

fn is_async(b: &Boundary) -> bool {
    b.methods.iter().any(|m| m.shape != Shape::Sync)
}

/// Whether generated impls need `Send + Sync` on the wrapped type: the
/// futures of an `#[async_trait]` trait must be `Send` and hold `&self`.
fn needs_send(b: &Boundary) -> bool {
    let attr_send = b.async_trait.as_ref().is_some_and(|a| {
        !a.meta
            .to_token_stream()
            .to_string()
            .replace(' ', "")
            .contains("?Send")
    });
    // `-> impl Future<Output = ..> + Send`: the wrapper's future holds `&self`.
    let impl_send = |m: &Method| {
        m.shape == Shape::ImplFuture
            && matches!(&m.sig.output, ReturnType::Type(_, ty) if matches!(peel(ty), Type::ImplTrait(i)
                if i.bounds.iter().any(|b| matches!(b, TypeParamBound::Trait(t)
                    if t.path.segments.last().is_some_and(|s| s.ident == "Send")))))
    };
    attr_send
        || b.methods
            .iter()
            .any(|m| m.shape == Shape::BoxFuture { send: true } || impl_send(m))
}

fn generate(b: &Boundary) -> TokenStream {
    let names = names(b);
    let recorded = recorded(b, &names);
    let other = if b.inbound {
        dispatcher(b, &names)
    } else {
        replay(b, &names)
    };
    let boxed = boxed(b);
    quote! {
        #recorded
        #other
        #boxed
    }
}

fn add_docs(item: &mut ItemTrait, b: &Boundary) {
    let names = names(b);
    let (r, p, d) = (&names.recorded, &names.replay, &names.dispatcher);
    let t = item.ident.unraw();
    let port = &b.port;
    let mut lines = vec![
        String::new(),
        "# Recording and replay".to_owned(),
        String::new(),
        format!("`#[reprise::boundary]` generates, beside this trait, for port `{port}`:"),
        String::new(),
    ];
    if b.inbound {
        lines.push(format!(
            "- [`{r}<T>`]({r}): wraps any `{t}` and records each call into it as an inbound call on port `{port}`, with its return;"
        ));
        lines.push(format!(
            "- [`{d}`]: calls the method of any `{t}` that a recorded inbound call names, with the recorded arguments, for `Replay::drive`{}.",
            if is_async(b) { "_async" } else { "" }
        ));
    } else {
        lines.push(format!(
            "- [`{r}<T>`]({r}): wraps any `{t}` and records each call to it as an outbound call on port `{port}`, with its return;"
        ));
        lines.push(format!(
            "- [`{p}`]: stands in for a `{t}` in replay, serving each return from the recording and reporting a divergence when the arguments differ."
        ));
    }
    if box_impl(b) {
        lines.push(String::new());
        lines.push(format!(
            "`Box<T>` implements `{t}` for any `T: {t} + ?Sized`, so the wrappers take and make `Box<dyn {t}>`."
        ));
    }
    lines.push(String::new());
    lines.push(
        "A call's arguments are recorded as an object keyed by argument name; a `Result`'s error is recorded as `err`.".to_owned(),
    );
    for line in lines {
        item.attrs.push(parse_quote!(#[doc = #line]));
    }
}

/// The argument list of a recorded call.
fn args_expr(m: &Method) -> TokenStream {
    let mut list = quote!(::reprise::__private::End);
    for arg in m.args.iter().rev() {
        let (ident, json) = (&arg.ident, &arg.json);
        let value_ref = arg.value_ref();
        let value = match &arg.kind {
            ArgKind::Skip => continue,
            ArgKind::Out => quote!(::reprise::__private::OutLen(#ident.len())),
            ArgKind::Bytes if arg.as_ref.is_some() => {
                quote!(::reprise::__private::Base64(#value_ref))
            }
            ArgKind::Bytes => quote!(::reprise::__private::Base64(&#ident)),
            ArgKind::Plain if arg.as_ref.is_some() => {
                quote!((&&::reprise::__private::ArgTag(#value_ref)).arg())
            }
            ArgKind::Plain => quote!((&&::reprise::__private::ArgTag(&#ident)).arg()),
            ArgKind::Via(mirror) => {
                quote!((&&::reprise::__private::ViaTag::<_, #mirror, _>::new(#value_ref)).via())
            }
            ArgKind::With(..) => {
                let (with, _) = conv::with_names(json);
                quote!(#with(#value_ref))
            }
        };
        list = quote! {
            ::reprise::__private::field(#json, #value, #list)
        };
    }
    quote!(&::reprise::__private::Args(#list))
}

/// The trait the generated types implement: the local trait with its
/// generic arguments, or the remote one.
fn trait_path(b: &Boundary) -> TokenStream {
    match &b.remote {
        Some(path) => path.to_token_stream(),
        None => {
            let ident = &b.item.ident;
            let (_, ty_generics, _) = b.item.generics.split_for_impl();
            quote!(#ident #ty_generics)
        }
    }
}

/// The trait's name for docs and messages: `Storage`, or the remote path.
fn trait_display(b: &Boundary) -> String {
    match &b.remote {
        Some(path) => path.to_token_stream().to_string().replace(' ', ""),
        None => b.item.ident.unraw().to_string(),
    }
}

/// `<I as Trait<..>>::m::<..>(recv, a, b)`.
fn delegate(b: &Boundary, m: &Method, inner: &Ident, recv: TokenStream) -> TokenStream {
    let path = trait_path(b);
    let method = &m.sig.ident;
    let turbofish = &m.turbofish;
    let args = m.args.iter().map(|a| &a.ident);
    quote! {
        <#inner as #path>::#method #turbofish (#recv #(, #args)*)
    }
}

/// The trait's generics plus `param: bounds`; for a remote trait, the
/// bounds its local copy puts on associated types become where clauses.
fn impl_generics_with(b: &Boundary, param: &Ident, bounds: TokenStream) -> Generics {
    let mut generics = b.item.generics.clone();
    generics.params.push(parse_quote!(#param: #bounds));
    if b.remote.is_some() {
        let path = trait_path(b);
        let where_clause = generics.make_where_clause();
        for (ident, bounds) in b.types.iter().filter(|(_, bounds)| !bounds.is_empty()) {
            where_clause
                .predicates
                .push(parse_quote!(<#param as #path>::#ident: #bounds));
        }
    }
    generics
}

fn assoc_items(b: &Boundary, inner: &Ident) -> TokenStream {
    let path = trait_path(b);
    let types = b
        .types
        .iter()
        .map(|(t, _)| quote!(type #t = <#inner as #path>::#t;));
    let consts = b
        .consts
        .iter()
        .map(|(c, ty)| quote!(const #c: #ty = <#inner as #path>::#c;));
    quote!(#(#types)* #(#consts)*)
}

fn recorded(b: &Boundary, names: &Names) -> TokenStream {
    let vis = &b.item.vis;
    let t = trait_display(b);
    let path = trait_path(b);
    let recorded = &names.recorded;
    let port = &b.port;
    let (dir, dir_word) = if b.inbound {
        (quote!(::reprise::__private::Direction::In), "inbound")
    } else {
        (quote!(::reprise::__private::Direction::Out), "outbound")
    };
    let inner = fresh(&b.item.generics, "I");
    let send = needs_send(b).then(|| quote!(+ ::core::marker::Send + ::core::marker::Sync));
    let generics = impl_generics_with(b, &inner, quote!(#path #send));
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let async_attr = &b.async_trait;
    let assoc = assoc_items(b, &inner);
    let mut sites = Sites::default();
    let methods: Vec<TokenStream> = b
        .methods
        .iter()
        .filter(|m| !(m.skip && m.recv == Recv::None))
        .map(|m| {
            let sig = &m.sig;
            let cfg = &m.cfg;
            let recv = match m.recv {
                Recv::Ref => quote!(&self.inner),
                Recv::Mut => quote!(&mut self.inner),
                _ => quote!(self.inner),
            };
            let call = delegate(b, m, &inner, recv);
            let call = if m.sig.unsafety.is_some() {
                quote!(unsafe { #call })
            } else {
                call
            };
            let body = if m.skip {
                match m.shape {
                    Shape::AsyncFn => quote!(#call.await),
                    _ => call,
                }
            } else {
                let name = &m.name;
                let args = args_expr(m);
                let checks = checks(m, Side::Record, &mut sites, &t);
                let pre = conversions(m);
                let withs = with_structs(m, Side::Record);
                let begin = quote! {
                    let __reprise_call = self.port.begin(#dir, #name, #args);
                };
                let body = if let RetPlan::Kind = m.ret {
                    let kind = kind_expr(&m.output, false);
                    match m.shape {
                        Shape::Sync => quote! {
                            #begin
                            ::reprise::__private::call(#kind, __reprise_call, || #call)
                        },
                        Shape::AsyncFn => quote! {
                            #begin
                            ::reprise::__private::call_async(#kind, __reprise_call, #call).await
                        },
                        Shape::ImplFuture => quote! {
                            #begin
                            ::reprise::__private::call_async(#kind, __reprise_call, #call)
                        },
                        Shape::BoxFuture { .. } => quote! {
                            ::std::boxed::Box::pin(async move {
                                #begin
                                ::reprise::__private::call_async(#kind, __reprise_call, #call).await
                            })
                        },
                    }
                } else {
                    let finish = finish_parts(m, false);
                    let run_async = quote! {
                        let __reprise_ret = __reprise_call.scope(#call).await;
                        #finish;
                        __reprise_ret
                    };
                    match m.shape {
                        Shape::Sync => quote! {
                            #begin
                            let __reprise_ret = {
                                let _current = __reprise_call.enter();
                                #call
                            };
                            #finish;
                            __reprise_ret
                        },
                        Shape::AsyncFn => quote! {
                            #begin
                            #run_async
                        },
                        Shape::ImplFuture => quote! {
                            #begin
                            async move {
                                #run_async
                            }
                        },
                        Shape::BoxFuture { .. } => quote! {
                            ::std::boxed::Box::pin(async move {
                                #begin
                                #run_async
                            })
                        },
                    }
                };
                quote!(#checks #pre #withs #body)
            };
            quote! {
                #(#cfg)*
                #sig {
                    #body
                }
            }
        })
        .collect();
    let doc = format!(
        "Records every call to the `{t}` it wraps as an {dir_word} call on port `{port}`: it delegates to the inner implementation and writes the call, its arguments (an object keyed by argument name) and its return to the transcript. Generated by `#[reprise::boundary]`."
    );
    let new_doc = format!("Wraps `inner`, recording its calls on `recorder`'s port `{port}`.");
    let with_port_doc = "Wraps `inner`, recording its calls on `port` (a port under another name).";
    let sites = sites.defs();
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #vis struct #recorded<T> {
            inner: T,
            port: ::reprise::__private::Port,
        }

        #[allow(dead_code)]
        impl<T> #recorded<T> {
            /// The port name this wrapper records on by default.
            #vis const PORT: &'static str = #port;

            #[doc = #new_doc]
            #vis fn new(inner: T, recorder: &::reprise::__private::Recorder) -> Self {
                #recorded { inner, port: recorder.port(#port) }
            }

            #[doc = #with_port_doc]
            #vis fn with_port(inner: T, port: ::reprise::__private::Port) -> Self {
                #recorded { inner, port }
            }

            /// The wrapped implementation.
            #vis fn inner(&self) -> &T {
                &self.inner
            }

            /// The wrapped implementation, mutably. Calls made on it directly are not recorded.
            #vis fn inner_mut(&mut self) -> &mut T {
                &mut self.inner
            }

            /// Unwraps the inner implementation.
            #vis fn into_inner(self) -> T {
                self.inner
            }

            /// The port the calls are recorded on.
            #vis fn port(&self) -> &::reprise::__private::Port {
                &self.port
            }
        }

        const _: () = {
            #(#sites)*

            #async_attr
            #[automatically_derived]
            impl #impl_generics #path for #recorded<#inner> #where_clause {
                #assoc
                #(#methods)*
            }
        };
    }
}

fn replay(b: &Boundary, names: &Names) -> TokenStream {
    let vis = &b.item.vis;
    let t = trait_display(b);
    let path = trait_path(b);
    let replay = &names.replay;
    let stand_in = replay.to_string();
    let port = &b.port;
    let async_attr = &b.async_trait;
    // Associated types and consts are taken from the implementation the
    // stand-in replaces, named as its type parameter.
    let param = !(b.types.is_empty() && b.consts.is_empty());
    let impl_ty = fresh(&b.item.generics, "T");
    let generics = if param {
        impl_generics_with(b, &impl_ty, quote!(#path))
    } else {
        b.item.generics.clone()
    };
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let assoc = if param {
        assoc_items(b, &impl_ty)
    } else {
        TokenStream::new()
    };
    let mut sites = Sites::default();
    let methods: Vec<TokenStream> = b
        .methods
        .iter()
        .filter(|m| !(m.skip && m.has_default))
        .map(|m| {
            let sig = &m.sig;
            let cfg = &m.cfg;
            let name = &m.name;
            let output = &m.output;
            let (value, prelude) = if m.skip {
                let method = format!("{t}::{}", m.sig.ident.unraw());
                (
                    quote!(::reprise::__private::skipped::<#output>(#stand_in, #method)),
                    TokenStream::new(),
                )
            } else {
                let args = args_expr(m);
                let checks = checks(m, Side::Serve, &mut sites, &t);
                let pre = conversions(m);
                let withs = with_structs(m, Side::Serve);
                let value = if let RetPlan::Kind = m.ret {
                    let kind = kind_expr(&m.output, true);
                    quote!(::reprise::__private::serve::<_, #output, _>(#kind, &self.port, #name, #args))
                } else {
                    serve_parts(m, &args)
                };
                (value, quote!(#checks #pre #withs))
            };
            let body = match m.shape {
                Shape::Sync | Shape::AsyncFn => quote!(#prelude #value),
                Shape::ImplFuture => quote!(#prelude ::core::future::ready(#value)),
                Shape::BoxFuture { .. } => {
                    quote!(::std::boxed::Box::pin(async move { #prelude #value }))
                }
            };
            let allow = m.skip.then(|| quote!(#[allow(unused_variables)]));
            quote! {
                #(#cfg)*
                #allow
                #sig {
                    #body
                }
            }
        })
        .collect();
    let sites = sites.defs();
    let doc = format!(
        "Stands in for a `{t}` in replay: each call is matched to the recorded outbound call on port `{port}`, its arguments compared, and the recorded return served; it never performs I/O. Generated by `#[reprise::boundary]`."
    );
    let new_doc = format!("A stand-in served from `replay`'s port `{port}`.");
    // Methods marked #[reprise(query)], declared on the port it serves from.
    let queries: Vec<&str> = b
        .methods
        .iter()
        .filter(|m| m.query.is_some() && !m.skip)
        .map(|m| m.name.as_str())
        .collect();
    let with_port_doc = "A stand-in served from `port` (a port under another name).";
    if param {
        let param_doc = format!(
            "`T` is the `{t}` implementation this stands in for: the stand-in takes its associated types and consts from it."
        );
        quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = #param_doc]
            #vis struct #replay<T> {
                port: ::reprise::__private::ReplayPort,
                _impl: ::core::marker::PhantomData<fn() -> T>,
            }

            impl<T> ::core::fmt::Debug for #replay<T> {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#stand_in).field("port", &self.port).finish()
                }
            }

            impl<T> ::core::clone::Clone for #replay<T> {
                fn clone(&self) -> Self {
                    #replay { port: self.port.clone(), _impl: ::core::marker::PhantomData }
                }
            }

            #[allow(dead_code)]
            impl<T> #replay<T> {
                /// The port name this stand-in serves by default.
                #vis const PORT: &'static str = #port;

                #[doc = #new_doc]
                #vis fn new(replay: &::reprise::__private::Replay) -> Self {
                    Self::with_port(replay.port(#port))
                }

                #[doc = #with_port_doc]
                #vis fn with_port(port: ::reprise::__private::ReplayPort) -> Self {
                    #(port.declare_query(#queries);)*
                    #replay { port, _impl: ::core::marker::PhantomData }
                }
            }

            const _: () = {
                #(#sites)*

                #async_attr
                #[automatically_derived]
                impl #impl_generics #path for #replay<#impl_ty> #where_clause {
                    #assoc
                    #(#methods)*
                }
            };
        }
    } else {
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone)]
            #vis struct #replay {
                port: ::reprise::__private::ReplayPort,
            }

            #[allow(dead_code)]
            impl #replay {
                /// The port name this stand-in serves by default.
                #vis const PORT: &'static str = #port;

                #[doc = #new_doc]
                #vis fn new(replay: &::reprise::__private::Replay) -> Self {
                    Self::with_port(replay.port(#port))
                }

                #[doc = #with_port_doc]
                #vis fn with_port(port: ::reprise::__private::ReplayPort) -> Self {
                    #(port.declare_query(#queries);)*
                    #replay { port }
                }
            }

            const _: () = {
                #(#sites)*

                #async_attr
                #[automatically_derived]
                impl #impl_generics #path for #replay #where_clause {
                    #(#methods)*
                }
            };
        }
    }
}

fn dispatcher(b: &Boundary, names: &Names) -> TokenStream {
    let vis = &b.item.vis;
    let t = trait_display(b);
    let path = trait_path(b);
    let dispatcher = &names.dispatcher;
    let port = &b.port;
    let target_ty = fresh(&b.item.generics, "T");
    let generics = impl_generics_with(b, &target_ty, quote!(#path + ?Sized));
    let (fn_generics, _, where_clause) = generics.split_for_impl();
    let dispatched: Vec<&Method> = b.methods.iter().filter(|m| !m.skip).collect();
    let mutable = dispatched.iter().any(|m| m.recv == Recv::Mut);
    let target = if mutable {
        quote!(&mut #target_ty)
    } else {
        quote!(&#target_ty)
    };
    let asyncness = is_async(b).then(|| quote!(async));
    let mut sites = Sites::default();
    let arms: Vec<TokenStream> = dispatched
        .iter()
        .map(|m| {
            let name = &m.name;
            let cfg = &m.cfg;
            let checks = checks(m, Side::Dispatch, &mut sites, &t);
            let withs = with_structs(m, Side::Dispatch);
            let lets = m.args.iter().map(|a| {
                let (ident, json) = (&a.ident, &a.json);
                let value_ty = a.value_ty();
                let (owned, mutability) = match (&a.into, &a.as_ref) {
                    (None, None) => owned(&a.ty),
                    _ => (owned_value(value_ty), TokenStream::new()),
                };
                let read = match &a.kind {
                    ArgKind::Bytes => quote! {
                        __reprise_call.arg::<::reprise::__private::Base64Buf>(#json)?.0
                    },
                    ArgKind::Plain => quote! {
                        (&&::reprise::__private::ArgReadTag::<#owned>::new()).read_arg(__reprise_call, #json)?
                    },
                    ArgKind::Via(mirror) => quote! {
                        ::reprise::__private::read_arg_with(
                            __reprise_call,
                            #json,
                            (&&::reprise::__private::ViaReadTag::<#owned, #mirror, _>::new()).read_via(),
                        )?
                    },
                    ArgKind::With(..) => {
                        let (_, de) = conv::with_names(json);
                        quote! {
                            ::reprise::__private::read_arg_with(
                                __reprise_call,
                                #json,
                                ::reprise::__private::WithRead::<#de>::new(),
                            )?
                        }
                    }
                    ArgKind::Skip => quote!(::core::default::Default::default()),
                    ArgKind::Out => {
                        return quote! {
                            let mut #ident: ::std::vec::Vec<u8> =
                                ::std::vec![0u8; ::reprise::__private::out_len(__reprise_call, #json)?];
                        };
                    }
                };
                quote_spanned! {a.ty.span()=>
                    let #mutability #ident: #owned = #read;
                }
            });
            let pass = m.args.iter().map(|a| {
                let ident = &a.ident;
                if a.into.is_some() || a.as_ref.is_some() {
                    return quote!(#ident);
                }
                match peel(&a.ty) {
                    Type::Reference(r) if r.mutability.is_some() => quote!(&mut #ident),
                    Type::Reference(_) => quote!(&#ident),
                    _ => quote!(#ident),
                }
            });
            let method = &m.sig.ident;
            let wait = (m.shape != Shape::Sync).then(|| quote!(.await));
            let outcome = if let RetPlan::Kind = m.ret {
                let kind = kind_expr(&m.output, false);
                quote!(::reprise::__private::outcome(#kind, &__reprise_ret))
            } else {
                finish_parts(m, true)
            };
            quote! {
                #(#cfg)*
                #name => {
                    #checks
                    #withs
                    #(#lets)*
                    let __reprise_ret = <#target_ty as #path>::#method(__reprise_target #(, #pass)*)#wait;
                    #outcome
                }
            }
        })
        .collect();
    let sites = sites.defs();
    let doc = format!(
        "Re-drives any `{t}` from recorded inbound calls on port `{port}`: [`{dispatcher}::dispatch`] calls the method a recorded call names with the recorded arguments, for the replay driver. Generated by `#[reprise::boundary(inbound)]`; not constructed."
    );
    let fn_doc = format!(
        "Calls the method of `target` that `call` recorded, with the recorded arguments, and returns what it returned as the driver's `Outcome` (a `Result`'s `Err` as `err`). A method the trait does not record is a `ReplayError::UnknownMethod`; a missing or mistyped argument a `ReplayError::Argument`. Use it in `Replay::drive{}`.",
        if is_async(b) { "_async" } else { "" }
    );
    quote! {
        #[doc = #doc]
        #[allow(dead_code)]
        #vis enum #dispatcher {}

        const _: () = {
            #(#sites)*

            #[allow(dead_code)]
            impl #dispatcher {
                /// The port name the dispatched calls were recorded on by default.
                #vis const PORT: &'static str = #port;

                #[doc = #fn_doc]
                #vis #asyncness fn dispatch #fn_generics (
                    __reprise_target: #target,
                    __reprise_call: &::reprise::__private::Inbound,
                ) -> ::core::result::Result<::reprise::__private::Outcome, ::reprise::__private::ReplayError>
                #where_clause
                {
                    match __reprise_call.method() {
                        #(#arms)*
                        _ => ::core::result::Result::Err(::reprise::__private::ReplayError::unknown_method(__reprise_call)),
                    }
                }
            }
        };
    }
}

/// The owned type an argument is read as, and whether it must be `mut`.
fn owned(ty: &Type) -> (TokenStream, TokenStream) {
    match peel(ty) {
        Type::Reference(r) => {
            let mutability = if r.mutability.is_some() {
                quote!(mut)
            } else {
                TokenStream::new()
            };
            let owned = match peel(&r.elem) {
                Type::Path(p) if p.qself.is_none() && p.path.is_ident("str") => {
                    quote!(::std::string::String)
                }
                Type::Slice(s) => {
                    let elem = &s.elem;
                    quote!(::std::vec::Vec<#elem>)
                }
                other => other.to_token_stream(),
            };
            (owned, mutability)
        }
        other => (other.to_token_stream(), TokenStream::new()),
    }
}

/// Whether to implement the trait for `Box<T>`: for object-safe-looking
/// traits whose methods all take `&self` or `&mut self`.
fn box_impl(b: &Boundary) -> bool {
    let sized_super = b
        .item
        .supertraits
        .iter()
        .any(|s| matches!(s, TypeParamBound::Trait(t) if t.path.is_ident("Sized")));
    !b.no_box
        && !sized_super
        && b.consts.is_empty()
        && b.methods.iter().all(|m| {
            matches!(m.recv, Recv::Ref | Recv::Mut)
                && !m.generic_types
                && !m.impl_trait_arg
                && !m.self_sized
                && matches!(m.shape, Shape::Sync | Shape::BoxFuture { .. })
                && !m.args.iter().any(|a| Found::in_type(&a.ty).bare_self)
                && !Found::in_type(&m.output).bare_self
        })
        // Before `#[async_trait]` expands, its `async fn`s are boxed too.
        || (!b.no_box
            && !sized_super
            && b.consts.is_empty()
            && b.async_trait.is_some()
            && b.methods.iter().all(|m| {
                matches!(m.recv, Recv::Ref | Recv::Mut)
                    && !m.generic_types
                    && !m.impl_trait_arg
                    && !m.self_sized
                    && matches!(m.shape, Shape::Sync | Shape::AsyncFn)
                    && !m.args.iter().any(|a| Found::in_type(&a.ty).bare_self)
                    && !Found::in_type(&m.output).bare_self
            }))
}

fn boxed(b: &Boundary) -> TokenStream {
    if !box_impl(b) {
        return TokenStream::new();
    }
    let trait_ident = &b.item.ident;
    let inner = fresh(&b.item.generics, "T");
    let send = needs_send(b).then(|| quote!(+ ::core::marker::Send + ::core::marker::Sync));
    let (_, ty_generics, _) = b.item.generics.split_for_impl();
    let generics = impl_generics_with(b, &inner, quote!(#trait_ident #ty_generics #send + ?Sized));
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let async_attr = &b.async_trait;
    let assoc = assoc_items(b, &inner);
    let methods = b.methods.iter().map(|m| {
        let sig = &m.sig;
        let cfg = &m.cfg;
        let recv = match m.recv {
            Recv::Mut => quote!(&mut **self),
            _ => quote!(&**self),
        };
        let call = delegate(b, m, &inner, recv);
        let wait = (m.shape == Shape::AsyncFn).then(|| quote!(.await));
        quote! {
            #(#cfg)*
            #sig {
                #call #wait
            }
        }
    });
    quote! {
        #async_attr
        #[automatically_derived]
        impl #impl_generics #trait_ident #ty_generics for ::std::boxed::Box<#inner> #where_clause {
            #assoc
            #(#methods)*
        }
    }
}
