//! Prose and code that read like an engineer's writing to every part of
//! Folio that looks at it: the renderer (headings, lists, fenced code in
//! languages the highlighter knows), the search index (a long tail of
//! words, common ones far more frequent) and reading-time estimates.

use super::rng::Rng;

/// Common words first: `Rng::skewed` picks early ones most often.
const WORDS: &[&str] = &[
    "the",
    "a",
    "to",
    "of",
    "and",
    "in",
    "is",
    "it",
    "that",
    "we",
    "for",
    "on",
    "with",
    "this",
    "as",
    "be",
    "at",
    "by",
    "not",
    "or",
    "from",
    "but",
    "when",
    "one",
    "can",
    "each",
    "which",
    "so",
    "if",
    "then",
    "every",
    "more",
    "than",
    "only",
    "without",
    "into",
    "after",
    "before",
    "query",
    "index",
    "table",
    "request",
    "server",
    "client",
    "cache",
    "page",
    "row",
    "column",
    "thread",
    "lock",
    "write",
    "read",
    "test",
    "build",
    "deploy",
    "release",
    "error",
    "type",
    "function",
    "module",
    "crate",
    "trait",
    "async",
    "future",
    "runtime",
    "memory",
    "latency",
    "throughput",
    "disk",
    "network",
    "socket",
    "buffer",
    "stream",
    "parser",
    "compiler",
    "allocation",
    "pointer",
    "lifetime",
    "borrow",
    "ownership",
    "schema",
    "migration",
    "journal",
    "transaction",
    "commit",
    "rollback",
    "replica",
    "leader",
    "follower",
    "quorum",
    "shard",
    "partition",
    "backpressure",
    "timeout",
    "retry",
    "queue",
    "worker",
    "scheduler",
    "kernel",
    "syscall",
    "profile",
    "flamegraph",
    "benchmark",
    "regression",
    "invariant",
    "contract",
    "interface",
    "boundary",
    "service",
    "endpoint",
    "router",
    "handler",
    "middleware",
    "header",
    "cookie",
    "session",
    "token",
    "secret",
    "hash",
    "signature",
    "certificate",
    "proxy",
    "sqlite",
    "postgres",
    "rust",
    "tokio",
    "axum",
    "leptos",
    "wasm",
    "hydration",
    "tailwind",
    "linux",
    "systemd",
    "nginx",
    "docker",
    "git",
    "branch",
    "review",
    "incident",
    "postmortem",
    "observability",
    "tracing",
    "metrics",
    "logging",
    "alert",
    "dashboard",
    "capacity",
    "careful",
    "simple",
    "small",
    "slow",
    "fast",
    "honest",
    "boring",
    "explicit",
    "implicit",
    "measured",
    "noticed",
    "changed",
    "removed",
    "kept",
    "learned",
    "shipped",
    "rewrote",
    "because",
    "although",
    "instead",
    "usually",
    "rarely",
    "finally",
    "surprisingly",
    "later",
];

/// Syllables for the long tail of rarer words (names, jargon, typos).
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "sta", "tor", "vin", "qua", "zel", "phi", "dro", "ben", "cor",
    "fal", "gri", "hux", "jen", "lum", "mor", "nix", "pel", "ser", "tav", "ul", "wex", "yar",
];

pub const LANGUAGES: &[&str] = &["rust", "sql", "bash", "toml", "javascript", "python"];

pub fn word(rng: &mut Rng) -> String {
    if rng.chance(0.08) {
        let parts = rng.range(2, 4);
        (0..parts).map(|_| *rng.pick(SYLLABLES)).collect()
    } else {
        WORDS[rng.skewed(WORDS.len())].to_owned()
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A sentence of `words` words; returns it and its word count.
pub fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        let w = word(rng);
        match rng.range(0, 40) {
            0 => out.push_str(&format!("`{w}`")),
            1 => out.push_str(&format!("*{w}*")),
            2 if i + 1 < words => out.push_str(&format!("[{w}](https://example.com/{w})")),
            _ if i == 0 => out.push_str(&capitalised(&w)),
            _ => out.push_str(&w),
        }
    }
    out.push('.');
    out
}

