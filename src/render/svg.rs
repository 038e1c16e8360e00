//! Pictures drawn at build time as inline SVG (no JavaScript): a timeline of articles and the
//! events they describe, with republished copies and anachronisms marked, and an arc diagram of
//! which article reuses which and how much.

use super::context::article_url;
use super::text::escape;
use crate::content::{Article, Corpus};
use crate::xref::{CrossRef, FlagKind, TimelineEvent};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

const WIDTH: f64 = 760.0;
const LABEL: f64 = 250.0;
const ROW: f64 = 34.0;

/// Articles in date order (undated last, by file).
fn ordered(corpus: &Corpus) -> Vec<&Article> {
    let mut v: Vec<&Article> = corpus.articles.iter().map(AsRef::as_ref).collect();
    v.sort_by(|a, b| {
        let (da, db) = (
            a.date.as_ref().map(|d| d.value),
            b.date.as_ref().map(|d| d.value),
        );
        db.is_some()
            .cmp(&da.is_some())
            .then(da.cmp(&db))
            .then(a.file.cmp(&b.file))
    });
    v
}

fn short(s: &str, n: usize) -> String {
    super::text::shorten(s, n)
}

/// One row per article: its dateline (circle) and the events its claims describe (ticks).
pub fn timeline(corpus: &Corpus, xref: &CrossRef, root: &str) -> String {
    let arts = ordered(corpus);
    let mut dates: Vec<NaiveDate> = arts
        .iter()
        .filter_map(|a| a.date.as_ref().map(|d| d.value))
        .collect();
    dates.extend(xref.timeline.iter().flat_map(|e| [e.start, e.end]));
    let (Some(min), Some(max)) = (dates.iter().min().copied(), dates.iter().max().copied()) else {
        return String::new();
    };
    let x = Scale {
        min,
        span: ((max - min).num_days().max(1)) as f64,
    };
    let height = ROW * arts.len() as f64 + 50.0;
    let mut s = format!(
        "<svg class=\"timeline-svg\" viewBox=\"0 0 {WIDTH} {height}\" aria-labelledby=\"tl-title\"><title id=\"tl-title\">Timeline: articles by dateline (circles) and the events they describe (bars); red rings mark dateline anachronisms</title>"
    );
    let anachronistic: HashSet<&str> = xref
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::DatelineAnachronism)
        .map(|f| f.article.as_str())
        .collect();
    let mut events: HashMap<&str, Vec<&TimelineEvent>> = HashMap::new();
    for e in &xref.timeline {
        events.entry(e.article.as_str()).or_default().push(e);
    }
    for (i, a) in arts.iter().enumerate() {
        let row = Row {
            y: 20.0 + ROW * i as f64,
            events: events.get(a.slug.as_str()).map_or(&[], Vec::as_slice),
            anachronism: anachronistic.contains(a.slug.as_str()),
        };
        timeline_row(&mut s, a, &row, &x, root);
    }
    let axis_y = height - 18.0;
    for (d, anchor) in [(min, "start"), (max, "end")] {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{axis_y}\" font-size=\"11\" text-anchor=\"{anchor}\">{d}</text>",
            x.at(d)
        );
    }
    s.push_str("</svg>");
    s
}

/// One bar pair per month, for a site with too many articles for a row each: how many articles
/// carry a dateline in the month (yellow, above the axis) and how many events the articles place
/// in it (blue, below); a month holding a re-dated copy gets a red mark. Each month links to its
/// page of events.
pub fn months(corpus: &Corpus, xref: &CrossRef, root: &str) -> String {
    use std::collections::BTreeMap;
    let key = |d: NaiveDate| d.format("%Y-%m").to_string();
    // Month → (datelines, events, re-dated copies).
    let mut by: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let redated: HashSet<&str> = (xref.flags.iter())
        .filter(|f| f.kind == FlagKind::DatelineAnachronism)
        .map(|f| f.article.as_str())
        .collect();
    for a in corpus.articles.iter() {
        if let Some(d) = &a.date {
            let e = by.entry(key(d.value)).or_default();
            e.0 += 1;
            e.2 += usize::from(redated.contains(a.slug.as_str()));
        }
    }
    for e in &xref.timeline {
        by.entry(key(e.start)).or_default().1 += 1;
    }
    if by.is_empty() {
        return String::new();
    }
    let most =
        |f: fn(&(usize, usize, usize)) -> usize| by.values().map(f).max().unwrap_or(1).max(1);
    let (top_a, top_e) = (most(|v| v.0) as f64, most(|v| v.1) as f64);
    let (half, axis) = (110.0, 130.0);
    let step = (WIDTH - 20.0) / by.len() as f64;
    let bar = (step * 0.8).max(1.0);
    let mut s = format!(
        "<svg class=\"timeline-svg\" viewBox=\"0 0 {WIDTH} {}\" aria-labelledby=\"tlm-title\"><title id=\"tlm-title\">Per month: articles dated in it (yellow, up to {top_a}) and events the articles place in it (blue, down to {top_e}); red marks a month with a re-dated copy</title>",
        axis * 2.0 + 10.0
    );
    for (i, (month, (arts, events, red))) in by.iter().enumerate() {
        let x = 10.0 + step * i as f64;
        let (ha, he) = (*arts as f64 / top_a * half, *events as f64 / top_e * half);
        // Only months with events have a page.
        let (open, close) = if *events > 0 {
            (format!("<a href=\"{root}timeline/{month}/\">"), "</a>")
        } else {
            (String::new(), "")
        };
        let _ = write!(
            s,
            "{open}<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{ha:.1}\" fill=\"#e0a100\"><title>{month}: {arts} articles dated</title></rect><rect x=\"{x:.1}\" y=\"{axis}\" width=\"{bar:.1}\" height=\"{he:.1}\" fill=\"#3b82c4\" fill-opacity=\"0.7\"><title>{month}: {events} events</title></rect>{close}",
            axis - ha
        );
        if *red > 0 {
            let _ = write!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#c62828\"><title>{month}: {red} re-dated copies</title></circle>",
                x + bar / 2.0,
                axis - ha - 8.0
            );
        }
    }
    let (first, last) = (by.keys().next(), by.keys().next_back());
    if let (Some(first), Some(last)) = (first, last) {
        let _ = write!(
            s,
            "<text x=\"10\" y=\"{}\" font-size=\"11\">{first}</text><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{last}</text>",
            axis * 2.0 + 5.0,
            WIDTH - 10.0,
            axis * 2.0 + 5.0
        );
    }
    s.push_str("</svg>");
    s
}

