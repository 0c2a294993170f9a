//! Short messages that say what happened: a failed request, a queued write, a success.

use leptos::prelude::*;

use crate::i18n::I18n;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Success,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    id: u32,
    kind: ToastKind,
    message: String,
}

/// The toasts of one widget instance.
#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u32>,
}

const VISIBLE_MS: u64 = 7000;
const MAX_VISIBLE: usize = 3;

impl Default for Toasts {
    fn default() -> Self {
        Toasts {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(1),
        }
    }
}

impl Toasts {
    /// Shows a toast. A widget removed meanwhile (a late answer) simply shows nothing.
    pub fn show(&self, kind: ToastKind, message: impl Into<String>) {
        let Some(id) = self.next_id.try_get_value() else {
            return;
        };
        self.next_id.set_value(id + 1);
        let message = message.into();
        self.list.try_update(|list| {
            // The same message twice in a row adds nothing for the reader.
            list.retain(|t| t.message != message);
            list.push(Toast { id, kind, message });
            if list.len() > MAX_VISIBLE {
                list.remove(0);
            }
        });
        let list = self.list;
        set_timeout(
            move || {
                list.try_update(|l| l.retain(|t| t.id != id));
            },
            std::time::Duration::from_millis(VISIBLE_MS),
        );
    }

    pub fn info(&self, message: impl Into<String>) {
        self.show(ToastKind::Info, message)
    }

    pub fn success(&self, message: impl Into<String>) {
        self.show(ToastKind::Success, message)
    }

    pub fn error(&self, message: impl Into<String>) {
        self.show(ToastKind::Error, message)
    }

    pub fn dismiss(&self, id: u32) {
        self.list.try_update(|l| l.retain(|t| t.id != id));
    }
}

/// The live region the toasts appear in. Errors are alerts; the rest are polite status.
#[component]
pub fn ToastRegion(toasts: Toasts, i18n: I18n) -> impl IntoView {
    view! {
        <div class="toasts" part="toasts" role="status" aria-live="polite" aria-label=move || i18n.t("toast.region")>
            <For each=move || toasts.list.get() key=|t| t.id let:toast>
                <div
                    class="toast"
                    class:error=toast.kind == ToastKind::Error
                    class:success=toast.kind == ToastKind::Success
                    role=(toast.kind == ToastKind::Error).then_some("alert")
                    part="toast"
                >
                    <span>{toast.message.clone()}</span>
                    <button
                        type="button"
                        class="dismiss"
                        aria-label=move || i18n.t("toast.dismiss")
                        on:click=move |_| toasts.dismiss(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
