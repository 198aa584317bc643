//! Documents in other formats import as their plain text does: every
//! fixture in tests/data/formats (made by scripts/make-format-fixtures.py)
//! gives the same translations, titles and blocks as the markdown it was
//! rendered from.

use resreader::import::{self, ImportOptions, SourceFile};
use resreader::library::{Block, Resolution};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/formats")
        .join(name)
}

fn import_files(names: &[&str]) -> Resolution {
    let files: Vec<SourceFile> = names
        .iter()
        .map(|n| SourceFile {
            name: n.to_string(),
            bytes: std::fs::read(fixture(n)).unwrap_or_else(|e| panic!("{n}: {e}")),
        })
        .collect();
    let mut report = import::import(&files, &ImportOptions::default());
    let errors: Vec<String> = report.errors.iter().map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{names:?}: {errors:?}");
    assert_eq!(report.resolutions.len(), 1, "{names:?}");
    report.resolutions.remove(0)
}

/// What must match: each translation's language, title and blocks (kind
/// and text with whitespace normalised).
fn summary(r: &Resolution) -> Vec<(String, String, Vec<String>)> {
    r.translations
        .iter()
        .map(|t| {
            let blocks = t
                .blocks
                .iter()
                .map(|b| {
                    let kind = match b {
                        Block::Heading { level, .. } => format!("h{level}"),
                        Block::Paragraph { .. } => "p".into(),
                        Block::Item { .. } => "li".into(),
                        Block::Footnote { label, .. } => format!("note {label}"),
                        Block::Signatories { .. } => "signatories".into(),
                    };
                    let text = b.text().split_whitespace().collect::<Vec<_>>().join(" ");
                    format!("{kind}: {text}")
                })
                .collect();
            (t.lang.clone(), t.meta.title.clone(), blocks)
        })
        .collect()
}

fn same_as_text(name: &str, text: &str) {
    same_as_texts(name, &[text]);
}

fn same_as_texts(name: &str, texts: &[&str]) {
    let text = texts[0];
    let from_format = import_files(&[name]);
    let from_text = import_files(texts);
    let expected = summary(&from_text);
    // The fixtures hold each kind of block; the text import finds them.
    for kind in ["h2: ", "p: ", "li: ", "note 1: "] {
        assert!(
            expected[0].2.iter().any(|b| b.starts_with(kind)),
            "{text}: no {kind}"
        );
    }
    similar_asserts(name, &summary(&from_format), &expected);
    assert_eq!(from_format.meta.id, from_text.meta.id, "{name}");
}

fn similar_asserts(
    name: &str,
    got: &[(String, String, Vec<String>)],
    want: &[(String, String, Vec<String>)],
) {
    assert_eq!(got.len(), want.len(), "{name}: translations");
    for (g, w) in got.iter().zip(want) {
        assert_eq!((&g.0, &g.1), (&w.0, &w.1), "{name}: language and title");
        for (i, (gb, wb)) in g.2.iter().zip(&w.2).enumerate() {
            assert_eq!(gb, wb, "{name}: block {i}");
        }
        assert_eq!(g.2.len(), w.2.len(), "{name}: block count");
    }
}

const LANGS: [&str; 4] = ["en", "ru", "ar", "zh"];

#[test]
fn odt_imports_as_its_text() {
    for lang in LANGS {
        same_as_text(&format!("udhr-{lang}.odt"), &format!("udhr-{lang}.md"));
    }
}

#[test]
fn docx_imports_as_its_text() {
    for lang in LANGS {
        same_as_text(&format!("udhr-{lang}.docx"), &format!("udhr-{lang}.md"));
    }
}

#[test]
fn pdf_imports_as_its_text() {
    for lang in LANGS {
        same_as_text(&format!("udhr-{lang}.pdf"), &format!("udhr-{lang}.md"));
    }
}

#[test]
fn web_pages_import_their_main_content_as_its_text() {
    for lang in LANGS {
        same_as_text(&format!("udhr-{lang}.html"), &format!("udhr-{lang}.md"));
    }
    // Two language versions on one page split as in a text file.
    same_as_texts("udhr-en-ru.html", &["udhr-en.md", "udhr-ru.md"]);
}

