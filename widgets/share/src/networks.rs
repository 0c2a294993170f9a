//! The networks, as data: how each builds its share link, its text limit, and its icon.
//!
//! Brand icons are from Simple Icons (CC0-1.0); LinkedIn, e-mail, copy and native-share
//! glyphs are drawn here. All are inline SVG paths on a 24×24 grid: no icon font.

/// One place an employee can share to.
#[derive(Debug)]
pub struct Network {
    /// The public id (`linkedin`, `x` …) used in the `networks` attribute and in records.
    pub id: &'static str,
    /// The brand name, which is not translated; empty for actions (copy, native) whose label
    /// comes from the catalog.
    pub brand: &'static str,
    /// The share link: `{url}`, `{text}`, `{text_url}` (text, a space, then the URL) and
    /// `{instance}` are filled in; empty for actions that are not links.
    pub template: &'static str,
    /// The most characters the network takes for the post, if it has a limit we can check.
    pub text_limit: Option<usize>,
    /// How many characters the link counts for (X and Mastodon count every link as 23;
    /// 0 where the URL travels apart from the text).
    pub url_weight: Option<usize>,
    /// Whether the employee's text travels with the link. Where it does not, the text is
    /// copied to the clipboard so it can be pasted.
    pub takes_text: bool,
    /// SVG path data.
    pub icon: &'static str,
}

