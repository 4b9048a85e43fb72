//! Everything that runs only on the server: configuration, state, the
//! database layer and the demo content. Compiled with the `ssr` feature.

pub mod auth;
pub mod authoring;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod frontmatter;
pub mod generate;
pub mod generation;
pub mod media;
pub mod portable;
pub mod state;
