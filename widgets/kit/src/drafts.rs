//! What an employee typed, kept in localStorage until the server confirms it.
//!
//! Keys carry the user id, so on a shared PC one person's draft never shows up for another.

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
