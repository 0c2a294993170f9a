//! `eslabon.toml`: parsed, merged with an optional `[profile.NAME]` overlay, and validated.

use std::collections::{BTreeMap, HashSet};
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// How requests are authenticated. The mode decides; there is no fallback between modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    /// "Sign in as" demo sessions (cookie + CSRF).
    Demo,
    /// A trusted reverse proxy sets a header with the person id (cookie session for CSRF).
    Proxy,
    /// `Authorization: Bearer TOKEN`, tokens mapped to person ids in this file.
    Bearer,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub server: ServerConfig,
    pub auth: AuthConfig,
    pub moderators: Vec<String>,
    pub limits: Limits,
    pub boards: Vec<Board>,
    pub kudos: KudosConfig,
    pub quizzes: QuizzesConfig,
    pub shares: SharesConfig,
    pub privacy: PrivacyConfig,
    /// Overlays selected with `--profile NAME`; already merged into the fields above.
    #[serde(rename = "profile")]
    pub profiles: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Extra origins (scheme://host[:port]) allowed to send writes besides the server's own.
    pub allowed_origins: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuthConfig {
    pub mode: AuthMode,
    /// Demo mode: who a first-time visitor of a page is signed in as.
    pub default_person: String,
    /// Proxy mode: the header that carries the person id.
    pub proxy_header: String,
    /// Proxy mode: peer addresses whose header is trusted.
    pub trusted_proxies: Vec<IpAddr>,
    /// Bearer mode: token → person id.
    pub tokens: BTreeMap<String, String>,
    /// Lifetime of cookie sessions.
    pub session_hours: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    pub max_body_bytes: usize,
    pub writes_per_minute: u32,
    pub share_text_max: usize,
    pub idea_title_max: usize,
    pub idea_body_max: usize,
    pub comment_max: usize,
    /// Longest note a moderator may attach to an idea's status change.
    pub status_note_max: usize,
    pub kudos_message_max: usize,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct I18nName {
    pub es: String,
    pub en: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    pub id: String,
    pub name: I18nName,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub premoderation: bool,
    #[serde(default = "default_edit_window")]
    pub edit_window_minutes: u32,
}

fn default_edit_window() -> u32 {
    15
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: I18nName,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KudosConfig {
    pub values: Vec<KudosValue>,
    /// How many kudos one person may give per period, across all kudos boards.
    pub budget: KudosBudget,
    /// How long the giver may delete a kudos after sending it (0: never).
    pub delete_window_minutes: u32,
    /// Shortest message, in Unicode characters after trimming. The longest is
    /// `limits.kudos_message_max`.
    pub message_min: usize,
    /// The reaction emoji, in the order the widget shows them.
    pub reactions: Vec<String>,
    /// Kudos walls: `<eslabon-kudos board="ID">`.
    pub boards: Vec<KudosBoard>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KudosValue {
    pub id: String,
    pub name: I18nName,
    pub emoji: String,
    /// `#rrggbb`
    pub color: String,
}

/// A calendar period in UTC: weeks start on Monday, quarters in January, April, July and
/// October. Used by the kudos budget and the leaderboards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Week,
    Month,
    Quarter,
}

impl Period {
    pub fn parse(s: &str) -> Option<Period> {
        match s {
            "week" => Some(Period::Week),
            "month" => Some(Period::Month),
            "quarter" => Some(Period::Quarter),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
        }
    }
}

/// Who may see a kudos on a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KudosVisibility {
    /// Everyone signed in (hidden kudos: moderators only).
    Public,
    /// Only the giver, the receiver and moderators.
    Participants,
}

impl KudosVisibility {
    pub fn name(self) -> &'static str {
        match self {
            KudosVisibility::Public => "public",
            KudosVisibility::Participants => "participants",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KudosBoard {
    pub id: String,
    pub name: I18nName,
    /// Every kudos must carry at least one value.
    #[serde(default)]
    pub require_value: bool,
    /// The board has a leaderboard (opt-in per board).
    #[serde(default)]
    pub leaderboard: bool,
    #[serde(default = "default_kudos_visibility")]
    pub visibility: KudosVisibility,
}

fn default_kudos_visibility() -> KudosVisibility {
    KudosVisibility::Public
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KudosBudget {
    pub count: u32,
    pub period: Period,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QuizzesConfig {
    /// Directory of quiz definitions; relative paths are relative to the config file.
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SharesConfig {
    /// Campaigns whose shares are recorded only for people who passed a quiz.
    pub gates: Vec<ShareGate>,
}

/// `[[shares.gates]]`: `shares.record` for `campaign` answers 403 `quiz_required` until the
/// person has passed `quiz`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareGate {
    pub campaign: String,
    /// A quiz id (a file in `[quizzes] dir`, or imported with `--import-quiz`).
    pub quiz: String,
}

/// `[privacy]`: how long share records keep their person, who may export or erase anyone's
/// data, and what an erased person is called (see PRIVACY.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrivacyConfig {
    /// Share records older than this lose their person (counts stay); see `privacy.rs`.
    pub share_retention_days: u32,
    /// People (ids) who may export and erase any person's data (`/people/{id}/export`,
    /// `DELETE /people/{id}`). Nobody by default.
    pub officers: Vec<String>,
    /// The name shown instead of an erased person's on what they wrote.
    pub erased_name: String,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        PrivacyConfig {
            share_retention_days: 90,
            officers: vec![],
            erased_name: "Persona eliminada".into(),
        }
    }
}

impl SharesConfig {
    /// The quiz that must be passed before sharing for `campaign`, if it is gated.
    pub fn gate_for(&self, campaign: &str) -> Option<&str> {
        self.gates
            .iter()
            .find(|g| g.campaign == campaign)
            .map(|g| g.quiz.as_str())
    }
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            mode: AuthMode::Demo,
            default_person: "ana.garcia".into(),
            proxy_header: "X-Remote-User".into(),
            trusted_proxies: vec![],
            tokens: BTreeMap::new(),
            session_hours: 24 * 7,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 64 * 1024,
            writes_per_minute: 30,
            share_text_max: 280,
            idea_title_max: 120,
            idea_body_max: 4000,
            comment_max: 2000,
            status_note_max: 500,
            kudos_message_max: 500,
        }
    }
}

impl Default for KudosConfig {
    fn default() -> Self {
        KudosConfig {
            values: vec![],
            budget: KudosBudget {
                count: 5,
                period: Period::Week,
            },
            delete_window_minutes: 10,
            message_min: 10,
            reactions: ["👏", "🎉", "❤️", "🚀", "🙌"].map(String::from).to_vec(),
            boards: vec![],
        }
    }
}

impl Default for QuizzesConfig {
    fn default() -> Self {
        QuizzesConfig {
            dir: PathBuf::from("quizzes"),
        }
    }
}

/// Deep-merges `overlay` into `base` (tables merge key by key, everything else replaces).
fn merge(base: &mut toml::Value, overlay: toml::Value) {
    match (base, overlay) {
        (toml::Value::Table(b), toml::Value::Table(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-')
        })
}

impl Config {
    /// Parses TOML text, applies `[profile.NAME]` when `profile` is given, and validates.
    pub fn from_toml_str(text: &str, profile: Option<&str>) -> Result<Config, String> {
        let mut value: toml::Value = toml::from_str(text).map_err(|e| e.to_string())?;
        if let Some(name) = profile {
            let overlay = value
                .get("profile")
                .and_then(|p| p.get(name))
                .cloned()
                .ok_or_else(|| format!("profile `{name}` is not defined in [profile.{name}]"))?;
            merge(&mut value, overlay);
        }
        let config: Config = value
            .try_into()
            .map_err(|e: toml::de::Error| e.to_string())?;
        config.validate()?;
        Ok(config)
    }

    /// Reads and parses a config file; relative paths inside it resolve against its directory.
    pub fn load(path: &Path, profile: Option<&str>) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read config {}: {e}", path.display()))?;
        let mut config = Config::from_toml_str(&text, profile)
            .map_err(|e| format!("invalid config {}: {e}", path.display()))?;
        if config.quizzes.dir.is_relative() {
            let base = path.parent().unwrap_or(Path::new("."));
            config.quizzes.dir = base.join(&config.quizzes.dir);
        }
        Ok(config)
    }

    pub fn validate(&self) -> Result<(), String> {
        let a = &self.auth;
        if !is_slug(&a.default_person) {
            return Err(format!(
                "auth.default_person `{}` is not a valid person id",
                a.default_person
            ));
        }
        if axum::http::HeaderName::from_bytes(a.proxy_header.as_bytes()).is_err() {
            return Err(format!(
                "auth.proxy_header `{}` is not a valid header name",
                a.proxy_header
            ));
        }
        if a.mode == AuthMode::Proxy && a.trusted_proxies.is_empty() {
            return Err(
                "auth.mode = \"proxy\" needs at least one auth.trusted_proxies address".into(),
            );
        }
        if a.mode == AuthMode::Bearer && a.tokens.is_empty() {
            return Err("auth.mode = \"bearer\" needs at least one entry in [auth.tokens]".into());
        }
        for (token, person) in &a.tokens {
            if token.len() < 16 || !token.bytes().all(|c| c.is_ascii_graphic()) {
                return Err(
                    "auth.tokens: every token needs at least 16 visible ASCII characters".into(),
                );
            }
            if !is_slug(person) {
                return Err(format!("auth.tokens: `{person}` is not a valid person id"));
            }
        }
        if a.session_hours == 0 {
            return Err("auth.session_hours must be > 0".into());
        }
        for m in &self.moderators {
            if !is_slug(m) {
                return Err(format!("moderators: `{m}` is not a valid person id"));
            }
        }
        for o in &self.server.allowed_origins {
            let ok = url::Url::parse(o)
                .map(|u| {
                    matches!(u.scheme(), "http" | "https")
                        && u.host_str().is_some()
                        && u.path() == "/"
                        && !o.ends_with('/')
                })
                .unwrap_or(false);
            if !ok {
                return Err(format!(
                    "server.allowed_origins: `{o}` must be scheme://host[:port] without a path"
                ));
            }
        }
        let l = &self.limits;
        if l.max_body_bytes < 1024 || l.max_body_bytes > 16 * 1024 * 1024 {
            return Err("limits.max_body_bytes must be between 1024 and 16 MiB".into());
        }
        if l.writes_per_minute == 0 {
            return Err("limits.writes_per_minute must be > 0".into());
        }
        for (name, v) in [
            ("share_text_max", l.share_text_max),
            ("idea_title_max", l.idea_title_max),
            ("idea_body_max", l.idea_body_max),
            ("comment_max", l.comment_max),
            ("status_note_max", l.status_note_max),
            ("kudos_message_max", l.kudos_message_max),
        ] {
            if v == 0 {
                return Err(format!("limits.{name} must be > 0"));
            }
        }
        let mut seen = HashSet::new();
        for b in &self.boards {
            if !is_slug(&b.id) {
                return Err(format!("boards: `{}` is not a valid board id", b.id));
            }
            if !seen.insert(b.id.as_str()) {
                return Err(format!("boards: duplicate id `{}`", b.id));
            }
            if b.name.es.trim().is_empty() || b.name.en.trim().is_empty() {
                return Err(format!("boards.{}: name.es and name.en are required", b.id));
            }
            let mut cats = HashSet::new();
            for c in &b.categories {
                if !is_slug(&c.id) || !cats.insert(c.id.as_str()) {
                    return Err(format!(
                        "boards.{}: invalid or duplicate category `{}`",
                        b.id, c.id
                    ));
                }
            }
        }
        let mut seen = HashSet::new();
        for v in &self.kudos.values {
            if !is_slug(&v.id) || !seen.insert(v.id.as_str()) {
                return Err(format!("kudos.values: invalid or duplicate id `{}`", v.id));
            }
            let c = v.color.as_bytes();
            if c.len() != 7 || c[0] != b'#' || !c[1..].iter().all(u8::is_ascii_hexdigit) {
                return Err(format!("kudos.values.{}: color must be #rrggbb", v.id));
            }
            if v.emoji.trim().is_empty()
                || v.name.es.trim().is_empty()
                || v.name.en.trim().is_empty()
            {
                return Err(format!(
                    "kudos.values.{}: emoji, name.es and name.en are required",
                    v.id
                ));
            }
        }
        if self.kudos.budget.count == 0 {
            return Err("kudos.budget.count must be > 0".into());
        }
        self.validate_kudos_rules()?;
        self.validate_share_gates()?;
        self.validate_privacy()
    }

    fn validate_privacy(&self) -> Result<(), String> {
        let p = &self.privacy;
        if !(1..=3650).contains(&p.share_retention_days) {
            return Err("privacy.share_retention_days must be between 1 and 3650".into());
        }
        for o in &p.officers {
            if !is_slug(o) {
                return Err(format!("privacy.officers: `{o}` is not a valid person id"));
            }
        }
        let name = p.erased_name.trim();
        if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
            return Err(
                "privacy.erased_name must be 1-100 characters without control characters".into(),
            );
        }
        Ok(())
    }

    /// `[[shares.gates]]`: a campaign as `shares.record` accepts it, a quiz id, one gate per
    /// campaign. (Whether the quiz exists is checked at start-up, after the quiz import.)
    fn validate_share_gates(&self) -> Result<(), String> {
        let mut seen = HashSet::new();
        for g in &self.shares.gates {
            let c = &g.campaign;
            // The same rule as the `campaign` of shares.record.
            let campaign_ok = !c.is_empty()
                && c.len() <= 100
                && c.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
            if !campaign_ok {
                return Err(format!(
                    "shares.gates: campaign `{c}` must be 1-100 characters of A-Z, a-z, 0-9, \
                     '.', '_' or '-'"
                ));
            }
            if !is_slug(&g.quiz) {
                return Err(format!(
                    "shares.gates.{c}: quiz `{}` is not a valid quiz id",
                    g.quiz
                ));
            }
            if !seen.insert(c.as_str()) {
                return Err(format!(
                    "shares.gates: campaign `{c}` has more than one gate"
                ));
            }
        }
        Ok(())
    }

    /// `[kudos]` beyond the values: message lengths, reactions and boards.
    fn validate_kudos_rules(&self) -> Result<(), String> {
        let k = &self.kudos;
        if k.message_min == 0 || k.message_min > self.limits.kudos_message_max {
            return Err(format!(
                "kudos.message_min must be between 1 and limits.kudos_message_max ({})",
                self.limits.kudos_message_max
            ));
        }
        if k.delete_window_minutes > 7 * 24 * 60 {
            return Err("kudos.delete_window_minutes may be at most one week (10080)".into());
        }
        if k.reactions.is_empty() {
            return Err("kudos.reactions needs at least one emoji".into());
        }
        let mut seen = HashSet::new();
        for r in &k.reactions {
            let ok = !r.trim().is_empty()
                && r.trim() == r
                && r.chars().count() <= 8
                && !r.chars().any(char::is_control);
            if !ok {
                return Err(format!(
                    "kudos.reactions: `{r}` must be one emoji (at most 8 characters, no spaces)"
                ));
            }
            if !seen.insert(r.as_str()) {
                return Err(format!("kudos.reactions: duplicate `{r}`"));
            }
        }
        let mut seen = HashSet::new();
        for b in &k.boards {
            if !is_slug(&b.id) {
                return Err(format!("kudos.boards: `{}` is not a valid board id", b.id));
            }
            if !seen.insert(b.id.as_str()) {
                return Err(format!("kudos.boards: duplicate id `{}`", b.id));
            }
            if b.name.es.trim().is_empty() || b.name.en.trim().is_empty() {
                return Err(format!(
                    "kudos.boards.{}: name.es and name.en are required",
                    b.id
                ));
            }
            if b.require_value && k.values.is_empty() {
                return Err(format!(
                    "kudos.boards.{}: require_value = true needs at least one [[kudos.values]]",
                    b.id
                ));
            }
        }
        Ok(())
    }

    pub fn is_moderator(&self, person: &str) -> bool {
        self.moderators.iter().any(|m| m == person)
    }

    pub fn is_privacy_officer(&self, person: &str) -> bool {
        self.privacy.officers.iter().any(|o| o == person)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_configs_parse() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let c = Config::load(&dir.join("eslabon.toml"), None).unwrap();
        assert_eq!(c.auth.mode, AuthMode::Demo);
        assert!(c.is_moderator("marta.lopez"));
        assert!(!c.boards.is_empty() && !c.kudos.values.is_empty());
        let t = Config::load(&dir.join("eslabon.toml"), Some("test")).unwrap();
        assert!(t.limits.writes_per_minute > c.limits.writes_per_minute);
        // Overlays merge rather than replace whole tables.
        assert_eq!(t.limits.max_body_bytes, c.limits.max_body_bytes);
        assert!(Config::load(&dir.join("eslabon.toml"), Some("nope")).is_err());
        // The bench profile: proxy auth from localhost, limits relaxed like `test`.
        let b = Config::load(&dir.join("eslabon.toml"), Some("bench")).unwrap();
        assert_eq!(b.auth.mode, AuthMode::Proxy);
        assert_eq!(b.auth.proxy_header, "X-Remote-User");
        assert_eq!(b.auth.trusted_proxies.len(), 2);
        assert_eq!(b.limits.writes_per_minute, t.limits.writes_per_minute);
        assert_eq!(b.kudos.budget.count, 10_000);
    }

    #[test]
    fn rejects_bad_values() {
        assert!(Config::from_toml_str("[auth]\nmode = \"weird\"", None).is_err());
        assert!(Config::from_toml_str("[limits]\nwrites_per_minute = 0", None).is_err());
        assert!(Config::from_toml_str("[limits]\ntypo = 1", None).is_err());
        assert!(Config::from_toml_str("[auth]\nmode = \"bearer\"", None).is_err());
        assert!(Config::from_toml_str(
            "[[kudos.values]]\nid='x'\nemoji='⭐'\ncolor='red'\nname={es='a',en='b'}",
            None
        )
        .is_err());
        assert!(Config::from_toml_str("", None).is_ok());
    }

    #[test]
    fn privacy_settings() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let c = Config::load(&dir.join("eslabon.toml"), None).unwrap();
        assert_eq!(c.privacy.share_retention_days, 90);
        assert!(c.is_privacy_officer("carmen.ruiz") && !c.is_privacy_officer("ana.garcia"));
        assert!(!c.privacy.erased_name.is_empty());
        for bad in [
            "[privacy]\nshare_retention_days = 0",
            "[privacy]\nofficers = ['Not A Slug']",
            "[privacy]\nerased_name = '  '",
            // Moved to [privacy]: the old key is refused rather than silently ignored.
            "[limits]\nshare_retention_days = 90",
        ] {
            assert!(Config::from_toml_str(bad, None).is_err(), "{bad}");
        }
    }

    #[test]
    fn share_gates() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let c = Config::load(&dir.join("eslabon.toml"), None).unwrap();
        assert_eq!(
            c.shares.gate_for("pautas-2026"),
            Some("social-media-guidelines")
        );
        assert_eq!(c.shares.gate_for("q4-report"), None);
        let gate = "[[shares.gates]]\ncampaign = 'c-1'\nquiz = 'q'\n";
        assert!(Config::from_toml_str(gate, None).is_ok());
        for bad in [
            "[[shares.gates]]\ncampaign = 'no spaces'\nquiz = 'q'",
            "[[shares.gates]]\ncampaign = 'c'\nquiz = 'Not A Slug'",
            "[[shares.gates]]\ncampaign = 'c'",
            "[[shares.gates]]\ncampaign = 'c'\nquiz = 'q'\ntypo = 1",
        ] {
            assert!(Config::from_toml_str(bad, None).is_err(), "{bad}");
        }
        assert!(Config::from_toml_str(&format!("{gate}{gate}"), None)
            .unwrap_err()
            .contains("more than one gate"));
    }

    #[test]
    fn kudos_rules() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let c = Config::load(&dir.join("eslabon.toml"), None).unwrap();
        let general = c.kudos.boards.iter().find(|b| b.id == "general").unwrap();
        assert!(general.require_value && general.leaderboard);
        assert_eq!(general.visibility, KudosVisibility::Public);
        let it = c.kudos.boards.iter().find(|b| b.id == "equipo-it").unwrap();
        assert!(!it.require_value && !it.leaderboard);
        assert_eq!(it.visibility, KudosVisibility::Participants);
        assert_eq!(
            (c.kudos.delete_window_minutes, c.kudos.message_min),
            (10, 10)
        );
        assert_eq!(c.kudos.reactions.len(), 5);
        // The test profile raises the budget and keeps everything else.
        let t = Config::load(&dir.join("eslabon.toml"), Some("test")).unwrap();
        assert_eq!(t.kudos.budget.count, 10_000);
        assert_eq!(t.kudos.boards.len(), c.kudos.boards.len());
        assert_eq!(t.kudos.values.len(), c.kudos.values.len());

        let board = "[[kudos.boards]]\nid = 'b'\nname = { es = 'a', en = 'b' }\n";
        let cases = [
            "[kudos]\nmessage_min = 0",
            "[kudos]\nmessage_min = 501",
            "[kudos]\nreactions = []",
            "[kudos]\nreactions = ['👏', '👏']",
            "[kudos]\nreactions = ['not one emoji']",
            "[kudos]\nbudget = { count = 5, period = 'year' }",
            "[[kudos.boards]]\nid = 'B!'\nname = { es = 'a', en = 'b' }",
            "[[kudos.boards]]\nid = 'b'\nname = { es = 'a', en = 'b' }\nvisibility = 'secret'",
            "[[kudos.boards]]\nid = 'b'\nname = { es = 'a', en = 'b' }\nrequire_value = true",
        ];
        for bad in cases {
            assert!(Config::from_toml_str(bad, None).is_err(), "{bad}");
        }
        let twice = format!("{board}{board}");
        assert!(Config::from_toml_str(&twice, None)
            .unwrap_err()
            .contains("duplicate"));
        let ok = Config::from_toml_str(
            &format!("[kudos]\nbudget = {{ count = 2, period = 'quarter' }}\n{board}"),
            None,
        )
        .unwrap();
        assert_eq!(ok.kudos.budget.period, Period::Quarter);
        assert_eq!(ok.kudos.boards[0].visibility, KudosVisibility::Public);
    }
}
