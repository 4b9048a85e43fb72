//! Server functions: thin wrappers that parse input, call the data layer
//! and map its errors once, at this boundary.

pub mod articles;
pub mod error;
pub mod site;
pub mod summaries;

pub use articles::*;
pub use error::AppError;
pub use site::*;
pub use summaries::*;
