//! Classifying lines that are not article text: captions and photo credits, link spam and
//! boilerplate ("See also …", "Related content", "Video: …"), footers ("Published By:", "ed. PJM").
//! Nothing is dropped: the kind and the reason travel with the line to the page.

use super::model::BlockKind;
use regex::Regex;
use std::sync::LazyLock;

struct Rule {
    kind: BlockKind,
    re: Regex,
    reason: &'static str,
}

/// The reason given to a video player's label ("JUST WATCHED … Replay More Videos … MUST WATCH
/// … 02:24"): page furniture naming a clip the page embeds.
pub const VIDEO_LABEL: &str = "video player label";

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let rule = |kind, pattern: &str, reason| Rule {
        kind,
        re: Regex::new(pattern).expect("clean pattern"),
        reason,
    };
    vec![
        rule(
            BlockKind::Boilerplate,
            r"(?i)^(?:\(\s*also on [a-z][\w.]*(?: [a-z][\w.]*)?\s*:|(?:see also|also read|read more|read also|related (?:content|articles?|stories|coverage|news)|recommended stories|more on this|click here|sign up|subscribe to|follow us|share this(?: article)?)\b\s*[:\-–—|]?|(?:related|recommended|watch|video|listen|podcast|advertisement|sponsored|trending)\s*[:\-–—|]|(?-i:More|MORE):)",
            "link spam or boilerplate",
        ),
        rule(
            BlockKind::Boilerplate,
            r"^(?:JUST WATCHED|MUST WATCH)\s",
            VIDEO_LABEL,
        ),
        rule(
            BlockKind::Caption,
            r"(?i)^(images? source|image credit|photo( credit)?|picture|credit|source: getty|file photo|caption)s?\s*[:\-–—]",
            "photo caption or credit",
        ),
        // NPR's image widget: "Enlarge this image toggle caption Jae C. Hong/AP Jae C. Hong/AP"
        // (the credit, twice); a longer line is the story scraped onto it.
        rule(
            BlockKind::Caption,
            r"(?i)^(?:enlarge this image\s+)?toggle caption(?:\s+\S+){0,22}\s*$",
            "photo caption or credit",
        ),
        rule(
            BlockKind::Caption,
            r"^(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER) \d{1,2}:\s",
            "agency photo caption (\"MAY 21: …\")",
        ),
        rule(
            BlockKind::Caption,
            r"(?i)\((photo|image|pictured|picture)(\s[^)]*)?\)\s*$|\b(photo by|getty images|ap photo|afp via|reuters/|/nurphoto|/afp|/reuters)\b",
            "photo caption or credit",
        ),
        // Reuters' stills, of any length ("… January 15, 2019 in this screengrab taken from
        // video. Reuters TV via REUTERS"): no sentence of a story says "in this screengrab".
        rule(
            BlockKind::Caption,
            r"(?i)^.*\bin this (?:screen ?grab|still image|handout (?:photo|picture)|file (?:photo|picture))\b",
            "photo caption or credit",
        ),
        rule(
            BlockKind::Footer,
            r"(?i)^(published|edited|written|reported|compiled|translated|updated|posted) by\s*:",
            "credits",
        ),
        rule(
            BlockKind::Footer,
            r"^ed\.\s+[A-Z]{2,5}\.?$|(?i)^(copyright|©|\(c\)\s|all rights reserved)",
            "credits or copyright",
        ),
    ]
});

/// A whole line in brackets that opens with a space and a short label: POLITICO's in-text
/// promotions ("( PHOTOS: 21 landmark SCOTUS rulings)", "( On the Ground Arkansas: …)",
/// "( Also on POLITICO: …)"), which two articles of one outlet share word for word. A note
/// from the editors in that form ("( Update: …)", "( Correction: …)") is the story's own.
static PROMO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(\s+(?P<label>[^():]{1,40}):\s[^()]*\)$").expect("promo pattern")
});
static NOTE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:editor|note|update|correction|clarification|disclosure|full disclosure)")
        .expect("note label")
});

/// The kind of a non-body line and why, or `None` for article text.
pub fn classify_line(text: &str) -> Option<(BlockKind, &'static str)> {
    let t = text.trim();
    let words = t.split_whitespace().count();
    if words <= 30
        && let Some(c) = PROMO.captures(t)
        && !NOTE_LABEL.is_match(&c["label"])
    {
        return Some((BlockKind::Boilerplate, "link spam or boilerplate"));
    }
    RULES
        .iter()
        .find(|r| {
            // Credit-style rules match anywhere only on short lines; real sentences may name Reuters.
            let caption_anywhere =
                r.reason == "photo caption or credit" && !r.re.as_str().starts_with("(?i)^");
            // A long line that opens with "Share this" or "Video:" is the story itself behind a
            // scraped share bar or label, not a line of link spam.
            let short_only = caption_anywhere || r.kind == BlockKind::Boilerplate;
            (!short_only || words <= 30) && r.re.is_match(t)
        })
        .map(|r| (r.kind, r.reason))
}

