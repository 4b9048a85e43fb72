//! The event rewrites between pulldown-cmark's parser and its HTML writer.
//!
//! Working on events rather than on the finished HTML means headings,
//! code and tables are rewritten from structure, never from regexes over
//! markup, and the plain text falls out of the same single pass.

use std::collections::HashMap;

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

use super::headings::{self, IdAllocator};
use super::{highlight, sanitize, text, TocEntry};

/// The unsanitized result of one pass.
pub(crate) struct Output {
    pub(crate) html: String,
    pub(crate) toc: Vec<TocEntry>,
    pub(crate) plain_text: String,
}

/// GitHub-flavoured extras, but no smart punctuation: authors paste shell
/// commands and code-ish prose where `--` and `"` must stay as typed.
pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

pub(crate) fn transform(markdown: &str, images: &super::ImageSizes) -> Output {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let mut rewriter = Rewriter::new(&events);
    rewriter.sizes = images.clone();
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        rewriter.handle(event, &mut out);
    }
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    Output {
        html,
        toc: rewriter.toc,
        plain_text: text::collapse_whitespace(&rewriter.plain),
    }
}

struct OpenHeading {
    level: HeadingLevel,
    /// Where its start event sits in the output, to fill in the id once
    /// the heading's text is known.
    start: usize,
    text: String,
}

struct OpenTable {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
}

/// Ids and numbers for one footnote label.
struct Footnote {
    number: usize,
    id: String,
    /// Only footnotes that are referenced get a back-link target.
    ref_id: Option<String>,
    /// Only the first reference and the first definition carry the ids;
    /// repeats (a second reference, a duplicated label) would clash.
    ref_emitted: bool,
    definition_emitted: bool,
}

struct Rewriter {
    ids: IdAllocator,
    toc: Vec<TocEntry>,
    plain: String,
    footnotes: HashMap<String, Footnote>,
    heading: Option<OpenHeading>,
    code: Option<(Option<String>, String)>,
    html_block: Option<String>,
    table: Option<OpenTable>,
    image_depth: usize,
    /// The image being read: its alt text is collected from the events
    /// inside it and the whole image is written as one `<img>`.
    image: Option<OpenImage>,
    images_seen: usize,
    sizes: super::ImageSizes,
}

struct OpenImage {
    src: String,
    title: String,
    alt: String,
}

impl Rewriter {
    /// Numbers footnotes up front, in order of first reference as GitHub
    /// does, so a definition written before its reference still gets the
    /// right number and back-link.
    fn new(events: &[Event]) -> Self {
        let mut ids = IdAllocator::default();
        let mut footnotes: HashMap<String, Footnote> = HashMap::new();
        let referenced = events.iter().filter_map(|e| match e {
            Event::FootnoteReference(name) => Some((name, true)),
            Event::Start(Tag::FootnoteDefinition(name)) => Some((name, false)),
            _ => None,
        });
        // References first, then definitions nobody points at.
        let (refs, defs): (Vec<_>, Vec<_>) = referenced.partition(|(_, is_ref)| *is_ref);
        for (name, is_ref) in refs.into_iter().chain(defs) {
            let key = footnote_key(name);
            if footnotes.contains_key(&key) {
                continue;
            }
            let slug = headings::slugify(name);
            let footnote = Footnote {
                number: footnotes.len() + 1,
                id: ids.unique(&format!("fn-{slug}")),
                ref_id: is_ref.then(|| ids.unique(&format!("fnref-{slug}"))),
                ref_emitted: false,
                definition_emitted: false,
            };
            footnotes.insert(key, footnote);
        }
        Self {
            ids,
            toc: Vec::new(),
            plain: String::new(),
            footnotes,
            heading: None,
            code: None,
            html_block: None,
            table: None,
            image_depth: 0,
            image: None,
            images_seen: 0,
            sizes: super::ImageSizes::default(),
        }
    }

