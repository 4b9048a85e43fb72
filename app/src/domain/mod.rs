//! Types shared by the browser and the server, with the rules that make
//! them valid. Everything here compiles to wasm; nothing here touches SQL.

pub mod content;
pub mod dates;
pub mod facets;
pub mod slug;
pub mod summaries;

pub use content::*;
pub use facets::*;
pub use slug::Slug;
pub use summaries::*;
