"""German polarity lexicon (data in ``stance/data/polarity.json``) with negation handling.

>>> from stance.lexicon import PolarityLexicon
>>> lex = PolarityLexicon.default()
>>> lex.score("Kritik") < 0 < lex.score("Partnerschaft")
True
>>> words = "Russland sei keine Bedrohung".split()
>>> lex.polarities(words)[-1] > 0     # negated negative word
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .cues import _lemmatize


@dataclass
class PolarityLexicon:
    words: dict[str, float]
    negators: frozenset[str]
    intensifiers: dict[str, float]
    shifters: frozenset[str]

    @classmethod
    def from_dict(cls, data: dict) -> "PolarityLexicon":
        return cls(
            words=dict(data["words"]),
            negators=frozenset(w.lower() for w in data.get("negators", []) if " " not in w),
            intensifiers=dict(data.get("intensifiers", {})),
            shifters=frozenset(data.get("shifters", [])),
        )

    @classmethod
    def default(cls) -> "PolarityLexicon":
        return _default_polarity()

    def score(self, word: str) -> float:
        """Prior polarity of a word form (looked up as is, then by its lemma); 0 if unknown."""
        hit = self.words.get(word)
        if hit is None:
            lemma = _lemmatize(word)
            hit = self.words.get(lemma)
            if hit is None and word[:1].isupper():
                hit = self.words.get(lemma.lower(), self.words.get(word.lower()))
            if hit is None and word[:1].islower():
                for ending in ("e", "en", "em", "er", "es"):  # inflected adjectives: "destruktive"
                    if word.endswith(ending) and word[: -len(ending)] in self.words:
                        hit = self.words[word[: -len(ending)]]
                        break
        return hit or 0.0

    def polarities(self, words: list[str]) -> list[float]:
        """Contextual polarity of each word: intensified and flipped by a preceding negator."""
        out: list[float] = []
        for i, w in enumerate(words):
            p = self.score(w)
            if p:
                window = [x.lower() for x in words[max(0, i - 3):i]]
                for x in window:
                    p *= self.intensifiers.get(x, 1.0)
                if any(x in self.negators for x in window) or (i + 1 < len(words) and words[i + 1].lower() == "nicht"):
                    p = -p
            out.append(max(-2.0, min(2.0, p)))
        return out

    def is_shifter(self, word: str) -> bool:
        return _lemmatize(word) in self.shifters or word in self.shifters


@lru_cache(maxsize=1)
def _default_polarity() -> PolarityLexicon:
    text = resources.files("stance").joinpath("data/polarity.json").read_text(encoding="utf-8")
    return PolarityLexicon.from_dict(json.loads(text))
