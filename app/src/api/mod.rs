//! Server functions: thin wrappers that parse input, call the data layer
//! and map its errors once, at this boundary.

pub mod articles;
pub mod error;
pub mod notes;
pub mod site;
pub mod tags;

pub use articles::*;
pub use error::AppError;
pub use notes::*;
pub use site::*;
pub use tags::*;
