//! Splitting a listing into pages: page 1 at the listing's own path (`claims/`), page N at
//! `claims/page/N/` (Zola's and Hugo's URLs), and the `paginator` value templates get.

use serde::Serialize;
use std::ops::Range;

/// Where page `n` (from 1) of the listing at `base` lives, relative to the site root.
pub fn page_path(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// How many pages `total` rows make at `by` per page (an empty listing still has its page).
pub fn pages(total: usize, by: usize) -> usize {
    total.div_ceil(by.max(1)).max(1)
}

/// The rows of page `n` (from 1).
pub fn rows(n: usize, total: usize, by: usize) -> Range<usize> {
    let by = by.max(1);
    let start = ((n.max(1) - 1) * by).min(total);
    start..(start + by).min(total)
}

/// One page of a listing, as templates see it (`page.paginator`). URLs are relative to the site
/// root, like every URL templates get (prefix them with `page.root`).
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Paginator {
    /// This page's number, from 1.
    pub current_index: usize,
    pub number_pagers: usize,
    pub paginate_by: usize,
    pub total_items: usize,
    /// Row numbers shown on this page, from 1 (`first_item` > `last_item` when empty).
    pub first_item: usize,
    pub last_item: usize,
    pub first: String,
    pub last: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Whether there is a previous or next page (the home page's path is "", which templates
    /// would read as false).
    pub has_previous: bool,
    pub has_next: bool,
    /// The page links to show: the first and last pages, and two either side of this one;
    /// a pager with `index` 0 is a gap ("…").
    pub pagers: Vec<Pager>,
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct Pager {
    pub index: usize,
    pub url: String,
    pub current: bool,
}

impl Paginator {
    pub fn new(base: &str, n: usize, total: usize, by: usize) -> Paginator {
        let count = pages(total, by);
        let n = n.clamp(1, count);
        let shown = rows(n, total, by);
        let mut pagers = Vec::new();
        for i in 1..=count {
            let near = i.abs_diff(n) <= 2 || i == 1 || i == count;
            if near {
                pagers.push(Pager {
                    index: i,
                    url: page_path(base, i),
                    current: i == n,
                });
            } else if pagers.last().is_some_and(|p| p.index != 0) {
                pagers.push(Pager {
                    index: 0,
                    url: String::new(),
                    current: false,
                });
            }
        }
        Paginator {
            current_index: n,
            number_pagers: count,
            paginate_by: by,
            total_items: total,
            first_item: shown.start + 1,
            last_item: shown.end,
            first: page_path(base, 1),
            last: page_path(base, count),
            has_previous: n > 1,
            has_next: n < count,
            previous: (n > 1).then(|| page_path(base, n - 1)),
            next: (n < count).then(|| page_path(base, n + 1)),
            pagers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_rows() {
        assert_eq!(pages(0, 10), 1);
        assert_eq!(pages(10, 10), 1);
        assert_eq!(pages(11, 10), 2);
        assert_eq!(rows(2, 11, 10), 10..11);
        assert_eq!(rows(3, 11, 10), 11..11);
        assert_eq!(page_path("claims/", 1), "claims/");
        assert_eq!(page_path("", 3), "page/3/");
    }

    #[test]
    fn pagers_show_ends_and_neighbours_with_gaps() {
        let p = Paginator::new("claims/", 6, 200, 10);
        let idx: Vec<usize> = p.pagers.iter().map(|p| p.index).collect();
        assert_eq!(idx, [1, 0, 4, 5, 6, 7, 8, 0, 20]);
        assert_eq!(p.previous.as_deref(), Some("claims/page/5/"));
        assert_eq!(p.next.as_deref(), Some("claims/page/7/"));
        assert_eq!((p.first_item, p.last_item), (51, 60));
        let one = Paginator::new("tags/x/", 1, 3, 10);
        assert_eq!(one.number_pagers, 1);
        assert!(one.previous.is_none() && one.next.is_none());
        assert_eq!(one.pagers.len(), 1);
    }
}
