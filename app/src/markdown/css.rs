//! Generator and contrast check for `style/highlight.css`, the colours
//! for the `hl-` classes that `highlight.rs` puts on code spans.
//!
//! The CSS is generated rather than hand-written so that every scope the
//! grammars emit has a colour, and it is checked here so that every colour
//! reaches WCAG AA (4.5:1) against its code background: theme colours
//! that fall short are darkened (light theme) or lightened (dark theme)
//! keeping their hue.
//!
//! Light rules are scoped to `:root:not(.dark)` and dark ones to `.dark`
//! (the site toggles `class="dark"` on `<html>`). Scoping both sides,
//! rather than only overriding in dark mode, keeps a light rule with a
//! more specific selector, or a scope only the light theme colours, from
//! leaking into dark mode.
//!
//! Regenerate after changing a theme or upgrading syntect / two-face:
//!
//! ```text
//! cargo test -p app --features ssr markdown::css::tests::regenerate_highlight_css -- --ignored
//! ```

use syntect::highlighting::{Color, Theme, ThemeSettings};
use syntect::html::css_for_theme_with_class_style;
use two_face::theme::EmbeddedThemeName;

use super::highlight::CLASS_STYLE;

/// WCAG 2.x AA for normal-size text.
const MIN_CONTRAST: f64 = 4.5;

struct Variant {
    theme: EmbeddedThemeName,
    background: Rgb,
    /// Put before every selector of this variant.
    scope: &'static str,
}

const LIGHT: Variant = Variant {
    theme: EmbeddedThemeName::Github,
    background: Rgb(0xf6, 0xf8, 0xfa),
    scope: ":root:not(.dark)",
};

const DARK: Variant = Variant {
    theme: EmbeddedThemeName::OneHalfDark,
    background: Rgb(0x0d, 0x11, 0x17),
    scope: ".dark",
};

/// Where the app keeps the stylesheet, relative to the crate root.
const CSS_PATH: &str = "../style/highlight.css";

