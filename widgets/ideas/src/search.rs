//! Matching that ignores accents and case, the way people type in a search box: "reunion"
//! finds "Reunión". The server folds the same way for the ideas not loaded yet.

/// Lower case without diacritics (Latin letters used in Spanish, Catalan, Portuguese, French,
/// German). Other characters pass through lower-cased.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let base = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => {
                'a'
            }
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            'ç' | 'Ç' => 'c',
            _ => {
                out.extend(c.to_lowercase());
                continue;
            }
        };
        out.push(base);
    }
    out
}

/// The folded search terms of what was typed (empty = no search).
pub fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_string).collect()
}

/// Whether every term appears in the title or the body.
pub fn matches(terms: &[String], title: &str, body: &str) -> bool {
    if terms.is_empty() {
        return true;
    }
    let haystack = [fold(title), fold(body)].join("\n");
    terms.iter().all(|t| haystack.contains(t.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(
            fold("Reunión CORTA del Señor Müller"),
            "reunion corta del senor muller"
        );
        assert_eq!(fold("ÇA VA"), "ca va");
    }

    #[test]
    fn every_term_must_match_title_or_body() {
        let t = terms("  reunion  LUNES ");
        assert_eq!(t, ["reunion", "lunes"]);
        assert!(matches(&t, "Reunión corta", "los lunes a las 9"));
        assert!(!matches(&t, "Reunión corta", "los martes"));
        assert!(matches(&[], "x", ""));
    }
}
