//! Ingest of copy-pasted plain-text articles. The first lines may hold a title, a date, a URL, a
//! byline, an outlet or a dateline place, in no fixed order, or nothing at all. Every field records
//! the line it came from; every line ends up in a [`Block`] of some kind.

use super::clean::{classify_line, looks_like_heading, strip_bullet};
use super::dates::parse_date_line;
use super::model::{Block, BlockKind, Field, Provenance};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// Metadata and blocks read from a plain-text article.
#[derive(Debug, Default)]
pub struct PlainArticle {
    pub title: Option<Field<String>>,
    pub date: Option<Field<NaiveDate>>,
    pub source_url: Option<Field<String>>,
    pub outlet: Option<Field<String>>,
    pub byline: Option<Field<String>>,
    pub place: Option<Field<String>>,
    pub blocks: Vec<Block>,
}

/// How many non-empty lines at the top are searched for metadata.
const HEADER_LINES: usize = 15;

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:source:\s*)?(https?://\S+)$").expect("url"));
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+(?P<who>[^,|]+?)(?:,\s*(?P<role>[^|]*?))?(?:\s+(?i:for)\s+(?P<outlet>[^,|]+?))?(?:\s+(?i:in)\s+(?P<place>[^|]+?))?(?P<agency>(?:\s*\|\s*|\s+[-–—]\s+)[^|]+)?$")
        .expect("byline")
});
/// A media label a headline may carry ("WATCH: On The Missouri Campus, …"): on the first line of
/// a file it is the title's, not a video link's.
static MEDIA_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:watch|video|listen|podcast)\s*[:\-–—|]\s*\S").expect("media label")
});
/// `Updated …`, `Last modified …`: a date line that is not the publication date.
static UPDATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:last\s+)?(?:updated|modified|edited)\b").expect("update")
});

/// Outlets that appear alone on a line in pasted copy; anything ending in a news-like word or a
/// domain also counts.
const OUTLETS: &[&str] = &[
    "cnn",
    "bbc",
    "bbc news",
    "reuters",
    "ap",
    "associated press",
    "afp",
    "bloomberg",
    "al jazeera",
    "npr",
    "cnbc",
    "fox news",
    "abc news",
    "cbs news",
    "nbc news",
    "the guardian",
    "the new york times",
    "the washington post",
    "the wall street journal",
    "usa today",
    "politico",
    "axios",
    "sky news",
    "kyodo",
    "yonhap",
    "nikkei",
    "the japan times",
    "dw",
    "euronews",
    "france 24",
    "the hill",
    "newsweek",
    "time",
    "the independent",
    "the telegraph",
    "daily mail",
    "msn",
    "yahoo news",
    "india today",
    "the times",
    "financial times",
    "ukrinform",
    "tass",
    "xinhua",
];

fn is_outlet(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    let words = l.split_whitespace().count();
    words <= 5
        && (OUTLETS.contains(&l.as_str())
            || Regex::new(r"^[a-z0-9.\-]+\.(com|org|net|co\.uk|news|co|io)$")
                .is_ok_and(|re| re.is_match(&l))
            || [
                "news",
                "times",
                "post",
                "herald",
                "tribune",
                "journal",
                "gazette",
                "telegraph",
                "daily",
            ]
            .iter()
            .any(|w| l.ends_with(&format!(" {w}"))))
}

/// A short run of capitalised words with no sentence punctuation: a dateline place.
fn is_place(line: &str) -> bool {
    let t = line.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && t.len() <= 40
        && !t.ends_with(['.', '!', '?', ':'])
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || ["de", "of", "la", "al", "el"].contains(&w.trim_end_matches(','))
        })
}

/// Whole-line forms that end the header: a real paragraph of text.
fn is_body_line(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    words >= 8 && t.ends_with(['.', '!', '?', '"', '\'', '”', '’', ')']) || words >= 40
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn field(value: impl Into<String>, line: usize, raw: &str) -> Field<String> {
    Field {
        value: value.into(),
        source: Provenance::Line(line),
        raw: raw.trim().to_string(),
    }
}

/// Reads the article text (already decoded, `\n` line ends).
pub fn ingest(text: &str) -> PlainArticle {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            (
                i + 1,
                l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'),
            )
        })
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let mut art = PlainArticle::default();
    let header_end = read_header(&lines, &mut art);
    if art.outlet.is_none()
        && let Some(url) = &art.source_url
        && let Some(host) = url_host(&url.value)
    {
        art.outlet = Some(Field {
            value: host,
            source: url.source.clone(),
            raw: url.raw.clone(),
        });
    }
    classify_rest(&lines, header_end, &mut art);
    art.blocks.sort_by_key(|b| b.line);
    art
}

