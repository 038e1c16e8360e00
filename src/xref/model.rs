//! Plain data produced by the cross-reference pass, read by the renderer and written to
//! `site/data/claims.json` / `flags.json`. Everything here is serde-serialisable, in a stable
//! order (articles by file, claims by position, clusters by id, flags by file/line/kind), and
//! every id is derived from content, not from iteration order.

use chrono::NaiveDate;
use serde::Serialize;

/// Result of [`crate::xref::cross_reference`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct CrossRef {
    /// One entry per article, in corpus order (sorted by file), with its claims.
    pub articles: Vec<ArticleXref>,
    /// Claims seen in more than one place (across articles or twice in one), sorted by id.
    pub clusters: Vec<Cluster>,
    /// Pairs of articles sharing matched claims, sorted by (later, earlier).
    pub reuse: Vec<Reuse>,
    /// Claims of two articles the matcher pairs, each `same` (the same claim: it makes the
    /// clusters' appearances and the reuse figures) or `related` (the same subject or template,
    /// other facts), sorted by (a, b).
    pub links: Vec<ClaimLink>,
    /// Findings, sorted by (file, line, kind, message).
    pub flags: Vec<Flag>,
    /// People, places and organisations with their spellings, sorted by id.
    pub entities: Vec<Entity>,
    /// Dated events, sorted by start date then article and claim.
    pub timeline: Vec<TimelineEvent>,
    /// Amounts that change over time for one subject (not contradictions), sorted by id.
    pub figure_timelines: Vec<FigureTimeline>,
    /// Fact-checkers' verdicts and where their claim appears, sorted by check slug.
    pub verdicts: Vec<VerdictLink>,
    /// Problems with inputs of this pass (e.g. an invalid `aliases.toml`).
    pub warnings: Vec<crate::content::Warning>,
}

/// The cross-reference data of one article.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ArticleXref {
    pub slug: String,
    /// Path relative to `content/`.
    pub file: String,
    /// Publication date from ingest, if any.
    pub date: Option<NaiveDate>,
    /// For undated articles: the window the text and matched articles suggest.
    pub date_window: Option<DateWindow>,
    /// Checkable sentences of the body, in reading order.
    pub claims: Vec<Claim>,
}

/// A range of days with the reason it was inferred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateWindow {
    /// First possible day (inclusive); `None` when unbounded.
    pub start: Option<NaiveDate>,
    /// Last possible day (inclusive); `None` when unbounded.
    pub end: Option<NaiveDate>,
    /// Plain-English basis, e.g. "mentions May 21, 2022; shares 12 claims with 000 (2022-05-15)".
    pub basis: String,
}

/// Byte range inside a block's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A checkable sentence of an article body.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Claim {
    /// Stable id: `<article slug>:<line>:<sentence index in the block>`.
    pub id: String,
    pub article: String,
    /// 1-based line of the block in the article file.
    pub line: usize,
    /// Index of the block in `Article::blocks`.
    pub block: usize,
    /// Byte span of the sentence inside the block text.
    pub span: Span,
    /// The sentence as written.
    pub text: String,
    pub figures: Vec<Figure>,
    pub dates: Vec<DateRef>,
    pub quotes: Vec<Quote>,
    /// Ids of the entities mentioned (see [`Entity`]), sorted, unique.
    pub entities: Vec<String>,
    /// Best estimate of when the event happened, with the words it came from.
    pub event: Option<EventDate>,
    /// Cluster id when the claim appears elsewhere too.
    pub cluster: Option<String>,
}

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// An amount of money (`currency` is set).
    Money,
    /// A plain count ("499 Russians", "25,000 helmets").
    Count,
    /// A percentage ("40%", "40 percent").
    Percent,
    /// "29 of 30": `value` is 29, `of` is 30.
    Ratio,
}

/// A number stated in a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub kind: FigureKind,
    /// The value in units (4.5e9 for "$4.5 billion").
    pub value: f64,
    /// The value in thousandths of a unit, for exact comparison (money as integers).
    pub milli: i64,
    /// ISO-like currency code ("USD", "EUR", "GBP", "JPY", …) for money.
    pub currency: Option<String>,
    /// Denominator of a ratio.
    pub of: Option<i64>,
    /// The noun counted, stemmed ("helmet"), when there is one.
    pub unit: Option<String>,
    /// "over", "about", "nearly", "up to", … when the figure is hedged.
    pub qualifier: Option<String>,
    /// The figure as written.
    pub text: String,
    /// Byte span within the claim text.
    pub span: Span,
}