    fn handle<'a>(&mut self, event: Event<'a>, out: &mut Vec<Event<'a>>) {
        if self.image.is_some() {
            self.image_event(event, out);
            return;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                // The page already has the title as its only h1.
                let level = level.max(HeadingLevel::H2);
                self.heading = Some(OpenHeading {
                    level,
                    start: out.len(),
                    text: String::new(),
                });
                out.push(Event::Start(heading_tag(level, None)));
            }
            Event::End(TagEnd::Heading(_)) => self.close_heading(out),

            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) if !info.trim().is_empty() => {
                        Some(info.into_string())
                    }
                    _ => None,
                };
                self.code = Some((info, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((info, code)) = self.code.take() {
                    out.push(Event::Html(
                        highlight::code_block_html(info.as_deref(), &code).into(),
                    ));
                    self.push_plain(&code);
                    self.plain.push(' ');
                }
            }

            Event::Text(text) => {
                if let Some((_, code)) = &mut self.code {
                    code.push_str(&text);
                    return;
                }
                self.push_plain(&text);
                out.push(Event::Text(text));
            }
            Event::Code(text) => {
                self.push_plain(&text);
                out.push(Event::Code(text));
            }

            Event::Start(Tag::HtmlBlock) => {
                self.html_block = Some(String::new());
                out.push(event);
            }
            Event::Html(html) => {
                if let Some(block) = &mut self.html_block {
                    block.push_str(&html);
                }
                out.push(Event::Html(html));
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(block) = self.html_block.take() {
                    // Raw HTML blocks hold real prose often enough
                    // (<details>, <figure>) to be worth indexing.
                    self.plain.push_str(&sanitize::text_content(&block));
                    self.plain.push(' ');
                }
                out.push(event);
            }

            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                // Alt text describes the image; it is not prose to read or
                // to quote in a summary.
                self.image = Some(OpenImage {
                    src: dest_url.into_string(),
                    title: title.into_string(),
                    alt: String::new(),
                });
            }

            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell)
            | Event::End(TagEnd::Table | TagEnd::TableHead | TagEnd::TableCell) => {
                self.table_event(event, out);
            }

            Event::FootnoteReference(name) => {
                out.push(Event::InlineHtml(self.footnote_ref(&name).into()));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                out.push(Event::Html(self.footnote_definition_open(&name).into()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.plain.push(' ');
                out.push(Event::Html("</div>\n".into()));
            }

            Event::SoftBreak | Event::HardBreak | Event::Rule => {
                self.plain.push(' ');
                out.push(event);
            }
            Event::End(end) => {
                if !is_inline(end) {
                    self.plain.push(' ');
                }
                out.push(event);
            }
            other => out.push(other),
        }
    }

    /// pulldown-cmark aligns cells with style attributes, which the
    /// sanitizer strips (and a strict CSP would block); cells are written
    /// here instead, with a class carrying the alignment.
    fn table_event<'a>(&mut self, event: Event<'a>, out: &mut Vec<Event<'a>>) {
        match event {
            Event::Start(Tag::Table(alignments)) => {
                self.table = Some(OpenTable {
                    alignments: alignments.clone(),
                    in_head: false,
                    column: 0,
                });
                out.push(Event::Start(Tag::Table(alignments)));
            }
            Event::Start(Tag::TableHead) => {
                if let Some(table) = &mut self.table {
                    table.in_head = true;
                    table.column = 0;
                }
                out.push(event);
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(table) = &mut self.table {
                    table.in_head = false;
                }
                self.plain.push(' ');
                out.push(event);
            }
            Event::Start(Tag::TableRow) => {
                if let Some(table) = &mut self.table {
                    table.column = 0;
                }
                out.push(event);
            }
            Event::Start(Tag::TableCell) => out.push(Event::Html(self.cell_open().into())),
            Event::End(TagEnd::TableCell) => {
                let (cell, _) = self.cell_names();
                if let Some(table) = &mut self.table {
                    table.column += 1;
                }
                self.plain.push(' ');
                out.push(Event::Html(format!("</{cell}>").into()));
            }
            Event::End(TagEnd::Table) => {
                self.table = None;
                self.plain.push(' ');
                out.push(event);
            }

            other => out.push(other),
        }
    }

    /// Inside an image only its text counts, as the alt text; at its end the
    /// image is written with the size of an uploaded picture (so the page
    /// does not move when it loads) and, past the first one, `loading=lazy`.
    fn image_event<'a>(&mut self, event: Event<'a>, out: &mut Vec<Event<'a>>) {
        let Some(image) = &mut self.image else {
            return;
        };
        match event {
            Event::Text(text) | Event::Code(text) => image.alt.push_str(&text),
            Event::SoftBreak | Event::HardBreak => image.alt.push(' '),
            Event::Start(Tag::Image { .. }) => self.image_depth += 1,
            Event::End(TagEnd::Image) if self.image_depth > 0 => self.image_depth -= 1,
            Event::End(TagEnd::Image) => {
                let image = self.image.take().expect("an open image");
                out.push(Event::InlineHtml(self.img_tag(&image).into()));
            }
            _ => {}
        }
    }

    fn img_tag(&mut self, image: &OpenImage) -> String {
        let mut tag = format!(
            "<img src=\"{}\" alt=\"{}\"",
            attribute(&image.src),
            attribute(&image.alt)
        );
        if !image.title.is_empty() {
            tag.push_str(&format!(" title=\"{}\"", attribute(&image.title)));
        }
        let name = image.src.strip_prefix(crate::domain::MEDIA_PREFIX);
        if let Some((width, height)) = name.and_then(|n| self.sizes.get(n)) {
            tag.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
        }
        if self.images_seen > 0 {
            tag.push_str(" loading=\"lazy\"");
        }
        self.images_seen += 1;
        tag.push('>');
        tag
    }

    fn push_plain(&mut self, text: &str) {
        if let Some(heading) = &mut self.heading {
            heading.text.push_str(text);
        }
        if self.image_depth == 0 {
            self.plain.push_str(text);
        }
    }

    fn close_heading(&mut self, out: &mut Vec<Event<'_>>) {
        let Some(heading) = self.heading.take() else {
            return;
        };
        let level = heading.level;
        let text = text::collapse_whitespace(&heading.text);
        if level <= HeadingLevel::H4 {
            let id = self.ids.unique(&headings::slugify(&text));
            out[heading.start] = Event::Start(heading_tag(level, Some(id.clone())));
            out.push(Event::InlineHtml(headings::anchor_html(&id, &text).into()));
            if level <= HeadingLevel::H3 {
                self.toc.push(TocEntry {
                    level: level as u8,
                    id,
                    text,
                });
            }
        }
        self.plain.push(' ');
        out.push(Event::End(TagEnd::Heading(level)));
    }

    /// The element name and alignment class for the current cell.
    fn cell_names(&self) -> (&'static str, Option<&'static str>) {
        let Some(table) = &self.table else {
            return ("td", None);
        };
        let cell = if table.in_head { "th" } else { "td" };
        let align = match table.alignments.get(table.column) {
            Some(Alignment::Left) => Some("align-left"),
            Some(Alignment::Center) => Some("align-center"),
            Some(Alignment::Right) => Some("align-right"),
            Some(Alignment::None) | None => None,
        };
        (cell, align)
    }

    fn cell_open(&self) -> String {
        match self.cell_names() {
            (cell, Some(class)) => format!(r#"<{cell} class="{class}">"#),
            (cell, None) => format!("<{cell}>"),
        }
    }

    fn footnote_ref(&mut self, name: &str) -> String {
        let Some(footnote) = self.footnotes.get_mut(&footnote_key(name)) else {
            // Unreachable in practice (every reference was numbered up
            // front), but keep the author's text rather than panic.
            return format!("[^{}]", sanitize::escape_text(name));
        };
        let id_attr = match (&footnote.ref_id, footnote.ref_emitted) {
            (Some(ref_id), false) => format!(r#" id="{ref_id}""#),
            _ => String::new(),
        };
        footnote.ref_emitted = true;
        format!(
            r##"<sup class="footnote-reference"{id_attr}><a href="#{id}">{n}</a></sup>"##,
            id = footnote.id,
            n = footnote.number,
        )
    }

    fn footnote_definition_open(&mut self, name: &str) -> String {
        let footnote = match self.footnotes.get_mut(&footnote_key(name)) {
            Some(footnote) if !footnote.definition_emitted => footnote,
            _ => return "<div class=\"footnote-definition\">\n".to_string(),
        };
        footnote.definition_emitted = true;
        let n = footnote.number;
        // The label doubles as the way back to where the reader was.
        let label = match &footnote.ref_id {
            Some(ref_id) => {
                format!(r##"<a href="#{ref_id}" aria-label="Back to reference {n}">{n}</a>"##)
            }
            None => n.to_string(),
        };
        format!(
            r#"<div class="footnote-definition" id="{id}"><sup class="footnote-definition-label">{label}</sup>"#,
            id = footnote.id,
        )
    }
}

fn heading_tag<'a>(level: HeadingLevel, id: Option<String>) -> Tag<'a> {
    Tag::Heading {
        level,
        id: id.map(CowStr::from),
        classes: Vec::new(),
        attrs: Vec::new(),
    }
}

/// GitHub matches footnote labels case-insensitively.
/// Escapes text for a double-quoted attribute value.
fn attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

fn footnote_key(name: &str) -> String {
    name.to_lowercase()
}

/// Inline elements must not break words apart in the plain text.
fn is_inline(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use crate::markdown::render;

    #[test]
    fn tables_keep_structure_and_alignment() {
        let md = "| Name | Qty | Note |\n|:-----|----:|:----:|\n| a | 1 | x |\n| b | 2 | y |\n";
        let html = render(md).html;
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<thead><tr>"), "{html}");
        assert!(
            html.contains(r#"<th class="align-left">Name</th>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<th class="align-right">Qty</th>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<th class="align-center">Note</th>"#),
            "{html}"
        );
        assert!(html.contains(r#"<td class="align-right">2</td>"#), "{html}");
        assert!(html.contains("</tbody></table>"), "{html}");
        assert!(!html.contains("style"), "{html}");
    }

    #[test]
    fn unaligned_table_cells_have_no_class() {
        let html = render("| a | b |\n|---|---|\n| 1 | 2 |\n").html;
        assert!(html.contains("<th>a</th><th>b</th>"), "{html}");
        assert!(html.contains("<td>1</td><td>2</td>"), "{html}");
    }

    #[test]
    fn footnotes_are_linked_both_ways() {
        let md =
            "Claim[^src] and again[^src], plus[^two].\n\n[^src]: The source.\n[^two]: Second.\n";
        let html = render(md).html;
        assert!(
            html.contains(r##"<sup class="footnote-reference" id="fnref-src"><a href="#fn-src" rel="noopener noreferrer">1</a></sup>"##),
            "{html}"
        );
        // The repeat reference links to the note but does not repeat the id.
        assert!(
            html.contains(r##"again<sup class="footnote-reference"><a href="#fn-src" rel="noopener noreferrer">1</a></sup>"##),
            "{html}"
        );
        assert!(
            html.contains(r##"<a href="#fn-two" rel="noopener noreferrer">2</a>"##),
            "{html}"
        );
        assert!(
            html.contains(r##"<div class="footnote-definition" id="fn-src"><sup class="footnote-definition-label"><a href="#fnref-src" aria-label="Back to reference 1""##),
            "{html}"
        );
        assert!(html.contains("The source."), "{html}");
        assert_eq!(html.matches(r#"id="fnref-src""#).count(), 1, "{html}");
    }

    #[test]
    fn footnote_numbers_follow_first_reference() {
        let md = "[^b]: Bee.\n\n[^a]: Ay.\n\nFirst[^a] then[^b].\n";
        let html = render(md).html;
        assert!(
            html.contains(r##"<a href="#fn-a" rel="noopener noreferrer">1</a>"##),
            "{html}"
        );
        assert!(
            html.contains(r##"<a href="#fn-b" rel="noopener noreferrer">2</a>"##),
            "{html}"
        );
    }

    #[test]
    fn footnote_ids_do_not_collide_with_headings() {
        let html = render("## Fn 1\n\nText[^1].\n\n[^1]: Note.\n").html;
        assert!(html.contains(r#"id="fn-1""#), "{html}");
        assert!(html.contains(r#"<h2 id="fn-1-2">"#), "{html}");
    }

    #[test]
    fn duplicate_footnote_definitions_do_not_duplicate_ids() {
        let html = render("A[^x].\n\n[^x]: One.\n\n[^x]: Two.\n").html;
        assert_eq!(html.matches(r#"id="fn-x""#).count(), 1, "{html}");
    }

    #[test]
    fn task_lists_render_disabled_checkboxes() {
        let html = render("- [x] done\n- [ ] todo\n").html;
        assert!(html.contains("<input"), "{html}");
        assert_eq!(html.matches(r#"type="checkbox""#).count(), 2, "{html}");
        assert_eq!(html.matches(r#"disabled="""#).count(), 2, "{html}");
        assert_eq!(html.matches(r#"checked="""#).count(), 1, "{html}");
    }

    #[test]
    fn ordered_list_start_is_kept() {
        let html = render("3. three\n4. four\n").html;
        assert!(html.contains(r#"<ol start="3">"#), "{html}");
    }

    #[test]
    fn blockquotes_and_rules() {
        let html = render("> quoted\n\n---\n").html;
        assert!(html.contains("<blockquote>"), "{html}");
        assert!(html.contains("<hr>"), "{html}");
    }
}
