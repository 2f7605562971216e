//! Listing and filtering the directory.

use poc_proto::{Entry, Role};

use crate::trust::TrustedDirectory;

/// Filters for `poc directory list`.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Organisation code, e.g. FRA.
    pub org: Option<String>,
    /// Role.
    pub role: Option<Role>,
    /// Operational language.
    pub lang: Option<String>,
}

/// Entries matching `filter`, sorted by id.
pub fn list<'a>(directory: &'a TrustedDirectory, filter: &Filter) -> Vec<&'a Entry> {
    let mut entries: Vec<&Entry> = directory
        .directory
        .entries
        .iter()
        .filter(|e| {
            filter
                .org
                .as_ref()
                .is_none_or(|o| e.body.id.org().eq_ignore_ascii_case(o))
                && filter.role.is_none_or(|r| e.body.id.role() == r)
                && filter
                    .lang
                    .as_ref()
                    .is_none_or(|l| e.body.languages.iter().any(|x| x.eq_ignore_ascii_case(l)))
        })
        .collect();
    entries.sort_by(|a, b| a.body.id.cmp(&b.body.id));
    entries
}