/// How a date reference was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// "May 21, 2022", "2022-05-21".
    Explicit,
    /// "February 24" (year inferred from the publication date).
    MonthDay,
    /// "in March", "last February", "the February invasion".
    Month,
    /// "on Friday", "Tuesday".
    Weekday,
    /// "last week", "two days ago", "earlier this year", "yesterday".
    Relative,
}

/// A date expression in a claim, resolved to a range of days.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DateRef {
    pub kind: DateKind,
    /// The words as written.
    pub text: String,
    /// Byte span within the claim text.
    pub span: Span,
    /// First day of the range (inclusive).
    pub start: NaiveDate,
    /// Last day of the range (inclusive).
    pub end: NaiveDate,
    /// True for expressions that present the event as current relative to the dateline
    /// ("this week", "today", "on Sunday", "last week").
    pub current: bool,
    /// True when resolved against the publication date (false for explicit dates).
    pub anchored: bool,
}

/// When a claim's event happened, as a day or a range.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct EventDate {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The words the estimate came from ("last week", "May 21, 2022").
    pub source: String,
}

/// A quotation inside a claim.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// Byte span of the quoted words within the claim text.
    pub span: Span,
    /// Who the text says spoke, as written ("Zelensky", "the official").
    pub speaker: Option<String>,
    /// Entity id of the speaker when it is a known entity.
    pub speaker_entity: Option<String>,
}

/// One place a clustered claim appears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Appearance {
    pub article: String,
    pub file: String,
    pub claim: String,
    pub line: usize,
    pub text: String,
    pub date: Option<NaiveDate>,
}

/// One word-level edit operation against the earliest appearance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffOp {
    /// "equal", "insert" or "delete".
    pub op: String,
    pub text: String,
}

/// A word-level diff of one appearance against the earliest one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimDiff {
    pub claim: String,
    pub article: String,
    /// 0..1 similarity score used for the match.
    pub score: f64,
    pub ops: Vec<DiffOp>,
}

/// A claim that appears in several places, verbatim or reworded.
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    /// `c-<hash of the normalised earliest text>`: stable across builds.
    pub id: String,
    /// Canonical text: the earliest appearance.
    pub text: String,
    /// Every appearance, earliest first.
    pub appearances: Vec<Appearance>,
    /// Distinct figures stated across appearances.
    pub figures: Vec<Figure>,
    /// Distinct dates stated across appearances.
    pub dates: Vec<DateRef>,
    /// Entity ids mentioned across appearances, sorted.
    pub entities: Vec<String>,
    /// Diffs of every later appearance against the earliest, in appearance order.
    pub diffs: Vec<ClaimDiff>,
}

/// Two claims of different articles the matcher pairs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimLink {
    /// Claim ids, `a` < `b`.
    pub a: String,
    pub b: String,
    pub strength: super::links::Strength,
    /// 0..1 matching score.
    pub score: f64,
}

/// One article reusing another's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reuse {
    /// Slug of the earlier article (the source).
    pub earlier: String,
    /// Slug of the later article (the copy).
    pub later: String,
    /// Share (0..1) of the later article's body text that matches the earlier one.
    pub share: f64,
    /// Number of the later article's claims matched in the earlier one.
    pub matched: usize,
    /// Whether matched sentences come in the same order (≥ 80% in sequence).
    pub order_kept: bool,
    /// How direction was decided ("datelines", "inferred window", "file order").
    pub direction: String,
}

/// How serious a flag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses "info" / "warning" / "error".
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// What a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    Republished,
    DatelineAnachronism,
    AlteredQuote,
    FigureMismatch,
    DuplicatePassage,
    InjectedText,
    MissingDate,
    MissingSource,
    NameVariant,
    /// An article that says it corrects another, and the words that changed.
    Correction,
}