/// The bundled library's resolutions (from the seeds), each translation
/// rendered by scripts/make-format-fixtures.py; sub-headings are set in
/// bold at the body size.
const SEEDS: [(&str, &[&str]); 4] = [
    ("ceasefire", &["en", "ru"]),
    ("imcwp", &["ar", "en", "es", "ru"]),
    ("kazakhstan", &["ru"]),
    ("syria", &["fr"]),
];

/// Each seed's translations in format `ext`, imported together, give the
/// resolution their markdown gives: blocks, titles, languages, metadata
/// and the alignment of every translation with the first.
fn seeds_same_as_text(ext: &str) {
    for (doc, langs) in SEEDS {
        let files: Vec<String> = langs
            .iter()
            .map(|l| format!("seeds/{doc}-{l}.{ext}"))
            .collect();
        let texts: Vec<String> = langs
            .iter()
            .map(|l| format!("seeds/{doc}-{l}.md"))
            .collect();
        let got = import_files(&files.iter().map(String::as_str).collect::<Vec<_>>());
        let want = import_files(&texts.iter().map(String::as_str).collect::<Vec<_>>());
        let name = format!("{doc}.{ext}");
        similar_asserts(&name, &summary(&got), &summary(&want));
        assert_eq!(got.meta.organization, want.meta.organization, "{name}");
        if (doc, ext) == ("syria", "pdf") {
            // One page: no other page shows its running header ("ICOR ·
            // 2026-01-24") to be furniture, so its date is read as the
            // document's. Everything else matches.
            let date = got.meta.date.as_ref().map(|d| d.to_string());
            assert_eq!(date.as_deref(), Some("2026-01-24"), "{name}");
            assert_eq!(want.meta.date, None, "{name}");
        } else {
            assert_eq!(
                (&got.meta.id, &got.meta.date),
                (&want.meta.id, &want.meta.date),
                "{name}"
            );
        }
        for i in 1..got.translations.len() {
            let pair = |r: &Resolution| {
                resreader::align::align(&r.translations[0].blocks, &r.translations[i].blocks)
            };
            assert_eq!(pair(&got), pair(&want), "{name}: alignment {i}");
        }
    }
}

#[test]
fn a_pdf_heading_set_bold_at_the_body_size_is_a_heading() {
    // "Other Parties" in bold 11 pt, the body's size; the title is larger.
    let got = import_files(&["seeds/imcwp-en.pdf"]);
    let blocks = &summary(&got)[0].2;
    assert!(
        blocks.contains(&"h2: Other Parties".to_string()),
        "{blocks:#?}"
    );
    // Nothing else there is bold, so nothing else became a heading.
    assert_eq!(blocks.iter().filter(|b| b.starts_with('h')).count(), 1);
}

#[test]
fn seeds_as_odt_import_as_their_text() {
    seeds_same_as_text("odt");
}

#[test]
fn seeds_as_docx_import_as_their_text() {
    seeds_same_as_text("docx");
}

#[test]
fn seeds_as_web_pages_import_as_their_text() {
    seeds_same_as_text("html");
}

#[test]
fn seeds_as_pdf_import_as_their_text() {
    seeds_same_as_text("pdf");
}

/// Import one file and return its one error message.
fn error_of(name: &str) -> String {
    let bytes = std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    error_of_bytes(name, bytes)
}

fn error_of_bytes(name: &str, bytes: Vec<u8>) -> String {
    let file = SourceFile {
        name: name.to_string(),
        bytes,
    };
    let report = import::import(&[file], &ImportOptions::default());
    assert!(report.resolutions.is_empty(), "{name} imported");
    assert_eq!(report.errors.len(), 1, "{name}");
    report.errors[0].to_string()
}

