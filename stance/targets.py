"""Target detection: which targets (NATO, Russia, China, or user-defined) a unit refers to.

The lexicon is data (``stance/data/targets.json``); users add targets such as EU or USA by
passing their own lexicon file or extending :class:`TargetLexicon`, without code changes.

A mention is a *target* when it can carry the speaker's stance, and *incidental* when it only
names a role or title ("NATO-Generalsekretär", "der chinesische Außenminister"), a place
("in Moskau"), a body or event ("NATO-Gipfel"), or the speaker itself.

>>> from stance.targets import TargetDetector
>>> det = TargetDetector()
>>> [(m.target, m.text, m.incidental) for m in det.find("NATO-Generalsekretär Stoltenberg warnt Russland.")]
[('NATO', 'NATO-Generalsekretär', True), ('Russia', 'Russland', False)]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

_SUFFIXES = ("", "s", "es", "n", "en", "e", "er", "ern", "ses", "se", "ns", "em")
_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
# Nouns naming an event, body or office holder: "Gipfeltreffen der NATO" names no stance target.
# Words of travel before "aus X": X is where someone comes from, a place ("Rückkehr aus Moskau").
_FROM_MOTION = frozenset({"Rückkehr", "Rückreise", "Heimkehr", "Heimreise", "zurück", "zurückgekehrt", "abgereist",
                          "Abreise", "Flug", "Reise", "kommend", "geflohen", "Flucht", "Abzug", "abgezogen",
                          "ausgewiesen", "Ausweisung", "Delegation", "Gäste", "Gast", "Besucher"})
_EVENT_ENDINGS = ("gipfel", "gipfels", "treffen", "treffens", "tagung", "konferenz", "zentrale", "hauptquartier",
                  "minister", "ministern", "ministerin", "sprecher", "sprecherin", "chef", "chefs", "rat", "rats")
# Endings of nouns for people: a nationality adjective before them names no state ("chinesische Studenten").
_PERSON_ENDINGS = ("er", "erin", "innen", "ent", "enten", "entin", "ist", "isten", "istin", "eur", "eure", "ling",
                   "linge", "mann", "leute", "frau", "ant", "anten", "at", "aten")
_TOKEN = re.compile(r"[A-Za-zÄÖÜäöüßéèáàóòúíçñ0-9]+(?:[-–][A-Za-zÄÖÜäöüßéèáàóòúíçñ0-9]+)*")


@dataclass(frozen=True)
class Mention:
    """A reference to a target in a unit: ``text == unit_text[start:end]``."""

    target: str
    text: str
    start: int
    end: int
    incidental: bool = False
    reason: str = "alias"


@dataclass
class TargetLexicon:
    """Aliases and rules for each target; load from JSON with :meth:`from_file`.

    >>> lex = TargetLexicon.default()
    >>> lex.targets
    ('NATO', 'Russia', 'China')
    >>> lex = lex.with_target("EU", aliases=["EU", "Europäische Union", "Brüssel"], adjectives=["europäisch"])
    >>> lex.targets
    ('NATO', 'Russia', 'China', 'EU')
    """

    entries: dict[str, dict]
    state_nouns: frozenset[str] = field(default_factory=frozenset)
    role_nouns: frozenset[str] = field(default_factory=frozenset)
    incidental_heads: frozenset[str] = field(default_factory=frozenset)
    place_prepositions: frozenset[str] = field(default_factory=frozenset)
    governance_nouns: frozenset[str] = field(default_factory=frozenset)
    group_references: tuple[str, ...] = ()
    self_references: tuple[str, ...] = ()
    non_state_nouns: frozenset[str] = field(default_factory=frozenset)  # "russisches Gas": no state actor
    place_nouns: frozenset[str] = field(default_factory=frozenset)  # "an der Westgrenze Russlands": a place
    state_groups: frozenset[str] = field(default_factory=frozenset)  # "beide Länder" refers to states only
    non_state_targets: frozenset[str] = field(default_factory=frozenset)
    other_countries: tuple[str, ...] = ()

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(self.entries)

    @classmethod
    def from_dict(cls, data: dict) -> "TargetLexicon":
        implicit = data.get("implicit", {})
        entries = {}
        for name, entry in data["targets"].items():
            entries[name] = {
                key: list(entry.get(key, []))
                for key in ("aliases", "adjectives", "persons", "places", "compound_heads")
            }
        return cls(
            entries=entries,
            state_nouns=frozenset(data.get("state_nouns", [])),
            role_nouns=frozenset(data.get("role_nouns", [])),
            incidental_heads=frozenset(data.get("incidental_heads", [])),
            place_prepositions=frozenset(data.get("place_prepositions", [])),
            governance_nouns=frozenset(data.get("governance_nouns", [])),
            non_state_nouns=frozenset(data.get("non_state_nouns", [])),
            place_nouns=frozenset(data.get("place_nouns", [])),
            group_references=tuple(implicit.get("group_references", [])),
            self_references=tuple(implicit.get("self_references", [])),
            state_groups=frozenset(implicit.get("state_groups", [])),
            non_state_targets=frozenset(implicit.get("non_state_targets", [])),
            other_countries=tuple(implicit.get("other_countries", [])),
        )

    def to_dict(self) -> dict:
        return {
            "version": 1,
            "targets": self.entries,
            "state_nouns": sorted(self.state_nouns),
            "role_nouns": sorted(self.role_nouns),
            "incidental_heads": sorted(self.incidental_heads),
            "place_prepositions": sorted(self.place_prepositions),
            "governance_nouns": sorted(self.governance_nouns),
            "non_state_nouns": sorted(self.non_state_nouns),
            "place_nouns": sorted(self.place_nouns),
            "implicit": {
                "group_references": list(self.group_references),
                "self_references": list(self.self_references),
                "state_groups": sorted(self.state_groups),
                "non_state_targets": sorted(self.non_state_targets),
                "other_countries": list(self.other_countries),
            },
        }

    @classmethod
    def from_file(cls, path: str | Path) -> "TargetLexicon":
        """Load a lexicon JSON file (same format as ``stance/data/targets.json``)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: cannot read target lexicon: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("targets"), dict):
            raise ValueError(f"{path}: target lexicon needs an object 'targets' mapping names to aliases")
        return cls.from_dict(data)

    @classmethod
    def default(cls) -> "TargetLexicon":
        return _default_lexicon()

    def with_target(self, name: str, aliases: list[str], adjectives: list[str] = (), persons: list[str] = (),
                    places: list[str] = (), compound_heads: list[str] = ()) -> "TargetLexicon":
        """A copy of this lexicon with one more target."""
        data = self.to_dict()
        data["targets"] = dict(data["targets"])
        data["targets"][name] = {
            "aliases": list(aliases), "adjectives": list(adjectives), "persons": list(persons),
            "places": list(places), "compound_heads": list(compound_heads),
        }
        return TargetLexicon.from_dict(data)