/// Dates to x positions on the timeline.
struct Scale {
    min: NaiveDate,
    /// Days from the first date to the last (at least 1).
    span: f64,
}

impl Scale {
    fn at(&self, d: NaiveDate) -> f64 {
        LABEL + 10.0 + (d - self.min).num_days() as f64 / self.span * (WIDTH - LABEL - 30.0)
    }
}

/// What one timeline row shows besides its article.
struct Row<'x> {
    y: f64,
    events: &'x [&'x TimelineEvent],
    anachronism: bool,
}

/// One article's row: title link, rule, event bars and the dateline circle.
fn timeline_row(s: &mut String, a: &Article, row: &Row, x: &Scale, root: &str) {
    let y = row.y;
    let _ = write!(
        s,
        "<a href=\"{root}{}\"><text x=\"4\" y=\"{:.1}\" font-size=\"12\">{}</text></a>",
        article_url(&a.slug),
        y + 4.0,
        escape(&short(&a.title.value, 38))
    );
    let _ = write!(
        s,
        "<line x1=\"{LABEL}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"currentColor\" stroke-opacity=\"0.15\"/>",
        WIDTH - 10.0
    );
    for e in row.events {
        let (x1, x2) = (x.at(e.start), x.at(e.end).max(x.at(e.start) + 2.0));
        let _ = write!(
            s,
            "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" fill=\"#3b82c4\" fill-opacity=\"0.6\"><title>{}: {}</title></rect>",
            y - 4.0,
            x2 - x1,
            escape(&e.source),
            escape(&short(&e.text, 120))
        );
    }
    if let Some(d) = &a.date {
        let stroke = if row.anachronism {
            "stroke=\"#c62828\" stroke-width=\"3\""
        } else {
            "stroke=\"none\""
        };
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{y}\" r=\"6\" fill=\"#e0a100\" {stroke}><title>dateline {}</title></circle>",
            x.at(d.value),
            d.value
        );
    }
}

/// Arc diagram: articles in date order down the left; an arc from each source to its copy,
/// thicker for a larger share.
pub fn reuse_graph(corpus: &Corpus, xref: &CrossRef, root: &str) -> String {
    if xref.reuse.is_empty() {
        return String::new();
    }
    let arts = ordered(corpus);
    let rows: HashMap<&str, usize> = arts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.slug.as_str(), i))
        .collect();
    let pos = |slug: &str| rows.get(slug).copied();

    let height = ROW * arts.len() as f64 + 20.0;
    let node_x = 300.0;
    let mut s = format!(
        "<svg class=\"reuse-svg\" viewBox=\"0 0 {WIDTH} {height}\" aria-labelledby=\"reuse-title\"><title id=\"reuse-title\">Text reuse: each arc joins an earlier article to a later one that copies it; the label gives the share of the later article copied</title>"
    );
    for (i, a) in arts.iter().enumerate() {
        let y = 20.0 + ROW * i as f64;
        let date = a
            .date
            .as_ref()
            .map(|d| d.value.to_string())
            .unwrap_or_else(|| "undated".into());
        let _ = write!(
            s,
            "<a href=\"{root}{}\"><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{} · {}</text></a><circle cx=\"{node_x}\" cy=\"{y}\" r=\"5\" fill=\"currentColor\"/>",
            article_url(&a.slug),
            node_x - 12.0,
            y + 4.0,
            escape(&short(&a.title.value, 30)),
            date
        );
    }
    for r in &xref.reuse {
        let (Some(i), Some(j)) = (pos(&r.earlier), pos(&r.later)) else {
            continue;
        };
        let (y1, y2) = (20.0 + ROW * i as f64, 20.0 + ROW * j as f64);
        let bend = node_x + 40.0 + (y2 - y1).abs() * 0.9;
        let w = 1.0 + r.share * 8.0;
        let _ = write!(
            s,
            "<path d=\"M{node_x},{y1} C{bend:.1},{y1} {bend:.1},{y2} {node_x},{y2}\" fill=\"none\" stroke=\"#c62828\" stroke-opacity=\"0.7\" stroke-width=\"{w:.1}\" marker-end=\"none\"><title>{} copies {} ({:.0}%)</title></path>",
            escape(&r.later),
            escape(&r.earlier),
            r.share * 100.0
        );
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{:.0}% copied{}</text>",
            bend * 0.75 + node_x * 0.25 + 6.0,
            (y1 + y2) / 2.0 + 4.0,
            r.share * 100.0,
            if r.order_kept {
                ", same order"
            } else {
                ", reordered"
            }
        );
    }
    s.push_str("</svg>");
    s
}
