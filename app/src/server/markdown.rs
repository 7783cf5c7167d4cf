//! Markdown, rendered once when a post is written: pulldown-cmark, then
//! ammonia. Pages read the stored HTML and never render per request.
//!
//! What residents write cannot run script, load remote images (they cost
//! data on a phone) or hand out link juice: raw HTML is shown as text, images
//! become links, links get `rel="nofollow ugc noopener"`, headings are
//! demoted below the page's own, and deep nesting is flattened.
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// Links a post may hold; beyond that it is spam, not discussion.
pub const LINKS_MAX: usize = 100;
/// Containers (quotes, lists) nested deeper than this are flattened.
const DEPTH_MAX: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkdownError {
    TooManyLinks,
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn is_container(tag: &Tag) -> bool {
    matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::Item)
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(tag, TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item)
}

/// Renders Markdown to sanitized HTML.
pub fn render(src: &str) -> Result<String, MarkdownError> {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut links = 0usize;
    let mut depth = 0usize;
    // Ends of containers that were dropped for being too deep.
    let mut dropped: Vec<usize> = Vec::new();
    let mut events = Vec::new();
    for event in Parser::new_ext(src, options) {
        let event = match event {
            // Raw HTML is shown as the text it is.
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
                level: demote(level),
                id: None,
                classes: vec![],
                attrs: vec![],
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
            // An image becomes a link to it: nothing loads unless asked.
            Event::Start(Tag::Image { dest_url, title, .. }) | Event::Start(Tag::Link { dest_url, title, .. }) => {
                links += 1;
                if links > LINKS_MAX {
                    return Err(MarkdownError::TooManyLinks);
                }
                Event::Start(Tag::Link {
                    link_type: pulldown_cmark::LinkType::Inline,
                    dest_url,
                    title,
                    id: CowStr::Borrowed(""),
                })
            }
            Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
            Event::Start(tag) if is_container(&tag) => {
                depth += 1;
                if depth > DEPTH_MAX {
                    dropped.push(depth);
                    continue;
                }
                Event::Start(tag)
            }
            Event::End(tag) if is_container_end(&tag) => {
                let was = depth;
                depth -= 1;
                if dropped.last() == Some(&was) {
                    dropped.pop();
                    continue;
                }
                Event::End(tag)
            }
            other => other,
        };
        events.push(event);
    }
    let mut html = String::with_capacity(src.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(sanitize(&html))
}

/// The words of a post without markup: for search, quotes and notifications.
pub fn plain_text(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    for event in Parser::new_ext(src, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !out.ends_with(' ') => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters of `text`, cut at a word, with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end())
}

fn sanitize(html: &str) -> String {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "hr",
        "em",
        "strong",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ]
    .into_iter()
    .collect();
    ammonia::Builder::default()
        .tags(tags)
        .tag_attributes(
            [
                ("a", ["href", "title"].into_iter().collect()),
                ("ol", ["start"].into_iter().collect()),
            ]
            .into_iter()
            .collect(),
        )
        .generic_attributes(HashSet::new())
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("nofollow ugc noopener"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(src: &str) -> String {
        render(src).unwrap()
    }

    #[test]
    fn ordinary_markdown_renders() {
        assert_eq!(
            html("Jalan *rusak* di **Plaju**"),
            "<p>Jalan <em>rusak</em> di <strong>Plaju</strong></p>\n"
        );
        assert!(html("- satu\n- dua").contains("<ul>\n<li>satu</li>"));
        assert!(html("> kutipan").contains("<blockquote>"));
        assert!(html("`kode`").contains("<code>kode</code>"));
    }

    #[test]
    fn headings_sit_below_the_page_heading() {
        assert!(html("# Judul").contains("<h3>Judul</h3>"));
        assert!(html("## Sub").contains("<h4>Sub</h4>"));
        assert!(html("###### Kecil").contains("<h6>Kecil</h6>"));
        assert!(!html("# a\n## b\n### c").contains("<h1") && !html("# a").contains("<h2"));
    }

    #[test]
    fn links_are_marked_and_images_become_links() {
        let out = html("[peta](https://example.org/peta)");
        assert!(
            out.contains(r#"<a href="https://example.org/peta" rel="nofollow ugc noopener">peta</a>"#),
            "{out}"
        );
        let out = html("![foto jalan](https://example.org/jalan.jpg)");
        assert!(!out.contains("<img"), "{out}");
        assert!(
            out.contains(r#"<a href="https://example.org/jalan.jpg" rel="nofollow ugc noopener">foto jalan</a>"#),
            "{out}"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let out = html("<b>tebal</b> dan <script>alert(1)</script>");
        assert!(out.contains("&lt;b&gt;tebal&lt;/b&gt;"), "{out}");
        assert!(!out.contains("<script"), "{out}");
    }

    #[test]
    fn too_many_links_are_refused() {
        let ok = "[x](https://e.org) ".repeat(LINKS_MAX);
        assert!(render(&ok).is_ok());
        let spam = "[x](https://e.org) ".repeat(10_000);
        assert_eq!(render(&spam), Err(MarkdownError::TooManyLinks));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let bomb = format!("{}deep", "> ".repeat(5_000));
        let out = html(&bomb);
        assert_eq!(out.matches("<blockquote>").count(), DEPTH_MAX);
        assert_eq!(
            out.matches("<blockquote>").count(),
            out.matches("</blockquote>").count()
        );
        assert!(out.contains("deep"));
        let list = format!(
            "{}x",
            (0..2_000).map(|i| format!("{}- ", "  ".repeat(i))).collect::<String>()
        );
        let out = html(&list);
        assert!(out.matches("<ul>").count() <= DEPTH_MAX);
    }

    /// Known XSS payloads, as Markdown and as HTML. None may produce markup
    /// that runs script, loads anything, or styles the page.
    const PAYLOADS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<body onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml,<svg onload=alert(1)>)",
        "[x](<javascript:alert(1)>)",
        "[x]: javascript:alert(1)\n\n[x]",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"position:fixed;top:0\">overlay</p>",
        "<style>body{display:none}</style>",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"https://evil.example\"><input name=p></form>",
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "<details open ontoggle=alert(1)>",
        "<marquee onstart=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<audio src=x onerror=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<template><script>alert(1)</script></template>",
        "<base href=\"https://evil.example/\">",
        "<a href=x onmouseover=alert(1)>x</a>",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<<script>script>alert(1)<</script>/script>",
        "<img src=\"x\" onerror=\"&#97;&#108;&#101;&#114;&#116;(1)\">",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<a href=\"  javascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "[x](https://example.org \"title\" onclick=alert(1))",
        "**<img src=x onerror=alert(1)>**",
        "> <script>alert(1)</script>",
        "- <iframe src=https://evil.example></iframe>",
        "`<script>` is fine as code",
        "<isindex action=javascript:alert(1) type=image>",
        "<xmp><script>alert(1)</script></xmp>",
        "<plaintext><script>alert(1)</script>",
    ];

    /// Checks every real tag of `out` (text `<` is escaped, so each `<` opens
    /// markup): allowed element, allowed attribute, harmless link target.
    fn assert_inert(out: &str, src: &str) {
        const TAGS: &[&str] = &[
            "p",
            "br",
            "hr",
            "em",
            "strong",
            "del",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "a",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
        ];
        for tag in out.split('<').skip(1) {
            let open = tag.split('>').next().unwrap_or("");
            let open = open.trim_start_matches('/');
            let name = open.split_whitespace().next().unwrap_or("");
            assert!(TAGS.contains(&name), "element <{name}> in {out:?} (from {src:?})");
            let mut rest = &open[name.len()..];
            while let Some(eq) = rest.find("=\"") {
                let attr = rest[..eq].trim();
                let value_end = rest[eq + 2..].find('"').map(|i| eq + 2 + i).unwrap_or(rest.len());
                let value = rest[eq + 2..value_end].to_lowercase();
                assert!(
                    ["href", "title", "start", "rel"].contains(&attr),
                    "attribute {attr} in {out:?} (from {src:?})"
                );
                if attr == "href" {
                    let scheme = value.split_once(':').map(|(s, _)| s).filter(|s| !s.contains('/'));
                    assert!(
                        matches!(scheme, None | Some("http" | "https" | "mailto")),
                        "link to {value:?} in {out:?} (from {src:?})"
                    );
                }
                rest = &rest[(value_end + 1).min(rest.len())..];
            }
        }
    }

    #[test]
    fn xss_corpus_yields_nothing_executable() {
        assert!(PAYLOADS.len() >= 50);
        for payload in PAYLOADS {
            for src in [
                payload.to_string(),
                format!("teks {payload} teks"),
                format!("- {payload}"),
                format!("[{payload}](https://e.org)"),
            ] {
                assert_inert(&html(&src), &src);
            }
        }
    }

    #[test]
    fn the_inertness_check_catches_what_it_should() {
        let caught = |out: &str| std::panic::catch_unwind(|| assert_inert(out, "")).is_err();
        assert!(caught("<img src=\"x\">"));
        assert!(caught("<a href=\"javascript:alert(1)\">x</a>"));
        assert!(caught("<p onclick=\"x\">x</p>"));
        assert!(!caught("<p>&lt;script&gt;javascript:alert(1)</p>"));
        assert!(!caught(
            "<a href=\"https://e.org/a:b\" rel=\"nofollow ugc noopener\">x</a>"
        ));
    }
}
