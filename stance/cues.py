"""Reporting cues: speech verbs (with separable particles), markers, and Konjunktiv forms.

The lexicon is data (``stance/data/cues.json``); verb forms outside its form table are
lemmatized with `simplemma` (MIT licence).

>>> from stance.cues import CueLexicon
>>> cues = CueLexicon.default()
>>> cues.verb_lemma("betonte")
'betonen'
>>> cues.verb_lemma("wies", particle="zurück")
'zurückweisen'
>>> cues.is_konjunktiv("sei")
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

# Participles and finite forms that are reporting verbs only in some readings; never cues.
_NEVER = frozenset({"sage", "hin", "heraus"})


@dataclass
class CueLexicon:
    """Reporting-verb lemmas, their particles, form table, markers and Konjunktiv forms."""

    simple: frozenset[str]
    separable: dict[str, set[str]]  # base lemma -> particles that make it a reporting verb
    forms: dict[str, str]
    markers: list[dict]
    konjunktiv: frozenset[str]
    konjunktiv_ambiguous: frozenset[str]
    prepositions: dict  # base lemma -> prepositions that make it a reporting verb ("sprechen" -> {"von"})
    complements: dict  # base lemma -> words that must follow it closely ("zeigen" -> {"besorgt", ...})

    @classmethod
    def from_dict(cls, data: dict) -> "CueLexicon":
        simple: set[str] = set()
        separable: dict[str, set[str]] = {}
        prepositions: dict[str, set[str]] = {}
        complements: dict[str, set[str]] = {}
        for verb in data["verbs"]:
            particle = verb.get("particle")
            if verb.get("complements"):
                complements.setdefault(verb["base"], set()).update(verb["complements"])
            elif verb.get("preposition"):
                prepositions.setdefault(verb.get("base") or verb["lemma"].split()[-2], set()).add(verb["preposition"])
            elif particle:
                base = verb.get("base") or verb["lemma"][len(particle):].strip()
                separable.setdefault(base, set()).add(particle)
                simple.add(verb["lemma"].replace(" ", ""))
            else:
                simple.add(verb["lemma"])
        return cls(
            simple=frozenset(simple),
            separable=separable,
            forms={k: v for k, v in data.get("forms", {}).items()},
            markers=list(data.get("markers", [])),
            konjunktiv=frozenset(data.get("konjunktiv", [])),
            konjunktiv_ambiguous=frozenset(data.get("konjunktiv_ambiguous", [])),
            prepositions=prepositions,
            complements=complements,
        )

    @classmethod
    def from_file(cls, path: str | Path) -> "CueLexicon":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def default(cls) -> "CueLexicon":
        return _default_cues()

    def lemma(self, word: str) -> str:
        """Lemma of a verb form: the form table first, then `simplemma`; Swiss "ss" is read as "ß".

        >>> CueLexicon.default().lemma("begrüsste")
        'begrüßen'
        """
        low = word.lower()
        if low in self.forms:
            return self.forms[low]
        if "ss" in low and low.replace("ss", "ß") in self.forms:
            return self.forms[low.replace("ss", "ß")]
        return _lemmatize(low)

    def verb_lemma(self, word: str, particle: str | None = None) -> str | None:
        """The reporting-verb lemma of ``word`` (with a separated ``particle``), or None.

        >>> CueLexicon.default().verb_lemma("Haus") is None
        True
        """
        low = word.lower()
        if low in _NEVER or not word[:1].islower():
            return None
        lemma = self.lemma(low)
        if particle:
            if particle in self.separable.get(lemma, ()):
                return particle + lemma
            return None
        if lemma in self.simple:
            return lemma
        return None

    def needs_particle(self, word: str) -> set[str]:
        """Particles that would make ``word`` a reporting verb ("wies" -> {"zurück", "hin"})."""
        return self.separable.get(self.lemma(word.lower()), set())

    def is_konjunktiv(self, word: str, allow_ambiguous: bool = False) -> bool:
        low = word.lower()
        return low in self.konjunktiv or (allow_ambiguous and low in self.konjunktiv_ambiguous)


@lru_cache(maxsize=200_000)
def _lemmatize(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="de")


@lru_cache(maxsize=1)
def _default_cues() -> CueLexicon:
    text = resources.files("stance").joinpath("data/cues.json").read_text(encoding="utf-8")
    return CueLexicon.from_dict(json.loads(text))
