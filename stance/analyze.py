"""The rule-based half of the pipeline: attribute speakers, then detect targets per unit.

ingest -> segment -> **attribute -> detect targets** -> classify -> output

>>> from stance.analyze import Analyzer
>>> units = Analyzer().analyze_texts(["Lawrow kritisierte die NATO scharf."])
>>> units[0].attribution.speaker, sorted(units[0].targets)
('Sergej Lawrow', ['NATO'])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .attribute import Attribution, Attributor
from .gazetteer import Gazetteer
from .schema import AUTHOR, JOINT
from .targets import Mention, TargetDetector


@dataclass(frozen=True)
class AnalyzedUnit:
    """A unit with its attribution and target mentions (before classification)."""

    text: str
    kind: str
    attribution: Attribution
    mentions: tuple[Mention, ...]
    targets: dict  # target -> Mention (first stance-bearing mention) or None for implicit references
    speaker_bloc: str
    represents: tuple[str, ...]

    @property
    def incidental(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.target for m in self.mentions if m.incidental and m.target not in self.targets))


class Analyzer:
    """Speaker attribution + target detection over the units of one document."""

    def __init__(self, gazetteer: Gazetteer | None = None, detector: TargetDetector | None = None,
                 attributor: Attributor | None = None):
        self.gazetteer = gazetteer or Gazetteer.default()
        self.detector = detector or TargetDetector()
        self.attributor = attributor or Attributor(self.gazetteer)

    @property
    def targets(self) -> tuple[str, ...]:
        return self.detector.lexicon.targets

    def speaker_side(self, speaker: str) -> tuple[str, tuple[str, ...]]:
        """(bloc, represented targets) of a canonical speaker name.

        >>> Analyzer().speaker_side("Sergej Lawrow")
        ('Russia', ('Russia',))
        >>> Analyzer().speaker_side("NATO-Diplomat")
        ('NATO', ())
        """
        if speaker == AUTHOR:
            return "author", ()
        blocs, represents = [], []
        for name in speaker.split(JOINT):
            ent = self.gazetteer.entity(name)
            if ent is not None:
                blocs.append(ent.bloc or "other")
                represents += [t for t in ent.represents if t in self.targets]
            else:
                found = [m.target for m in self.detector.find(name)]
                blocs.append(found[0] if found else "unknown")
        return (blocs[0] if blocs else "unknown"), tuple(dict.fromkeys(represents))

    def targets_of(self, text: str, attribution: Attribution, represents: tuple[str, ...],
                   previous: Sequence[tuple[str, dict]] = ()) -> tuple[tuple[Mention, ...], dict]:
        """Mentions and stance-bearing targets of one unit (``previous``: (text, targets) of earlier units)."""
        span = None
        if attribution.mention_start is not None:
            span = (attribution.mention_start, attribution.mention_end)
        mentions = tuple(self.detector.find(text, speaker_span=span, evaluative=attribution.attribution != "author"))
        targets: dict = {}
        for m in mentions:
            if not m.incidental and m.target not in targets:
                targets[m.target] = m
        if represents:
            for s, e in self.detector.self_references(text):
                for t in represents:
                    targets.setdefault(t, Mention(t, text[s:e], s, e, False, "self-reference"))
        group = self.detector.group_targets(text, list(previous), speaker_span=span)
        if not group and len(represents) >= 2 and self.detector.group_references(text):
            group = list(represents)  # "lobten Xi und Putin die Partnerschaft beider Länder"
        for t in group:
            targets.setdefault(t, None)
        return mentions, targets

    def analyze_texts(self, texts: Sequence[str], kinds: Sequence[str] | None = None,
                      date: str | None = None) -> list[AnalyzedUnit]:
        """Analyze the units of one document, in reading order."""
        kinds = list(kinds) if kinds is not None else ["body"] * len(texts)
        attributions = self.attributor.attribute(texts, kinds, date)
        out: list[AnalyzedUnit] = []
        previous: list[tuple[str, dict]] = []
        for text, kind, att in zip(texts, kinds, attributions):
            bloc, represents = self.speaker_side(att.speaker)
            mentions, targets = self.targets_of(text, att, represents, previous)
            # antecedents for "beide Länder": every target the unit names, incidental mentions too
            previous.append((text, {**targets, **{m.target: m for m in mentions if m.target not in targets}}))
            out.append(AnalyzedUnit(text, kind, att, mentions, targets, bloc, represents))
        return out
