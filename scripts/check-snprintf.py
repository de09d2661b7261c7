#!/usr/bin/env python3
"""Every snprintf in the tree is checked (STYLE.md: "snprintf with a
truncation check").  Run by `make check`; exit 1 naming each offending call.

A call passes when
  - its result is tested: `if (snprintf(...) ...`, `n = snprintf(...)`
    followed within a few lines by a comparison of n; or
  - its result is unused, its size is `sizeof` an array (or a number) and
    its format a literal whose string conversions are bounded (%.4s, not %s
    or %.*s): GCC's -Wformat-truncation=2 (on in the Makefile, with
    -Werror) then proves from the argument ranges that it cannot be cut,
    and fails the build where it could.
`k += snprintf(buf + k, cap - k, ...)` fails: once k passes cap, the size
wraps and the next call writes past the buffer.
Everything else uses common/text.h: text_fmt (checked: its result must be
used; a path, SQL or a value cut is an error naming it), text_fmt_cut (a
deliberate, visible cut, for messages), text_xfmt / text_xappend (a string
that grows: lists, paragraphs, paths), text_number (a figure never cut).
vsnprintf is held to the same rules.
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DIRS = ["common", "extract", "transform", "load", "stats", "output", "synth",
        "run", "tests"]
EXEMPT = {"common/text.c"}  # text_fmt itself: checked there


def strip(src):
    """src with comments blanked (same length), strings kept."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(ch if ch == "\n" else " " for ch in src[i:j]))
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def args_of(src, i):
    """The argument texts of the call whose '(' is at i, and the end."""
    depth, args, cur, j = 0, [], [], i
    while j < len(src):
        c = src[j]
        if c in "\"'":
            k = j + 1
            while k < len(src) and src[k] != c:
                k += 2 if src[k] == "\\" else 1
            cur.append(src[j:k + 1])
            j = k + 1
            continue
        if c in "([{":
            depth += 1
            if depth == 1:
                j += 1
                continue
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append("".join(cur).strip())
                return args, j + 1
        elif c == "," and depth == 1:
            args.append("".join(cur).strip())
            cur = []
            j += 1
            continue
        cur.append(c)
        j += 1
    return args, j


def literal(fmt):
    """The concatenated literal, or None if fmt is not only literals."""
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', fmt)
    rest = re.sub(r'"((?:[^"\\]|\\.)*)"', "", fmt).strip()
    return "".join(parts) if parts and not rest else None


def check(path, rel, bad):
    with open(path, encoding="utf-8", errors="replace") as f:
        src = strip(f.read())
    for m in re.finditer(r"\b(v?snprintf)\s*\(", src):
        line = src.count("\n", 0, m.start()) + 1
        where = f"{rel}:{line}"
        args, end = args_of(src, m.end() - 1)
        before = src[:m.start()].rstrip()
        cast = re.search(r"\(\s*(?:size_t|int|long|unsigned|void)\s*\)$", before)
        if cast:
            if cast.group(0).find("void") >= 0:
                before = before[:cast.start()].rstrip() + ";"
            else:
                before = before[:cast.start()].rstrip()
        prev = before[-2:] if before else ""
        if prev == "+=" or prev == "-=":
            bad.append(f"{where}: `+= snprintf` can run past the buffer (use text_append)")
            continue
        if prev.endswith("=") and not prev.endswith(("==", "!=", "<=", ">=")):
            var = re.search(r"(\w+)(?:\s*\[[^]]*\])?\s*=$", before)
            after = src[end:end + 400]
            if var and re.search(r"\b%s\b\s*(?:<|>|>=|<=|!=|==)|(?:<|>|>=|<=|!=|==)\s*\(?\w*\)?\s*\b%s\b"
                                 % (var.group(1), var.group(1)), after):
                continue
            bad.append(f"{where}: snprintf's result stored but not compared with the size")
            continue
        used = not (prev == "" or prev[-1] in ";{}),:" or before.endswith("else")
                    or before.endswith("(void)"))
        if used:
            continue
        if len(args) < 3:
            bad.append(f"{where}: snprintf call not understood")
            continue
        lit = literal(args[2])
        if (re.fullmatch(r"sizeof\s*\(?\s*[\w.\->\[\]]+\s*\)?|[0-9]+", args[1])
                and re.fullmatch(r"[\w.\->\[\]]+", args[0]) and "++" not in args[0]
                and lit is not None
                and not re.search(r"%[-+ #0-9]*(?:\.\*)?s", lit.replace("%%", ""))):
            continue
        bad.append(f"{where}: unchecked snprintf (check it, or text_fmt / text_fmt_cut)")


def main():
    bad = []
    for d in DIRS:
        for dirpath, _, files in os.walk(os.path.join(ROOT, d)):
            for name in sorted(files):
                if not name.endswith((".c", ".h")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, ROOT)
                if rel in EXEMPT:
                    continue
                check(path, rel, bad)
    for b in bad:
        print(b)
    if bad:
        print(f"snprintf: {len(bad)} unchecked call(s)")
        return 1
    print("snprintf: every call checked")
    return 0


sys.exit(main())
