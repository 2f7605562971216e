//! The words of the member requests the custodian adds from the enrolment box (ids
//! `ui-members-*` in `client/i18n/<code>/poc.ftl`).

use crate::translated;

/// Fixed texts of a member request shown to the custodian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum MembersText {
    BoxHelp,
    Title,
    Label,
    Poc,
    CosignedHelp,
    NotCosignedHelp,
    After,
    Add,
    Added,
    AlreadyAdded,
    NotConfirmed,
    NotARequest,
}

translated!(MembersText, "ui_members", {
    BoxHelp = "box-help" => "ui-members-box-help",
    Title = "title" => "ui-members-title",
    Label = "label" => "ui-members-label",
    Poc = "poc" => "ui-members-poc",
    CosignedHelp = "cosigned-help" => "ui-members-cosigned-help",
    NotCosignedHelp = "not-cosigned-help" => "ui-members-not-cosigned-help",
    After = "after" => "ui-members-after",
    Add = "add" => "ui-members-add",
    Added = "added" => "ui-members-added",
    AlreadyAdded = "already-added" => "ui-members-already-added",
    NotConfirmed = "not-confirmed" => "ui-members-not-confirmed",
    NotARequest = "not-a-request" => "ui-members-not-a-request",
});
