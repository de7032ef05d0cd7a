"""Sentence splitting with character offsets (wraps `syntok`, MIT licence).

Two repairs on top of syntok, for German news:

* a sentence that ends inside typographic quotes („Das ist gut.“ Das ist ...) is split after
  the closing quote, as syntok already does for straight quotes;
* an ordinal date or number ("am 1. Oktober", "den 75. Jahrestag") does not end a sentence.

>>> from stance.segment import split_sentences
>>> text = 'Er sagte: „Wir sind bereit.“ Dann ging er.'
>>> [text[s:e] for s, e in split_sentences(text)]
['Er sagte: „Wir sind bereit.“', 'Dann ging er.']
"""

from __future__ import annotations

import re

from syntok import segmenter

# ".“ Next" / "!« Next" / "?‘ Next": a quote closed after sentence-final punctuation,
# then a new sentence (capital letter, digit or opening quote).
_QUOTE_END = re.compile(r"[.!?…][“”«»‘’\"]+(?=\s+[„‚»«\"“A-ZÄÖÜ0-9])")
_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,4}\.$")
_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember", "Jahrestag", "Jahrhundert", "Geburtstag", "Mal", "Platz", "Stock")


def _syntok_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = [t for t in sentence if t.value]
            if tokens:
                spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return spans


def _merge_ordinals(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and _ORDINAL_END.search(text[out[-1][0]:out[-1][1]]):
            nxt = text[start:end]
            if nxt[:1].islower() or nxt.startswith(_MONTHS):
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def _split_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        cut = start
        for m in _QUOTE_END.finditer(text, start, end):
            if m.end() < end:
                out.append((cut, m.end()))
                rest = m.end()
                while rest < end and text[rest].isspace():
                    rest += 1
                cut = rest
        out.append((cut, end))
    return out


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; return ``(start, end)`` pairs shifted by ``offset``.

    Offsets always satisfy ``text[start - offset:end - offset]`` being the sentence,
    with surrounding white space excluded.

    >>> split_sentences("Eins. Zwei.", offset=10)
    [(10, 15), (16, 21)]
    >>> t = "Am 1. Oktober feierte die NATO den 75. Jahrestag."
    >>> len(split_sentences(t))
    1
    """
    spans = _split_quotes(text, _merge_ordinals(text, _syntok_spans(text)))
    return [(s + offset, e + offset) for s, e in spans if e > s]
