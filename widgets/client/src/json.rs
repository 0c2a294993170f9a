//! A small JSON value with its own parser and serialiser: no serde, so the wasm stays small.
//! The parser never panics, limits nesting to 64 levels and reports the byte offset of a fault.

use std::borrow::Cow;
use std::fmt;

/// Maximum nesting of arrays/objects accepted by [`Json::parse`].
pub const MAX_DEPTH: usize = 64;

/// A JSON value. Objects keep their keys in document order; on duplicate keys the last wins
/// (as in `JSON.parse`).
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Json {
    #[default]
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Why a text is not JSON, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset in the input.
    pub offset: usize,
    pub reason: &'static str,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason)?;
        f.write_str(" at byte ")?;
        f.write_str(&u64_text(self.offset as u64))
    }
}

impl std::error::Error for JsonError {}

impl Json {
    /// Parses a complete JSON text (a leading byte-order mark is skipped).
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut p = Parser {
            src: text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
        };
        p.ws();
        let value = p.value()?;
        p.ws();
        if p.pos != p.bytes.len() {
            return Err(p.err("trailing characters"));
        }
        Ok(value)
    }

    /// Serialises to compact JSON. Non-finite numbers become `null`.
    pub fn to_json_string(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(true) => out.push_str("true"),
            Json::Bool(false) => out.push_str("false"),
            Json::Number(n) => push_number(out, *n),
            Json::String(s) => push_quoted(out, s),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_quoted(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    /// RFC 6901 JSON pointer (`""` is the whole value, `/a/0/b`, `~1` for `/`, `~0` for `~`).
    pub fn pointer(&self, pointer: &str) -> Option<&Json> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut current = self;
        for raw in rest.split('/') {
            let token = unescape_token(raw);
            current = current.step(&token)?;
        }
        Some(current)
    }

    /// One step down: an object key or an array index (`"0"`, no leading zeros).
    pub(crate) fn step(&self, token: &str) -> Option<&Json> {
        match self {
            Json::Object(_) => self.get(token),
            Json::Array(items) => items.get(array_index(token)?),
            _ => None,
        }
    }

    /// The value of `key` in an object (the last one if the key repeats).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// A non-negative whole number that fits exactly in an f64 (up to 2^53).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n <= MAX_SAFE => Some(*n as u64),
            _ => None,
        }
    }

    /// A whole number within ±2^53.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE => Some(*n as i64),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// A scalar as text: strings as they are, numbers without a trailing `.0`, booleans.
    /// `None` for null, arrays and objects. Handy for ids that come as `12` or `"12"`.
    pub fn as_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Json::String(s) => Some(Cow::Borrowed(s)),
            Json::Number(n) if n.is_finite() => {
                let mut out = String::new();
                push_number(&mut out, *n);
                Some(Cow::Owned(out))
            }
            Json::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
            _ => None,
        }
    }

    /// Builds an object from `(key, value)` pairs.
    pub fn object<'a>(entries: impl IntoIterator<Item = (&'a str, Json)>) -> Json {
        Json::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// Sets `key` in an object (replacing an existing entry); does nothing on other values.
    pub fn set(&mut self, key: &str, value: Json) {
        if let Json::Object(entries) = self {
            match entries.iter_mut().rev().find(|(k, _)| k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key.to_string(), value)),
            }
        }
    }
}

const MAX_SAFE: f64 = 9_007_199_254_740_992.0;

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json_string())
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::String(s.to_string())
    }
}
impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::String(s)
    }
}
impl From<&String> for Json {
    fn from(s: &String) -> Json {
        Json::String(s.clone())
    }
}
impl From<f64> for Json {
    fn from(n: f64) -> Json {
        Json::Number(n)
    }
}
impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}
impl From<u64> for Json {
    fn from(n: u64) -> Json {
        Json::Number(n as f64)
    }
}
impl From<i64> for Json {
    fn from(n: i64) -> Json {
        Json::Number(n as f64)
    }
}
impl From<u32> for Json {
    fn from(n: u32) -> Json {
        Json::Number(n.into())
    }
}
impl From<i32> for Json {
    fn from(n: i32) -> Json {
        Json::Number(n.into())
    }
}
impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Json {
        Json::Array(items)
    }
}
impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(v: Option<T>) -> Json {
        v.map_or(Json::Null, Into::into)
    }
}

/// Undoes RFC 6901 escaping: `~1` → `/` first, then `~0` → `~`.
pub(crate) fn unescape_token(raw: &str) -> Cow<'_, str> {
    if raw.contains('~') {
        Cow::Owned(raw.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(raw)
    }
}

