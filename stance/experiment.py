"""Library side of the experiments: run a model variant through the evaluation protocol.

Protocol (``experiments/evaluate_stance.py`` drives it):

* **leave-one-article-out** on the seed corpus: train on the other seed article plus the
  authored supplement, test on the held-out article (its units in article order, speaker
  attribution by the model's own rules, stance scored on the gold (unit, target) pairs);
* **dev set**: train on all seed articles plus the authored supplement, test on the dev set.

Authored data is only ever training data here.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from . import train as _train
from .analyze import Analyzer
from .evaluate import read_eval_items, records_as_items, stance_eval_items
from .model import ModelConfig
from .schema import SENTIMENTS, STANCES


def with_self_mentions(items: list[dict], analyzer: Analyzer) -> list[dict]:
    """Add ``self_mentions`` (targets the gold speaker represents) where an item lacks them."""
    out = []
    for it in items:
        if "self_mentions" not in it:
            _bloc, represents = analyzer.speaker_side(it["speaker"])
            it = {**it, "self_mentions": [t for t in it["targets"] if t in represents]}
        out.append(it)
    return out


def load_embedding_cache(path: Path, encoder: str | None) -> None:
    """Fill the in-process embedding cache from ``path`` (an .npz of texts and vectors)."""
    if encoder is None or not path.is_file():
        return
    data = np.load(path, allow_pickle=False)
    for text, vec in zip(data["texts"], data["vectors"]):
        _train._EMBED_CACHE[(encoder, str(text))] = vec


def save_embedding_cache(path: Path, encoder: str | None) -> None:
    if encoder is None:
        return
    keys = [k for k in _train._EMBED_CACHE if k[0] == encoder]
    if not keys:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, texts=np.array([k[1] for k in keys]), vectors=np.vstack([_train._EMBED_CACHE[k] for k in keys]))


def model_size_bytes(model) -> int | None:
    """Size on disk of a saved model (None for models that are not saved, e.g. baselines)."""
    if model.config.backend != "sklearn":
        return None
    with tempfile.TemporaryDirectory() as tmp:
        model.save(Path(tmp) / "m")
        return sum(p.stat().st_size for p in (Path(tmp) / "m").rglob("*") if p.is_file())


def _summary(result: dict) -> dict:
    keep = {}
    for key in ("stance_all", "stance_non_self", "sentiment"):
        block = result[key]
        keep[key] = {k: block.get(k) for k in ("n", "macro_f1", "accuracy", "ece", "per_class_f1", "support",
                                                "confusion", "labels")}
    keep["per_target"] = {t: {"n": v.get("n"), "macro_f1": v.get("macro_f1")} for t, v in result["per_target"].items()}
    return keep


def run_variant(name: str, config: ModelConfig, records: list[dict], dev_items: list[dict] | None,
                grid: dict, cv_folds: int) -> dict:
    """Evaluate one model variant with the protocol above; returns a JSON-ready dict."""
    analyzer = Analyzer()
    seed_articles = sorted({r["article"] for r in records if r["source"] == "seed"})
    out: dict = {"name": name, "config": config.to_dict(), "loao": {}, "dev": None}
    pooled_gold: dict[str, list] = {"stance": [], "stance_pred": [], "sentiment": [], "sentiment_pred": []}
    for article in seed_articles:
        train_recs = [r for r in records if r["article"] != article]
        test_recs = [r for r in records if r["article"] == article]
        model, log = _train.fit_model(train_recs, ModelConfig.from_dict(config.to_dict()), grid, cv_folds, analyzer)
        items = with_self_mentions(records_as_items(test_recs), analyzer)
        result = stance_eval_items(model, items)
        out["loao"][article] = {**_summary(result), "train_log": log}
        for it, row in zip(items, result["predictions"]):
            for t, g in it["targets"].items():
                pooled_gold["stance"].append(g)
                pooled_gold["stance_pred"].append(row["stances"][t])
            pooled_gold["sentiment"].append(it["sentiment"])
            pooled_gold["sentiment_pred"].append(row["sentiment"])
    from .evaluate import classification_metrics

    out["loao_pooled"] = {
        "stance": classification_metrics(pooled_gold["stance"], pooled_gold["stance_pred"], STANCES),
        "sentiment": classification_metrics(pooled_gold["sentiment"], pooled_gold["sentiment_pred"], SENTIMENTS),
    }
    t0 = time.perf_counter()
    model, log = _train.fit_model(records, ModelConfig.from_dict(config.to_dict()), grid, cv_folds, analyzer)
    out["train_seconds_full"] = round(time.perf_counter() - t0, 2)
    out["train_log_full"] = log
    out["model_size_bytes"] = model_size_bytes(model)
    if dev_items is not None:
        result = stance_eval_items(model, with_self_mentions(dev_items, analyzer))
        out["dev"] = _summary(result)
        out["dev_predictions"] = result["predictions"]
    out["_model"] = model
    return out


def dev_items_from(path: str | Path | None) -> list[dict] | None:
    return None if path is None else read_eval_items(path)
