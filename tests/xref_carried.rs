//! A pass that continues from the last one's state (`serve`: the interner is kept, an unchanged
//! article's matching items are reused, only the claims an edit touched are scored again and only
//! the entities and clusters whose inputs changed are assembled again) must give what a pass from scratch
//! gives, also when terms die (no article holds them any more), new ones appear, and articles
//! come, go and are renamed.

mod common;

use factsite::content::{Corpus, load};
use factsite::xref::{self, Session, claims};
use std::borrow::Cow;
use std::path::Path;

/// The pass `serve` runs (through [`Session`]): claims lent, continuing from `last`.
fn continued(corpus: &Corpus, last: Option<&mut Session>) -> Session {
    let per: Vec<_> = corpus.articles.iter().map(|a| claims::extract(a)).collect();
    Session::run(corpus, per.iter().map(Cow::Borrowed).collect(), last)
}

fn json(x: &xref::CrossRef) -> String {
    serde_json::to_string_pretty(x).unwrap()
}

/// Checks the continued pass against a fresh one, and returns it.
fn same_as_fresh(step: &str, content: &Path, last: &mut Session) -> Session {
    let corpus = load(content).unwrap();
    let next = continued(&corpus, Some(last));
    let fresh = xref::cross_reference(&corpus);
    assert!(
        json(next.xref()) == json(&fresh),
        "{step}: the continued pass differs from a fresh one"
    );
    next
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, f(text)).unwrap();
}

#[test]
fn continued_passes_equal_fresh_passes() {
    let tmp = common::tempdir();
    let content = tmp.path().join("content");
    common::copy_dir(&common::repo_root().join("content"), &content);
    let file = |prefix: &str| {
        let name = std::fs::read_dir(&content)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with(prefix))
            .unwrap();
        content.join(name)
    };
    let mut last = continued(&load(&content).unwrap(), None);

    // A new article whose words are new to the corpus, and that repeats a claim of another.
    let repeated = std::fs::read_to_string(file("000_"))
        .unwrap()
        .lines()
        .filter(|l| l.split_whitespace().count() > 12)
        .nth(2)
        .unwrap()
        .to_string();
    let new = content.join("quokka.txt");
    std::fs::write(
        &new,
        format!(
            "Quokka census finds 4,812 animals\n2023-06-01\n\nRangers on Rottnest counted 4,812 quokkas, \
             the zoologist Marguerite Xanthopoulos said.\n{repeated}\n"
        ),
    )
    .unwrap();
    last = same_as_fresh("article added", &content, &mut last);

    // Its words die: the article is rewritten without them (the interner still holds them).
    edit(&new, |_| {
        format!("Island report\n2023-06-02\n\n{repeated}\n")
    });
    last = same_as_fresh("terms died", &content, &mut last);

    // A verdict on the repeated claim that also uses the dead words: unknown to the corpus, they
    // must not weigh in its matching (a fresh pass never interned them).
    let claim = format!(
        "{} Rottnest quokkas Marguerite Xanthopoulos zoologist rangers.",
        repeated.replace('"', "")
    );
    std::fs::write(
        content.join("checks/quokkas.md"),
        format!(
            "+++\nclaim = \"{claim}\"\nrating = \"False\"\nreviewed = 2023-06-03\n+++\n\nChecked.\n"
        ),
    )
    .unwrap();
    last = same_as_fresh("verdict on dead words", &content, &mut last);

    // The words come back, an article goes, another is edited in place.
    edit(&new, |t| {
        format!(
            "{t}Rangers on Rottnest counted 4,812 quokkas, the zoologist Marguerite Xanthopoulos said.\n"
        )
    });
    std::fs::remove_file(file("004_")).unwrap();
    edit(&file("002_"), |t| t.replacen(" the ", " a ", 3));
    last = same_as_fresh("words back, article gone", &content, &mut last);

    // An alias table merges two names: what was known of each surface no longer holds.
    std::fs::write(
        content.join("aliases.toml"),
        "[merge]\n\"Marguerite Xanthopoulos\" = [\"Xanthopoulos\", \"Rottnest\"]\n\"Japan\" = [\"Kishida\"]\n",
    )
    .unwrap();
    last = same_as_fresh("aliases added", &content, &mut last);
    std::fs::remove_file(content.join("aliases.toml")).unwrap();
    same_as_fresh("aliases removed", &content, &mut last);
}