fn array_index(token: &str) -> Option<usize> {
    let b = token.as_bytes();
    if b.is_empty()
        || b.len() > 15
        || !b.iter().all(u8::is_ascii_digit)
        || (b.len() > 1 && b[0] == b'0')
    {
        return None;
    }
    Some(b.iter().fold(0usize, |n, d| n * 10 + usize::from(d - b'0')))
}

/// Decimal text of an unsigned integer, without the `fmt` machinery.
pub(crate) fn u64_text(mut n: u64) -> String {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf[i..].iter().map(|&b| b as char).collect()
}

/// Appends a JSON number: whole numbers by hand, fractions through the platform.
pub(crate) fn push_number(out: &mut String, n: f64) {
    if !n.is_finite() {
        out.push_str("null");
    } else if n.fract() == 0.0 && n.abs() < 1e15 {
        if n < 0.0 {
            out.push('-');
        }
        out.push_str(&u64_text(n.abs() as u64));
    } else {
        out.push_str(&float_text(n));
    }
}

#[cfg(target_arch = "wasm32")]
fn float_text(n: f64) -> String {
    // JS's Number#toString is shortest-round-trip and saves Rust's float formatting code.
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_else(|_| String::from("null"))
}

#[cfg(not(target_arch = "wasm32"))]
fn float_text(n: f64) -> String {
    let a = n.abs();
    if (1e-6..1e21).contains(&a) {
        n.to_string()
    } else {
        format!("{n:e}")
    }
}

