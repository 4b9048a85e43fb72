//! Presentational pieces shared by pages. None of them call the server
//! except the header, which reads the site's name once.

pub mod article_row;
pub mod filter_rail;
pub mod layout;
pub mod page_meta;
pub mod route_announcer;
pub mod tag_list;
pub mod theme_toggle;