/// `https://www.msn.com/en-us/…` → `msn.com`.
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_lowercase())
}

fn meta(line: usize, text: &str, reason: &'static str) -> Block {
    Block {
        kind: BlockKind::Metadata,
        line,
        text: text.to_string(),
        reason: reason.into(),
    }
}

/// A header line with a label, as exports and copy-paste tools write them: `Title: …`,
/// `URL: https://…`, `Author: …`, `Outlet: …`.
static LABELED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(?P<label>title|headline|url|link|source url|author|authors|byline|outlet|publication|publisher|site|source)\s*:\s*(?P<value>\S.*)$")
        .expect("labeled")
});

/// Takes a labelled header line (see [`LABELED`]) into its field; `false` if it is not one, or
/// its field is already set (then it is read as any other line).
fn take_labeled(art: &mut PlainArticle, n: usize, line: &str) -> bool {
    let Some(c) = LABELED.captures(line.trim()) else {
        return false;
    };
    let value = c["value"].trim();
    let label = c["label"].to_ascii_lowercase();
    let is_url = value.starts_with("http://") || value.starts_with("https://");
    let (slot, reason) = match label.as_str() {
        "title" | "headline" => (&mut art.title, "title"),
        "url" | "link" | "source url" if is_url && !value.contains(char::is_whitespace) => {
            (&mut art.source_url, "source URL")
        }
        "source" if is_url => return false, // `Source: https://…` is read as a URL line
        "author" | "authors" | "byline" => (&mut art.byline, "byline"),
        "outlet" | "publication" | "publisher" | "site" | "source" => (&mut art.outlet, "outlet"),
        _ => return false,
    };
    if slot.is_some() {
        return false;
    }
    *slot = Some(field(value, n, line));
    art.blocks.push(meta(n, line, reason));
    true
}

/// Reads metadata from the top lines; returns the index of the first line after the header.
fn read_header(lines: &[(usize, &str)], art: &mut PlainArticle) -> usize {
    let mut end = 0;
    for (idx, &(n, line)) in lines.iter().enumerate().take(HEADER_LINES) {
        if take_labeled(art, n, line) {
            end = idx + 1;
            continue;
        }
        if let Some(d) = parse_date_line(line) {
            take_date(art, n, line, d);
        } else if art.source_url.is_none()
            && let Some(c) = URL.captures(line)
        {
            art.source_url = Some(field(&c[1], n, line));
            art.blocks.push(meta(n, line, "source URL"));
        } else if art.byline.is_none()
            && let Some(c) = BYLINE.captures(line).filter(|_| line.len() < 200)
        {
            take_byline(art, n, line, &c);
        } else if let Some((kind, reason)) =
            classify_line(line).filter(|_| !is_headline(art, idx, line))
        {
            art.blocks.push(Block {
                kind,
                line: n,
                text: line.into(),
                reason: reason.into(),
            });
        } else if is_caption_in_header(lines, idx) {
            art.blocks.push(Block {
                kind: BlockKind::Caption,
                line: n,
                text: line.into(),
                reason: "photo caption (repeated line or followed by a credit)".into(),
            });
        } else if is_body_line(line) && !(art.title.is_none() && metadata_follows(lines, idx)) {
            break;
        } else if let Some(t) = &art.title
            && is_repeat_of(&t.value, line)
        {
            let cleaner = pick_title(&t.value, line);
            if cleaner != t.value {
                art.title = Some(field(cleaner, n, line));
            }
            art.blocks.push(meta(n, line, "repeated title"));
        } else if art.outlet.is_none() && is_outlet(line) {
            art.outlet = Some(field(line, n, line));
            art.blocks.push(meta(n, line, "outlet"));
        } else if art.place.is_none()
            && art.title.is_none()
            && is_place(line)
            && line.split_whitespace().count() <= 3
        {
            art.place = Some(field(line, n, line));
            art.blocks.push(meta(n, line, "dateline place"));
        } else if art.title.is_none() {
            art.title = Some(field(line, n, line));
            art.blocks.push(meta(n, line, "title"));
        } else {
            break;
        }
        end = idx + 1;
    }
    end
}

