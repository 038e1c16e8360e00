//! Live blogs: pages of timed entries ("[Updated 8:14 a.m. ET] …", "Update at 3:34 p.m. ET:")
//! that restate earlier entries on purpose — a recap at the top, an entry repeating what an
//! earlier one reported, the same embedded post under two updates. A sentence said again inside
//! the entries of a live blog is its way of writing, not a duplicated passage (all 7 such flags
//! on the fourth sample were judged wrong).

use crate::content::Block;
use regex::Regex;
use std::sync::LazyLock;

/// Timed entries a page needs to be a live blog.
pub const MIN_UPDATES: usize = 3;

/// A paragraph opening with an entry's time stamp: "[Updated 10:47 p.m. ET]", "Update at
/// 3:34 p.m. ET.", "UPDATED, 9:31 a.m.:", "10:52 a.m. ET:".
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*\[?\s*(?:updated?\b\s*(?:at\b)?[\s,:-]*)?\d{1,2}:\d{2}\s*(?:a\.?m\.?|p\.?m\.?)(?:\s*(?:ET|EDT|EST|CT|PT|GMT|BST)\b)?\s*[\]:.,-]",
    )
    .expect("update stamp")
});

/// The index of the block holding a live blog's first timed entry, when the page has at least
/// [`MIN_UPDATES`] of them; `None` for any other page.
pub fn entries_start(blocks: &[Block]) -> Option<usize> {
    let mut stamped = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| STAMP.is_match(&b.text));
    let first = stamped.next()?.0;
    (stamped.count() + 1 >= MIN_UPDATES).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(texts: &[&str]) -> Vec<Block> {
        Block::body_lines(texts)
    }

    #[test]
    fn timed_entries_make_a_live_blog_from_the_first_entry() {
        let page = blocks(&[
            "Police are searching for a second suspect.",
            "[Updated 10:47 p.m. ET] The suspect is at Beth Israel hospital, a spokeswoman said.",
            "[Updated 9:49 p.m. ET] The suspect is in serious condition, police said.",
            "Update at 3:34 p.m. ET. The Dream Of Every American:",
        ]);
        assert_eq!(entries_start(&page), Some(1));
    }

    #[test]
    fn times_inside_a_story_or_two_entries_are_no_live_blog() {
        let story = blocks(&[
            "At 3 p.m. ET, they rang a bell from the 16th Street Baptist Church.",
            "The vote is expected at 10:30 a.m. on Tuesday, aides said.",
            "[Updated 9:49 p.m. ET] The bill passed.",
            "Updated 10:12 p.m.: The Senate adjourned.",
        ]);
        assert_eq!(entries_start(&story), None);
    }
}
