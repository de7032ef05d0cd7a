"""Prediction results: frozen dataclasses, DataFrame and JSON export.

>>> from stance.output import Statement, TargetStance, to_frame
>>> ts = TargetStance("against", {"favor": 0.1, "against": 0.8, "neutral": 0.1}, "Russland", 20, 28)
>>> st = Statement("Die NATO kritisiert Russland.", 0, 29, "body", "author", None, None, "author",
...                {"Russia": ts}, "negative", {"positive": 0.1, "negative": 0.8, "neutral": 0.1})
>>> to_frame([st])[["speaker", "target", "stance"]].values.tolist()
[['author', 'Russia', 'against']]
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class TargetStance:
    """The speaker's stance toward one target referred to in a statement.

    ``scores`` holds a probability per class; ``mention`` is the words that refer to the
    target (``start``/``end`` are offsets in the input text; None for implicit references
    such as "beide Länder"); ``evidence`` lists (feature, weight) pairs that pushed the
    decision, filled when predicting with ``explain=True``.
    """

    stance: str
    scores: dict
    mention: str | None
    start: int | None
    end: int | None
    evidence: tuple = field(default=())


@dataclass(frozen=True)
class Statement:
    """One unit of a document: who says it, how, about which targets, in which tone."""

    text: str
    start: int
    end: int
    kind: str
    speaker: str
    speaker_mention: str | None
    cue: str | None
    attribution: str
    targets: dict
    sentiment: str
    sentiment_scores: dict
    incidental_mentions: tuple = field(default=())
    sentiment_evidence: tuple = field(default=())

    def to_dict(self) -> dict:
        """A JSON-ready dict (targets as nested dicts).

        >>> Statement("x", 0, 1, "body", "author", None, None, "author", {}, "neutral", {}).to_dict()["speaker"]
        'author'
        """
        d = asdict(self)
        d["incidental_mentions"] = list(self.incidental_mentions)
        d["sentiment_evidence"] = [list(e) for e in self.sentiment_evidence]
        for t in d["targets"].values():
            t["evidence"] = [list(e) for e in t["evidence"]]
        return d

    def to_record(self, article: str, unit_id: str, source: str = "annotated") -> dict:
        """A label record in the corpus format (``docs/data_format.md``), for correction."""
        return {
            "id": unit_id, "article": article, "kind": self.kind, "text": self.text,
            "start": self.start, "end": self.end, "speaker": self.speaker,
            "speaker_mention": self.speaker_mention, "cue": self.cue, "attribution": self.attribution,
            "targets": {t: ts.stance for t, ts in self.targets.items()},
            "incidental_mentions": list(self.incidental_mentions), "sentiment": self.sentiment,
            "source": source,
        }


def to_frame(statements: Iterable[Statement]):
    """A pandas DataFrame with one row per statement x target (a row with target None for
    statements without targets), for notebooks.

    Columns: statement, start, end, kind, speaker, attribution, cue, text, target, stance,
    p_favor, p_against, p_neutral, mention, sentiment.
    """
    import pandas as pd

    rows = []
    for i, st in enumerate(statements):
        base = {
            "statement": i, "start": st.start, "end": st.end, "kind": st.kind, "speaker": st.speaker,
            "attribution": st.attribution, "cue": st.cue, "text": st.text, "sentiment": st.sentiment,
        }
        if not st.targets:
            rows.append({**base, "target": None, "stance": None, "p_favor": None, "p_against": None,
                         "p_neutral": None, "mention": None})
        for target, ts in st.targets.items():
            rows.append({**base, "target": target, "stance": ts.stance,
                         "p_favor": ts.scores.get("favor"), "p_against": ts.scores.get("against"),
                         "p_neutral": ts.scores.get("neutral"), "mention": ts.mention})
    columns = ["statement", "start", "end", "kind", "speaker", "attribution", "cue", "text", "target",
               "stance", "p_favor", "p_against", "p_neutral", "mention", "sentiment"]
    return pd.DataFrame(rows, columns=columns)


def to_jsonl(statements: Iterable[Statement]) -> str:
    """One JSON object per statement and line.

    >>> st = Statement("x", 0, 1, "body", "author", None, None, "author", {}, "neutral", {})
    >>> to_jsonl([st]).count("\\n")
    1
    """
    return "".join(json.dumps(st.to_dict(), ensure_ascii=False) + "\n" for st in statements)
