//! What an employee typed, kept in localStorage until the server confirms it.
//!
//! Keys carry the user id, so on a shared PC one person's draft never shows up for another.

use eslabon_client::web::new_idempotency_key;
use leptos::prelude::{GetValue, SetValue, StoredValue};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// One draft: a text field of one widget for one user and one subject (a URL, a board …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    key: String,
}

impl Draft {
    pub fn new(user: &str, widget: &str, subject: &str) -> Draft {
        Draft {
            key: ["eslabon:draft:v1:", user, ":", widget, ":", subject].concat(),
        }
    }

    pub fn load(&self) -> Option<String> {
        storage()?.get_item(&self.key).ok().flatten()
    }

    /// Saves the text; an empty text removes the draft. Storage failures (quota, private mode)
    /// are ignored: the text is still in the field.
    pub fn save(&self, text: &str) {
        if let Some(storage) = storage() {
            if text.is_empty() {
                let _ = storage.remove_item(&self.key);
            } else {
                let _ = storage.set_item(&self.key, text);
            }
        }
    }

    /// Removes the draft and the send key kept with it ([`Draft::keep_send_key`]).
    pub fn clear(&self) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(&self.key);
            let _ = storage.remove_item(&self.send_key_slot());
        }
    }

    /// The idempotency key of an earlier send of exactly `content` whose outcome is unknown
    /// (kept by [`Draft::keep_send_key`]). After a reload, resending the same text with it
    /// lets the server recognise a send whose answer was lost, instead of storing it twice.
    pub fn send_key(&self, content: &str) -> Option<String> {
        let stored = storage()?.get_item(&self.send_key_slot()).ok()??;
        let (key, sent) = stored.split_once('\n')?;
        (sent == content).then(|| key.to_string())
    }

    /// Remembers `key` as the idempotency key for sending `content`, until [`Draft::clear`].
    pub fn keep_send_key(&self, key: &str, content: &str) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(&self.send_key_slot(), &[key, "\n", content].concat());
        }
    }

    fn send_key_slot(&self) -> String {
        self.key.replacen("eslabon:draft:", "eslabon:draft-key:", 1)
    }
}

/// The idempotency key of one form's send. The same request body sent again (a retry, or a
/// resend after a reload, through the draft) reuses its key, so that the server recognises a
/// send whose answer was lost instead of storing it twice.
#[derive(Clone, Copy)]
pub struct SendKey(StoredValue<Option<(String, String)>>);

impl Default for SendKey {
    fn default() -> Self {
        SendKey(StoredValue::new(None))
    }
}

impl SendKey {
    /// The key for sending `body` (the request body as sent); also kept with `draft`.
    pub fn for_body(&self, draft: Option<&Draft>, body: &str) -> String {
        let key = match self.0.get_value() {
            Some((key, sent)) if sent == body => key,
            _ => draft
                .and_then(|d| d.send_key(body))
                .unwrap_or_else(new_idempotency_key),
        };
        if let Some(draft) = draft {
            draft.keep_send_key(&key, body);
        }
        self.0.set_value(Some((key.clone(), body.to_string())));
        key
    }

    /// Once the server has answered: the next send, even of the same text, is a new one.
    pub fn clear(&self) {
        self.0.set_value(None);
    }
}

/// A small value remembered per user (for example the employee's Mastodon instance).
pub fn remember(user: &str, name: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&["eslabon:pref:v1:", user, ":", name].concat(), value);
    }
}

pub fn recall(user: &str, name: &str) -> Option<String> {
    storage()?
        .get_item(&["eslabon:pref:v1:", user, ":", name].concat())
        .ok()
        .flatten()
}
