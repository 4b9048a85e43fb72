//! Types shared by the browser and the server, with the rules that make
//! them valid. Everything here compiles to wasm; nothing here touches SQL.

pub mod archive;
pub mod content;
pub mod dates;
pub mod editor;
pub mod facets;
pub mod links;
pub mod media;
pub mod notes;
pub mod profile;
pub mod profile_doc;
pub mod search;
pub mod slug;
pub mod summaries;
pub mod tags;
pub mod taxonomy;

pub use archive::Archive;
pub use content::*;
pub use editor::*;
pub use facets::*;
pub use media::*;
pub use notes::*;
pub use profile::*;
pub use profile_doc::*;
pub use search::*;
pub use slug::Slug;
pub use summaries::*;
pub use tags::*;
pub use taxonomy::*;
