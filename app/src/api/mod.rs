//! Server functions: thin wrappers that parse input, call the data layer
//! and map its errors once, at this boundary.

pub mod admin;
pub mod articles;
pub mod error;
pub mod home;
pub mod notes;
pub mod search;
pub mod site;
pub mod summaries;
pub mod tags;

pub use admin::*;
pub use articles::*;
pub use error::AppError;
pub use home::*;
pub use notes::*;
pub use search::*;
pub use site::*;
pub use summaries::*;
pub use tags::*;
