//! Turning raw bytes into text: UTF-8 (with or without BOM) or a detected legacy encoding
//! (chardetng + encoding_rs, with a warning); binary files are refused. Line ends become `\n`.

/// Result of decoding one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    Text {
        text: String,
        warning: Option<String>,
    },
    Binary,
}

/// Decodes `bytes`; NUL bytes in the first 8 KiB mean binary.
pub fn decode(bytes: &[u8]) -> Decoded {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) && !looks_utf16(bytes) {
        return Decoded::Binary;
    }
    let (text, warning) = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (cow, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let w = (enc != encoding_rs::UTF_8)
            .then(|| format!("decoded as {} (byte-order mark)", enc.name()));
        (cow.into_owned(), w)
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_string(), None)
    } else {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        let enc = det.guess(None, chardetng::Utf8Detection::Allow);
        let (cow, _, had_errors) = enc.decode(bytes);
        let w = if had_errors {
            format!(
                "not valid UTF-8; decoded as {} with some characters replaced — save the file as UTF-8",
                enc.name()
            )
        } else {
            format!(
                "not valid UTF-8; decoded as {} — save the file as UTF-8",
                enc.name()
            )
        };
        (cow.into_owned(), Some(w))
    };
    Decoded::Text {
        text: normalise_newlines(&text),
        warning,
    }
}

fn looks_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

fn normalise_newlines(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_crlf() {
        let d = decode(b"\xEF\xBB\xBFTitle\r\nline\r\n");
        assert_eq!(
            d,
            Decoded::Text {
                text: "Title\nline\n".into(),
                warning: None
            }
        );
    }

    #[test]
    fn latin1_is_detected_with_warning() {
        let d = decode(b"Caf\xe9 au lait et cr\xe8me br\xfbl\xe9e pour le d\xe9jeuner");
        match d {
            Decoded::Text { text, warning } => {
                assert!(text.starts_with("Café"), "{text}");
                assert!(warning.unwrap().contains("not valid UTF-8"));
            }
            Decoded::Binary => panic!("binary"),
        }
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0IHDR"), Decoded::Binary);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for c in "Hi\n".encode_utf16() {
            bytes.extend_from_slice(&c.to_le_bytes());
        }
        match decode(&bytes) {
            Decoded::Text { text, .. } => assert_eq!(text, "Hi\n"),
            Decoded::Binary => panic!("binary"),
        }
    }
}
