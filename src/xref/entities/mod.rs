//! Named entities: [`mentions`] finds the names in a sentence (per article, cached by `serve`);
//! [`resolve`] merges their spellings across the corpus into entities.

mod lexicon;
mod mentions;
mod records;
mod resolve;

pub use mentions::{Mention, mentions, name_office_holders};
pub use resolve::{
    ArticleKey, EntityOfKey, Located, Resolved, Spellings, SurfaceCache, resolve, resolve_with,
    translit,
};
