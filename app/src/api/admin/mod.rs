//! Author-only server functions. Each one calls `require_author()` as its
//! first line, before it reads or writes anything; the registry-derived
//! test in `server/tests/guard.rs` proves it for every function not on the
//! public list. They take JSON (editor documents nest) and every argument
//! has a default, so a caller with no session always meets the guard,
//! never a decoding error.

mod editor;
mod history;
mod media;
mod profile;
mod session;
mod taxonomy;

pub use editor::*;
pub use history::*;
pub use media::*;
pub use profile::*;
pub use session::*;
pub use taxonomy::*;
