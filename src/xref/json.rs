//! The data files the renderer writes verbatim:
//!
//! `site/data/claims.json` — `{ "clusters": [ { "id", "text", "appearances": [ { "article",
//! "file", "line", "text", "date" } ], "figures": [ { "kind", "value", "currency", "text" } ],
//! "dates": [ { "kind", "text", "start", "end" } ], "entities": [ { "id", "name", "kind" } ] } ] }`,
//! clusters sorted by id, appearances earliest first (every appearance is the `same` claim as
//! the first); and `"links": [ { "a", "b", "strength": "same" | "related", "score" } ]`, every
//! pair of claims of two articles the matcher pairs, sorted by claim ids.
//!
//! `site/data/flags.json` — `{ "flags": [ { "id", "kind", "severity", "article", "file", "line",
//! "related", "claims", "message", "evidence": [ { "file", "line", "text" } ], "diff", "share",
//! "window" } ] }`, sorted by file, line and kind.

use super::model::{CrossRef, Entity, Figure};
use serde_json::{Value, json};
use std::collections::HashMap;

impl CrossRef {
    /// Contents of `site/data/claims.json`.
    pub fn claims_json(&self) -> Value {
        let entities: HashMap<&str, &Entity> =
            self.entities.iter().map(|e| (e.id.as_str(), e)).collect();
        let clusters: Vec<Value> = self
            .clusters
            .iter()
            .map(|c| {
                json!({
                    "id": c.id,
                    "text": c.text,
                    "appearances": c.appearances.iter().map(|a| json!({
                        "article": a.article, "file": a.file, "line": a.line, "text": a.text, "date": a.date,
                    })).collect::<Vec<_>>(),
                    "figures": c.figures.iter().map(figure).collect::<Vec<_>>(),
                    "dates": c.dates.iter().map(|d| json!({
                        "kind": d.kind, "text": d.text, "start": d.start, "end": d.end,
                    })).collect::<Vec<_>>(),
                    "entities": c.entities.iter().map(|id| {
                        let e = entities.get(id.as_str());
                        json!({ "id": id, "name": e.map(|e| e.name.as_str()), "kind": e.map(|e| e.kind) })
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({ "clusters": clusters, "links": self.links })
    }

    /// Contents of `site/data/flags.json`.
    pub fn flags_json(&self) -> Value {
        json!({ "flags": self.flags })
    }
}

fn figure(f: &Figure) -> Value {
    json!({ "kind": f.kind, "value": f.value, "currency": f.currency, "text": f.text })
}
