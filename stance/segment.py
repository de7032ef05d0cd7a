"""Sentence splitting with character offsets (wraps `syntok`, MIT licence).

>>> from stance.segment import split_sentences
>>> text = 'Er sagte: "Wir sind bereit." Dann ging er.'
>>> [text[s:e] for s, e in split_sentences(text)]
['Er sagte: "Wir sind bereit."', 'Dann ging er.']
"""

from __future__ import annotations

from syntok import segmenter


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; return ``(start, end)`` pairs shifted by ``offset``.

    Offsets always satisfy ``text[start - offset:end - offset]`` being the sentence,
    with surrounding white space excluded.

    >>> split_sentences("Eins. Zwei.", offset=10)
    [(10, 15), (16, 21)]
    """
    spans: list[tuple[int, int]] = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = [t for t in sentence if t.value]
            if not tokens:
                continue
            start = tokens[0].offset
            end = tokens[-1].offset + len(tokens[-1].value)
            spans.append((start + offset, end + offset))
    return spans
