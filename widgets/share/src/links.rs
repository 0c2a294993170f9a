//! Building the links employees share: URL checks, UTM parameters and the text with its
//! disclosure. Pure functions, tested natively.

/// Why a `url` attribute cannot be shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    Missing,
    NotHttp,
    TooLong,
}

pub const MAX_URL_LEN: usize = 2048;

/// Only absolute http(s) URLs with a host are shared: `javascript:`, `data:` and relative
/// paths never become links.
pub fn check_url(url: Option<&str>) -> Result<&str, UrlProblem> {
    let url = url
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .ok_or(UrlProblem::Missing)?;
    if url.len() > MAX_URL_LEN {
        return Err(UrlProblem::TooLong);
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return Err(UrlProblem::NotHttp);
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let bad_char =
        |c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`');
    if host.is_empty() || host.starts_with('@') || url.chars().any(bad_char) {
        return Err(UrlProblem::NotHttp);
    }
    Ok(url)
}

/// Percent-encodes like JavaScript's `encodeURIComponent`.
pub fn encode_component(text: &str) -> String {
    const KEEP: &[u8] = b"-_.!~*'()";
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || KEEP.contains(&byte) {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[(byte >> 4) as usize] as char);
            out.push(HEX[(byte & 15) as usize] as char);
        }
    }
    out
}

/// Which UTM parameters to add. Built from the `utm` attribute: `off`, or pairs such as
/// `medium=empleados&source={network}`; an empty value switches one parameter off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Utm {
    pub source: Option<String>,
    pub medium: Option<String>,
    pub campaign: Option<String>,
}

impl Default for Utm {
    fn default() -> Self {
        Utm {
            source: Some("{network}".into()),
            medium: Some("social".into()),
            campaign: Some("{campaign}".into()),
        }
    }
}

impl Utm {
    /// Reads the `utm` attribute. Unknown keys are ignored (and reported by the caller's
    /// notice through [`Utm::unknown_keys`]).
    pub fn from_attribute(value: Option<&str>) -> Option<Utm> {
        let value = value.map(str::trim).unwrap_or("");
        if value.eq_ignore_ascii_case("off") || value.eq_ignore_ascii_case("false") {
            return None;
        }
        let mut utm = Utm::default();
        for pair in value
            .split(['&', ',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let (key, val) = pair.split_once('=').unwrap_or((pair, ""));
            let key = key.trim().trim_start_matches("utm_");
            let val = Some(val.trim().to_string()).filter(|v| !v.is_empty());
            match key {
                "source" => utm.source = val,
                "medium" => utm.medium = val,
                "campaign" => utm.campaign = val,
                _ => {}
            }
        }
        Some(utm)
    }

    /// Keys in the attribute that are not `source`, `medium` or `campaign`.
    pub fn unknown_keys(value: Option<&str>) -> Vec<String> {
        let value = value.map(str::trim).unwrap_or("");
        if value.eq_ignore_ascii_case("off") || value.eq_ignore_ascii_case("false") {
            return Vec::new();
        }
        value
            .split(['&', ',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').map_or(p, |(k, _)| k).trim())
            .filter(|k| {
                !matches!(
                    k.trim_start_matches("utm_"),
                    "source" | "medium" | "campaign"
                )
            })
            .map(String::from)
            .collect()
    }
}

/// The URL with UTM parameters for one network. Parameters the editor already put in the URL
/// win; `{network}` and `{campaign}` are filled in; the fragment stays last.
pub fn tracked_url(url: &str, network: &str, campaign: Option<&str>, utm: Option<&Utm>) -> String {
    let Some(utm) = utm else {
        return url.to_string();
    };
    let (without_fragment, fragment) = match url.find('#') {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let existing_query = without_fragment.split_once('?').map_or("", |(_, q)| q);
    let has_param = |name: &str| {
        existing_query
            .split('&')
            .any(|pair| pair.split('=').next() == Some(name))
    };
    let mut out = String::from(without_fragment);
    let mut separator = if without_fragment.contains('?') {
        if without_fragment.ends_with('?') || without_fragment.ends_with('&') {
            ""
        } else {
            "&"
        }
    } else {
        "?"
    };
    let params = [
        ("utm_source", &utm.source),
        ("utm_medium", &utm.medium),
        ("utm_campaign", &utm.campaign),
    ];
    for (name, template) in params {
        let Some(template) = template else { continue };
        if has_param(name) {
            continue;
        }
        let value = template
            .replace("{network}", network)
            .replace("{campaign}", campaign.unwrap_or(""));
        if value.is_empty() {
            continue;
        }
        out.push_str(separator);
        out.push_str(name);
        out.push('=');
        out.push_str(&encode_component(&value));
        separator = "&";
    }
    out.push_str(fragment);
    out
}

/// The text as it will be posted: the employee's words, then the disclosure if configured.
/// The disclosure cannot be removed by editing: it is added here, not kept in the field.
pub fn compose_text(text: &str, disclosure: Option<&str>) -> String {
    let text = text.trim();
    match disclosure.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) if text.is_empty() => d.to_string(),
        Some(d) => [text, " ", d].concat(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_http_urls_are_shared() {
        assert_eq!(
            check_url(Some("https://example.com/news/42")),
            Ok("https://example.com/news/42")
        );
        assert_eq!(
            check_url(Some(" HTTP://Example.com ")),
            Ok("HTTP://Example.com")
        );
        assert_eq!(check_url(None), Err(UrlProblem::Missing));
        assert_eq!(check_url(Some("  ")), Err(UrlProblem::Missing));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "/news/42",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "https://example.com/\"onmouseover=alert(1)",
            "ftp://example.com",
        ] {
            assert_eq!(check_url(Some(bad)), Err(UrlProblem::NotHttp), "{bad}");
        }
        let long = ["https://example.com/", &"a".repeat(MAX_URL_LEN)].concat();
        assert_eq!(check_url(Some(&long)), Err(UrlProblem::TooLong));
    }

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(encode_component("a b&c=d/é#"), "a%20b%26c%3Dd%2F%C3%A9%23");
        assert_eq!(encode_component("-_.!~*'()"), "-_.!~*'()");
    }

    #[test]
    fn adds_utm_parameters_and_keeps_the_fragment() {
        let utm = Utm::default();
        assert_eq!(
            tracked_url("https://example.com/news/42", "linkedin", Some("q4-report"), Some(&utm)),
            "https://example.com/news/42?utm_source=linkedin&utm_medium=social&utm_campaign=q4-report"
        );
        assert_eq!(
            tracked_url("https://example.com/a?x=1#top", "x", None, Some(&utm)),
            "https://example.com/a?x=1&utm_source=x&utm_medium=social#top"
        );
    }

    #[test]
    fn editor_parameters_win_and_utm_can_be_configured_or_switched_off() {
        let utm = Utm::default();
        assert_eq!(
            tracked_url(
                "https://example.com/?utm_source=newsletter",
                "x",
                None,
                Some(&utm)
            ),
            "https://example.com/?utm_source=newsletter&utm_medium=social"
        );
        assert_eq!(Utm::from_attribute(Some("off")), None);
        assert_eq!(
            tracked_url("https://example.com/", "x", None, None),
            "https://example.com/"
        );
        let custom = Utm::from_attribute(Some(
            "medium=empleados&utm_source=intranet-{network}&campaign=",
        ))
        .unwrap();
        assert_eq!(
            tracked_url("https://example.com/", "x", Some("c"), Some(&custom)),
            "https://example.com/?utm_source=intranet-x&utm_medium=empleados"
        );
        assert_eq!(
            Utm::unknown_keys(Some("medium=a&term=b")),
            vec!["term".to_string()]
        );
    }

    #[test]
    fn disclosure_is_always_appended() {
        assert_eq!(
            compose_text(" Nuevo informe ", Some("#EmpleadoDeAcme")),
            "Nuevo informe #EmpleadoDeAcme"
        );
        assert_eq!(compose_text("", Some("#EmpleadoDeAcme")), "#EmpleadoDeAcme");
        assert_eq!(compose_text("Hola", None), "Hola");
        assert_eq!(compose_text("Hola", Some("  ")), "Hola");
    }
}
