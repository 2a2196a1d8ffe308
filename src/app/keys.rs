//! Every key the map answers, in one table (the element forwards keys pressed on the map).
//!
//! | key | action |
//! |---|---|
//! | ← / → | previous / next Shandong side |
//! | ↓ / ↑ | next / previous partner of the focused side |
//! | Enter, Space | select the focused target (Shift: pin it) |
//! | Escape | drop the current selection |
//! | + = / − _ | zoom in / out about the centre |
//! | Home, 0 | the whole map |
//! | Shift + arrows | pan |

use crate::map::Step;

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Move the keyboard focus.
    Focus(Step),
    /// Select the focused target; `pin` keeps earlier selections.
    SelectFocused {
        /// Add to the pinned selections.
        pin: bool,
    },
    /// Drop the current selection.
    ClearSelection,
    /// Zoom, pan or reset the view (the interaction machine does it).
    View,
}

/// The action of `key` (a DOM `KeyboardEvent.key`) with or without Shift.
pub fn action(key: &str, shift: bool) -> Option<KeyAction> {
    Some(match (key, shift) {
        ("ArrowRight", false) => KeyAction::Focus(Step::NextCity),
        ("ArrowLeft", false) => KeyAction::Focus(Step::PrevCity),
        ("ArrowDown", false) => KeyAction::Focus(Step::NextPartner),
        ("ArrowUp", false) => KeyAction::Focus(Step::PrevPartner),
        ("Enter" | " ", pin) => KeyAction::SelectFocused { pin },
        ("Escape", _) => KeyAction::ClearSelection,
        ("+" | "=" | "-" | "_" | "Home" | "0", _) => KeyAction::View,
        ("ArrowRight" | "ArrowLeft" | "ArrowDown" | "ArrowUp", true) => KeyAction::View,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_move_the_focus_and_shift_arrows_pan() {
        assert_eq!(
            action("ArrowRight", false),
            Some(KeyAction::Focus(Step::NextCity))
        );
        assert_eq!(action("ArrowRight", true), Some(KeyAction::View));
        assert_eq!(
            action("Enter", true),
            Some(KeyAction::SelectFocused { pin: true })
        );
        assert_eq!(action("a", false), None);
    }
}
