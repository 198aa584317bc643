#!/usr/bin/env python3
"""Build a long parallel text from the Debian FAQ's HTML in Debian's packages.

    cd /tmp && apt-get download debian-faq debian-faq-ja debian-faq-ru ...
    for f in debian-faq*.deb; do dpkg-deb -x $f x; done
    python3 scripts/debian-faq-data.py /tmp/x/usr/share/doc/debian/FAQ OUT en ja

Every translation is made with po4a from the same DocBook, so the chapters'
headings, paragraphs, list items, code blocks and terms come in the same
order in every language: the n-th block of a chapter is the key `CHAPTER.n`
(`h:` a heading, `p:` anything else). A chapter whose blocks do not match the
English one by kind is left out of that language: the Japanese
"customizing" has 105 blocks for 106, so the Japanese text lacks the chapter,
a long passage only one side has, as in a translation not kept up to date. Writes
`OUT/faq-<lang>.tsv` in the layout of tests/data/parallel (see
scripts/parallel-data.py).
"""
import glob
import html.parser
import os
import re
import sys

BLOCKS = {"h1", "h2", "h3", "h4", "p", "pre", "dt"}


class Blocks(html.parser.HTMLParser):
    """The text of each block element, in order, with its tag."""

    def __init__(self):
        super().__init__()
        self.blocks, self.open, self.depth = [], None, 0

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS and self.open is None:
            self.open, self.depth = (tag, []), 0
        elif self.open is not None and tag == self.open[0]:
            self.depth += 1
        if tag == "br" and self.open is not None:
            self.open[1].append(" ")

    def handle_endtag(self, tag):
        if self.open is None or tag != self.open[0]:
            return
        if self.depth:
            self.depth -= 1
            return
        text = re.sub(r"\s+", " ", "".join(self.open[1])).strip()
        if text:
            self.blocks.append((tag, text))
        self.open = None

    def handle_data(self, data):
        if self.open is not None:
            self.open[1].append(data)


def blocks(faq, lang, page):
    path = f"{faq}/{page}.en.html" if lang == "en" else f"{faq}/{lang}/{page}.{lang}.html"
    parser = Blocks()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    return parser.blocks


def main():
    faq, out, langs = sys.argv[1], sys.argv[2], sys.argv[3:]
    chapters = sorted(
        os.path.basename(p)[: -len(".en.html")] for p in glob.glob(f"{faq}/*.en.html")
    )
    chapters = [c for c in chapters if c not in ("index", "faqinfo")]
    english = {c: blocks(faq, "en", c) for c in chapters}
    os.makedirs(out, exist_ok=True)
    for lang in langs:
        rows = []
        for c in chapters:
            mine = blocks(faq, lang, c)
            if len(mine) != len(english[c]) or any(
                a[0] != b[0] for a, b in zip(mine, english[c])
            ):
                print(f"{lang}: chapter {c} left out ({len(mine)} blocks, English {len(english[c])})")
                continue
            for n, (tag, text) in enumerate(mine):
                kind = "h" if tag.startswith("h") else "p"
                rows.append(f"{kind}:{c}.{n}\t{text}")
        index = blocks(faq, lang, "index")
        title = next(text for tag, text in index if tag == "h1")
        code = "zh" if lang == "zh-cn" else lang
        with open(f"{out}/faq-{code}.tsv", "w", encoding="utf-8") as f:
            f.write(f"title\t{title}\n" + "\n".join(rows) + "\n")
        print(f"{lang}: {len(rows)} blocks, title {title!r}")


main()
