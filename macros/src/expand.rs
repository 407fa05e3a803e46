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
    /// A byte buffer (`&[u8]`, `Vec<u8>`, `&Vec<u8>`): recorded as base64.
    bytes: bool,
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
    types: Vec<Ident>,
    consts: Vec<(Ident, Type)>,
}

/// Collects every problem rather than stopping at the first.
#[derive(Default)]
struct Errors(Option<syn::Error>);

impl Errors {
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
    add_docs(&mut item, &boundary);
    let generated = match errors.0 {
        // Emit the trait anyway, so uses of it do not pile up more errors.
        Some(errors) => errors.to_compile_error(),
        None => generate(&boundary),
    };
    quote! {
        #item
        #generated
    }
}

fn read(opts: TraitOpts, item: &mut ItemTrait, errors: &mut Errors) -> Boundary {
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
    let mut methods = Vec::new();
    let mut types = Vec::new();
    let mut consts = Vec::new();
    for trait_item in &mut item.items {
        match trait_item {
            TraitItem::Fn(f) => {
                let opts = match attr::method_opts(&f.attrs) {
                    Ok(opts) => opts,
                    Err(e) => {
                        match &mut errors.0 {
                            Some(all) => all.combine(e),
                            None => errors.0 = Some(e),
                        }
                        attr::MethodOpts::default()
                    }
                };
                f.attrs.retain(|a| !attr::is_reprise(a));
                let method = read_method(&f.sig, f.default.is_some(), &f.attrs, opts, errors);
                methods.push(method);
            }
            TraitItem::Type(t) => {
                if !t.generics.params.is_empty() {
                    errors.push(
                        &t.generics,
                        "generic associated types are not supported by #[reprise::boundary]: make the type a trait parameter instead",
                    );
                }
                types.push(t.ident.clone());
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
        no_box: opts.no_box,
        async_trait,
        methods,
        types,
        consts,
    };
    check(&mut boundary, errors);
    // The re-emitted trait must not keep our attributes either.
    boundary.item = item.clone();
    boundary
}

fn read_method(
    sig: &Signature,
    has_default: bool,
    attrs: &[Attribute],
    opts: attr::MethodOpts,
    errors: &mut Errors,
) -> Method {
    let name = opts
        .name
        .as_ref()
        .map_or_else(|| sig.ident.unraw().to_string(), |n| n.value());
    let skip = opts.skip.is_some();
    let method = sig.ident.unraw();
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
                args.push(Arg {
                    ident,
                    bytes: is_byte_buffer(&pat.ty),
                    ty: (*pat.ty).clone(),
                    json,
                });
            }
        }
    }
    out_sig.inputs.iter_mut().for_each(|input| {
        if let FnArg::Typed(pat) = input {
            pat.attrs.retain(|a| !attr::is_reprise(a));
        }
    });
    let (shape, output) = shape_of(sig);
    let impl_trait_arg = args.iter().any(|a| Found::in_type(&a.ty).impl_trait);
    let type_params: Vec<&Ident> = sig
        .generics
        .params
        .iter()
        .filter_map(|p| match p {
            GenericParam::Type(t) => Some(&t.ident),
            GenericParam::Const(c) => Some(&c.ident),
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
        generic_types: !type_params.is_empty(),
        turbofish,
        impl_trait_arg,
        self_sized,
    }
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
        if b.inbound && !m.skip {
            if m.generic_types {
                errors.push(
                    &m.sig.generics,
                    format!("`{method}` is generic, so the dispatcher of an inbound trait cannot choose its types from a recording: make it concrete, or mark it #[reprise(skip)]"),
                );
            }
            for arg in &m.args {
                if Found::in_type(&arg.ty).impl_trait {
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

/// The compile-time checks of a method, spanned at the offending types:
/// its arguments are `Serialize`, its return is recordable (or, with
/// `serve`, replayable).
fn checks(m: &Method, serve: bool) -> TokenStream {
    let args = m.args.iter().filter(|_| !serve).map(|a| {
        let ident = &a.ident;
        quote_spanned! {a.ty.span()=>
            ::reprise::__private::assert_arg(&#ident, &(&&::reprise::__private::ArgTag(&#ident)).arg());
        }
    });
    let output = &m.output;
    let kind = kind_expr(output, serve);
    let span = match &m.sig.output {
        ReturnType::Type(..) => output.span(),
        ReturnType::Default => m.sig.ident.span(),
    };
    let ret = if serve {
        quote_spanned!(span=> ::reprise::__private::assert_servable::<#output, _>(&#kind);)
    } else {
        quote_spanned!(span=> ::reprise::__private::assert_recordable::<#output, _>(&#kind);)
    };
    quote! {
        #[allow(unused_imports)]
        use ::reprise::__private::select::*;
        #(#args)*
        #ret
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
    attr_send
        || b.methods
            .iter()
            .any(|m| m.shape == Shape::BoxFuture { send: true })
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
        list = if arg.bytes {
            quote! {
                ::reprise::__private::field(#json, ::reprise::__private::Base64(&#ident), #list)
            }
        } else {
            quote! {
                ::reprise::__private::field(#json, (&&::reprise::__private::ArgTag(&#ident)).arg(), #list)
            }
        };
    }
    quote!(&::reprise::__private::Args(#list))
}

/// `<I as Trait<..>>::m::<..>(recv, a, b)`.
fn delegate(b: &Boundary, m: &Method, inner: &Ident, recv: TokenStream) -> TokenStream {
    let trait_ident = &b.item.ident;
    let (_, ty_generics, _) = b.item.generics.split_for_impl();
    let method = &m.sig.ident;
    let turbofish = &m.turbofish;
    let args = m.args.iter().map(|a| &a.ident);
    quote! {
        <#inner as #trait_ident #ty_generics>::#method #turbofish (#recv #(, #args)*)
    }
}

fn impl_generics_with(b: &Boundary, param: &Ident, bounds: TokenStream) -> Generics {
    let mut generics = b.item.generics.clone();
    generics.params.push(parse_quote!(#param: #bounds));
    generics
}

fn assoc_items(b: &Boundary, inner: &Ident) -> TokenStream {
    let trait_ident = &b.item.ident;
    let (_, ty_generics, _) = b.item.generics.split_for_impl();
    let types = b
        .types
        .iter()
        .map(|t| quote!(type #t = <#inner as #trait_ident #ty_generics>::#t;));
    let consts = b
        .consts
        .iter()
        .map(|(c, ty)| quote!(const #c: #ty = <#inner as #trait_ident #ty_generics>::#c;));
    quote!(#(#types)* #(#consts)*)
}

fn recorded(b: &Boundary, names: &Names) -> TokenStream {
    let vis = &b.item.vis;
    let trait_ident = &b.item.ident;
    let t = trait_ident.unraw();
    let recorded = &names.recorded;
    let port = &b.port;
    let (dir, dir_word) = if b.inbound {
        (quote!(::reprise::__private::Direction::In), "inbound")
    } else {
        (quote!(::reprise::__private::Direction::Out), "outbound")
    };
    let inner = fresh(&b.item.generics, "I");
    let send = needs_send(b).then(|| quote!(+ ::core::marker::Send + ::core::marker::Sync));
    let (_, ty_generics, _) = b.item.generics.split_for_impl();
    let generics = impl_generics_with(b, &inner, quote!(#trait_ident #ty_generics #send));
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let async_attr = &b.async_trait;
    let assoc = assoc_items(b, &inner);
    let methods = b
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
                let kind = kind_expr(&m.output, false);
                let checks = checks(m, false);
                let begin = quote! {
                    let __reprise_call = self.port.begin(#dir, #name, #args);
                };
                let body = match m.shape {
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
                };
                quote!(#checks #body)
            };
            quote! {
                #(#cfg)*
                #sig {
                    #body
                }
            }
        });
    let doc = format!(
        "Records every call to the `{t}` it wraps as an {dir_word} call on port `{port}`: it delegates to the inner implementation and writes the call, its arguments (an object keyed by argument name) and its return to the transcript. Generated by `#[reprise::boundary]`."
    );
    let new_doc = format!("Wraps `inner`, recording its calls on `recorder`'s port `{port}`.");
    let with_port_doc = "Wraps `inner`, recording its calls on `port` (a port under another name).";
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

        #async_attr
        #[automatically_derived]
        impl #impl_generics #trait_ident #ty_generics for #recorded<#inner> #where_clause {
            #assoc
            #(#methods)*
        }
    }
}

fn replay(b: &Boundary, names: &Names) -> TokenStream {
    let vis = &b.item.vis;
    let trait_ident = &b.item.ident;
    let t = trait_ident.unraw();
    let replay = &names.replay;
    let stand_in = replay.to_string();
    let port = &b.port;
    let (_, ty_generics, _) = b.item.generics.split_for_impl();
    let async_attr = &b.async_trait;
    // Associated types and consts are taken from the implementation the
    // stand-in replaces, named as its type parameter.
    let param = !(b.types.is_empty() && b.consts.is_empty());
    let impl_ty = fresh(&b.item.generics, "T");
    let generics = if param {
        impl_generics_with(b, &impl_ty, quote!(#trait_ident #ty_generics))
    } else {
        b.item.generics.clone()
    };
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let assoc = if param {
        assoc_items(b, &impl_ty)
    } else {
        TokenStream::new()
    };
    let methods = b
        .methods
        .iter()
        .filter(|m| !(m.skip && m.has_default))
        .map(|m| {
            let sig = &m.sig;
            let cfg = &m.cfg;
            let name = &m.name;
            let output = &m.output;
            let value = if m.skip {
                let method = format!("{t}::{}", m.sig.ident.unraw());
                quote!(::reprise::__private::skipped::<#output>(#stand_in, #method))
            } else {
                let args = args_expr(m);
                let kind = kind_expr(&m.output, true);
                quote!(::reprise::__private::serve::<_, #output, _>(#kind, &self.port, #name, #args))
            };
            let checks = (!m.skip).then(|| checks(m, true));
            let body = match m.shape {
                Shape::Sync | Shape::AsyncFn => value,
                Shape::ImplFuture => quote!(::core::future::ready(#value)),
                Shape::BoxFuture { .. } => quote!(::std::boxed::Box::pin(async move { #value })),
            };
            let allow = m.skip.then(|| quote!(#[allow(unused_variables)]));
            quote! {
                #(#cfg)*
                #allow
                #sig {
                    #checks
                    #body
                }
            }
        });
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

            #async_attr
            #[automatically_derived]
            impl #impl_generics #trait_ident #ty_generics for #replay<#impl_ty> #where_clause {
                #assoc
                #(#methods)*
            }
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

            #async_attr
            #[automatically_derived]
            impl #impl_generics #trait_ident #ty_generics for #replay #where_clause {
                #(#methods)*
            }
        }
    }
}

fn dispatcher(b: &Boundary, names: &Names) -> TokenStream {
    let vis = &b.item.vis;
    let trait_ident = &b.item.ident;
    let t = trait_ident.unraw();
    let dispatcher = &names.dispatcher;
    let port = &b.port;
    let (_, ty_generics, _) = b.item.generics.split_for_impl();
    let target_ty = fresh(&b.item.generics, "T");
    let generics = impl_generics_with(b, &target_ty, quote!(#trait_ident #ty_generics + ?Sized));
    let (fn_generics, _, where_clause) = generics.split_for_impl();
    let dispatched: Vec<&Method> = b.methods.iter().filter(|m| !m.skip).collect();
    let mutable = dispatched.iter().any(|m| m.recv == Recv::Mut);
    let target = if mutable {
        quote!(&mut #target_ty)
    } else {
        quote!(&#target_ty)
    };
    let asyncness = is_async(b).then(|| quote!(async));
    let arms = dispatched.iter().map(|m| {
        let name = &m.name;
        let cfg = &m.cfg;
        let kind = kind_expr(&m.output, false);
        let lets = m.args.iter().map(|a| {
            let (ident, json) = (&a.ident, &a.json);
            let (owned, mutability) = owned(&a.ty);
            if a.bytes {
                quote_spanned! {a.ty.span()=>
                    let #mutability #ident: #owned =
                        __reprise_call.arg::<::reprise::__private::Base64Buf>(#json)?.0;
                }
            } else {
                quote_spanned! {a.ty.span()=>
                    let #mutability #ident: #owned = __reprise_call.arg(#json)?;
                }
            }
        });
        let pass = m.args.iter().map(|a| {
            let ident = &a.ident;
            match peel(&a.ty) {
                Type::Reference(r) if r.mutability.is_some() => quote!(&mut #ident),
                Type::Reference(_) => quote!(&#ident),
                _ => quote!(#ident),
            }
        });
        let method = &m.sig.ident;
        let wait = (m.shape != Shape::Sync).then(|| quote!(.await));
        quote! {
            #(#cfg)*
            #name => {
                #(#lets)*
                let __reprise_ret = <#target_ty as #trait_ident #ty_generics>::#method(__reprise_target #(, #pass)*)#wait;
                #[allow(unused_imports)]
                use ::reprise::__private::select::*;
                ::reprise::__private::outcome(#kind, &__reprise_ret)
            }
        }
    });
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
