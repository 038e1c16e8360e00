//! Name aliases: a small built-in table (renamed places, official and short names of countries
//! and blocs) and the user's `content/aliases.toml`, which can add merges and forbid them:
//!
//! ```toml
//! [merge]            # canonical name = [other names]
//! "Volodymyr Zelensky" = ["Zelenskyy", "Zelenskiy"]
//! [split]            # name = [names it must never be merged with]
//! "Olena Zelenska" = ["Zelensky"]
//! ```
//! Keys are compared after [`key`] normalisation (ASCII, lower case, no dots or possessives).

use std::collections::{BTreeMap, BTreeSet};

/// Other names for one thing. `spelling` marks variants that are spellings of the same name
/// (Kiev / Kyiv), which `name_variant` reports; other aliases (ROK / South Korea) are not reported.
struct Builtin {
    canonical: &'static str,
    kind: &'static str,
    spelling: bool,
    others: &'static [&'static str],
}

const BUILTIN: &[Builtin] = &[
    Builtin {
        canonical: "Kyiv",
        kind: "place",
        spelling: true,
        others: &["kiev"],
    },
    Builtin {
        canonical: "Kharkiv",
        kind: "place",
        spelling: true,
        others: &["kharkov"],
    },
    Builtin {
        canonical: "Odesa",
        kind: "place",
        spelling: true,
        others: &["odessa"],
    },
    Builtin {
        canonical: "Lviv",
        kind: "place",
        spelling: true,
        others: &["lvov", "lwow"],
    },
    Builtin {
        canonical: "Mykolaiv",
        kind: "place",
        spelling: true,
        others: &["nikolaev", "mykolayiv"],
    },
    Builtin {
        canonical: "Luhansk",
        kind: "place",
        spelling: true,
        others: &["lugansk"],
    },
    Builtin {
        canonical: "Chernihiv",
        kind: "place",
        spelling: true,
        others: &["chernigov"],
    },
    Builtin {
        canonical: "Beijing",
        kind: "place",
        spelling: true,
        others: &["peking"],
    },
    Builtin {
        canonical: "Mumbai",
        kind: "place",
        spelling: true,
        others: &["bombay"],
    },
    Builtin {
        canonical: "Gaddafi",
        kind: "person",
        spelling: true,
        others: &["qaddafi", "kadhafi", "qadhafi"],
    },
    Builtin {
        canonical: "Associated Press",
        kind: "org",
        spelling: false,
        others: &["ap"],
    },
    Builtin {
        canonical: "Agence France-Presse",
        kind: "org",
        spelling: false,
        others: &["afp", "agence france presse"],
    },
    Builtin {
        canonical: "South Korea",
        kind: "place",
        spelling: false,
        others: &["rok", "republic of korea", "korea republic"],
    },
    Builtin {
        canonical: "North Korea",
        kind: "place",
        spelling: false,
        others: &["dprk", "democratic people's republic of korea"],
    },
    Builtin {
        canonical: "United States",
        kind: "place",
        spelling: false,
        others: &["us", "usa", "united states of america", "america"],
    },
    Builtin {
        canonical: "United Kingdom",
        kind: "place",
        spelling: false,
        others: &["uk", "britain", "great britain"],
    },
    Builtin {
        canonical: "China",
        kind: "place",
        spelling: false,
        others: &["prc", "people's republic of china"],
    },
    Builtin {
        canonical: "European Union",
        kind: "org",
        spelling: false,
        others: &["eu"],
    },
    Builtin {
        canonical: "United Nations",
        kind: "org",
        spelling: false,
        others: &["un"],
    },
    Builtin {
        canonical: "G7",
        kind: "org",
        spelling: false,
        others: &["g-7", "group of seven"],
    },
    Builtin {
        canonical: "G20",
        kind: "org",
        spelling: false,
        others: &["g-20", "group of twenty"],
    },
    Builtin {
        canonical: "NATO",
        kind: "org",
        spelling: false,
        others: &["north atlantic treaty organization"],
    },
    Builtin {
        canonical: "Russia",
        kind: "place",
        spelling: false,
        others: &["russian federation"],
    },
    Builtin {
        canonical: "Czech Republic",
        kind: "place",
        spelling: true,
        others: &["czechia"],
    },
    Builtin {
        canonical: "Turkey",
        kind: "place",
        spelling: true,
        others: &["turkiye", "türkiye"],
    },
];