/// Writes `articles` as plain-text files (title, date, paragraphs) into `dir`.
fn write_articles(dir: &Path, articles: &[factsite::content::Article]) {
    std::fs::create_dir_all(dir).unwrap();
    for a in articles {
        let date = a.date.as_ref().unwrap().value;
        let body: Vec<&str> = a.body().map(|b| b.text.as_str()).collect();
        let text = format!("{}\n{date}\n\n{}\n", a.title.value, body.join("\n\n"));
        std::fs::write(dir.join(&a.file), text).unwrap();
    }
}

#[test]
fn edits_in_a_larger_corpus_redo_only_what_they_touch() {
    let tmp = common::tempdir();
    let content = tmp.path().join("content");
    write_articles(&content, &factsite::testgen::synthetic_corpus(120, 5));
    let mut last = continued(&load(&content).unwrap(), None);
    assert_eq!(last.rescored(), None, "the first pass scores every claim");
    let claims = last.xref().claim_count();
    assert!(claims > 2000, "{claims} claims");

    // One sentence of an article reworded, and one of another article's sentences repeated at
    // its end: the claims of that article, and those sharing the changed words, are scored again.
    let sentence = |file: &str, n: usize| -> String {
        let text = std::fs::read_to_string(content.join(file)).unwrap();
        let para = text.split("\n\n").nth(n).unwrap().to_string();
        para.split(". ")
            .next()
            .unwrap()
            .trim_end_matches('.')
            .to_string()
    };
    let repeated = sentence("gen00007.txt", 2);
    let edited = content.join("gen00042.txt");
    let reworded = sentence("gen00042.txt", 3);
    edit(&edited, |t| {
        let words: Vec<&str> = reworded.split(' ').collect();
        let new = format!(
            "{} {}",
            words[..words.len() - 2].join(" "),
            "harbour quokkas"
        );
        format!(
            "{}\n\n{repeated}.\n",
            t.replacen(&reworded, &new, 1).trim_end()
        )
    });
    last = same_as_fresh("one article edited", &content, &mut last);
    let next = &last;
    // Term weights are exact: an edit that changes the claim count changes every weight, and
    // the pair search starts over (the result is the fresh one either way, checked above).
    if let Some(rescored) = next.rescored() {
        assert!(
            rescored < claims / 4,
            "{rescored} of {claims} claims rescored"
        );
    }
    let copies = next.xref().articles.iter().filter(|a| {
        a.file == "gen00042.txt"
            && a.claims
                .iter()
                .any(|c| c.cluster.is_some() && c.text.starts_with(&repeated[..20]))
    });
    assert_eq!(
        copies.count(),
        1,
        "the repeated sentence is linked to its original"
    );

    // An article renamed: the same mentions, so only the slugs in its entities' records change.
    std::fs::rename(content.join("gen00007.txt"), content.join("moved.txt")).unwrap();
    let next = same_as_fresh("article renamed", &content, &mut last);
    assert!(
        next.xref()
            .entities
            .iter()
            .any(|e| e.articles.contains(&"moved".to_string()))
    );
    last = next;

    // A paragraph added at the top of the edited article: its clustered claim keeps its text but
    // moves down, and its cluster's record must say so.
    edit(&edited, |t| {
        let (head, body) = t.split_once("\n\n").unwrap();
        format!("{head}\n\nA short note opens the report.\n\n{body}")
    });
    same_as_fresh("lines moved", &content, &mut last);
}