#[cfg(target_arch = "wasm32")]
fn parse_float(text: &str) -> f64 {
    // Only called on text already checked against the JSON number grammar.
    js_sys::Number::parse_float(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_float(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

fn push_quoted(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn err(&self, reason: &'static str) -> JsonError {
        JsonError {
            offset: self.pos,
            reason,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.err("unexpected character"))
        }
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        match self.peek() {
            None => Err(self.err("unexpected end of input")),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.array(),
            Some(b'{') => self.object(),
            Some(_) => Err(self.err("unexpected character")),
        }
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err("nesting too deep"));
        }
        self.pos += 1;
        self.ws();
        Ok(())
    }

    fn array(&mut self) -> Result<Json, JsonError> {
        self.enter()?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.ws();
                }
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Json::Array(items));
                }
                None => return Err(self.err("unterminated array")),
                Some(_) => return Err(self.err("expected ',' or ']'")),
            }
        }
    }

    fn object(&mut self) -> Result<Json, JsonError> {
        self.enter()?;
        let mut entries = Vec::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Json::Object(entries));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.err("expected a string key"));
            }
            let key = self.string()?;
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.err("expected ':'"));
            }
            self.pos += 1;
            self.ws();
            let value = self.value()?;
            entries.push((key, value));
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.ws();
                }
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Json::Object(entries));
                }
                None => return Err(self.err("unterminated object")),
                Some(_) => return Err(self.err("expected ',' or '}'")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
        }
        let text = &self.src[start..self.pos];
        // Small integers (the common case: ids, counts) skip the float parser.
        let int = text.strip_prefix('-').unwrap_or(text);
        if int.len() <= 15 && int.bytes().all(|b| b.is_ascii_digit()) {
            let n = int.bytes().fold(0u64, |n, d| n * 10 + u64::from(d - b'0')) as f64;
            return Ok(Json::Number(if text.starts_with('-') { -n } else { n }));
        }
        Ok(Json::Number(parse_float(text)))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.err("bad \\u escape")),
            };
            n = n * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Stops only at ASCII bytes, so the slice is on char boundaries.
            out.push_str(&self.src[start..self.pos]);
            match self.peek() {
                None => return Err(self.err("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return Err(self.err("bad escape")),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.err("control character in string")),
            }
        }
    }

    /// After `\u`: a code point, joining surrogate pairs; a lone surrogate becomes U+FFFD.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) && self.bytes[self.pos..].starts_with(b"\\u") {
            let save = self.pos;
            self.pos += 2;
            let lo = self.hex4()?;
            if (0xDC00..0xE000).contains(&lo) {
                let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or('\u{fffd}'));
            }
            self.pos = save; // not a pair: the second escape stands alone
        }
        Ok(char::from_u32(hi).unwrap_or('\u{fffd}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_serialises() {
        let text = r#"{"a":[1,-2.5,true,false,null],"b":"x\"y\\z\n\u00e9\ud83d\ude00","c":{}}"#;
        let v = Json::parse(text).unwrap();
        assert_eq!(v.pointer("/a/1"), Some(&Json::Number(-2.5)));
        assert_eq!(v.get("b").and_then(Json::as_str), Some("x\"y\\z\né😀"));
        let again = Json::parse(&v.to_json_string()).unwrap();
        assert_eq!(v, again);
    }

    #[test]
    fn numbers() {
        for (text, n) in [
            ("0", 0.0),
            ("-0", 0.0),
            ("12", 12.0),
            ("1e3", 1000.0),
            ("-1.5E-2", -0.015),
        ] {
            assert_eq!(Json::parse(text).unwrap(), Json::Number(n), "{text}");
        }
        assert_eq!(
            Json::parse("12345678901234567890").unwrap().as_f64(),
            Some(1.2345678901234567e19)
        );
        for bad in ["01", "1.", ".5", "-", "1e", "+1", "NaN", "Infinity", "0x10"] {
            assert!(Json::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Json::Number(12.0).to_json_string(), "12");
        assert_eq!(Json::Number(-3.0).to_json_string(), "-3");
        assert_eq!(Json::Number(0.1).to_json_string(), "0.1");
        assert_eq!(Json::Number(1e300).to_json_string(), "1e300");
        assert_eq!(Json::Number(f64::NAN).to_json_string(), "null");
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            " ",
            "\"abc",
            "\"\\x\"",
            "\"\\u12\"",
            "[1,",
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "[1,]",
            "{1:2}",
            "tru",
            "nul",
            "\"a\nb\"",
            "{} {}",
            "[",
            "{",
            "\"\\",
            "\"\\u",
        ] {
            assert!(Json::parse(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(65) + &"]".repeat(65);
        assert_eq!(Json::parse(&deep).unwrap_err().reason, "nesting too deep");
        let ok = "[".repeat(64) + &"]".repeat(64);
        assert!(Json::parse(&ok).is_ok());
        let very_deep = "{\"a\":".repeat(100_000);
        assert!(Json::parse(&very_deep).is_err());
    }

    #[test]
    fn surrogates_and_bom() {
        assert_eq!(
            Json::parse(r#""\ud800x""#).unwrap(),
            Json::from("\u{fffd}x")
        );
        assert_eq!(
            Json::parse(r#""\ud800\u0041""#).unwrap(),
            Json::from("\u{fffd}A")
        );
        assert_eq!(Json::parse("\u{feff}[]").unwrap(), Json::Array(vec![]));
    }

    #[test]
    fn escapes_control_characters() {
        let s = Json::from("a\u{1}b\u{1f}\u{7f}é");
        assert_eq!(s.to_json_string(), "\"a\\u0001b\\u001f\u{7f}é\"");
    }

    #[test]
    fn pointers() {
        let v = Json::parse(r#"{"a/b":{"m~n":[10,20]},"":1,"x":{"01":2}}"#).unwrap();
        assert_eq!(v.pointer(""), Some(&v));
        assert_eq!(v.pointer("/a~1b/m~0n/1"), Some(&Json::Number(20.0)));
        assert_eq!(v.pointer("/"), Some(&Json::Number(1.0)));
        assert_eq!(v.pointer("/x/01"), Some(&Json::Number(2.0)));
        assert_eq!(v.pointer("/a~1b/m~0n/01"), None);
        assert_eq!(v.pointer("/a~1b/m~0n/-"), None);
        assert_eq!(v.pointer("/a~1b/m~0n/2"), None);
        assert_eq!(v.pointer("a"), None);
        assert_eq!(
            Json::parse(r#"{"~1":1}"#).unwrap().pointer("/~01"),
            Some(&Json::Number(1.0))
        );
    }

    #[test]
    fn duplicate_keys_last_wins() {
        let mut v = Json::parse(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(v.get("a"), Some(&Json::Number(2.0)));
        v.set("a", Json::Null);
        assert_eq!(v.get("a"), Some(&Json::Null));
    }

    #[test]
    fn conversions() {
        assert_eq!(Json::from(Some("x")), Json::from("x"));
        assert_eq!(Json::from(None::<String>), Json::Null);
        assert_eq!(Json::from(7u64).as_u64(), Some(7));
        assert_eq!(Json::from(-7i64).as_u64(), None);
        assert_eq!(Json::from(-7i64).as_i64(), Some(-7));
        assert_eq!(Json::from(1.5).as_u64(), None);
        assert_eq!(Json::from(12.0).as_text().as_deref(), Some("12"));
        let o = Json::object([("a", Json::from(true))]);
        assert_eq!(o.to_json_string(), r#"{"a":true}"#);
    }
}
