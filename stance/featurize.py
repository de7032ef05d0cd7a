"""Feature extraction shared by training (scikit-learn) and inference (numpy only).

Nothing here imports scikit-learn or scipy, so a loaded model predicts without them.

>>> mark_targets("Die NATO warnt Russland.", "Russia", [("NATO", 4, 8), ("Russia", 15, 23)])
'Die ANDERE warnt ZIEL.'
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_TARGET_TOKEN = "ZIEL"
_OTHER_TOKEN = "ANDERE"


def mark_targets(text: str, target: str | None, mentions) -> str:
    """Replace the mentions of ``target`` by ZIEL and of other targets by ANDERE.

    >>> mark_targets("Die NATO warnt Russland.", "Russia", [("NATO", 4, 8), ("Russia", 15, 23)])
    'Die ANDERE warnt ZIEL.'
    """
    out, pos = [], 0
    for t, s, e in sorted(mentions, key=lambda m: m[1]):
        if s < pos:
            continue
        out.append(text[pos:s])
        out.append(_TARGET_TOKEN if t == target else _OTHER_TOKEN)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _identity(tokens):
    return tokens


def window_tokens(text: str, target: str, mentions, width: int) -> list[str]:
    spans = [(s, e) for t, s, e in mentions if t == target]
    if not spans:
        return ["W:<none>"]
    words = [(m.start(), m.group().lower()) for m in _WORD.finditer(text)]
    out = []
    for s, e in spans:
        before = [w for p, w in words if p < s][-width:]
        after = [w for p, w in words if p >= e][:width]
        out += [f"L:{w}" for w in before] + [f"R:{w}" for w in after]
    return out or ["W:<empty>"]


def meta_tokens(pair: dict) -> list[str]:
    target = pair["target"]
    bloc = pair.get("speaker_bloc") or "unknown"
    attribution = pair.get("attribution") or "author"
    relation = "self" if pair.get("represents") else ("same" if bloc == target else (
        "author" if bloc == "author" else ("unknown" if bloc in ("unknown", "other") else "rival")))
    tokens = [
        f"attr={attribution}", f"target={target}", f"bloc={bloc}", f"rel={relation}",
        f"bloc={bloc}|target={target}", f"rel={relation}|attr={attribution}",
        f"ntargets={min(3, len({t for t, _, _ in pair.get('mentions', [])}))}",
    ]
    cue = pair.get("cue")
    if cue:
        tokens.append("cue=" + cue.split(" (")[0].split(" … ")[0].lower())
    return tokens


def sentence_meta_tokens(x: dict) -> list[str]:
    """Attribution type and cue lemma of a statement, for sentiment ("warnte" leans negative).

    >>> sentence_meta_tokens({"text": "…", "attribution": "indirect", "cue": "warf … vor"})
    ['attr=indirect', 'cue=warf']
    """
    tokens = [f"attr={x.get('attribution') or 'author'}"]
    cue = x.get("cue")
    if cue:
        tokens.append("cue=" + cue.split(" (")[0].split(" … ")[0].lower())
    return tokens


def embeddings(X) -> np.ndarray:
    try:
        return np.vstack([np.asarray(p["embedding"], dtype=np.float32) for p in X])
    except KeyError:
        raise ValueError("this model uses sentence embeddings, but the inputs carry none; "
                         "predict through StanceModel, which embeds each unit once") from None


LEXICON_FEATURES = ("near_pos", "near_neg", "near_sum", "all_pos", "all_neg", "negations", "shifter_near")


@lru_cache(maxsize=4096)
def _polarity_of(text: str) -> tuple[tuple, tuple, int]:
    """(words with offsets, contextual polarity per word, number of negators) of a text, cached:
    a unit's pairs and its sentiment input share one computation."""
    from .lexicon import PolarityLexicon

    lex = PolarityLexicon.default()
    words = tuple((m.start(), m.end(), m.group()) for m in _WORD.finditer(text))
    pols = tuple(lex.polarities([w for _, _, w in words]))
    negs = sum(1 for _, _, w in words if w.lower() in lex.negators)
    return words, pols, negs


def pair_lexicon_features(pair: dict, width: int = 5) -> list[float]:
    """Polarity near the target mention and over the unit (see ``LEXICON_FEATURES``)."""
    from .lexicon import PolarityLexicon

    lex = PolarityLexicon.default()
    words, pols, negs = _polarity_of(pair["text"])
    spans = [(s, e) for t, s, e in pair.get("mentions", []) if t == pair["target"]]
    near = set()
    for s, e in spans:
        idx = [i for i, (ws, we, _) in enumerate(words) if ws < e and we > s]
        if idx:
            near.update(range(max(0, idx[0] - width), min(len(words), idx[-1] + width + 1)))
    near_p = [pols[i] for i in near]
    shifter = any(lex.is_shifter(words[i][2]) for i in near) if near else False
    return [
        sum(p for p in near_p if p > 0), -sum(p for p in near_p if p < 0), sum(near_p),
        sum(p for p in pols if p > 0), -sum(p for p in pols if p < 0), float(negs), float(shifter),
    ]


SENTENCE_LEXICON_FEATURES = ("pos", "neg", "sum", "n_pos", "n_neg", "negations")


def sentence_lexicon_features(text: str) -> list[float]:
    _words, pols, negs = _polarity_of(text)
    return [
        sum(p for p in pols if p > 0), -sum(p for p in pols if p < 0), sum(pols),
        float(sum(p > 0 for p in pols)), float(sum(p < 0 for p in pols)), float(negs),
    ]


