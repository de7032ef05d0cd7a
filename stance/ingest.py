"""Ingestion: raw article text -> ordered units with kind and character offsets.

The rules target the plain-text layout of Deutsche Welle (and similar) article dumps:

* site navigation ("1. Zum Inhalt springen"), the category line in the navigation block,
  URL lines, agency tags ("se/kle (afp, dpa, wams)") and photo credits ("Bild: ...") are
  dropped;
* a date line ("6. Juni 2021") or a "date 2021-03" prefix becomes metadata;
* a first short line is the title, the paragraph after a title is the lead, later short
  single-line blocks are subheadings (up to ``MAX_HEADING_WORDS`` words) or captions;
* a line followed by a photo credit is a caption; a short line right before it is the
  image title and is dropped;
* paragraphs are split into sentences with :func:`stance.segment.split_sentences`.

Every unit satisfies ``raw[unit.start:unit.end] == unit.text``.

>>> from stance.ingest import ingest
>>> art = ingest("Titel der Meldung\\n\\n6. Juni 2021\\n\\nErster Satz. Zweiter Satz.\\n")
>>> [(u.kind, u.text) for u in art.units]
[('title', 'Titel der Meldung'), ('lead', 'Erster Satz.'), ('lead', 'Zweiter Satz.')]
>>> art.metadata["date"]
'2021-06-06'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .segment import split_sentences

#: Single-line blocks with at most this many words are headings; longer ones are captions.
MAX_HEADING_WORDS = 12

_MONTHS = {
    m: i
    for i, m in enumerate(
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
        start=1,
    )
}
_NAV = re.compile(r"^\d+\.\s+Zu\w*\b.*springen$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$")
_AGENCY = re.compile(r"^[a-zäöü]{1,5}(?:/[a-zäöü]{1,5})+\s*(?:\([^()]*\))?$")
_DATE_LINE = re.compile(r"^(\d{1,2})\.\s*(" + "|".join(_MONTHS) + r")\s+(\d{4})$")
_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\s+")
_CREDIT = re.compile(r"\s*\b(?:Bild|Foto|Fotos|Bildquelle|Quelle)\s*:\s.*$")
_SENTENCE_END = re.compile(r"[.!?…][\"“”»«']*$|[\"“”»«]$")
_WS = " \t\r\f\v\u00a0\u2009\u202f\ufeff"


@dataclass(frozen=True)
class Unit:
    """One unit of an article: a sentence, title, lead sentence, subheading or caption."""

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """An ingested article: its raw text, its units in order, and metadata."""

    id: str
    raw: str
    units: tuple[Unit, ...]
    metadata: dict = field(default_factory=dict)


@dataclass
class _Line:
    start: int
    end: int
    text: str


def _lines(raw: str) -> list[list[_Line]]:
    """Split ``raw`` into blocks of non-empty lines, each line stripped, with offsets."""
    blocks: list[list[_Line]] = [[]]
    pos = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lstrip = len(body) - len(body.lstrip(_WS))
        stripped = body.strip(_WS)
        if not stripped:
            if blocks[-1]:
                blocks.append([])
        else:
            s = pos + lstrip
            blocks[-1].append(_Line(s, s + len(stripped), stripped))
        pos += len(line)
    return [b for b in blocks if b]


def _words(text: str) -> int:
    return len(text.split())


def _is_boilerplate(text: str) -> bool:
    return bool(_NAV.match(text) or _URL.match(text) or _AGENCY.match(text))


def ingest(raw: str, article_id: str = "article") -> Article:
    """Turn raw article text into an :class:`Article` with ordered units.

    >>> art = ingest("Politik\\n\\nEin Satz. Noch einer.")
    >>> [u.kind for u in art.units]
    ['title', 'lead', 'lead']
    """
    if not isinstance(raw, str):
        raise TypeError(f"ingest expects article text as str, got {type(raw).__name__}")
    metadata: dict = {}
    units: list[Unit] = []
    expect_lead = False

    def add(kind: str, start: int, end: int) -> None:
        text = raw[start:end].strip(_WS)
        if not text:
            return
        s = raw.index(text, start)
        units.append(Unit(kind, text, s, s + len(text)))

    def add_paragraph(kind: str, start: int, end: int) -> None:
        for s, e in split_sentences(raw[start:end], offset=start):
            add(kind, s, e)

    for block in _lines(raw):
        in_nav_block = any(_NAV.match(line.text) for line in block)
        i = 0
        while i < len(block):
            line = block[i]
            text, start = line.text, line.start
            i += 1
            m = _DATE_PREFIX.match(text)
            if m:
                metadata["date"] = m.group(1)
                start += m.end()
                text = raw[start : line.end]
            if _is_boilerplate(text):
                continue
            if in_nav_block and _words(text) <= 3:
                metadata.setdefault("category", text)
                continue
            m = _DATE_LINE.match(text)
            if m:
                day, month, year = int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3))
                metadata["date"] = f"{year:04d}-{month:02d}-{day:02d}"
                continue
            credit = _CREDIT.search(text)
            if credit:
                add("caption", start, start + credit.start())
                continue
            nxt = block[i] if i < len(block) else None
            if nxt is not None and _CREDIT.search(nxt.text) and _words(text) <= 8:
                continue  # image title right before a credited caption
            single_line_block = len(block) == 1
            looks_heading = single_line_block and not _SENTENCE_END.search(text)
            if looks_heading and not units and "title" not in metadata:
                metadata["title"] = text
                add("title", start, line.end)
                expect_lead = True
            elif looks_heading or (single_line_block and text.endswith("?") and _words(text) <= MAX_HEADING_WORDS):
                kind = "subheading" if _words(text) <= MAX_HEADING_WORDS else "caption"
                add(kind, start, line.end)
                expect_lead = False
            else:
                add_paragraph("lead" if expect_lead else "body", start, line.end)
                expect_lead = False
    return Article(article_id, raw, tuple(units), metadata)