/// Bullet characters that mark list items in pasted text.
pub fn strip_bullet(text: &str) -> Option<&str> {
    let t = text.trim_start();
    for b in ["·", "•", "●", "▪", "◦", "- ", "* ", "– "] {
        if let Some(rest) = t.strip_prefix(b) {
            return Some(rest.trim_start());
        }
    }
    None
}

/// A short line without final punctuation in the middle of the text: a sub-heading; or one in
/// title case that ends with a colon ("4. Most In Boston Don't Favor The Death Penalty:").
pub fn looks_like_heading(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    let title_case = || {
        let mut ws = t.trim_end_matches(':').split_whitespace();
        words >= 3 && ws.all(|w| !w.starts_with(|c: char| c.is_lowercase()))
    };
    (2..=14).contains(&words)
        && t.len() <= 110
        && (!t.ends_with(['.', '!', '?', ':', ';', ',', '"', '\'', '”', '’', ')'])
            || t.ends_with(':') && title_case())
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spam_captions_and_footers() {
        let kind = |t| classify_line(t).map(|(k, _)| k);
        assert_eq!(
            kind("See also\u{a0} Rio Ferdinand falls for a prank"),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(kind("Related content"), Some(BlockKind::Boilerplate));
        // USA Today's link lines, glued or not ("More:Al Franken apologizes after …").
        assert_eq!(
            kind(
                "More:Al Franken apologizes after accusations he kissed and groped broadcaster Leeann Tweeden"
            ),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(kind("More than 40 people were hurt on Monday."), None);
        // Reuters' video stills (corpus16), with no credit line.
        assert_eq!(
            kind(
                "British Prime Minister Theresa May speaks after winning a confidence vote, after Parliament rejected her Brexit deal, in London, Britain, January 16, 2019, in this screen grab taken from video. Reuters TV via REUTERS"
            ),
            Some(BlockKind::Caption)
        );
        assert_eq!(
            kind("( PHOTOS: 21 landmark SCOTUS rulings)"),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(
            kind("( On the Ground Arkansas: Democratic legacies on line in 2014)"),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(
            kind("( Correction: An earlier version misstated the vote.)"),
            None
        );
        assert_eq!(
            kind("Video: Biden lands in South Korea USA TODAY"),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(
            kind("Images source: © Getty Images | Beata Zawrzel/NurPhoto"),
            Some(BlockKind::Caption)
        );
        assert_eq!(
            kind("Enlarge this image toggle caption Jae C. Hong/AP Jae C. Hong/AP"),
            Some(BlockKind::Caption)
        );
        assert_eq!(
            kind("toggle caption San Bernardino County Sheriff"),
            Some(BlockKind::Caption)
        );
        let scraped = format!(
            "toggle caption Jae C. Hong/AP {}",
            "The shooting suspects were killed in a gunfight with police. ".repeat(3)
        );
        assert_eq!(kind(&scraped), None);
        assert_eq!(
            kind("MAY 21: In an aerial view, buildings stand on May 21, 2022 in Kharkiv."),
            Some(BlockKind::Caption)
        );
        assert_eq!(
            kind("Leaders meet in Tokyo. (Photo by Jane Doe/Getty Images)"),
            Some(BlockKind::Caption)
        );
        assert_eq!(
            kind("Kishida in Hiroshima (pictured)"),
            Some(BlockKind::Caption)
        );
        // A file name in parentheses is not a credit: Markdown images stay in the body.
        assert_eq!(kind("![Leaders at the summit](photo.png)"), None);
        assert_eq!(kind("![Map](image-of-kharkiv.jpg)"), None);
        assert_eq!(kind("Published By: Aman Gupta"), Some(BlockKind::Footer));
        assert_eq!(kind("ed. PJM"), Some(BlockKind::Footer));
        assert_eq!(
            kind("Japan has pledged to provide Ukraine with $4.5 billion."),
            None
        );
        assert_eq!(kind("Videoconference calls were held on Tuesday."), None);
        // A video player's label: the clip's title and running time, no claim.
        assert_eq!(
            kind(
                "JUST WATCHED Obama angry about gun bill failure Replay More Videos ... MUST WATCH Obama angry about gun bill failure 01:43"
            ),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(
            kind("MUST WATCH Charges being sought against NSA leaker 02:36"),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(kind("Must watch: the debate was lively."), None);
        // An in-text promo for the outlet's other stories.
        assert_eq!(
            kind("( Also on POLITICO: 115K to lose health coverage)"),
            Some(BlockKind::Boilerplate)
        );
        assert_eq!(kind("Also on Tuesday, the Senate voted 52-48."), None);
    }

    #[test]
    fn headings_and_bullets() {
        assert!(looks_like_heading("US assistance to Ukraine till now"));
        assert!(!looks_like_heading(
            "The latest $800 million aid package includes the following:"
        ));
        assert!(looks_like_heading(
            "4. Most In Boston Don't Favor The Death Penalty:"
        ));
        assert!(!looks_like_heading(
            "A 2013 poll by The Boston Globe found:"
        ));
        assert!(!looks_like_heading("Senator Elizabeth Warren said:"));
        assert_eq!(strip_bullet("· 25,000 helmets;"), Some("25,000 helmets;"));
    }
}
