//! The pages, one module per screen. Each reads and changes state only through
//! [`crate::ops`], the operations the command line runs.

pub mod campaigns;
pub mod custodian;
pub mod custodian_words;
pub mod inbox;
pub mod message;
pub mod unlock;
