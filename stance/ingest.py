"""Ingestion: raw article text -> ordered units with kind and character offsets.

The rules target the plain-text layout of Deutsche Welle (and similar) article dumps:

* site navigation ("1. Zum Inhalt springen"), the category line in the navigation block,
  URL lines, agency tags ("se/kle (afp, dpa, wams)") and photo credits ("Bild: ...") are
  dropped;
* a date line ("6. Juni 2021") or a "date 2021-03" prefix (alone on its line or before
  text) becomes metadata;
* a first short line is the title, the paragraph after a title is the lead, later short
  single-line blocks are subheadings (up to ``MAX_HEADING_WORDS`` words) or captions;
* a photo credit ("Bild:", "Foto:", "Fotos:", "Bildquelle:" and a short credit of at most
  ``MAX_CREDIT_WORDS`` words) at the end of the last line of a block, after text that does
  not end a sentence, makes that text a caption; a short line right before it is the image
  title and is dropped. A credit alone on the last line of a block is dropped, and the line
  before it is a caption. Credit words elsewhere ("ein klares Bild: ...") are ordinary text;
* consecutive ordinary lines of one block (a hard-wrapped paragraph, no blank line between)
  are one paragraph, split into sentences with :func:`stance.segment.split_sentences`, so a
  sentence may run over a line break (its unit text then holds the line break);
* every kind of Unicode white space, including line and paragraph separators (U+2028,
  U+2029, U+0085), is stripped from the edges of units and lines; U+2029 also ends a block.

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
_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?:\s+|$)")
#: A photo-credit marker: "Bild:", "Foto:", "Fotos:" or "Bildquelle:" as a word of its own.
_CREDIT_MARKER = re.compile(r"(?<!\S)(?:Bild|Foto|Fotos|Bildquelle)\s*:(?=\s|$)")
#: A credit holds at most this many words after its marker.
MAX_CREDIT_WORDS = 12
#: A sentence end followed by more text (not an initial such as "M. Klimentyev").
_SENTENCE_BREAK = re.compile(r"\w{2,}[.!?…][\"“”»«']*\s+\S")
_INITIAL_END = re.compile(r"(?<![\w.])[A-ZÄÖÜ]\.$")
SENTENCE_END = re.compile(r"[.!?…][\"“”»«'‘’›‹]*$|[\"“”»«‘’›‹]$")
_FULL_STOP_END = re.compile(r"[.!?…][\"“”»«']*$")
#: Stripped from the edges of lines and units: all Unicode white space (line and paragraph
#: separators included) and the invisible BOM / zero-width space.
_WS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "\ufeff\u200b"


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
    """Split ``raw`` into blocks of non-empty lines, each line stripped, with offsets.

    Blank lines (white space only) and U+2029 PARAGRAPH SEPARATOR end a block.
    """
    blocks: list[list[_Line]] = [[]]
    pos = 0
    for line in raw.splitlines(keepends=True):
        lstrip = len(line) - len(line.lstrip(_WS))
        stripped = line.strip(_WS)
        if not stripped:
            if blocks[-1]:
                blocks.append([])
        else:
            s = pos + lstrip
            blocks[-1].append(_Line(s, s + len(stripped), stripped))
            if line.endswith("\u2029"):
                blocks.append([])
        pos += len(line)
    return [b for b in blocks if b]


def _words(text: str) -> int:
    return len(text.split())


def _credit_start(text: str) -> int | None:
    """Where the photo credit of a caption line starts, or None if the line has none.

    ``0`` means the line is only a credit. A credit is a marker ("Bild:", "Foto:", "Fotos:",
    "Bildquelle:") with 1 to ``MAX_CREDIT_WORDS`` words after it, forming the tail of the
    line and holding no sentence; the text before it must not end a sentence.

    >>> _credit_start("Soldaten im Schnee Bild: Max Mustermann/dpa")
    19
    >>> _credit_start("Bild: picture-alliance/dpa/M. Klimentyev")
    0
    >>> _credit_start("Die Lage ergibt ein klares Bild: Die Truppen ziehen ab.") is None
    True
    >>> _credit_start("Die Zahlen stiegen. Foto: dpa") is None
    True
    """
    for m in _CREDIT_MARKER.finditer(text):
        before = text[: m.start()].rstrip(_WS)
        tail = text[m.end() :].strip(_WS)
        if before and _FULL_STOP_END.search(before):
            continue
        if not 1 <= _words(tail) <= MAX_CREDIT_WORDS or _SENTENCE_BREAK.search(tail):
            continue
        if _FULL_STOP_END.search(tail) and not _INITIAL_END.search(tail):
            continue
        return m.start() if before else 0
    return None


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
        single_line_block = len(block) == 1
        run: list[int] = []  # [start, end] of the current run of ordinary lines (one paragraph)

        def flush() -> None:
            nonlocal expect_lead
            if run:
                add_paragraph("lead" if expect_lead else "body", run[0], run[1])
                expect_lead = False
                run.clear()

        last = len(block) - 1
        for i, line in enumerate(block):
            text, start = line.text, line.start
            m = _DATE_PREFIX.match(text)
            if m:
                flush()
                metadata["date"] = m.group(1)
                start += m.end()
                text = raw[start : line.end]
                if not text:
                    continue
            if _is_boilerplate(text):
                flush()
                continue
            if in_nav_block and _words(text) <= 3:
                flush()
                metadata.setdefault("category", text)
                continue
            m = _DATE_LINE.match(text)
            if m:
                flush()
                day, month, year = int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3))
                metadata["date"] = f"{year:04d}-{month:02d}-{day:02d}"
                continue
            # Credits are only looked for on the last line of a block: inside a hard-wrapped
            # paragraph, "ein klares Bild: Die ..." may end a line without being a credit.
            credit = _credit_start(text) if i == last else None
            if credit is not None:
                flush()
                add("caption", start, start + credit)  # nothing for a credit-only line
                continue
            nxt_credit = _credit_start(block[i + 1].text) if i + 1 == last else None
            if nxt_credit:
                if _words(text) <= 8:
                    flush()
                    continue  # image title right before a credited caption
            elif nxt_credit == 0:
                flush()
                add("caption", start, line.end)  # the caption of a credit on a line of its own
                continue
            looks_heading = single_line_block and not SENTENCE_END.search(text)
            if looks_heading and not units and "title" not in metadata:
                metadata["title"] = text
                add("title", start, line.end)
                expect_lead = True
            elif looks_heading or (single_line_block and text.endswith("?") and _words(text) <= MAX_HEADING_WORDS):
                kind = "subheading" if _words(text) <= MAX_HEADING_WORDS else "caption"
                add(kind, start, line.end)
                expect_lead = False
            elif run:
                run[1] = line.end  # a hard-wrapped paragraph goes on
            else:
                run[:] = [start, line.end]
        flush()
    return Article(article_id, raw, tuple(units), metadata)