@lru_cache(maxsize=1)
def _default_lexicon() -> TargetLexicon:
    text = resources.files("stance").joinpath("data/targets.json").read_text(encoding="utf-8")
    return TargetLexicon.from_dict(json.loads(text))


def _inflected(word: str, alias: str) -> bool:
    return word.startswith(alias) and word[len(alias):] in _SUFFIXES


class TargetDetector:
    """Find target mentions in a unit of text.

    >>> det = TargetDetector()
    >>> [(m.target, m.incidental, m.reason) for m in det.find("Die Führungen in Minsk und Moskau.")]
    [('Russia', False, 'alias')]
    >>> [(m.target, m.incidental, m.reason) for m in det.find("Er landete in Moskau.")]
    [('Russia', True, 'place')]
    """

    def __init__(self, lexicon: TargetLexicon | None = None):
        self.lexicon = lexicon or TargetLexicon.default()
        lex = self.lexicon
        multi = []
        for target, entry in lex.entries.items():
            for alias in entry["aliases"]:
                if " " in alias:
                    multi.append((alias, target))
        multi.sort(key=lambda x: -len(x[0]))
        self._multi = [
            (re.compile(r"(?<!\w)" + re.escape(a) + r"(?:" + "|".join(_SUFFIXES[1:]) + r")?(?!\w)"), t)
            for a, t in multi
        ]
        single: list[tuple[str, str]] = []
        for target, entry in lex.entries.items():
            single += [(a, target) for a in entry["aliases"] if " " not in a]
        self._single = sorted(single, key=lambda x: -len(x[0]))
        # every inflected alias form -> target, so a token is looked up in O(1)
        self._forms: dict[str, str] = {}
        for alias, target in self._single:
            for suffix in _SUFFIXES:
                self._forms.setdefault(alias + suffix, target)
        self._alias_prefix = re.compile("|".join(re.escape(a) for a, _ in self._single)) if self._single else None
        adjectives = sorted({a for e in lex.entries.values() for a in e["adjectives"]}, key=len, reverse=True)
        self._adj_re = re.compile("|".join(re.escape(a) for a in adjectives)) if adjectives else None
        self._person_forms: dict[str, str] = {}
        for target, entry in lex.entries.items():
            for person in entry["persons"]:
                last = person.split()[-1]
                for suffix in ("", "s"):
                    self._person_forms.setdefault(last + suffix, target)
        self._place_preps = {p.lower() for p in lex.place_prepositions}
        self._non_state_heads = {n.lower() for n in lex.role_nouns | lex.incidental_heads | lex.non_state_nouns}
        groups = sorted(lex.group_references, key=len, reverse=True)
        self._group = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(g) for g in groups) + r")(?!\w)", re.I) \
            if groups else None
        self._countries = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in lex.other_countries) + r")s?(?!\w)") \
            if lex.other_countries else None
        self._self = [re.compile(r"(?<!\w)" + re.escape(g) + r"(?!\w)", re.I) for g in lex.self_references]

    # -- single tokens -----------------------------------------------------------------
    def _alias_target(self, word: str) -> str | None:
        return self._forms.get(word)

    def _compound(self, word: str) -> tuple[str, bool, str] | None:
        """(target, incidental, reason) for a hyphenated or closed compound containing an alias."""
        lex = self.lexicon
        if self._alias_prefix is None or not self._alias_prefix.search(word):
            return None
        parts = re.split(r"[-–]", word)
        if len(parts) > 1:
            head = parts[-1]
            for i, part in enumerate(parts):
                for alias, target in self._single:
                    if part == alias or (i == len(parts) - 1 and _inflected(part, alias)):
                        if i == len(parts) - 1:
                            return target, False, "compound"
                        heads = set(lex.entries[target]["compound_heads"])
                        low = head.lower()
                        # "Nato-Norderweiterung", "Russland-Sanktionspolitik": the head ends with a listed head
                        if head in heads or any(len(h) > 5 and low.endswith(h.lower()) for h in heads):
                            return target, False, "compound"
                        return target, True, "title" if head in lex.incidental_heads or head in lex.role_nouns else "compound"
                for target, entry in lex.entries.items():
                    for adj in entry["adjectives"]:
                        if part.lower().startswith(adj) and part.lower()[len(adj):] in _ADJ_ENDINGS and i < len(parts) - 1:
                            return None  # hyphenated adjectives ("chinesisch-russischen") are handled as adjectives
            return None
        for alias, target in self._single:
            if word.startswith(alias) and len(word) > len(alias) + 2 and word[len(alias):].islower():
                rest = word[len(alias):]
                if rest[0] in "s" and rest[1:].capitalize() in lex.incidental_heads:
                    rest = rest[1:]
                return target, True, "title" if rest.capitalize() in lex.incidental_heads else "compound"
        return None

    def _adjective_target(self, word: str) -> list[str]:
        if self._adj_re is None or not self._adj_re.search(word.lower()):
            return []
        found = []
        for part in re.split(r"[-–]", word.lower()):
            for target, entry in self.lexicon.entries.items():
                for adj in entry["adjectives"]:
                    if part.startswith(adj) and part[len(adj):] in _ADJ_ENDINGS:
                        found.append(target)
        return found

    def _noun_after(self, tokens: list[re.Match], i: int) -> str | None:
        """The noun an adjective at token i qualifies (skipping up to two lowercase words)."""
        for j in range(i + 1, min(i + 6, len(tokens))):
            w = tokens[j].group()
            if w[:1].isupper():
                return w
            if w in ("und", "oder"):
                continue
        return None

    def _is_state_noun(self, noun: str) -> bool:
        nouns = self.lexicon.state_nouns
        if noun in nouns:
            return True
        last = re.split(r"[-–]", noun)[-1]
        return last in nouns or any(noun.endswith(n.lower()) for n in nouns if len(n) > 4)

    def _is_non_state_noun(self, noun: str) -> bool:
        """Nouns a nationality adjective qualifies without naming the state: titles and people
        ("der russische Präsident", "chinesische Studenten"), products, places, bodies."""
        last = re.split(r"[-–]", noun)[-1]
        forms = {last.lower()} | {last.lower()[: -len(e)] for e in ("s", "es", "n", "en") if last.lower().endswith(e)}
        return last.lower().endswith(_PERSON_ENDINGS) or any(
            f == h or (len(h) > 4 and f.endswith(h)) for f in forms for h in self._non_state_heads)

    def _place(self, text: str, tokens: list[re.Match], i: int, target: str) -> bool:
        """True if token i is a place after a preposition ("in Moskau", "in Minsk und Moskau")."""
        word = tokens[i].group()
        if not any(_inflected(word, p) for p in self.lexicon.entries[target]["places"]):
            return False
        j = i - 1
        while j >= 1 and tokens[j].group() in ("und", "oder") and tokens[j - 1].group()[:1].isupper():
            j -= 2
        if j < 0:
            return False
        prep = tokens[j].group()
        if prep == "von" and i + 1 < len(tokens) and tokens[i + 1].group() == "nach":
            return True
        visit = tokens[j - 1].group() if prep in ("die", "das", "den") and j >= 1 else prep
        if visit.lower() in ("besuchte", "besucht", "besuchen", "bereiste", "bereist") or (
                i + 1 < len(tokens) and tokens[i + 1].group() in ("besucht", "besuchte", "besuchen", "bereist")):
            return True  # "der die Volksrepublik besucht": where someone travels
        if prep == "aus" and any(tokens[k].group() in _FROM_MOTION for k in range(max(0, j - 3), j)):
            return True  # "nach seiner Rückkehr aus Moskau"; but "Kritik aus Moskau" is the government
        if prep in ("der", "die") and j >= 1 and tokens[j - 1].group().lower() in self._place_preps \
                and word.endswith(("republik", "föderation")):
            j -= 1  # "in der Volksrepublik" (but "eine Erklärung, in der China ... kritisiert wird")
            prep = tokens[j].group()
        if prep.lower() not in self._place_preps:
            return False
        before = {tokens[k].group() for k in range(max(0, j - 2), j)}
        return not (before & self.lexicon.governance_nouns)

    def _genitive_of_place(self, tokens: list[re.Match], i: int, word: str) -> bool:
        """True for "an der Westgrenze Russlands", "im Süden Chinas" (a place noun + genitive name)."""
        return word.endswith("s") and i >= 1 and tokens[i - 1].group() in self.lexicon.place_nouns

    def _multi_word_place(self, text: str, start: int) -> bool:
        """True for "in die Volksrepublik China", "in der Russischen Föderation" (a place, not the state)."""
        before = text[:start].split()[-3:]
        if before and before[-1] in ("die", "der", "den", "dem"):
            before = before[:-1]
        return bool(before) and before[-1].lower() in self._place_preps and not (set(before[:-1]) & self.lexicon.governance_nouns)

    def _genitive_of_title(self, tokens: list[re.Match], i: int) -> bool:
        """True for "Außenminister der NATO", "Gipfeltreffen der Allianz" (role or event + genitive)."""
        if i >= 3 and tokens[i - 1].group().isdigit():
            i -= 1  # "Staats- und Regierungschefs der 31 Nato-Staaten"
        if i < 2 or tokens[i - 1].group() not in ("der", "des"):
            return False
        head = tokens[i - 2].group()
        return any(h in self.lexicon.role_nouns for h in (head, head[:-1], head[:-2])) or head.lower().endswith(
            _EVENT_ENDINGS)

    def _title_head(self, word: str) -> bool:
        """A noun naming a person's office or function ("Vizechef", "Sprecherin", "Generalsekretär")."""
        lex = self.lexicon
        return word in lex.role_nouns or word in lex.incidental_heads or word.lower().endswith(
            ("chef", "chefin", "sprecher", "sprecherin"))

    def _bare_genitive_of_title(self, tokens: list[re.Match], i: int, word: str) -> bool:
        """True for "Die Außenminister Russlands und Chinas" (role noun + genitive name)."""
        if not word.endswith("s") or i < 1:
            return False
        j = i - 1
        if tokens[j].group() == "und" and j >= 2 and tokens[j - 1].group().endswith("s"):
            j -= 2
        head = tokens[j].group()
        return head in self.lexicon.role_nouns or head.endswith(_EVENT_ENDINGS[6:])

    def _saxon_genitive_title(self, tokens: list[re.Match], i: int, word: str) -> bool:
        """True for "Chinas Verteidigungsminister Dong Jun", "Russlands Präsident" (genitive + role)."""
        if not word.endswith("s") or i + 1 >= len(tokens):
            return False
        nxt = tokens[i + 1].group()
        return nxt in self.lexicon.role_nouns or nxt.endswith(_EVENT_ENDINGS[6:]) or nxt.endswith(
            ("präsident", "präsidentin", "chef", "parteichef", "führer"))

    def _person_reference(self, text: str, start: int) -> str | None:
        """Why a leader's name at ``start`` only names the person, not a stance target: as a
        counterpart ("Treffen mit Putin", "bei Xi"); None otherwise."""
        before = [w.strip("„“\"»«,(") for w in text[:start].split()]
        # skip a title before the name: "mit Chinas Präsident Xi", "bei dem russischen Staatschef Putin"
        while len(before) > 1 and (before[-1] in self.lexicon.role_nouns or before[-1][:1].islower()
                                   and before[-1].lower() not in ("mit", "bei") or self._alias_target(before[-1])):
            before.pop()
        if before and before[-1].lower() in ("mit", "bei"):
            return "counterpart"
        return None

    @staticmethod
    def _sentence_initial(text: str, tokens: list[re.Match], i: int) -> bool:
        """True for a capitalized word that opens the unit or a quotation ("Russische Schiffe ...")."""
        before = text[:tokens[i].start()].rstrip()
        return not before or before[-1] in ".:;!?\"„“»«(‚"

    @staticmethod
    def _quoted_name(text: str, tok: re.Match) -> bool:
        """True for a quoted proper name such as "NATO 2030"."""
        before = text[max(0, tok.start() - 1):tok.start()]
        after = text[tok.end():tok.end() + 8]
        return before in ("\"", "„", "»", "«", "‚") and bool(re.match(r"\s*\d{2,4}[\"“”»«‘]", after))

    # -- public ------------------------------------------------------------------------
    def find(self, text: str, speaker_span: tuple[int, int] | None = None,
             evaluative: bool = True) -> list[Mention]:
        """All target mentions in ``text``, in order; incidental ones flagged.

        ``speaker_span`` (start, end) marks the words naming the speaker: mentions inside it
        are incidental. ``evaluative`` is False for author narration: then person names
        (Putin, Xi) are not counted as references to their state.

        >>> [m.reason for m in TargetDetector().find("Der chinesische Außenminister traf die chinesische Führung.")]
        ['title', 'adjective']
        """
        lex = self.lexicon
        mentions: list[Mention] = []
        taken: list[tuple[int, int]] = []

        def add(target: str, start: int, end: int, incidental: bool, reason: str) -> None:
            if any(s < end and start < e for s, e in taken):
                return
            if speaker_span and speaker_span[0] <= start and end <= speaker_span[1] and not incidental:
                incidental, reason = True, "speaker"
            taken.append((start, end))
            mentions.append(Mention(target, text[start:end], start, end, incidental, reason))

        for pattern, target in self._multi:
            for m in pattern.finditer(text):
                place = self._multi_word_place(text, m.start())
                add(target, m.start(), m.end(), place, "place" if place else "alias")
        tokens = list(_TOKEN.finditer(text))
        for i, tok in enumerate(tokens):
            word = tok.group()
            target = self._alias_target(word)
            if target is not None:
                if self._place(text, tokens, i, target) or self._genitive_of_place(tokens, i, word):
                    add(target, tok.start(), tok.end(), True, "place")
                elif self._genitive_of_title(tokens, i) or self._bare_genitive_of_title(tokens, i, word) or \
                        self._saxon_genitive_title(tokens, i, word):
                    add(target, tok.start(), tok.end(), True, "title")
                elif self._quoted_name(text, tok):
                    add(target, tok.start(), tok.end(), True, "name")
                else:
                    add(target, tok.start(), tok.end(), False, "alias")
                continue
            compound = self._compound(word)
            if compound is not None and not compound[1] and self._genitive_of_title(tokens, i):
                compound = (compound[0], True, "title")  # "die Außenminister der Nato-Staaten"
            if compound is not None:
                add(compound[0], tok.start(), tok.end(), compound[1], compound[2])
                continue
            adj_targets = self._adjective_target(word) if word[:1].islower() or self._sentence_initial(text, tokens, i) \
                else []
            if adj_targets:
                # "Der Vizechef des russischen Sicherheitsrats": part of a title in the genitive
                in_title = i >= 2 and tokens[i - 1].group() in ("des", "der") and self._title_head(tokens[i - 2].group())
                noun = self._noun_after(tokens, i)
                state = not in_title and noun is not None and (
                    self._is_state_noun(noun) or not self._is_non_state_noun(noun))
                end = tok.end()
                if noun is not None:
                    k = text.find(noun, tok.end())
                    coordinated = re.search(r"\b(?:und|oder|sowie)\b", text[tok.end():max(k, tok.end())])
                    # "russische und chinesische Kriegsschiffe": each adjective is its own mention
                    end = k + len(noun) if k >= 0 and (in_title or not coordinated) else end
                for t in dict.fromkeys(adj_targets):
                    reason = "adjective" if state else (
                        "title" if in_title or noun in lex.role_nouns else "adjective-other")
                    add(t, tok.start(), end, not state, reason)
                    taken.pop()  # several targets may share one adjective span
                taken.append((tok.start(), end))
                continue
            for t, entry in lex.entries.items() if word in self._person_forms else ():
                if any(_inflected(word, p.split()[-1]) for p in entry["persons"]):
                    start = tok.start()
                    for p in entry["persons"]:
                        if " " in p and text[max(0, start - len(p)):tok.end()].endswith(p.rsplit(" ", 1)[0] + " " + word):
                            start = tok.end() - len(p) - (len(word) - len(p.split()[-1]))
                    possessive = word.endswith("s") and i + 1 < len(tokens) and tokens[i + 1].group()[:1].isupper()
                    # "mit Putins Regime": the regime, not the counterpart
                    reason = self._person_reference(text, start) if evaluative and not possessive else None
                    add(t, start, tok.end(), not evaluative or reason is not None, reason or "person")
                    break
        mentions.sort(key=lambda m: m.start)
        return mentions

    def group_references(self, text: str) -> list[tuple[int, int]]:
        """Spans of implicit group references ("beide Länder") to resolve from context."""
        return [(m.start(), m.end()) for m in self._group.finditer(text)] if self._group else []

    def group_targets(self, text: str, previous: list[tuple[str, dict]],
                      speaker_span: tuple[int, int] | None = None) -> list[str]:
        """Targets that "beide Länder" / "beide Seiten" in ``text`` refer to, from the nearest earlier
        unit with two or more targets; none if that unit or ``text`` names another country
        ("Finnland und Schweden ... beide Länder"); a country in the speaker's title
        (``speaker_span``: "Dänemarks Verteidigungsminister") does not count.

        >>> det = TargetDetector()
        >>> det.group_targets("Beide Länder üben.", [("Russland und China planen ein Manöver.", {"Russia": 1, "China": 1})])
        ['Russia', 'China']
        >>> det.group_targets("Beide Länder üben.", [("Finnland und Schweden reagieren auf Russland und China.",
        ...                                          {"Russia": 1, "China": 1})])
        []
        """
        refs = [text[s:e] for s, e in self.group_references(text)]
        if not refs:
            return []
        states_only = any(r.split()[-1] in self.lexicon.state_groups for r in refs)
        for prev_text, prev_targets in reversed(previous[-3:]):
            found = [t for t in prev_targets if not (states_only and t in self.lexicon.non_state_targets)]
            if len(found) >= 2:
                own = text if speaker_span is None else text[:speaker_span[0]] + text[speaker_span[1]:]
                if states_only and self._countries is not None and (
                        self._countries.search(prev_text) or self._countries.search(own)):
                    return []
                return found
        return []

    def self_references(self, text: str) -> list[tuple[int, int]]:
        """Spans of first-person references to the speaker's own side ("unser Land")."""
        return [(m.start(), m.end()) for p in self._self for m in p.finditer(text)]
