//! Compile-time behaviour of `#[reprise::boundary]`: every supported shape
//! compiles (`ui/pass`), and every unsupported one fails with the exact
//! diagnostic in its `.stderr` file (`ui/fail`). Regenerate the `.stderr`
//! files with `TRYBUILD=overwrite cargo test -p reprise-macros --test ui`,
//! and read them before committing.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