#[derive(Clone, Copy, Debug, PartialEq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    fn parse_hex(hex: &str) -> Option<Rgb> {
        let hex = hex.strip_prefix('#')?;
        if hex.len() != 6 {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// Relative luminance as defined by WCAG 2.x.
    fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Theme colours may be translucent; CSS output is opaque, so flatten
    /// against the background the colour will actually sit on.
    fn over(color: Color, background: Rgb) -> Rgb {
        let alpha = f64::from(color.a) / 255.0;
        let mix =
            |fg: u8, bg: u8| (f64::from(fg) * alpha + f64::from(bg) * (1.0 - alpha)).round() as u8;
        Rgb(
            mix(color.r, background.0),
            mix(color.g, background.1),
            mix(color.b, background.2),
        )
    }

    fn to_hsl(self) -> (f64, f64, f64) {
        let [r, g, b] = [self.0, self.1, self.2].map(|c| f64::from(c) / 255.0);
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let l = (max + min) / 2.0;
        let d = max - min;
        if d == 0.0 {
            return (0.0, 0.0, l);
        }
        let s = d / (1.0 - (2.0 * l - 1.0).abs());
        let h = if max == r {
            ((g - b) / d).rem_euclid(6.0)
        } else if max == g {
            (b - r) / d + 2.0
        } else {
            (r - g) / d + 4.0
        };
        (h * 60.0, s, l)
    }

    fn from_hsl(h: f64, s: f64, l: f64) -> Rgb {
        let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
        let x = c * (1.0 - ((h / 60.0).rem_euclid(2.0) - 1.0).abs());
        let m = l - c / 2.0;
        let (r, g, b) = match h {
            h if h < 60.0 => (c, x, 0.0),
            h if h < 120.0 => (x, c, 0.0),
            h if h < 180.0 => (0.0, c, x),
            h if h < 240.0 => (0.0, x, c),
            h if h < 300.0 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        let channel = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
        Rgb(channel(r), channel(g), channel(b))
    }

    /// Moves lightness away from the background until the colour reaches
    /// `MIN_CONTRAST`, keeping hue and saturation so the theme still reads
    /// as itself.
    fn with_contrast_against(self, background: Rgb) -> Rgb {
        if self.contrast(background) >= MIN_CONTRAST {
            return self;
        }
        let (h, s, mut l) = self.to_hsl();
        let darken = background.luminance() > 0.18;
        for _ in 0..1000 {
            l = if darken {
                (l - 0.002).max(0.0)
            } else {
                (l + 0.002).min(1.0)
            };
            let candidate = Rgb::from_hsl(h, s, l);
            if candidate.contrast(background) >= MIN_CONTRAST {
                return candidate;
            }
        }
        // Black or white always clears 4.5:1 against the backgrounds used
        // here; the loop only fails for a mid-grey background.
        if darken {
            Rgb(0, 0, 0)
        } else {
            Rgb(0xff, 0xff, 0xff)
        }
    }
}

/// The whole stylesheet: base colours, then each theme's token rules.
fn generate_css() -> String {
    let themes = two_face::theme::extra();
    let mut css = String::from(
        "/* Syntax highlighting for server-rendered code blocks (hl- classes).\n \
         * GENERATED by app/src/markdown/css.rs; do not edit by hand. Regenerate with:\n \
         * cargo test -p app --features ssr markdown::css::tests::regenerate_highlight_css -- --ignored\n \
         */\n",
    );
    for variant in [&LIGHT, &DARK] {
        let theme = themes.get(variant.theme);
        css.push_str(&variant_css(theme, variant));
    }
    css
}

fn variant_css(theme: &Theme, variant: &Variant) -> String {
    let bg = variant.background;
    let base = theme
        .settings
        .foreground
        .map_or(Rgb(0x80, 0x80, 0x80), |c| Rgb::over(c, bg))
        .with_contrast_against(bg);
    let mut out = format!(
        "\n/* {name}, on {bg} */\n{scope} .code-block pre {{\n  background-color: {bg};\n  color: {fg};\n}}\n",
        name = variant.theme.as_name(),
        scope = variant.scope,
        bg = bg.hex(),
        fg = base.hex(),
    );

    let mut theme = theme.clone();
    // Base colours are set on `.code-block pre` above; syntect's own
    // `.hl-code` rule would target a class nothing carries.
    theme.settings = ThemeSettings::default();
    for item in &mut theme.scopes {
        // Span backgrounds (invalid code, diff lines) clash with our own
        // backgrounds and would need their own contrast checks.
        item.style.background = None;
        item.style.foreground = item
            .style
            .foreground
            .map(|c| to_color(Rgb::over(c, bg).with_contrast_against(bg)));
    }
    let generated =
        css_for_theme_with_class_style(&theme, CLASS_STYLE).expect("bundled themes convert to CSS");
    out.push_str(&scope_rules(&generated, variant.scope));
    out
}

fn to_color(rgb: Rgb) -> Color {
    Color {
        r: rgb.0,
        g: rgb.1,
        b: rgb.2,
        a: 0xff,
    }
}

/// Re-emits syntect's rules with every selector prefixed by `scope`,
/// dropping its header comment, the unused `.hl-code` rule, rules left
/// empty once backgrounds were removed, and back-to-back repeats (themes
/// list some scopes twice). Only adjacent repeats go: a later copy of a
/// rule can still win over something in between.
fn scope_rules(generated: &str, scope: &str) -> String {
    let mut out = String::new();
    let mut previous = String::new();
    let mut lines = generated.lines();
    while let Some(line) = lines.next() {
        let Some(selectors) = line.strip_suffix('{') else {
            continue;
        };
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|l| l.trim() != "}")
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let selectors = selectors.trim();
        if body.is_empty() || selectors == ".hl-code" {
            continue;
        }
        let scoped: Vec<String> = selectors
            .split(", ")
            .map(|s| format!("{scope} {}", s.trim()))
            .collect();
        let mut rule = scoped.join(",\n");
        rule.push_str(" {\n");
        for declaration in body {
            rule.push_str("  ");
            rule.push_str(declaration);
            rule.push('\n');
        }
        rule.push_str("}\n");
        if rule != previous {
            out.push_str(&rule);
            previous = rule;
        }
    }
    out
}

/// Every `color` in `css` paired with the background of its variant,
/// recognised by selector prefix.
fn colour_pairs(css: &str) -> Vec<(String, Rgb, Rgb)> {
    let background_of = |scope: &str| {
        let rule = format!("{scope} .code-block pre {{\n  background-color: ");
        let start = css.find(&rule).map(|i| i + rule.len())?;
        Rgb::parse_hex(css.get(start..start + 7)?)
    };
    let light = background_of(LIGHT.scope).expect("light background rule");
    let dark = background_of(DARK.scope).expect("dark background rule");

    let mut pairs = Vec::new();
    let mut selector = String::new();
    for line in css.lines() {
        if line.starts_with(LIGHT.scope) || line.starts_with(DARK.scope) {
            selector = line.to_string();
        }
        if let Some(value) = line.trim().strip_prefix("color: ") {
            let colour = Rgb::parse_hex(value.trim_end_matches(';'))
                .unwrap_or_else(|| panic!("unparsable colour {value:?} in {selector}"));
            let bg = if selector.starts_with(DARK.scope) {
                dark
            } else {
                light
            };
            pairs.push((selector.clone(), colour, bg));
        }
    }
    pairs
}