/// A title of a few words, capitalised.
pub fn title(rng: &mut Rng) -> String {
    let words = rng.range(3, 8);
    let text = (0..words).map(|_| word(rng)).collect::<Vec<_>>().join(" ");
    capitalised(&text)
}

/// A paragraph of about `words` words.
pub fn paragraph(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    let mut written = 0;
    while written < words {
        let n = rng.range(6, 24).min(words - written).max(1);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&sentence(rng, n));
        written += n;
    }
    out
}

/// A fenced code block of `lines` lines in one of `LANGUAGES`.
pub fn code_block(rng: &mut Rng, lines: usize) -> String {
    let lang = *rng.pick(LANGUAGES);
    let mut out = format!("```{lang}\n");
    for i in 0..lines {
        let (a, b) = (word(rng), word(rng));
        let n = rng.range(0, 999);
        let line = match lang {
            "rust" => match i % 4 {
                0 => format!("fn {a}_{b}(input: &str) -> Result<u64, Error> {{"),
                1 => format!("    let {a} = input.parse::<u64>()? + {n};"),
                2 => format!("    // {a} {b} before the {}", word(rng)),
                _ => format!("    Ok({a})\n}}"),
            },
            "sql" => format!("SELECT {a}, COUNT(*) FROM {b} WHERE id > {n} GROUP BY {a};"),
            "bash" => format!("{a} --{b} {n} | grep -c {}", word(rng)),
            "toml" => format!("{a}_{b} = {n}"),
            "javascript" => format!("const {a} = await fetch(`/{b}/${{{n}}}`);"),
            _ => format!("def {a}_{b}(x):\n    return x * {n}"),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("```");
    out
}

/// An article body of about `target` words: an introduction, then h2
/// sections (some with h3s) of paragraphs, lists and code.
pub fn article_body(rng: &mut Rng, target: usize) -> String {
    let mut blocks = Vec::new();
    let mut words = 0;
    while words < target.min(120) {
        let n = rng.range(40, 90);
        blocks.push(paragraph(rng, n));
        words += n;
    }
    while words < target {
        blocks.push(format!("## {}", title(rng)));
        let paragraphs = rng.range(2, 6);
        for p in 0..paragraphs {
            if words >= target {
                break;
            }
            if p == 2 && rng.chance(0.4) {
                blocks.push(format!("### {}", title(rng)));
            }
            let n = rng.range(40, 140);
            blocks.push(paragraph(rng, n));
            words += n;
            match rng.range(0, 7) {
                0 => {
                    let lines = rng.range(3, 16);
                    blocks.push(code_block(rng, lines));
                    words += lines * 4;
                }
                3 => {
                    let items: Vec<String> = (0..rng.range(3, 6))
                        .map(|_| {
                            let n = rng.range(4, 12);
                            format!("- {}", sentence(rng, n))
                        })
                        .collect();
                    words += items.len() * 8;
                    blocks.push(items.join("\n"));
                }
                _ => {}
            }
        }
    }
    blocks.join("\n\n")
}

/// The length of an article in words: 1,000 to 8,000, most near the short
/// end as on a real blog (median about 1,900, mean about 2,750).
pub fn article_words(rng: &mut Rng) -> usize {
    let u = rng.unit();
    1_000 + (7_000.0 * u * u * u) as usize
}

/// A slug-safe lowercase form of a title, with `n` to keep it unique.
pub fn slug_of(title: &str, n: usize) -> String {
    let mut slug = String::new();
    for ch in title.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() > 80 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    format!("{slug}-{n}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Slug;

    #[test]
    fn bodies_have_the_asked_length_headings_and_code() {
        let mut rng = Rng::new(3);
        let body = article_body(&mut rng, 3_000);
        let rendered = crate::markdown::render(&body);
        let words = rendered.plain_text.split_whitespace().count();
        assert!((2_700..4_200).contains(&words), "{words} words");
        assert!(!rendered.toc.is_empty());
        assert!(body.contains("```"));
    }

    #[test]
    fn slugs_parse() {
        let mut rng = Rng::new(9);
        for n in 0..200 {
            let slug = slug_of(&title(&mut rng), n);
            assert!(Slug::parse(&slug).is_ok(), "{slug}");
        }
    }
}
