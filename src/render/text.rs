//! Small text helpers shared by the renderers: escaping for HTML and XML (one audited function
//! for pages, SVG, feeds and the sitemap) and shortening for titles and summaries.

/// Escapes text for HTML or XML content and attribute values, and drops the characters XML 1.0
/// forbids (C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\u{FFFF}\n"),
            "a&lt;b&gt;&amp;&quot;c&#39;\n"
        );
    }

    #[test]
    fn shortens_on_characters() {
        assert_eq!(shorten("Zélensky", 3), "Zél…");
        assert_eq!(shorten("Kyiv", 4), "Kyiv");
    }
}