#[test]
fn hostile_files_fail_with_a_clear_message() {
    for (name, says) in [
        (
            "hostile/bomb.docx",
            "unpacks to more than 32 MB (a compression bomb?)",
        ),
        ("hostile/laughs.docx", "not a readable DOCX file"),
        ("hostile/deep.odt", "ODT file nested deeper than 256 levels"),
        ("hostile/other.zip", "neither a DOCX nor an ODT"),
        ("hostile/truncated.docx", "not a readable zip file"),
        ("hostile/scan.pdf", "a PDF without a text layer (a scan?)"),
        ("hostile/selfdraw.pdf", "a drawing that contains itself"),
        ("hostile/pages-loop.pdf", "without a text layer"),
        ("hostile/garbage.pdf", "not a readable PDF file"),
        ("hostile/panics.pdf", "its content could not be decoded"),
        // The extractor recurses into these; they used to overflow its stack.
        (
            "hostile/selfdraw-image.pdf",
            "a drawing that contains itself",
        ),
        ("hostile/parent-loop.pdf", "a page tree whose parents loop"),
        // Flate streams that inflate to gigabytes where lopdf would.
        (
            "hostile/bomb-contents.pdf",
            "PDF file whose `stream 4 0` unpacks to more than 64 MB",
        ),
        (
            "hostile/bomb-objstm.pdf",
            "PDF file whose `object stream` unpacks to more than 64 MB",
        ),
        // An image is never inflated: a scan, however large.
        ("hostile/bomb-image.pdf", "without a text layer"),
        (
            "hostile/bomb-xref.pdf",
            "PDF file whose `cross-reference stream` unpacks to more than 64 MB",
        ),
    ] {
        let message = error_of(name);
        assert!(
            message.starts_with(&format!("{name}: ")) && message.contains(says),
            "{name}: {message}"
        );
    }
}

#[test]
fn deeply_nested_pages_are_refused() {
    let depth = 100_000;
    let page = format!(
        "<!DOCTYPE html><html><body>{}deep{}</body></html>",
        "<div><span>".repeat(depth),
        "</span></div>".repeat(depth)
    );
    let message = error_of_bytes("deep.html", page.into_bytes());
    assert_eq!(
        message,
        "deep.html: HTML file nested deeper than 512 levels"
    );
}

/// A web server on the loopback address for the URL tests: each path is
/// one behaviour.
fn serve() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                // Drain the headers.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                let mut out = &stream;
                let reply = |out: &mut &std::net::TcpStream, head: &str, body: &[u8]| {
                    let _ = write!(
                        out,
                        "HTTP/1.1 {head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = out.write_all(body);
                };
                match path.as_str() {
                    "/udhr-ru.html" => {
                        let body = std::fs::read(fixture("udhr-ru.html")).unwrap_or_default();
                        reply(
                            &mut out,
                            "200 OK\r\nContent-Type: text/html; charset=utf-8",
                            &body,
                        );
                    }
                    "/ru.txt" => {
                        // The Russian text in windows-1251, named only by the server.
                        let text =
                            std::fs::read_to_string(fixture("udhr-ru.md")).unwrap_or_default();
                        let body: Vec<u8> = text
                            .chars()
                            .map(|c| match c as u32 {
                                0x410..=0x44F => (c as u32 - 0x410 + 0xC0) as u8,
                                0x401 => 0xA8,
                                0x451 => 0xB8,
                                n if n < 0x80 => n as u8,
                                _ => b'?',
                            })
                            .collect();
                        reply(
                            &mut out,
                            "200 OK\r\nContent-Type: text/plain; charset=windows-1251",
                            &body,
                        );
                    }
                    "/loop" => reply(&mut out, "302 Found\r\nLocation: /loop", b""),
                    "/image.png" => {
                        reply(&mut out, "200 OK\r\nContent-Type: image/png", b"\x89PNG")
                    }
                    "/endless" => {
                        let _ = write!(
                            out,
                            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
                        );
                        let chunk = [b'a'; 64 * 1024];
                        while out.write_all(&chunk).is_ok() {}
                    }
                    "/stall" | "/trickle" => {
                        // Headers, then a byte now and then: the body never
                        // ends within the client's deadline.
                        let _ = write!(
                            out,
                            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nSome"
                        );
                        let _ = out.flush();
                        let (pause, bytes) = if path == "/stall" {
                            (8000, 1)
                        } else {
                            (250, 32)
                        };
                        for _ in 0..bytes {
                            std::thread::sleep(std::time::Duration::from_millis(pause));
                            if out.write_all(b" ").and_then(|_| out.flush()).is_err() {
                                return;
                            }
                        }
                    }
                    _ => reply(&mut out, "404 Not Found", b""),
                }
            });
        }
    });
    format!("http://{addr}")
}