/// Whether a header line is the headline though it opens like a video link ("WATCH: …"): the
/// file's first line with no title yet, or a repeat of the title.
fn is_headline(art: &PlainArticle, idx: usize, line: &str) -> bool {
    MEDIA_LABEL.is_match(line)
        && match &art.title {
            None => idx == 0,
            Some(t) => is_repeat_of(&t.value, line),
        }
}

/// A date line in the header. The first one is the publication date, unless it is an
/// "Updated …" line and a plain or "Published …" date follows. Other date lines stay in the header.
fn take_date(art: &mut PlainArticle, n: usize, line: &str, d: chrono::NaiveDate) {
    let replace = art
        .date
        .as_ref()
        .is_none_or(|old| UPDATE_LINE.is_match(&old.raw) && !UPDATE_LINE.is_match(line));
    if replace {
        if let Some(old) = &art.date
            && let Some(b) = art
                .blocks
                .iter_mut()
                .find(|b| b.kind == BlockKind::Metadata && Provenance::Line(b.line) == old.source)
        {
            b.reason = "update date (the publication date is preferred)".into();
        }
        art.date = Some(Field {
            value: d,
            source: Provenance::Line(n),
            raw: line.to_string(),
        });
        art.blocks.push(meta(n, line, "date"));
    } else {
        art.blocks.push(meta(n, line, "another date (update)"));
    }
}

/// A byline ("By A and B | Reuters"): the names, without the agency after the separator, and the
/// outlet and place when it names them.
fn take_byline(art: &mut PlainArticle, n: usize, line: &str, c: &regex::Captures) {
    let names_end = c.name("agency").map_or(line.len(), |m| m.start());
    art.byline = Some(field(
        line[..names_end]
            .trim_start_matches(|c: char| c.is_alphabetic())
            .trim(),
        n,
        line,
    ));
    let agency = c
        .name("agency")
        .map(|m| {
            m.as_str()
                .trim_start_matches(|ch: char| ch.is_whitespace() || "|-–—".contains(ch))
                .trim()
        })
        .filter(|t| !t.is_empty());
    if let Some(o) = c.name("outlet").map(|m| m.as_str().trim()).or(agency) {
        art.outlet.get_or_insert_with(|| field(o, n, line));
    }
    if let Some(p) = c.name("place") {
        art.place
            .get_or_insert_with(|| field(p.as_str().trim(), n, line));
    }
    art.blocks.push(meta(n, line, "byline"));
}

/// A date, URL or byline within the next two lines: the current line is still header (a
/// headline that reads like a sentence: "What does sugar do to our brains?").
fn metadata_follows(lines: &[(usize, &str)], idx: usize) -> bool {
    lines.iter().skip(idx + 1).take(2).any(|(_, l)| {
        parse_date_line(l).is_some() || URL.is_match(l) || (BYLINE.is_match(l) && l.len() < 200)
    })
}

/// A header line repeated on the next line, or followed by a credit line, is an image caption.
fn is_caption_in_header(lines: &[(usize, &str)], idx: usize) -> bool {
    let line = lines[idx].1;
    let prev = idx.checked_sub(1).map(|i| lines[i].1);
    let next = lines.get(idx + 1).map(|l| l.1);
    let repeated = prev == Some(line) || next == Some(line);
    let credit_follows = next
        .is_some_and(|n| matches!(classify_line(n), Some((BlockKind::Caption, _))))
        || (next == Some(line)
            && lines
                .get(idx + 2)
                .is_some_and(|l| matches!(classify_line(l.1), Some((BlockKind::Caption, _)))));
    line.split_whitespace().count() >= 3 && (repeated && is_body_line(line) || credit_follows)
}

/// Two header lines that are the same title (a scraper's doubled headline).
fn is_repeat_of(title: &str, line: &str) -> bool {
    let (a, b) = (normalise(title), normalise(line));
    a == b || (b.len() > 20 && a.ends_with(&b)) || (a.len() > 20 && b.ends_with(&a))
}

/// Of two copies of a headline, the one without a glued-on section label ("NewsIs the …").
fn pick_title(a: &str, b: &str) -> String {
    let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (a, b) = (clean(a), clean(b));
    if a.len() <= b.len() { a } else { b }
}

