"""The pages and text of a PDF file that chromium printed, to check printed documents (the
plan, the agenda, the kit) without a PDF library: enough for chromium's output, not a general
PDF reader."""

from __future__ import annotations

import re
import zlib

_OBJECT = re.compile(rb"(?<![\d])(\d+) 0 obj\s*")
_STREAM = re.compile(rb">>\s*stream\r?\n")
_LENGTH = re.compile(rb"/Length (\d+)(?! \d+ R)")


def _objects(pdf: bytes) -> dict[int, bytes]:
    # A stream is read by its /Length: its compressed bytes may hold "endobj" by chance.
    objects, position = {}, 0
    while match := _OBJECT.search(pdf, position):
        start = match.end()
        end = pdf.index(b"endobj", start)
        stream = _STREAM.search(pdf, start, end)
        if stream:
            length = int(_LENGTH.search(pdf, start, stream.start() + 2).group(1))
            end = pdf.index(b"endobj", stream.end() + length)
        objects[int(match.group(1))] = pdf[start:end]
        position = end
    return objects


def _stream(body: bytes) -> bytes:
    stream = _STREAM.search(body)
    data = body[stream.end():stream.end() + int(_LENGTH.search(body, 0, stream.start() + 2).group(1))]
    return zlib.decompress(data) if b"/FlateDecode" in body[:stream.start()] else data


def _to_unicode(cmap: bytes) -> dict[int, str]:
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for first, last, text in re.findall(rb"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            start = int(text, 16)
            for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def pdf_pages(pdf: bytes) -> list[dict]:
    """Each page of a PDF that chromium printed: its MediaBox (points) and its text, spaces collapsed.

    Enough for chromium's output (Type0 fonts with ToUnicode maps, text shown glyph by glyph
    with Tj); not a general PDF reader.
    """
    objects = _objects(pdf)
    tree = next(body for body in objects.values() if re.search(rb"/Type\s*/Pages\b", body))
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", tree).group(1)
    pages = []
    for number in (int(n) for n in re.findall(rb"(\d+) 0 R", kids)):
        body = objects[number]
        box = [float(v) for v in re.search(rb"/MediaBox \[([^\]]*)\]", body).group(1).split()]
        fonts = {name.decode(): _to_unicode(_stream(objects[int(
            re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)]).group(1))]))
            for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body)}
        content = b"".join(_stream(objects[int(ref)]) for ref in re.findall(
            rb"/Contents (?:\[)?((?:\d+ 0 R\s*)+)", body)[0].split(b" 0 R")[:-1] if ref.strip())
        words, font = [], {}
        for block in re.findall(rb"BT(.*?)ET", content, re.S):
            for operator in re.finditer(rb"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]+)> Tj", block):
                if operator.group(1):
                    font = fonts[operator.group(1).decode()]
                else:
                    code = operator.group(2).decode()
                    glyphs = (int(code[i:i + 4], 16) for i in range(0, len(code), 4))
                    words.append("".join(font.get(glyph, "?") for glyph in glyphs))
            words.append(" ")
        pages.append({"box": box, "text": " ".join("".join(words).split())})
    return pages