/// Every network, in the default order.
pub const NETWORKS: &[Network] = &[
    Network {
        id: "linkedin",
        brand: "LinkedIn",
        template: "https://www.linkedin.com/sharing/share-offsite/?url={url}",
        text_limit: None,
        url_weight: None,
        takes_text: false,
        icon: "M3 3h18v18H3zM6.5 10v8h2.7v-8zm1.35-4.1a1.55 1.55 0 1 0 0 3.1 1.55 1.55 0 0 0 0-3.1zM11 10v8h2.7v-4.3c0-1.2.6-1.8 1.5-1.8s1.3.6 1.3 1.8V18h2.7v-4.9c0-2.4-1.3-3.3-3-3.3-1.2 0-2 .5-2.5 1.2V10z",
    },
    Network {
        id: "x",
        brand: "X",
        template: "https://x.com/intent/post?text={text}&url={url}",
        text_limit: Some(280),
        url_weight: Some(23),
        takes_text: true,
        icon: "M14.234 10.162 22.977 0h-2.072l-7.591 8.824L7.251 0H.258l9.168 13.343L.258 24H2.33l8.016-9.318L16.749 24h6.993zm-2.837 3.299-.929-1.329L3.076 1.56h3.182l5.965 8.532.929 1.329 7.754 11.09h-3.182z",
    },
    Network {
        id: "facebook",
        brand: "Facebook",
        template: "https://www.facebook.com/sharer/sharer.php?u={url}",
        text_limit: None,
        url_weight: None,
        takes_text: false,
        icon: "M9.101 23.691v-7.98H6.627v-3.667h2.474v-1.58c0-4.085 1.848-5.978 5.858-5.978.401 0 .955.042 1.468.103a8.68 8.68 0 0 1 1.141.195v3.325a8.623 8.623 0 0 0-.653-.036 26.805 26.805 0 0 0-.733-.009c-.707 0-1.259.096-1.675.309a1.686 1.686 0 0 0-.679.622c-.258.42-.374.995-.374 1.752v1.297h3.919l-.386 2.103-.287 1.564h-3.246v8.245C19.396 23.238 24 18.179 24 12.044c0-6.627-5.373-12-12-12s-12 5.373-12 12c0 5.628 3.874 10.35 9.101 11.647Z",
    },
    Network {
        id: "xing",
        brand: "XING",
        template: "https://www.xing.com/spi/shares/new?url={url}",
        text_limit: None,
        url_weight: None,
        takes_text: false,
        icon: "M18.188 0c-.517 0-.741.325-.927.66 0 0-7.455 13.224-7.702 13.657.015.024 4.919 9.023 4.919 9.023.17.308.436.66.967.66h3.454c.211 0 .375-.078.463-.22.089-.151.089-.346-.009-.536l-4.879-8.916c-.004-.006-.004-.016 0-.022L22.139.756c.095-.191.097-.387.006-.535C22.056.078 21.894 0 21.686 0h-3.498zM3.648 4.74c-.211 0-.385.074-.473.216-.09.149-.078.339.02.531l2.34 4.05c.004.01.004.016 0 .021L1.86 16.051c-.099.188-.093.381 0 .529.085.142.239.234.45.234h3.461c.518 0 .766-.348.945-.667l3.734-6.609-2.378-4.155c-.172-.315-.434-.659-.962-.659H3.648v.016z",
    },
    Network {
        id: "whatsapp",
        brand: "WhatsApp",
        template: "https://wa.me/?text={text_url}",
        text_limit: None,
        url_weight: None,
        takes_text: true,
        icon: "M17.472 14.382c-.297-.149-1.758-.867-2.03-.967-.273-.099-.471-.148-.67.15-.197.297-.767.966-.94 1.164-.173.199-.347.223-.644.075-.297-.15-1.255-.463-2.39-1.475-.883-.788-1.48-1.761-1.653-2.059-.173-.297-.018-.458.13-.606.134-.133.298-.347.446-.52.149-.174.198-.298.298-.497.099-.198.05-.371-.025-.52-.075-.149-.669-1.612-.916-2.207-.242-.579-.487-.5-.669-.51-.173-.008-.371-.01-.57-.01-.198 0-.52.074-.792.372-.272.297-1.04 1.016-1.04 2.479 0 1.462 1.065 2.875 1.213 3.074.149.198 2.096 3.2 5.077 4.487.709.306 1.262.489 1.694.625.712.227 1.36.195 1.871.118.571-.085 1.758-.719 2.006-1.413.248-.694.248-1.289.173-1.413-.074-.124-.272-.198-.57-.347m-5.421 7.403h-.004a9.87 9.87 0 01-5.031-1.378l-.361-.214-3.741.982.998-3.648-.235-.374a9.86 9.86 0 01-1.51-5.26c.001-5.45 4.436-9.884 9.888-9.884 2.64 0 5.122 1.03 6.988 2.898a9.825 9.825 0 012.893 6.994c-.003 5.45-4.437 9.884-9.885 9.884m8.413-18.297A11.815 11.815 0 0012.05 0C5.495 0 .16 5.335.157 11.892c0 2.096.547 4.142 1.588 5.945L.057 24l6.305-1.654a11.882 11.882 0 005.683 1.448h.005c6.554 0 11.89-5.335 11.893-11.893a11.821 11.821 0 00-3.48-8.413Z",
    },
    Network {
        id: "telegram",
        brand: "Telegram",
        template: "https://t.me/share/url?url={url}&text={text}",
        text_limit: Some(4096),
        url_weight: None,
        takes_text: true,
        icon: "M11.944 0A12 12 0 0 0 0 12a12 12 0 0 0 12 12 12 12 0 0 0 12-12A12 12 0 0 0 12 0a12 12 0 0 0-.056 0zm4.962 7.224c.1-.002.321.023.465.14a.506.506 0 0 1 .171.325c.016.093.036.306.02.472-.18 1.898-.962 6.502-1.36 8.627-.168.9-.499 1.201-.82 1.23-.696.065-1.225-.46-1.9-.902-1.056-.693-1.653-1.124-2.678-1.8-1.185-.78-.417-1.21.258-1.91.177-.184 3.247-2.977 3.307-3.23.007-.032.014-.15-.056-.212s-.174-.041-.249-.024c-.106.024-1.793 1.14-5.061 3.345-.48.33-.913.49-1.302.48-.428-.008-1.252-.241-1.865-.44-.752-.245-1.349-.374-1.297-.789.027-.216.325-.437.893-.663 3.498-1.524 5.83-2.529 6.998-3.014 3.332-1.386 4.025-1.627 4.476-1.635z",
    },
    Network {
        id: "bluesky",
        brand: "Bluesky",
        template: "https://bsky.app/intent/compose?text={text_url}",
        text_limit: Some(300),
        url_weight: None,
        takes_text: true,
        icon: "M5.202 2.857C7.954 4.922 10.913 9.11 12 11.358c1.087-2.247 4.046-6.436 6.798-8.501C20.783 1.366 24 .213 24 3.883c0 .732-.42 6.156-.667 7.037-.856 3.061-3.978 3.842-6.755 3.37 4.854.826 6.089 3.562 3.422 6.299-5.065 5.196-7.28-1.304-7.847-2.97-.104-.305-.152-.448-.153-.327 0-.121-.05.022-.153.327-.568 1.666-2.782 8.166-7.847 2.97-2.667-2.737-1.432-5.473 3.422-6.3-2.777.473-5.899-.308-6.755-3.369C.42 10.04 0 4.615 0 3.883c0-3.67 3.217-2.517 5.202-1.026",
    },
    Network {
        id: "mastodon",
        brand: "Mastodon",
        template: "https://{instance}/share?text={text_url}",
        text_limit: Some(500),
        url_weight: Some(23),
        takes_text: true,
        icon: "M23.268 5.313c-.35-2.578-2.617-4.61-5.304-5.004C17.51.242 15.792 0 11.813 0h-.03c-3.98 0-4.835.242-5.288.309C3.882.692 1.496 2.518.917 5.127.64 6.412.61 7.837.661 9.143c.074 1.874.088 3.745.26 5.611.118 1.24.325 2.47.62 3.68.55 2.237 2.777 4.098 4.96 4.857 2.336.792 4.849.923 7.256.38.265-.061.527-.132.786-.213.585-.184 1.27-.39 1.774-.753a.057.057 0 0 0 .023-.043v-1.809a.052.052 0 0 0-.02-.041.053.053 0 0 0-.046-.01 20.282 20.282 0 0 1-4.709.545c-2.73 0-3.463-1.284-3.674-1.818a5.593 5.593 0 0 1-.319-1.433.053.053 0 0 1 .066-.054c1.517.363 3.072.546 4.632.546.376 0 .75 0 1.125-.01 1.57-.044 3.224-.124 4.768-.422.038-.008.077-.015.11-.024 2.435-.464 4.753-1.92 4.989-5.604.008-.145.03-1.52.03-1.67.002-.512.167-3.63-.024-5.545zm-3.748 9.195h-2.561V8.29c0-1.309-.55-1.976-1.67-1.976-1.23 0-1.846.79-1.846 2.35v3.403h-2.546V8.663c0-1.56-.617-2.35-1.848-2.35-1.112 0-1.668.668-1.67 1.977v6.218H4.822V8.102c0-1.31.337-2.35 1.011-3.12.696-.77 1.608-1.164 2.74-1.164 1.311 0 2.302.5 2.962 1.498l.638 1.06.638-1.06c.66-.999 1.65-1.498 2.96-1.498 1.13 0 2.043.395 2.74 1.164.675.77 1.012 1.81 1.012 3.12z",
    },
    Network {
        id: "threads",
        brand: "Threads",
        template: "https://www.threads.net/intent/post?text={text_url}",
        text_limit: Some(500),
        url_weight: None,
        takes_text: true,
        icon: "M18.263 11.097c-.03-3.486-1.92-5.586-5.111-5.586-2.13 0-3.922.963-4.863 2.499l2.062 1.438c.535-.843 1.272-1.543 2.628-1.543 1.528 0 2.318.85 2.544 2.431a15 15 0 0 0-2.236-.173c-4.125 0-6.068 1.867-6.068 4.336s1.943 3.99 4.804 3.99c3.139 0 5.013-2.115 5.781-4.735.798.361 1.348 1.204 1.348 2.47 0 3.387-3.907 5.232-7.22 5.232-4.885 0-8.077-3.207-8.077-8.424 0-6.392 4.223-10.487 9.9-10.487 3.808 0 5.69 1.671 6.97 3.914l2.108-1.475C21.44 2.078 18.331 0 13.663 0 6.227 0 1.168 5.277 1.168 12.934c0 7 4.953 11.066 10.856 11.066 4.878 0 9.809-2.846 9.809-7.716 0-2.545-1.46-4.231-3.569-5.187m-6.33 4.855c-1.077 0-2.026-.512-2.026-1.453 0-1.483 1.822-1.934 3.606-1.934.678 0 1.34.045 1.927.173-.422 1.927-1.671 3.215-3.508 3.214Z",
    },
    Network {
        id: "reddit",
        brand: "Reddit",
        template: "https://www.reddit.com/submit?url={url}&title={text}",
        text_limit: Some(300),
        url_weight: Some(0),
        takes_text: true,
        icon: "M12 0C5.373 0 0 5.373 0 12c0 3.314 1.343 6.314 3.515 8.485l-2.286 2.286C.775 23.225 1.097 24 1.738 24H12c6.627 0 12-5.373 12-12S18.627 0 12 0Zm4.388 3.199c1.104 0 1.999.895 1.999 1.999 0 1.105-.895 2-1.999 2-.946 0-1.739-.657-1.947-1.539v.002c-1.147.162-2.032 1.15-2.032 2.341v.007c1.776.067 3.4.567 4.686 1.363.473-.363 1.064-.58 1.707-.58 1.547 0 2.802 1.254 2.802 2.802 0 1.117-.655 2.081-1.601 2.531-.088 3.256-3.637 5.876-7.997 5.876-4.361 0-7.905-2.617-7.998-5.87-.954-.447-1.614-1.415-1.614-2.538 0-1.548 1.255-2.802 2.803-2.802.645 0 1.239.218 1.712.585 1.275-.79 2.881-1.291 4.64-1.365v-.01c0-1.663 1.263-3.034 2.88-3.207.188-.911.993-1.595 1.959-1.595Zm-8.085 8.376c-.784 0-1.459.78-1.506 1.797-.047 1.016.64 1.429 1.426 1.429.786 0 1.371-.369 1.418-1.385.047-1.017-.553-1.841-1.338-1.841Zm7.406 0c-.786 0-1.385.824-1.338 1.841.047 1.017.634 1.385 1.418 1.385.785 0 1.473-.413 1.426-1.429-.046-1.017-.721-1.797-1.506-1.797Zm-3.703 4.013c-.974 0-1.907.048-2.77.135-.147.015-.241.168-.183.305.483 1.154 1.622 1.964 2.953 1.964 1.33 0 2.47-.81 2.953-1.964.057-.137-.037-.29-.184-.305-.863-.087-1.795-.135-2.769-.135Z",
    },
    Network {
        id: "email",
        brand: "E-mail",
        template: "mailto:?subject={text}&body={text_url}",
        text_limit: None,
        url_weight: None,
        takes_text: true,
        icon: "M2 5h20v14H2zm2 2v.5l8 5 8-5V7zm0 2.9V17h16V9.9l-8 5z",
    },
    Network {
        id: "copy",
        brand: "",
        template: "",
        text_limit: None,
        url_weight: None,
        takes_text: false,
        icon: "M8 2h12v14H8zm2 2v10h8V4zM4 6h2v14h10v2H4z",
    },
    Network {
        id: "native",
        brand: "",
        template: "",
        text_limit: None,
        url_weight: None,
        takes_text: true,
        icon: "M18 2a3 3 0 1 1-2.8 4.1L8.9 9.6a3 3 0 0 1 0 4.8l6.3 3.5A3 3 0 1 1 15 19.5l-6.9-3.8a3 3 0 1 1 0-7.4L15 4.5A3 3 0 0 1 18 2z",
    },
];
use crate::links::encode_component;