fn classify_rest(lines: &[(usize, &str)], start: usize, art: &mut PlainArticle) {
    for &(n, line) in &lines[start..] {
        let block = |kind, reason: &str| Block {
            kind,
            line: n,
            text: line.to_string(),
            reason: reason.into(),
        };
        let b = if let Some((kind, reason)) = classify_line(line) {
            block(kind, reason)
        } else if let Some(item) = strip_bullet(line) {
            Block {
                kind: BlockKind::ListItem,
                line: n,
                text: item.to_string(),
                reason: String::new(),
            }
        } else if looks_like_heading(line) {
            block(BlockKind::Heading, "")
        } else {
            block(BlockKind::Body, "")
        };
        art.blocks.push(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_with_a_media_label_is_the_title() {
        // NPR: "WATCH: …" heads the page and is repeated above the body.
        let a = ingest(
            "WATCH: On The Missouri Campus, A Clash Of 2 First Amendment Protections\n2015-11-10\n\nWATCH: On The Missouri Campus, A Clash Of 2 First Amendment Protections\n\nWhen two rights that this country holds as fundamental come into conflict, it makes for complex drama.\n\nVideo: the protest on the quad\n",
        );
        assert_eq!(
            a.title.map(|t| t.value).as_deref(),
            Some("WATCH: On The Missouri Campus, A Clash Of 2 First Amendment Protections")
        );
        let kinds: Vec<(usize, BlockKind)> = a.blocks.iter().map(|b| (b.line, b.kind)).collect();
        assert!(kinds.contains(&(4, BlockKind::Metadata)), "{kinds:?}");
        // A video link in the body is still one.
        assert!(kinds.contains(&(8, BlockKind::Boilerplate)), "{kinds:?}");
    }

    #[test]
    fn labelled_header_lines_drop_their_labels() {
        let a = ingest(
            "Title: Biden passes the hat\nURL: https://www.msn.com/en-us/news/x\nAuthor: Jane Doe\nPublication: msn.com\nDate: 15 May 2022\n\nThe first sentence of the body is here and long enough.\n",
        );
        assert_eq!(a.title.unwrap().value, "Biden passes the hat");
        assert_eq!(
            a.source_url.unwrap().value,
            "https://www.msn.com/en-us/news/x"
        );
        assert_eq!(a.byline.unwrap().value, "Jane Doe");
        assert_eq!(a.outlet.unwrap().value, "msn.com");
        assert_eq!(a.date.unwrap().value.to_string(), "2022-05-15");
        assert_eq!(a.blocks.last().unwrap().kind, BlockKind::Body);
    }

    #[test]
    fn title_date_url() {
        let a = ingest(
            "A headline about things\n20220515\nhttps://example.com/a\nThe first sentence of the body is here and long enough.\n",
        );
        assert_eq!(a.title.unwrap().value, "A headline about things");
        let d = a.date.unwrap();
        assert_eq!(d.value.to_string(), "2022-05-15");
        assert_eq!(d.source, Provenance::Line(2));
        assert_eq!(a.source_url.unwrap().value, "https://example.com/a");
        assert_eq!(a.blocks.last().unwrap().kind, BlockKind::Body);
    }

    #[test]
    fn byline_outlet_place() {
        let a = ingest(
            "February 3, 2023\n\nBy Geoff Earle, Associate US Political Editor for Dailymail.Com in Bal Harbour, Florida\n\nPresident Joe Biden is calling on his allies to do more to help Ukraine, officials said.\n",
        );
        assert!(a.title.is_none());
        assert_eq!(a.outlet.unwrap().value, "Dailymail.Com");
        assert_eq!(a.place.unwrap().value, "Bal Harbour, Florida");
        assert_eq!(a.byline.unwrap().source, Provenance::Line(3));
    }

    #[test]
    fn date_place_outlet_without_title() {
        let a = ingest(
            " date 2023-05-19 \n\nHong Kong\n\nCNN\n\nVolodymyr Zelensky will personally travel to Japan for the summit, officials said.\n",
        );
        assert_eq!(a.date.unwrap().value.to_string(), "2023-05-19");
        assert_eq!(a.place.unwrap().value, "Hong Kong");
        assert_eq!(a.outlet.unwrap().value, "CNN");
        assert!(a.title.is_none());
    }

    #[test]
    fn doubled_title_and_captions() {
        let text = "NewsIs the USA abandoning Ukraine? A lifeline from the East\n\nIs the USA\u{a0}abandoning Ukraine? A lifeline from the East\n\nThree leaders stand together at the summit in the city.\nThree leaders stand together at the summit in the city.\nImages source: © Getty Images\ned. PJM\n\n8:03 PM EST, December 8, 2023\n\nJapan has pledged to provide Ukraine with $4.5 billion this week, officials said.\n";
        let a = ingest(text);
        assert_eq!(
            a.title.unwrap().value,
            "Is the USA abandoning Ukraine? A lifeline from the East"
        );
        assert_eq!(a.date.unwrap().source, Provenance::Line(10));
        let kinds: Vec<_> = a.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds.iter().filter(|k| **k == BlockKind::Caption).count(),
            3
        );
        assert!(kinds.contains(&BlockKind::Footer));
        assert_eq!(a.blocks.last().unwrap().kind, BlockKind::Body);
    }

    #[test]
    fn no_header_at_all() {
        let a = ingest(
            "“A quoted first line that is the body,” the statement said.\nMore text follows in this article, as usual.\n",
        );
        assert!(a.title.is_none() && a.date.is_none() && a.source_url.is_none());
        assert!(a.blocks.iter().all(|b| b.kind == BlockKind::Body));
    }

    #[test]
    fn byline_with_agency_after_a_separator() {
        for sep in [" | ", "|", " - ", " — "] {
            let a = ingest(&format!(
                "A headline about the summit\nBy Jane Smith and John Doe{sep}Reuters\nThe first sentence of the body is here and long enough.\n"
            ));
            assert_eq!(
                a.byline.unwrap().value,
                "Jane Smith and John Doe",
                "{sep:?}"
            );
            let o = a.outlet.unwrap();
            assert_eq!(
                (o.value.as_str(), o.source),
                ("Reuters", Provenance::Line(2))
            );
        }
        let a = ingest(
            "A headline\nBy Kim Min-jun\nThe first sentence of the body is here and long enough.\n",
        );
        assert_eq!(a.byline.unwrap().value, "Kim Min-jun");
        assert!(a.outlet.is_none());
    }

    #[test]
    fn second_date_line_stays_in_the_header() {
        let body = "The first sentence of the body is here and long enough.\n";
        let a = ingest(&format!(
            "A headline\nPublished May 18, 2023\nUpdated May 19, 2023\n{body}"
        ));
        assert_eq!(a.date.unwrap().source, Provenance::Line(2));
        assert_eq!(a.blocks[2].kind, BlockKind::Metadata);
        // An update date first gives way to the publication date.
        let a = ingest(&format!(
            "A headline\nUpdated: 2023-05-20 08:00 UTC\n2023-05-18\n{body}"
        ));
        let d = a.date.unwrap();
        assert_eq!(
            (d.value.to_string(), d.source),
            ("2023-05-18".into(), Provenance::Line(3))
        );
        assert!(a.blocks[1].reason.starts_with("update date"));
        assert_eq!(a.blocks[3].kind, BlockKind::Body);
    }

    #[test]
    fn iso_datetime_and_updated() {
        let a = ingest(
            "Some Title Here For Testing\nUpdated 2023-05-19T14:03:00+09:00\nSource: https://x.org/y\nBody sentence one goes here and it is long enough.\n",
        );
        assert_eq!(a.date.unwrap().value.to_string(), "2023-05-19");
        assert_eq!(a.source_url.unwrap().value, "https://x.org/y");
    }
}

#[cfg(test)]
mod header_shape_tests {
    use super::*;

    #[test]
    fn title_with_colon_or_updated_keeps_header() {
        for title in [
            "John Kelly: There will be no wall",
            "Trump signs order on refugees (updated)",
            "Sean Spicer: 'I don't think the President owns a bathrobe'",
            "How do you reintroduce a herd of bison into the wild?",
            "I Was Ghosted 3 Times In The Last Year.",
        ] {
            let a = ingest(&format!(
                "{title}\n2017-02-03 10:00:00\nhttps://x.com/a\n\nThe body starts here with a sentence that is long enough.\n"
            ));
            assert_eq!(
                a.title.as_ref().map(|t| t.value.as_str()),
                Some(title),
                "{title}"
            );
            assert!(a.date.is_some(), "{title}: date");
            assert!(a.source_url.is_some(), "{title}: url");
        }
    }
}