fn css_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(CSS_PATH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_contrast(css: &str) {
        let pairs = colour_pairs(css);
        assert!(
            pairs.len() > 20,
            "expected many token colours, got {}",
            pairs.len()
        );
        let failures: Vec<String> = pairs
            .iter()
            .filter(|(_, fg, bg)| fg.contrast(*bg) < MIN_CONTRAST)
            .map(|(sel, fg, bg)| {
                format!(
                    "{sel}: {} on {} = {:.2}",
                    fg.hex(),
                    bg.hex(),
                    fg.contrast(*bg)
                )
            })
            .collect();
        assert!(
            failures.is_empty(),
            "colours below {MIN_CONTRAST}:1:\n{}",
            failures.join("\n")
        );
    }

    #[test]
    fn contrast_formula_matches_wcag_reference_values() {
        let black = Rgb(0, 0, 0);
        let white = Rgb(0xff, 0xff, 0xff);
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        // #767676 is the classic lightest grey that passes AA on white.
        let grey = Rgb(0x76, 0x76, 0x76);
        assert!((grey.contrast(white) - 4.54).abs() < 0.01);
    }

    #[test]
    fn hsl_round_trips() {
        for rgb in [
            Rgb(0xd7, 0x3a, 0x49),
            Rgb(0x61, 0xaf, 0xef),
            Rgb(0x80, 0x80, 0x80),
        ] {
            let (h, s, l) = rgb.to_hsl();
            assert_eq!(Rgb::from_hsl(h, s, l), rgb);
        }
    }

    #[test]
    fn contrast_fix_keeps_passing_colours_and_fixes_failing_ones() {
        let bg = LIGHT.background;
        let fine = Rgb(0x24, 0x29, 0x2e);
        assert_eq!(fine.with_contrast_against(bg), fine);
        let pale = Rgb(0xa0, 0xc0, 0xff);
        let fixed = pale.with_contrast_against(bg);
        assert!(fixed.contrast(bg) >= MIN_CONTRAST);
        // Still blue.
        assert!(fixed.2 > fixed.0 && fixed.2 > fixed.1, "{fixed:?}");
        let dim = Rgb(0x30, 0x30, 0x40).with_contrast_against(DARK.background);
        assert!(dim.contrast(DARK.background) >= MIN_CONTRAST);
    }

    #[test]
    fn generated_css_meets_contrast() {
        assert_contrast(&generate_css());
    }

    #[test]
    fn generated_css_is_scoped_and_class_based() {
        let css = generate_css();
        // Backgrounds only on the two `pre` rules, never on spans.
        assert_eq!(css.matches("background-color").count(), 2);
        assert!(css.contains(":root:not(.dark) .code-block pre {"));
        assert!(css.contains(".dark .code-block pre {"));
        assert!(!css.contains(".hl-code"));
        for line in css.lines() {
            if line.contains(".hl-") {
                assert!(
                    line.starts_with(LIGHT.scope) || line.starts_with(DARK.scope),
                    "unscoped selector: {line}"
                );
            }
        }
        // Common scopes are coloured in both themes.
        for class in [".hl-comment", ".hl-string", ".hl-keyword"] {
            assert!(
                css.contains(&format!("{} {class}", LIGHT.scope)),
                "light {class}"
            );
            assert!(
                css.contains(&format!("{} {class}", DARK.scope)),
                "dark {class}"
            );
        }
    }

    #[test]
    fn stylesheet_on_disk_meets_contrast_and_is_current() {
        let path = css_path();
        let on_disk = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read {}: {e}; regenerate it (see markdown/css.rs)",
                path.display()
            )
        });
        assert_contrast(&on_disk);
        assert!(
            on_disk == generate_css(),
            "{} is stale; regenerate it (see markdown/css.rs)",
            path.display()
        );
    }

    /// Writes the stylesheet. Ignored so that tests never modify files
    /// unless asked to.
    #[test]
    #[ignore = "writes style/highlight.css; run explicitly to regenerate"]
    fn regenerate_highlight_css() {
        let css = generate_css();
        assert_contrast(&css);
        let path = css_path();
        std::fs::write(&path, css)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}