impl FlagKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::Republished => "republished",
            FlagKind::DatelineAnachronism => "dateline_anachronism",
            FlagKind::AlteredQuote => "altered_quote",
            FlagKind::FigureMismatch => "figure_mismatch",
            FlagKind::DuplicatePassage => "duplicate_passage",
            FlagKind::InjectedText => "injected_text",
            FlagKind::MissingDate => "missing_date",
            FlagKind::MissingSource => "missing_source",
            FlagKind::NameVariant => "name_variant",
            FlagKind::Correction => "correction",
        }
    }
}

/// A quoted line backing a flag.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Evidence {
    /// Path relative to `content/`.
    pub file: String,
    pub line: usize,
    /// 1-based sentence of the line the text is, when it is one sentence of it (a one-paragraph
    /// article holds the whole body on one line: the sentence is what the flag points at).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<usize>,
    pub text: String,
}

/// A finding about an article.
#[derive(Debug, Clone, Serialize)]
pub struct Flag {
    /// Stable id: `f-<hash of kind, article, claims, related>`.
    pub id: String,
    pub kind: FlagKind,
    pub severity: Severity,
    /// Slug of the article the flag is about.
    pub article: String,
    /// File of that article (relative to `content/`), for linter output.
    pub file: String,
    /// Line the flag points at in `file` (the first evidence line in it, or 1).
    pub line: usize,
    /// Slugs of the other articles involved, sorted.
    pub related: Vec<String>,
    /// Claim ids involved (this article's first, then others').
    pub claims: Vec<String>,
    /// Plain-English explanation.
    pub message: String,
    /// Quoted lines, this article's first.
    pub evidence: Vec<Evidence>,
    /// Word-level diff for `altered_quote` (old → new) and reworded copies.
    pub diff: Option<Vec<DiffOp>>,
    /// Share of the body copied (for `republished`).
    pub share: Option<f64>,
    /// Inferred date window (for `missing_date`).
    pub window: Option<DateWindow>,
}

/// Kind of named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Place,
    Org,
}

/// One spelling of an entity and how often it was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    pub name: String,
    pub count: usize,
    /// Slugs of the articles that use this spelling, sorted.
    pub articles: Vec<String>,
}

/// A person, place or organisation with its spellings merged.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    /// Stable id: `e-<slug of the canonical name>`.
    pub id: String,
    /// Canonical name: the longest common full form (alias table or most frequent full name).
    pub name: String,
    pub kind: EntityKind,
    /// Spellings seen, most frequent first.
    pub variants: Vec<Variant>,
    /// Slugs of the articles mentioning it, sorted.
    pub articles: Vec<String>,
}

/// A dated event for the timeline page.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEvent {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub text: String,
    pub article: String,
    pub claim: String,
    /// Cluster of the claim, if any (one event per cluster).
    pub cluster: Option<String>,
    /// The words the date came from.
    pub source: String,
}

/// One value in a figure timeline.
#[derive(Debug, Clone, Serialize)]
pub struct FigurePoint {
    /// Publication date (or event date) the value was stated for.
    pub date: NaiveDate,
    pub figure: Figure,
    pub article: String,
    pub claim: String,
    pub text: String,
}

/// A figure that changes over time for one subject ("Japan's aid to Ukraine: $600 million in May
/// 2022 → over $7 billion in December 2023"). Not a contradiction.
#[derive(Debug, Clone, Serialize)]
pub struct FigureTimeline {
    /// Stable id: `t-<hash of the subject and first claim>`.
    pub id: String,
    /// Subject, e.g. "Japan · Ukraine (USD)".
    pub subject: String,
    /// Entity ids shared by the statements.
    pub entities: Vec<String>,
    /// Values by date, oldest first.
    pub points: Vec<FigurePoint>,
}

/// A fact-checker's verdict and every appearance of the claim it rates.
#[derive(Debug, Clone, Serialize)]
pub struct VerdictLink {
    /// Slug of the check (`content/checks/<slug>.md`).
    pub check: String,
    pub claim: String,
    pub rating: String,
    /// Clusters the verdict applies to, sorted.
    pub clusters: Vec<String>,
    /// Every matched appearance (clustered or single), earliest first.
    pub appearances: Vec<Appearance>,
}
