//! Flag kinds in plain words for reader pages ("Altered quotation", not `altered_quote`); the
//! machine names stay in `data/*.json` and `factsite check`. Registered as the Tera filter
//! `flag_label`, and used for the home page's "most serious finding".

use crate::xref::{Flag, FlagKind};

/// A flag kind's label, singular.
pub fn flag_label(kind: FlagKind) -> &'static str {
    match kind {
        FlagKind::Republished => "Republished copy",
        FlagKind::DatelineAnachronism => "Re-dated copy",
        FlagKind::AlteredQuote => "Altered quotation",
        FlagKind::FigureMismatch => "Figure differs",
        FlagKind::DuplicatePassage => "Duplicated passage",
        FlagKind::InjectedText => "Unrelated text inserted",
        FlagKind::MissingDate => "No date",
        FlagKind::MissingSource => "No source",
        FlagKind::NameVariant => "Name spelt differently",
        FlagKind::Correction => "Correction",
    }
}

/// A kind's heading in the flags report, plural.
pub fn kind_title(kind: FlagKind) -> &'static str {
    match kind {
        FlagKind::Republished => "Republished copies",
        FlagKind::DatelineAnachronism => "Dateline anachronisms",
        FlagKind::AlteredQuote => "Altered quotations",
        FlagKind::FigureMismatch => "Figures that differ",
        FlagKind::DuplicatePassage => "Duplicated passages",
        FlagKind::InjectedText => "Injected text",
        FlagKind::MissingDate => "Missing dates",
        FlagKind::MissingSource => "Missing sources",
        FlagKind::NameVariant => "Name variants",
        FlagKind::Correction => "Corrections",
    }
}

/// The label for a kind's machine name (as in the JSON), or the name itself if unknown.
fn label_of_name(name: &str) -> String {
    ALL.iter()
        .find(|k| k.as_str() == name)
        .map_or_else(|| name.to_string(), |k| flag_label(*k).to_string())
}

/// Every kind, in the order reports list them (most telling first).
pub const ALL: [FlagKind; 10] = [
    FlagKind::Republished,
    FlagKind::DatelineAnachronism,
    FlagKind::AlteredQuote,
    FlagKind::FigureMismatch,
    FlagKind::DuplicatePassage,
    FlagKind::InjectedText,
    FlagKind::MissingDate,
    FlagKind::MissingSource,
    FlagKind::NameVariant,
    FlagKind::Correction,
];

/// A flag's message as a reader reads it: the other articles named by title instead of file
/// name, and without how the direction of a copy was decided ("; direction from datelines"),
/// which stays in `data/flags.json` and `factsite check`.
pub fn reader_message<'c>(
    f: &Flag,
    article: impl Fn(&str) -> Option<(&'c str, &'c str)>,
) -> String {
    let mut m = f.message.clone();
    for slug in &f.related {
        if let Some((file, title)) = article(slug) {
            m = m.replace(file, &format!("“{title}”"));
        }
    }
    for clause in [
        "; direction from ",
        "; direction unknown",
        ", direction unknown",
    ] {
        if let Some(i) = m.find(clause) {
            let end = m[i + 2..].find([';', '.']).map_or(m.len(), |j| i + 2 + j);
            m.replace_range(i..end, "");
        }
    }
    m
}

/// An article's most serious finding in words ("Re-dated copy, and 3 more"): the most severe
/// flag, the earlier kind in [`ALL`] on a tie. `None` when it has no warning or error.
pub fn most_serious(flags: &[&Flag]) -> Option<String> {
    use crate::xref::Severity;
    let rank = |f: &&&Flag| {
        let order = ALL.iter().position(|k| *k == f.kind).unwrap_or(ALL.len());
        (std::cmp::Reverse(f.severity), order)
    };
    let top = flags
        .iter()
        .filter(|f| f.severity > Severity::Info)
        .min_by_key(rank)?;
    let label = flag_label(top.kind);
    Some(match flags.len() - 1 {
        0 => label.to_string(),
        n => format!("{label}, and {n} more"),
    })
}

/// Registers `flag_label`: `{{ f.kind | flag_label }}`.
pub fn register_filters(tera: &mut tera::Tera) {
    tera.register_filter(
        "flag_label",
        |v: tera::Value, _: tera::Kwargs, _: &tera::State| {
            let name: String = serde_json::to_value(&v)
                .ok()
                .and_then(|j| j.as_str().map(String::from))
                .unwrap_or_default();
            Ok::<_, tera::Error>(label_of_name(&name))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_messages_name_titles_not_files() {
        let f = Flag {
            id: "f".into(),
            kind: FlagKind::Republished,
            severity: crate::xref::Severity::Warning,
            article: "b".into(),
            file: "b.txt".into(),
            line: 1,
            related: vec!["a".into()],
            claims: vec![],
            message: "re-sends a.txt (2022-05-15) with more: 79% of its text is here; direction from datelines".into(),
            evidence: vec![],
            diff: None,
            share: None,
            window: None,
        };
        let m = reader_message(&f, |s| {
            (s == "a").then_some(("a.txt", "Biden passes the hat"))
        });
        assert_eq!(
            m,
            "re-sends “Biden passes the hat” (2022-05-15) with more: 79% of its text is here"
        );
    }

    #[test]
    fn every_kind_has_a_plain_label() {
        for k in ALL {
            let l = flag_label(k);
            assert!(
                !l.contains('_') && l.chars().next().is_some_and(char::is_uppercase),
                "{l}"
            );
            assert_eq!(label_of_name(k.as_str()), l);
        }
    }
}