/// Normalised lookup key of a name: ASCII, lower case, no dots, no possessive, single spaces.
pub fn key(name: &str) -> String {
    let a = deunicode::deunicode(name).to_lowercase().replace('.', "");
    let a = a.trim().trim_end_matches("'s").trim_end_matches('\'');
    a.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Merges and splits known to the pass.
#[derive(Debug, Default, Clone)]
pub struct Aliases {
    /// Key of an alias → key of its canonical name.
    pub to_canonical: BTreeMap<String, String>,
    /// Keys whose alias is a different spelling (reported as name variants).
    pub spelling: BTreeSet<String>,
    /// Canonical key → display name and kind ("person" / "place" / "org", or "" when unknown).
    pub display: BTreeMap<String, (String, String)>,
    /// Pairs of keys that must never be merged (sorted pair).
    pub splits: BTreeSet<(String, String)>,
}

impl Aliases {
    /// The built-in table plus the user's file (its problems are returned as messages).
    pub fn load(user: Option<&str>) -> (Aliases, Vec<String>) {
        let mut a = Aliases::default();
        for b in BUILTIN {
            let ck = key(b.canonical);
            a.display
                .insert(ck.clone(), (b.canonical.to_string(), b.kind.to_string()));
            for o in b.others {
                let k = key(o);
                if b.spelling {
                    a.spelling.insert(k.clone());
                }
                a.to_canonical.insert(k, ck.clone());
            }
        }
        let mut problems = Vec::new();
        if let Some(text) = user {
            a.add_user(text, &mut problems);
        }
        (a, problems)
    }

    fn add_user(&mut self, text: &str, problems: &mut Vec<String>) {
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("aliases file is not valid TOML, ignored: {e}"));
                return;
            }
        };
        for (section, value) in &table {
            let Some(entries) = value.as_table() else {
                problems.push(format!("[{section}] should be a table of name = [names]"));
                continue;
            };
            for (name, list) in entries {
                let names: Vec<&str> = list
                    .as_array()
                    .map(|v| v.iter().filter_map(|x| x.as_str()).collect())
                    .unwrap_or_default();
                match section.as_str() {
                    "merge" => self.add_merge(name, &names),
                    "split" => {
                        for n in names {
                            self.add_split(name, n);
                        }
                    }
                    other => {
                        problems.push(format!("unknown section [{other}]; use [merge] or [split]"))
                    }
                }
            }
        }
    }

    fn add_merge(&mut self, canonical: &str, names: &[&str]) {
        let ck = key(canonical);
        self.display
            .entry(ck.clone())
            .or_insert_with(|| (canonical.to_string(), String::new()));
        self.to_canonical.remove(&ck);
        for n in names {
            let k = key(n);
            if k != ck {
                // "Zelenskyy" for "Volodymyr Zelensky" is a spelling (reported as a variant);
                // "POTUS" for "Joe Biden" is another name (merged, not reported).
                if looks_like_spelling(&k, &ck) {
                    self.spelling.insert(k.clone());
                }
                self.to_canonical.insert(k, ck.clone());
            }
        }
    }

    fn add_split(&mut self, a: &str, b: &str) {
        let (ka, kb) = (key(a), key(b));
        self.to_canonical.remove(&ka);
        let pair = if ka < kb { (ka, kb) } else { (kb, ka) };
        self.splits.insert(pair);
    }

    /// Canonical key for a key (itself when it has no alias).
    pub fn canonical(&self, k: &str) -> String {
        self.to_canonical
            .get(k)
            .cloned()
            .unwrap_or_else(|| k.to_string())
    }

    /// True when the user forbade merging these two keys.
    pub fn split(&self, a: &str, b: &str) -> bool {
        let pair = if a < b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        };
        self.splits.contains(&pair)
    }
}

/// Whether `other` is a spelling of `name` (both keys): their last words are close in letters.
fn looks_like_spelling(other: &str, name: &str) -> bool {
    let last = |k: &str| k.rsplit(' ').next().unwrap_or("").to_string();
    strsim::jaro_winkler(&last(other), &last(name)) >= 0.8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_and_user() {
        let (a, p) = Aliases::load(Some(
            "[merge]\n\"Volodymyr Zelensky\" = [\"Zelenskyj\"]\n[split]\n\"Olena Zelenska\" = [\"Zelensky\"]\n",
        ));
        assert!(p.is_empty());
        assert_eq!(a.canonical("kiev"), "kyiv");
        assert_eq!(a.canonical("rok"), "south korea");
        assert_eq!(a.canonical("zelenskyj"), "volodymyr zelensky");
        assert!(a.split("zelensky", "olena zelenska"));
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("Japan’s"), "japan");
    }

    #[test]
    fn bad_user_file_is_reported() {
        let (_, p) = Aliases::load(Some("[merge\n"));
        assert_eq!(p.len(), 1);
    }
}