/// The network with this id.
pub fn find(id: &str) -> Option<&'static Network> {
    NETWORKS.iter().find(|n| n.id == id)
}

/// The networks named by the `networks` attribute, in its order (ids separated by spaces or
/// commas), plus the ids it names that do not exist. No attribute means every network.
pub fn select(attribute: Option<&str>) -> (Vec<&'static Network>, Vec<String>) {
    let ids: Vec<&str> = attribute
        .unwrap_or("")
        .split([' ', ',', '\n', '\t'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() {
        return (NETWORKS.iter().collect(), Vec::new());
    }
    let mut chosen: Vec<&'static Network> = Vec::new();
    let mut unknown = Vec::new();
    for id in ids {
        match find(&id.to_ascii_lowercase()) {
            Some(n) if !chosen.iter().any(|c| c.id == n.id) => chosen.push(n),
            Some(_) => {}
            None => unknown.push(id.to_string()),
        }
    }
    (chosen, unknown)
}

impl Network {
    /// Whether this is an action (copy, native share sheet) rather than a link to a network.
    pub fn is_action(&self) -> bool {
        self.template.is_empty()
    }

    /// The share link for this network, or `None` for actions and for Mastodon without an
    /// instance.
    pub fn share_link(&self, url: &str, text: &str, instance: Option<&str>) -> Option<String> {
        if self.is_action() {
            return None;
        }
        if self.template.contains("{instance}") && instance.is_none() {
            return None;
        }
        let text_url = if text.is_empty() {
            url.to_string()
        } else {
            [text, " ", url].concat()
        };
        Some(
            self.template
                .replace("{instance}", instance.unwrap_or(""))
                .replace("{text_url}", &encode_component(&text_url))
                .replace("{text}", &encode_component(text))
                .replace("{url}", &encode_component(url)),
        )
    }

    /// Characters the post takes on this network: text, a space, and the link's weight.
    pub fn chars_used(&self, text: &str, url: &str) -> usize {
        let text_chars = text.chars().count();
        let url_chars = self.url_weight.unwrap_or_else(|| url.chars().count());
        if url_chars == 0 {
            text_chars
        } else {
            text_chars + usize::from(text_chars > 0) + url_chars
        }
    }

    /// Characters left under this network's limit (negative when over), if it has one.
    pub fn chars_left(&self, text: &str, url: &str) -> Option<i64> {
        if !self.takes_text {
            return None;
        }
        self.text_limit
            .map(|limit| limit as i64 - self.chars_used(text, url) as i64)
    }
}

/// A Mastodon instance as typed by the employee (`mastodon.social`, `https://mastodon.social/`,
/// `@ana@mastodon.social`), reduced to its host name; `None` when it is not a host name.
pub fn normalize_instance(input: &str) -> Option<String> {
    let mut host = input.trim().to_ascii_lowercase();
    for prefix in ["https://", "http://"] {
        if let Some(rest) = host.strip_prefix(prefix) {
            host = rest.to_string();
        }
    }
    if let Some((_, domain)) = host.trim_start_matches('@').rsplit_once('@') {
        host = domain.to_string();
    }
    let host = host.split('/').next().unwrap_or("").trim_end_matches('.');
    let valid = host.len() <= 253
        && host.contains('.')
        && host
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    valid.then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_every_public_network_id() {
        let ids: Vec<_> = NETWORKS.iter().map(|n| n.id).collect();
        assert_eq!(
            ids,
            [
                "linkedin", "x", "facebook", "xing", "whatsapp", "telegram", "bluesky", "mastodon",
                "threads", "reddit", "email", "copy", "native"
            ]
        );
    }

    #[test]
    fn selects_in_the_given_order_and_reports_unknown_ids() {
        let (chosen, unknown) = select(Some("x, LinkedIn  myspace x"));
        let ids: Vec<_> = chosen.iter().map(|n| n.id).collect();
        assert_eq!(ids, ["x", "linkedin"]);
        assert_eq!(unknown, ["myspace"]);
        assert_eq!(select(None).0.len(), NETWORKS.len());
    }

    #[test]
    fn builds_share_links() {
        let url = "https://example.com/n?utm_source=x";
        let x = find("x").unwrap();
        assert_eq!(
            x.share_link(url, "Hola & adiós", None).unwrap(),
            "https://x.com/intent/post?text=Hola%20%26%20adi%C3%B3s&url=https%3A%2F%2Fexample.com%2Fn%3Futm_source%3Dx"
        );
        let linkedin = find("linkedin").unwrap();
        assert_eq!(
            linkedin
                .share_link("https://e.com/", "ignored", None)
                .unwrap(),
            "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fe.com%2F"
        );
        let mastodon = find("mastodon").unwrap();
        assert_eq!(mastodon.share_link("https://e.com/", "Hi", None), None);
        assert_eq!(
            mastodon
                .share_link("https://e.com/", "Hi", Some("mastodon.social"))
                .unwrap(),
            "https://mastodon.social/share?text=Hi%20https%3A%2F%2Fe.com%2F"
        );
        assert_eq!(
            find("copy").unwrap().share_link("https://e.com/", "", None),
            None
        );
        assert!(find("email")
            .unwrap()
            .share_link("https://e.com/", "Hi", None)
            .unwrap()
            .starts_with("mailto:?subject=Hi&body="));
    }

    #[test]
    fn counts_characters_per_network() {
        let x = find("x").unwrap();
        let long_url = ["https://example.com/", &"a".repeat(100)].concat();
        // X counts any link as 23 characters.
        assert_eq!(x.chars_used("hola", &long_url), 4 + 1 + 23);
        assert_eq!(x.chars_left(&"é".repeat(256), &long_url), Some(0));
        assert_eq!(x.chars_left(&"é".repeat(257), &long_url), Some(-1));
        assert_eq!(
            find("linkedin").unwrap().chars_left("x", "https://e.com"),
            None
        );
        assert_eq!(find("reddit").unwrap().chars_used("title", &long_url), 5);
    }

    #[test]
    fn normalizes_mastodon_instances() {
        assert_eq!(
            normalize_instance("mastodon.social").as_deref(),
            Some("mastodon.social")
        );
        assert_eq!(
            normalize_instance(" https://Mastodon.Social/ ").as_deref(),
            Some("mastodon.social")
        );
        assert_eq!(
            normalize_instance("@ana@fosstodon.org").as_deref(),
            Some("fosstodon.org")
        );
        assert_eq!(normalize_instance("localhost"), None);
        assert_eq!(normalize_instance("evil.com/x?y"), Some("evil.com".into()));
        assert_eq!(normalize_instance("javascript:alert(1)"), None);
        assert_eq!(normalize_instance("a b.com"), None);
    }
}
