//! Server functions: thin wrappers that parse input, call the data layer
//! and map its errors once, at this boundary.

pub mod articles;
pub mod error;
pub mod home;
pub mod search;
pub mod site;

pub use articles::*;
pub use error::AppError;
pub use home::*;
pub use search::*;
pub use site::*;
