//! Checks that a template's blocks are closed before Tera parses it. Tera reports an unclosed
//! `{% if %}` where its parse fails, often the `{% endblock %}` many lines further on; this names
//! the line where the block was opened, which is where the fix goes.

use crate::error::Error;

/// Tags that open a block closed by `end<tag>`.
const OPENERS: &[&str] = &["if", "for", "block", "macro", "filter", "raw"];

/// `Ok` when every block in `text` is closed in order; else an error naming `name` and the line.
pub fn check(name: &str, text: &str) -> Result<(), Error> {
    let fail = |message: String| Error::Template {
        template: name.to_string(),
        message,
    };
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(i) = rest.find("{%").or_else(|| rest.find("{#")) {
        let (start, is_comment) = match (rest.find("{%"), rest.find("{#")) {
            (Some(a), Some(b)) if b < a => (b, true),
            (Some(a), _) => (a, false),
            (None, Some(b)) => (b, true),
            (None, None) => (i, false),
        };
        let close = if is_comment { "#}" } else { "%}" };
        let line = 1 + text[..offset + start].matches('\n').count();
        let Some(len) = rest[start + 2..].find(close) else {
            return Err(fail(format!(
                "line {line}: this tag is never closed with `{close}`"
            )));
        };
        let inner = &rest[start + 2..start + 2 + len];
        offset += start + 2 + len + 2;
        rest = &text[offset..];
        if is_comment {
            continue;
        }
        let word = inner.trim_matches(['-', '+', ' ', '\t', '\n', '\r']);
        let word = word.split_whitespace().next().unwrap_or("");
        if open.last().is_some_and(|(t, _)| *t == "raw") && word != "endraw" {
            continue;
        }
        if OPENERS.contains(&word) {
            open.push((word, line));
        } else if let Some(tag) = word.strip_prefix("end").filter(|t| OPENERS.contains(t)) {
            match open.pop() {
                Some((t, _)) if t == tag => {}
                Some((t, at)) => {
                    return Err(fail(format!(
                        "line {at}: `{{% {t} %}}` is never closed (line {line} closes a `{tag}` instead); add `{{% end{t} %}}` where the {t} ends"
                    )));
                }
                None => {
                    return Err(fail(format!(
                        "line {line}: `{{% end{tag} %}}` has no `{{% {tag} %}}` to close"
                    )));
                }
            }
        }
    }
    match open.pop() {
        Some((t, at)) => Err(fail(format!(
            "line {at}: `{{% {t} %}}` is never closed; add `{{% end{t} %}}` where the {t} ends"
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        check("t.html", text).unwrap_err().to_string()
    }

    #[test]
    fn names_the_line_where_the_unclosed_block_opened() {
        let mut t = String::from("{% extends \"base.html\" %}\n{% block content %}\n<p>\n");
        t.push_str("{% if page.title %}\n<h1>x</h1>\n");
        t.push_str(&"<p>filler</p>\n".repeat(40));
        t.push_str("{% endblock content %}\n");
        let e = err(&t);
        assert!(e.contains("line 4") && e.contains("{% if %}"), "{e}");
        assert!(err("{% for a in b %}\n{% endif %}").contains("line 1"));
        assert!(err("x\n{% endfor %}").contains("line 2"));
        assert!(
            err("{% if a %}\n{# {% endif %} #}\n").contains("line 1"),
            "comments do not count"
        );
    }

    #[test]
    fn well_formed_templates_pass() {
        let t = "{% if a %}{% for x in y -%}{{ x }}{% else %}none{%- endfor %}{% elif b %}{% endif %}\n{% raw %}{% if %}{% endraw %}{% set z = 1 %}";
        assert!(check("t.html", t).is_ok());
        for (name, text) in super::super::templates::DEFAULTS {
            assert!(check(name, text).is_ok(), "{name}");
        }
    }
}
