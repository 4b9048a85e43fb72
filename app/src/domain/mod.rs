//! Types shared by the browser and the server, with the rules that make
//! them valid. Everything here compiles to wasm; nothing here touches SQL.

pub mod content;
pub mod dates;
pub mod facets;
pub mod notes;
pub mod slug;
pub mod tags;

pub use content::*;
pub use facets::*;
pub use notes::*;
pub use slug::Slug;
pub use tags::*;
