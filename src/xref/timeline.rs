//! The timeline of events: one entry per dated claim (one per cluster, from its earliest dated
//! appearance), sorted by date.

use super::clusters::Clustering;
use super::corpus::Work;
use super::model::TimelineEvent;

/// Timeline events sorted by (start, end, article, claim).
pub fn events(w: &Work, cl: &Clustering) -> Vec<TimelineEvent> {
    let mut seen = vec![false; cl.clusters.len()];
    let mut out = Vec::new();
    // Only claims with an event date count (one without does not stand for its cluster).
    let order: Vec<usize> = {
        let dated = |&g: &usize| w.claim(g).event.is_some() && !w.boiler[g];
        let mut o: Vec<usize> = (0..w.gid.len()).filter(dated).collect();
        o.sort_by_key(|&g| super::clusters::order_key(w, g));
        o
    };
    for g in order {
        let c = &w.claim(g);
        let Some(ev) = &c.event else { continue };
        if let Some(k) = cl.of_claim[g] {
            if seen[k] {
                continue;
            }
            seen[k] = true;
        }
        out.push(TimelineEvent {
            start: ev.start,
            end: ev.end,
            text: c.text.clone(),
            article: c.article.clone(),
            claim: c.id.clone(),
            cluster: cl.of_claim[g].map(|k| cl.clusters[k].id.clone()),
            source: ev.source.clone(),
        });
    }
    out.sort_by(|a, b| {
        (a.start, a.end, &a.article, &a.claim).cmp(&(b.start, b.end, &b.article, &b.claim))
    });
    out
}
