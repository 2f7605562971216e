//! Names of States from the codes before the dot of PoC ids (`MAR` in `MAR.technical`), so
//! recipients and confirmations say "Morocco" rather than only `MAR`.
//!
//! The directory's organisation codes of States are ISO 3166-1 alpha-3 codes (MEX, FRA, MAR);
//! their names come from `rust_iso3166`, in English only (the ISO short names): no
//! well-kept crate carries them in the six UN languages. A code that is not a State (an
//! organisation such as `UN`) has no name here and is shown as it is.

/// The English short name of the State with ISO 3166-1 alpha-3 `code` (any case), if any.
pub fn name(code: &str) -> Option<&'static str> {
    rust_iso3166::from_alpha3(&code.trim().to_ascii_uppercase()).map(|c| c.name)
}

/// The State's name, or the code itself for an organisation that is not a State.
pub fn name_or_code(code: &str) -> String {
    name(code).map_or_else(|| code.to_owned(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpha3_codes_have_names() {
        assert_eq!(name("MAR"), Some("Morocco"));
        assert_eq!(name("mex"), Some("Mexico"));
        assert_eq!(name_or_code("UNODA"), "UNODA");
    }
}
