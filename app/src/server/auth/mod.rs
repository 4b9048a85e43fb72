//! Who is signed in. Passwords are argon2id hashes; sessions are random
//! tokens whose SHA-256 lives in the `sessions` table (never the token
//! itself), so a copy of the database cannot be replayed as a cookie.
//!
//! Why the existing table rather than tower-sessions: Folio has one kind of
//! session (an author), needs to end every session of one author when the
//! password changes, and must read the session inside server functions as
//! well as in axum handlers. A small table we own does all three with one
//! query each and no second session abstraction beside Leptos' context.

pub mod cookie;
pub mod guard;
pub mod password;
pub mod rate_limit;
pub mod session;
pub mod users;

pub use guard::{current_author, require_author, Author};
