"""Evaluation: attribution, target detection, stance and sentiment metrics.

Evaluation items come in two shapes, both read by :func:`read_eval_items`:

* corpus records (``labels/*.jsonl``): whole articles, evaluated document by document;
* sentence items with ``context_before`` (the dev set, ``tests/data/heldout_sentences.jsonl``):
  each item is evaluated as a two-unit document (context, item) and scored on the item.

>>> from stance.evaluate import normalize_cue
>>> normalize_cue("Macht ... deutlich")
'macht … deutlich'
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .analyze import Analyzer
from .ingest import SENTENCE_END
from .schema import SENTIMENTS, STANCES
from .validation import DataError, iter_jsonl


def normalize_cue(cue: str | None) -> str | None:
    if cue is None or not cue.strip():
        return None
    cue = cue.replace("...", "…").strip().lower()
    return re.sub(r"\s+", " ", cue)


def read_eval_items(path: str | Path) -> list[dict]:
    """Read sentence-level evaluation items (one JSON object per line) with context.

    Required fields: id, text, speaker, attribution, targets, sentiment; optional:
    context_before, cue, speaker_mention, incidental_mentions, self_mentions.
    """
    items = []
    required = ("id", "text", "speaker", "attribution", "targets", "sentiment")
    for number, rec in iter_jsonl(Path(path)):
        if not isinstance(rec, dict):
            raise DataError(f"{path}:{number}: expected a JSON object")
        for name in required:
            if name not in rec:
                raise DataError(f"{path}:{number}: missing field '{name}'")
        items.append(rec)
    return items


def item_documents(items: list[dict]) -> list[tuple[list[str], list[str], int]]:
    """(unit texts, kinds, index of the scored unit) for each sentence item.

    An item's document is the chain of preceding items linked by ``context_before``
    (an item whose context is exactly the previous item's text continues that document),
    or its own context sentence followed by the item.

    >>> docs = item_documents([{"text": "A.", "context_before": ""}, {"text": "B.", "context_before": "A."},
    ...                        {"text": "C.", "context_before": "X."}])
    >>> [d[0] for d in docs]
    [['A.'], ['A.', 'B.'], ['X.', 'C.']]
    >>> item_documents([{"text": "Gipfel in Vilnius: Selenskyj verlangt Beitritt", "context_before": ""}])[0][1]
    ['title']
    """
    docs = []
    chain: list[str] = []
    for it in items:
        ctx = (it.get("context_before") or "").strip()
        if ctx and chain and chain[-1].strip() == ctx:
            chain = chain + [it["text"]]
        elif ctx:
            chain = [ctx, it["text"]]
        else:
            chain = [it["text"]]
        docs.append((list(chain), [_kind_of(t, k) for k, t in enumerate(chain)], len(chain) - 1))
    return docs


def _kind_of(text: str, position: int) -> str:
    """A line without sentence-final punctuation is a heading, as `stance.ingest` reads raw articles."""
    if SENTENCE_END.search(text.strip()):
        return "body"
    return "title" if position == 0 else "subheading"


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def score_attribution(gold: Sequence[dict], pred: Sequence[dict]) -> dict:
    """Speaker accuracy, attribution accuracy, cue P/R/F1 and target detection P/R/F1.

    ``pred`` items have speaker, attribution, cue and targets (an iterable of target names).
    """
    n = len(gold)
    speaker_ok = sum(g["speaker"] == p["speaker"] for g, p in zip(gold, pred))
    attr_ok = sum(g["attribution"] == p["attribution"] for g, p in zip(gold, pred))
    ctp = cfp = cfn = 0
    for g, p in zip(gold, pred):
        gc, pc = normalize_cue(g.get("cue")), normalize_cue(p.get("cue"))
        if gc and pc and gc == pc:
            ctp += 1
        else:
            cfp += pc is not None
            cfn += gc is not None
    ttp = tfp = tfn = 0
    for g, p in zip(gold, pred):
        gt, pt = set(g["targets"]), set(p["targets"])
        ttp += len(gt & pt)
        tfp += len(pt - gt)
        tfn += len(gt - pt)
    non_author = [i for i, g in enumerate(gold) if g["attribution"] != "author"]
    return {
        "n": n,
        "speaker_accuracy": speaker_ok / n if n else 0.0,
        "speaker_accuracy_non_author": (sum(gold[i]["speaker"] == pred[i]["speaker"] for i in non_author) / len(non_author)
                                        if non_author else 0.0),
        "attribution_accuracy": attr_ok / n if n else 0.0,
        "cue": _prf(ctp, cfp, cfn),
        "targets": _prf(ttp, tfp, tfn),
    }


def attribution_predictions(analyzer: Analyzer, docs, dates=None) -> list[dict]:
    out = []
    for (texts, kinds, k), date in zip(docs, dates or [None] * len(docs)):
        unit = analyzer.analyze_texts(texts, kinds, date)[k]
        a = unit.attribution
        out.append({"speaker": a.speaker, "attribution": a.attribution, "cue": a.cue,
                    "speaker_mention": a.speaker_mention, "targets": list(unit.targets),
                    "incidental": list(unit.incidental)})
    return out


def corpus_documents(records: list[dict]) -> list[tuple[list[str], list[str], list[dict]]]:
    """Group corpus records into documents (by article, in file order)."""
    docs: dict[str, list[dict]] = {}
    for r in records:
        docs.setdefault(r["article"], []).append(r)
    return [([r["text"] for r in rs], [r["kind"] for r in rs], rs) for rs in docs.values()]


def evaluate_attribution_corpus(analyzer: Analyzer, records: list[dict]) -> tuple[dict, list[dict]]:
    """Attribution metrics over whole labelled articles; also returns per-unit predictions."""
    gold, pred = [], []
    for texts, kinds, rs in corpus_documents(records):
        for r, unit in zip(rs, analyzer.analyze_texts(texts, kinds)):
            a = unit.attribution
            gold.append(r)
            pred.append({"id": r["id"], "speaker": a.speaker, "attribution": a.attribution, "cue": a.cue,
                         "speaker_mention": a.speaker_mention, "targets": list(unit.targets)})
    return score_attribution(gold, pred), pred


def evaluate_attribution_items(analyzer: Analyzer, items: list[dict]) -> tuple[dict, list[dict]]:
    pred = attribution_predictions(analyzer, item_documents(items), [it.get("date") for it in items])
    for it, p in zip(items, pred):
        p["id"] = it["id"]
    return score_attribution(items, pred), pred


def expected_calibration_error(proba: np.ndarray, y_idx: np.ndarray, bins: int = 10) -> float:
    """ECE of the top-class probability, equal-width bins.

    >>> round(expected_calibration_error(np.array([[0.9, 0.1], [0.6, 0.4]]), np.array([0, 1])), 3)
    0.35
    """
    if len(y_idx) == 0:
        return 0.0
    conf = proba.max(axis=1)
    correct = proba.argmax(axis=1) == y_idx
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return float(ece)


def classification_metrics(gold: list[str], pred: list[str], labels: Sequence[str],
                           proba: np.ndarray | None = None) -> dict:
    """Macro-F1, per-class F1, accuracy, confusion matrix (rows gold, columns predicted), ECE."""
    from sklearn.metrics import confusion_matrix, f1_score

    if not gold:
        return {"n": 0}
    present = [l for l in labels if l in set(gold) | set(pred)]
    out = {
        "n": len(gold),
        "macro_f1": float(f1_score(gold, pred, labels=list(labels), average="macro", zero_division=0)),
        "accuracy": float(np.mean([g == p for g, p in zip(gold, pred)])),
        "per_class_f1": {l: float(f) for l, f in zip(labels, f1_score(gold, pred, labels=list(labels), average=None,
                                                                       zero_division=0))},
        "support": dict(Counter(gold)),
        "labels": list(labels),
        "confusion": confusion_matrix(gold, pred, labels=list(labels)).tolist(),
    }
    out["macro_f1_present"] = float(f1_score(gold, pred, labels=present, average="macro", zero_division=0))
    if proba is not None and len(proba):
        idx = np.array([list(labels).index(g) for g in gold])
        out["ece"] = expected_calibration_error(proba, idx)
    return out


def stance_eval_items(model, items: list[dict]) -> dict:
    """Stance and sentiment of ``model`` on sentence items, scored on gold (item, target) pairs.

    Attribution comes from the model's own rules (as in real use); the targets scored are
    the gold ones. Returns predictions and metrics: stance on all pairs and on pairs whose
    target the speaker does not represent (``self_mentions``), per target; sentiment.
    """
    gold_st, pred_st, proba_st, is_self, tgt = [], [], [], [], []
    gold_se, pred_se, proba_se = [], [], []
    rows = []
    for it, (texts, kinds, k) in zip(items, item_documents(items)):
        forced = [None] * len(texts)
        forced[k] = list(it["targets"])
        st = model.predict_units(texts, kinds, forced_targets=forced)[k]
        for target, gold in it["targets"].items():
            ts = st.targets[target]
            gold_st.append(gold)
            pred_st.append(ts.stance)
            proba_st.append([ts.scores.get(c, 0.0) for c in STANCES])
            is_self.append(target in it.get("self_mentions", []))
            tgt.append(target)
        gold_se.append(it["sentiment"])
        pred_se.append(st.sentiment)
        proba_se.append([st.sentiment_scores.get(c, 0.0) for c in SENTIMENTS])
        rows.append({"id": it["id"], "speaker": st.speaker, "attribution": st.attribution,
                     "stances": {t: v.stance for t, v in st.targets.items()}, "sentiment": st.sentiment})
    proba_st_arr = np.array(proba_st) if proba_st else np.zeros((0, 3))
    mask = np.array([not s for s in is_self], dtype=bool)
    result = {
        "stance_all": classification_metrics(gold_st, pred_st, STANCES, proba_st_arr),
        "stance_non_self": classification_metrics([g for g, m in zip(gold_st, mask) if m],
                                                  [p for p, m in zip(pred_st, mask) if m], STANCES,
                                                  proba_st_arr[mask] if len(mask) else None),
        "per_target": {},
        "sentiment": classification_metrics(gold_se, pred_se, SENTIMENTS, np.array(proba_se)),
    }
    for t in sorted(set(tgt)):
        sel = [i for i, x in enumerate(tgt) if x == t]
        result["per_target"][t] = classification_metrics([gold_st[i] for i in sel], [pred_st[i] for i in sel], STANCES)
        sel_ns = [i for i in sel if mask[i]]
        result["per_target"][t + " (non-self)"] = classification_metrics(
            [gold_st[i] for i in sel_ns], [pred_st[i] for i in sel_ns], STANCES)
    result["predictions"] = rows
    return result


def records_as_items(records: list[dict]) -> list[dict]:
    """Corpus records as sentence items (context = previous unit of the same article)."""
    items, prev = [], {}
    for r in records:
        it = dict(r)
        it["context_before"] = prev.get(r["article"], "")
        prev[r["article"]] = r["text"]
        items.append(it)
    return items


def dump_json(obj, path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
