#!/usr/bin/env python3
"""Checks the relative links of every Markdown file of the repository.

    python3 scripts/check-links.py

Scans the Markdown files git knows (tracked, and new ones not ignored) for
links `[text](target)` (images and reference definitions `[label]: target`
too) whose target is relative: not a URL (`https:`, `mailto:`, any scheme)
and not a bare `#anchor` within the same file. Code blocks and inline code
are skipped. A link fails if its target:

- resolves outside the repository root (`../elsewhere/...`),
- is not a file (or a directory holding files) of the repository,
- or is a Markdown file with a `#fragment` that is not the GitHub-style
  slug of one of its headings (lowercase, punctuation other than `-` and
  `_` removed, spaces to `-`, `-1`, `-2`... for repeated headings) nor an
  explicit `id`/`name` anchor in it.

Prints `file:line: target: reason` for each broken link and exits 1 if
there is any. Python 3 standard library only.
"""

import os
import re
import subprocess
import sys
import unicodedata
from urllib.parse import unquote

ROOT = os.path.realpath(
    subprocess.run(
        ["git", "rev-parse", "--show-toplevel"],
        cwd=os.path.dirname(os.path.abspath(__file__)),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
)


def repo_files():
    """Tracked files and new files that are not ignored, which exist on disk."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    files = set()
    for path in out.split("\0"):
        if path and os.path.lexists(os.path.join(ROOT, path)):
            files.add(path)
    dirs = set()
    for path in files:
        parent = os.path.dirname(path)
        while parent and parent not in dirs:
            dirs.add(parent)
            parent = os.path.dirname(parent)
    return files, dirs


FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def fenced_lines(lines):
    """For each line, whether it belongs to a fenced code block."""
    mask = []
    fence = None
    for line in lines:
        m = FENCE.match(line)
        if fence is None:
            if m:
                fence = m.group(1)
            mask.append(fence is not None)
        else:
            mask.append(True)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                    and not line.strip()[len(m.group(1)):].strip():
                fence = None
    return mask


def blank_code(text):
    """The text with fenced code blocks and inline code spans replaced by
    spaces (newlines kept), so that offsets and line numbers stay valid."""
    lines = text.split("\n")
    mask = fenced_lines(lines)
    text = "\n".join(" " * len(l) if fenced else l for l, fenced in zip(lines, mask))

    # Inline code: a run of N backticks up to the next run of exactly N,
    # within one paragraph (no blank line in between).
    def spaces(m):
        return re.sub(r"[^\n]", " ", m.group(0))

    return re.sub(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", spaces, text, flags=re.S)


# [text](target) and ![alt](target); the target may hold one level of
# balanced parentheses, be wrapped in <...>, and be followed by a title.
INLINE = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]"
    r"\(\s*(<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
# [label]: target   (a reference definition)
REFDEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
HTML_ID = re.compile(r"<[^>]*\b(?:id|name)\s*=\s*[\"']([^\"']+)[\"']", re.I)


def heading_text(raw):
    """What GitHub renders of a heading, roughly: links to their text,
    images to their alt text, HTML tags removed."""
    raw = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", raw)
    raw = re.sub(r"!?\[([^\]]*)\]\[[^\]]*\]", r"\1", raw)
    raw = re.sub(r"<[^>]+>", "", raw)
    return raw.strip()


def slug(text):
    out = []
    for ch in text.lower():
        if ch in " -_":
            out.append("-" if ch == " " else ch)
        elif ch.isalnum() or unicodedata.category(ch).startswith("M"):
            out.append(ch)
    return "".join(out)


_anchor_cache = {}


def anchors(path):
    """The anchors of a Markdown file: heading slugs (numbered as GitHub
    numbers repeats) and explicit id/name attributes."""
    if path in _anchor_cache:
        return _anchor_cache[path]
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    fenced = fenced_lines(lines)
    found = set()
    counts = {}

    def add(title):
        base = slug(heading_text(title))
        n = counts.get(base, 0)
        counts[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")

    for i, line in enumerate(lines):
        if fenced[i]:
            continue
        m = ATX.match(line)
        if m:
            add(m.group(2))
            continue
        # A setext heading: a line of = or - under a paragraph line (not
        # under a list item or a table row, where - is something else).
        prev = lines[i - 1] if i > 0 and not fenced[i - 1] else ""
        if SETEXT.match(line) and prev.strip() and not ATX.match(prev) \
                and not prev.lstrip().startswith(("-", "*", "+", "|", ">")):
            add(prev.strip())
    for m in HTML_ID.finditer(text):
        found.add(m.group(1))
    _anchor_cache[path] = found
    return found


def check(md, files, dirs):
    problems = []
    with open(os.path.join(ROOT, md), encoding="utf-8") as f:
        text = f.read()
    scan = blank_code(text)
    targets = [(m.start(), m.group(1)) for m in INLINE.finditer(scan)]
    targets += [(m.start(), m.group(1)) for m in REFDEF.finditer(scan)]
    base = os.path.dirname(md)
    for offset, target in sorted(targets):
        line = scan.count("\n", 0, offset) + 1
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1]
        target = target.strip()
        if not target or target.startswith("#") or SCHEME.match(target):
            continue
        path, _, fragment = target.partition("#")
        path = unquote(path.split("?", 1)[0])
        if path.startswith("/"):
            joined = path.lstrip("/")
        else:
            joined = os.path.join(base, path)
        resolved = os.path.normpath(joined)
        where = f"{md}:{line}: {target}"
        if resolved == ".." or resolved.startswith("../") or os.path.isabs(resolved):
            problems.append(f"{where}: points outside the repository")
            continue
        if resolved == ".":
            continue
        if resolved not in files and resolved not in dirs:
            problems.append(f"{where}: no such file in the repository ({resolved})")
            continue
        if fragment and resolved in files and resolved.lower().endswith(".md"):
            if unquote(fragment) not in anchors(resolved):
                problems.append(f"{where}: no heading with the anchor #{fragment} in {resolved}")
    return problems


def main():
    files, dirs = repo_files()
    mds = sorted(p for p in files if p.lower().endswith(".md"))
    problems = []
    for md in mds:
        problems += check(md, files, dirs)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} broken link(s) in {len(mds)} Markdown files")
        return 1
    print(f"links: {len(mds)} Markdown files, no broken relative link")
    return 0


if __name__ == "__main__":
    sys.exit(main())
