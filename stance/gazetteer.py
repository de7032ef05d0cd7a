"""The gazetteer of political figures and bodies (data in ``stance/data/gazetteer.json``).

It gives canonical names, aliases, gender (for pronouns), the target a speaker represents,
and dated roles with the role nouns German news uses for them ("Kremlchef",
"NATO-Generalsekretär"), so that role nouns resolve to people.

>>> from stance.gazetteer import Gazetteer
>>> gaz = Gazetteer.default()
>>> gaz.entity("Stoltenberg").name
'Jens Stoltenberg'
>>> [e.name for e in gaz.by_role("Kremlchef", date="2021-06")]
['Wladimir Putin']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

_WORD = re.compile(r"\w+(?:[-–]\w+)*")
# Prefixes on role nouns that name a country: "US-Außenminister" -> ("US", "Außenminister").
_COUNTRY_PREFIX = {
    "US": "US", "EU": "EU", "UN": "UN", "Nato": "NATO", "NATO": "NATO", "Kreml": "RU",
    "Bundes": "DE", "Bundesaußen": "DE",
}
_ADJ_ENDINGS = ("e", "en", "er", "es", "em", "")
# Short role nouns that refer back to any holder of a more specific office ("die Ministerin"
# -> "Außenministerin"); used only to resolve references to people already named.
_GENERIC_ROLES = {"Minister", "Ministerin", "Sprecher", "Sprecherin", "Chef", "Chefin", "Präsident", "Präsidentin",
                  "Politiker", "Politikerin", "Diplomat", "Diplomatin", "Regierungschef", "Regierungschefin",
                  "Ministers", "Sprechers", "Präsidenten", "Chefs", "Politikers", "Diplomaten"}


@dataclass(frozen=True)
class Role:
    role: str
    org: str | None
    start: str | None
    end: str | None
    nouns: tuple[str, ...]
    adjectives: tuple[str, ...]

    def active(self, date: str | None) -> bool:
        if not date:
            return True
        return (self.start is None or self.start[: len(date)] <= date) and (self.end is None or date[: len(self.end)] <= self.end)


@dataclass(frozen=True, eq=False)
class Entity:
    """A person or body; compared by identity (each gazetteer entry is one object)."""

    name: str
    type: str
    gender: str | None
    country: str | None
    aliases: tuple[str, ...]
    bloc: str | None
    represents: tuple[str, ...]
    roles: tuple[Role, ...] = field(default=())
    kind: str | None = None  # for bodies: "media", "state", "ministry", ...

    @property
    def is_person(self) -> bool:
        return self.type == "person"


def _norm_noun(noun: str) -> str:
    return noun.replace("–", "-")


def _noun_forms(noun: str) -> set[str]:
    """A role noun and its likely base forms (genitive/dative endings, Swiss "ss")."""
    noun = _norm_noun(noun)
    forms = {noun}
    for ending in ("s", "es", "n", "en"):
        if noun.endswith(ending) and len(noun) > len(ending) + 3:
            forms.add(noun[: -len(ending)])
    forms |= {f.replace("ss", "ß") for f in forms if "ss" in f}
    return forms


class Gazetteer:
    """Index of entities by alias and by role noun."""

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self._by_alias: dict[str, Entity] = {}
        for ent in entities:
            for alias in (ent.name, *ent.aliases):
                self._by_alias.setdefault(alias, ent)
        self._by_noun: dict[str, list[tuple[Entity, Role]]] = {}
        for ent in entities:
            for role in ent.roles:
                for noun in role.nouns:
                    self._by_noun.setdefault(_norm_noun(noun), []).append((ent, role))
        # first word of each alias -> (alias words, alias), longest alias first
        self._first_words: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for name in sorted(self._by_alias, key=len, reverse=True):
            words = tuple(_WORD.findall(name))
            if words:
                self._first_words.setdefault(words[0], []).append((words, name))

    @classmethod
    def from_file(cls, path: str | Path) -> "Gazetteer":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict) -> "Gazetteer":
        entities = []
        for e in data["entities"]:
            roles = tuple(
                Role(
                    role=r.get("role", ""), org=r.get("org"), start=r.get("from"), end=r.get("to"),
                    nouns=tuple(r.get("nouns", [])), adjectives=tuple(r.get("adjectives", [])),
                )
                for r in e.get("roles", [])
            )
            entities.append(
                Entity(
                    name=e["name"], type=e.get("type", "person"), gender=e.get("gender"),
                    country=e.get("country"), aliases=tuple(e.get("aliases", [])),
                    bloc=e.get("bloc"), represents=tuple(e.get("represents", [])), roles=roles,
                    kind=e.get("kind"),
                )
            )
        return cls(entities)

    @classmethod
    def default(cls) -> "Gazetteer":
        return _default_gazetteer()

    def entity(self, alias: str) -> Entity | None:
        """The entity with this canonical name or alias, also in the genitive.

        >>> gaz = Gazetteer.default()
        >>> gaz.entity("Bündnisses").name, gaz.entity("Kremls").name
        ('NATO', 'Kreml')
        """
        ent = self._by_alias.get(alias)
        for ending in ("s", "es", "ses"):
            if ent is None and alias.endswith(ending) and len(alias) > len(ending) + 2:
                ent = self._by_alias.get(alias[: -len(ending)])
        return ent

    def by_surname(self, word: str) -> Entity | None:
        """The one person whose canonical name ends in ``word`` ("Austin" -> Lloyd Austin), or None
        if no person or several do.

        >>> Gazetteer.default().by_surname("Stoltenberg").name
        'Jens Stoltenberg'
        """
        found = {e for e in self.entities if e.is_person and e.name.split()[-1] == word}
        return found.pop() if len(found) == 1 else None

    def find_names(self, text: str) -> list[tuple[int, int, Entity]]:
        """All gazetteer names in ``text`` as ``(start, end, entity)``, longest match first.

        >>> [(text[s:e], ent.name) for text in ["Laut Lawrow und Wang Yi"] for s, e, ent in Gazetteer.default().find_names(text)]
        [('Lawrow', 'Sergej Lawrow'), ('Wang Yi', 'Wang Yi')]
        """
        toks = [(m.group(), m.start()) for m in _WORD.finditer(text)]
        found: list[tuple[int, int, Entity]] = []
        i = 0
        while i < len(toks):
            word = toks[i][0]
            candidates = self._first_words.get(word) or (self._first_words.get(word[:-1]) if word.endswith("s") else None)
            step = 1
            for alias_toks, alias in candidates or ():
                n = len(alias_toks)
                if i + n > len(toks):
                    continue
                start = toks[i][1]
                end = toks[i + n - 1][1] + len(alias_toks[-1])
                last = toks[i + n - 1][0]
                if text[start:end] == alias and last in (alias_toks[-1], alias_toks[-1] + "s"):
                    found.append((start, end, self._by_alias[alias]))
                    step = n
                    break
            i += step
        return found

    def split_role_noun(self, noun: str) -> tuple[str | None, str]:
        """Split a country prefix off a role noun: "US-Außenminister" -> ("US", "Außenminister")."""
        noun = _norm_noun(noun)
        if "-" in noun:
            prefix, rest = noun.split("-", 1)
            return _COUNTRY_PREFIX.get(prefix, prefix), rest
        return None, noun

    def roles_for(self, noun: str) -> list[tuple[Entity, Role]]:
        """(entity, role) pairs whose role nouns include ``noun`` (genitive -s tolerated)."""
        hits: list[tuple[Entity, Role]] = []
        for form in sorted(_noun_forms(noun), key=len, reverse=True):
            hits += [h for h in self._by_noun.get(form, []) if h not in hits]
        return hits

    def is_role_noun(self, noun: str) -> bool:
        if noun in _GENERIC_ROLES or self.roles_for(noun):
            return True
        _, rest = self.split_role_noun(noun)
        return rest != noun and bool(self.roles_for(rest))

    def compatible(self, ent: Entity, noun: str, adjectives: tuple[str, ...] = (), date: str | None = None,
                   require_active: bool = False) -> bool:
        """Can ``ent`` be referred to by this role noun (with these adjectives) at ``date``?

        >>> gaz = Gazetteer.default(); putin = gaz.entity("Putin")
        >>> gaz.compatible(putin, "Kremlchef"), gaz.compatible(putin, "US-Präsident")
        (True, False)
        """
        prefix, rest = self.split_role_noun(noun)
        full, bare = _noun_forms(noun), _noun_forms(rest)
        if rest in _GENERIC_ROLES and not require_active:
            heads = [h.lower() for h in bare if h in _GENERIC_ROLES]
            return ent.is_person and any(
                n.lower().endswith(h) and (not prefix or prefix in (role.org, ent.country))
                and self._adjectives_fit(role, adjectives)
                for role in ent.roles for n in role.nouns for h in heads)
        for role in ent.roles:
            if require_active and not role.active(date):
                continue
            nouns = {_norm_noun(n) for n in role.nouns}
            if nouns & full:
                pass
            elif nouns & bare and prefix and prefix in (role.org, ent.country):
                pass
            elif nouns & bare and not prefix:
                pass
            else:
                continue
            if not self._adjectives_fit(role, adjectives):
                continue
            return True
        return False

    @staticmethod
    def _adjectives_fit(role: Role, adjectives: tuple[str, ...]) -> bool:
        """Nationality adjectives ("russische") must match the role's, if both are given."""
        if not adjectives or not role.adjectives:
            return True
        return any(a.startswith(r) and a[len(r):] in _ADJ_ENDINGS for a in adjectives for r in role.adjectives)

    def by_role(self, noun: str, adjectives: tuple[str, ...] = (), date: str | None = None) -> list[Entity]:
        """Entities holding a role called ``noun`` at ``date`` (all dates if None)."""
        prefix, rest = self.split_role_noun(noun)
        found: list[Entity] = []
        for candidate in dict.fromkeys([noun, rest]):
            for ent, _role in self.roles_for(candidate):
                if ent not in found and self.compatible(ent, noun, adjectives, date, require_active=True):
                    found.append(ent)
        return found


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    text = resources.files("stance").joinpath("data/gazetteer.json").read_text(encoding="utf-8")
    return Gazetteer.from_dict(json.loads(text))