#[test]
fn urls_are_fetched_and_imported_as_what_they_are() {
    use resreader::import::formats::url::{FetchError, Limits, fetch};
    let base = serve();
    let limits = Limits {
        max_bytes: 1024 * 1024,
        max_redirects: 4,
        timeout: std::time::Duration::from_secs(20),
    };
    let expected = import_files(&["udhr-ru.md"]);
    for path in ["/udhr-ru.html", "/ru.txt"] {
        let url = format!("{base}{path}");
        let bytes = fetch(&url, &limits).unwrap_or_else(|e| panic!("{url}: {e}"));
        let report = import::import(
            &[SourceFile {
                name: url.clone(),
                bytes,
            }],
            &ImportOptions::default(),
        );
        assert!(report.errors.is_empty(), "{url}: {:?}", report.errors);
        let got = &report.resolutions[0];
        assert_eq!(summary(got), summary(&expected), "{url}");
        assert_eq!(got.meta.source.as_deref(), Some(url.as_str()));
    }
    for (path, error) in [
        ("/loop", FetchError::Redirects(4)),
        ("/endless", FetchError::TooLarge(1)),
        ("/image.png", FetchError::NotADocument("image/png".into())),
        ("/missing", FetchError::Status(404)),
    ] {
        assert_eq!(
            fetch(&format!("{base}{path}"), &limits),
            Err(error),
            "{path}"
        );
    }
    // A server that sends its headers and then stalls, or trickles bytes
    // slower than the body could ever arrive, meets the deadline.
    let limits = Limits {
        timeout: std::time::Duration::from_secs(2),
        ..limits
    };
    for (path, error) in [
        ("/stall", FetchError::Timeout(2)),
        ("/trickle", FetchError::Timeout(2)),
    ] {
        assert_eq!(
            fetch(&format!("{base}{path}"), &limits),
            Err(error),
            "{path}"
        );
    }
}

#[test]
fn one_import_takes_every_format_and_skips_the_file_that_fails() {
    let library = tempfile::tempdir().expect("temp dir");
    let out = assert_cmd::Command::cargo_bin("resreader")
        .expect("binary")
        .env_remove("RESREADER_LIBRARY")
        .env("XDG_CONFIG_HOME", library.path().join(".config"))
        .env("RESREADER_CACHE", library.path().join(".cache"))
        .arg("--library")
        .arg(library.path())
        .arg("import")
        .args(
            [
                "udhr-en.docx",
                "udhr-ru.odt",
                "udhr-ar.pdf",
                "udhr-zh.html",
                "hostile/scan.pdf",
            ]
            .map(fixture),
        )
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stderr.contains("scan.pdf: a PDF without a text layer"),
        "{stderr}"
    );
    assert!(stdout.contains("[ar,en,ru,zh]"), "{stdout}");
    let written: Vec<String> = std::fs::read_dir(library.path())
        .expect("library")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
}

#[test]
fn a_reader_that_panics_leaves_only_our_message() {
    let library = tempfile::tempdir().expect("temp dir");
    let out = assert_cmd::Command::cargo_bin("resreader")
        .expect("binary")
        .env_remove("RESREADER_LIBRARY")
        .env("XDG_CONFIG_HOME", library.path().join(".config"))
        .env("RESREADER_CACHE", library.path().join(".cache"))
        .arg("--library")
        .arg(library.path())
        .args(["import", "--dry-run"])
        .arg(fixture("hostile/panics.pdf"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // pdf-extract panics on the file's font; its message must not show.
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].ends_with("panics.pdf: not a readable PDF file: its content could not be decoded"),
        "{stderr}"
    );
    assert!(lines[1].contains("1 problem"), "{stderr}");
}
