//! Loading the Fluent files and looking translations up.
//!
//! The files `client/i18n/<code>/poc.ftl` are embedded in the binary (rust-embed) and loaded
//! once, on first use, by an i18n-embed Fluent loader; each [`Translated`] value is then
//! formatted once per language and kept, so lookups of labels and fixed values allocate
//! nothing. Messages with arguments (counts, names) are formatted on each call
//! ([`loader`]).
//!
//! This module does not know which strings exist: the typed keys ([`super::keys`],
//! [`super::phrases`]) do.

use std::collections::HashMap;
use std::sync::OnceLock;

use i18n_embed::fluent::FluentLanguageLoader;
use i18n_embed::unic_langid::LanguageIdentifier;
use i18n_embed::LanguageLoader;
use rust_embed::RustEmbed;

use super::Lang;

/// The Fluent files, embedded at build time.
#[derive(RustEmbed)]
#[folder = "i18n"]
struct Localizations;

/// Fluent domain: the files are named `poc.ftl` (also set in `client/i18n.toml`).
const DOMAIN: &str = "poc";

/// A closed set of translated things (field labels, the values of one fixed-value field,
/// column headers...): every value has a canonical name, a Fluent message id and a
/// translation in each language. Implemented with [`translated!`](crate::translated), whose
/// `fl!` calls check at compile time that every id exists in the English file.
pub trait Translated: Copy + Eq + std::fmt::Debug + 'static {
    /// Name of the set, e.g. `priority`.
    const SET: &'static str;
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// Canonical names of [`Self::ALL`], in the same order.
    const KEYS: &'static [&'static str];
    /// Canonical name (as written in messages, files and on the command line).
    fn key(self) -> &'static str;
    /// Fluent message id.
    fn fluent_id(self) -> &'static str;
    /// Formats the message with `loader` (used once per language to fill the cache).
    fn localize(self, loader: &FluentLanguageLoader) -> String;

    /// The value whose canonical name is exactly `key`.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }

    /// The translation in `lang`.
    fn text(self, lang: Lang) -> &'static str {
        text(lang, self.fluent_id())
    }
}

/// Implements [`Translated`] for an enum: `Variant = "canonical" => "fluent-id"` for every
/// variant. The `match`es it writes are exhaustive, so a variant without a translation does
/// not compile, and `fl!` refuses an id missing from the English file.
#[macro_export]
#[doc(hidden)]
macro_rules! translated {
    ($ty:ident, $set:literal, { $($variant:ident = $key:literal => $id:literal,)+ }) => {
        impl $crate::i18n::Translated for $ty {
            const SET: &'static str = $set;
            const ALL: &'static [Self] = &[$($ty::$variant,)+];
            const KEYS: &'static [&'static str] = &[$($key,)+];
            fn key(self) -> &'static str {
                match self { $($ty::$variant => $key,)+ }
            }
            fn fluent_id(self) -> &'static str {
                match self { $($ty::$variant => $id,)+ }
            }
            fn localize(self, loader: &i18n_embed::fluent::FluentLanguageLoader) -> String {
                match self { $($ty::$variant => i18n_embed_fl::fl!(loader, $id),)+ }
            }
        }
    };
}

/// The loaded translations.
struct Catalog {
    /// One loader per language, indexed by `Lang as usize` (English as fallback).
    loaders: Vec<FluentLanguageLoader>,
    /// Formatted [`Translated`] values per language, by Fluent id.
    texts: Vec<HashMap<&'static str, String>>,
}

static CATALOG: OnceLock<Catalog> = OnceLock::new();

fn language_id(lang: Lang) -> Option<LanguageIdentifier> {
    lang.code().parse().ok()
}

impl Catalog {
    fn load() -> Self {
        let fallback = language_id(Lang::En).unwrap_or_default();
        let all = FluentLanguageLoader::new(DOMAIN, fallback);
        let ids: Vec<LanguageIdentifier> = Lang::ALL.into_iter().filter_map(language_id).collect();
        if let Err(e) = all.load_languages(&Localizations, &ids) {
            // Cannot happen with the embedded files (the tests load them); labels then fall
            // back to their canonical names.
            tracing::error!("cannot load the embedded translations: {e}");
        }
        // Terminals do not handle Unicode isolation marks around arguments; the renderers
        // lay out right-to-left text themselves.
        all.set_use_isolating(false);
        let loaders: Vec<FluentLanguageLoader> = Lang::ALL
            .into_iter()
            .map(|lang| match language_id(lang) {
                Some(id) => all.select_languages(&[id]),
                None => all.select_languages::<LanguageIdentifier>(&[]),
            })
            .collect();
        let texts = loaders
            .iter()
            .map(|loader| {
                let mut map = HashMap::new();
                super::fill_all(&mut Filler {
                    loader,
                    map: &mut map,
                });
                map
            })
            .collect();
        Catalog { loaders, texts }
    }
}

/// Collects the translations of whole [`Translated`] sets for one language.
pub(super) struct Filler<'a> {
    loader: &'a FluentLanguageLoader,
    map: &'a mut HashMap<&'static str, String>,
}

impl Filler<'_> {
    /// Formats every value of `T`.
    pub(super) fn set<T: Translated>(&mut self) {
        for value in T::ALL {
            self.map
                .insert(value.fluent_id(), value.localize(self.loader));
        }
    }
}

fn catalog() -> &'static Catalog {
    CATALOG.get_or_init(Catalog::load)
}

/// The cached translation of a [`Translated`] value; the id itself if its set was not
/// registered in `fill_all` (in the module root) (the tests check that none is missing).
fn text(lang: Lang, id: &'static str) -> &'static str {
    catalog()
        .texts
        .get(lang as usize)
        .and_then(|map| map.get(id))
        .map_or(id, String::as_str)
}

/// The Fluent loader for `lang`, to format messages with arguments (`fl!(loader(lang), ...)`).
pub fn loader(lang: Lang) -> &'static FluentLanguageLoader {
    // `loaders` has one entry per language, in `Lang::ALL` order.
    &catalog().loaders[lang as usize]
}

/// The message ids of `lang`'s own file (not counting the English fallback), for the tests.
#[cfg(test)]
pub(super) fn ids_in_file(lang: Lang) -> Vec<String> {
    let Some(id) = language_id(lang) else {
        return Vec::new();
    };
    loader(lang).with_message_iter(&id, |messages| {
        messages.map(|m| m.id.name.to_string()).collect()
    })
}
