//! The pages, one module per screen. Each reads and changes state only through
//! [`crate::ops`], the operations the command line runs.

pub mod campaigns;
pub mod compose;
pub mod compose_words;
pub mod custodian;
pub mod custodian_members;
pub mod custodian_words;
pub mod directory;
pub mod exercise_words;
pub mod exercises;
pub mod inbox;
pub mod members_words;
pub mod message;
pub mod profile;
pub mod reply;
pub mod team;
pub mod thread;
pub mod unlock;
