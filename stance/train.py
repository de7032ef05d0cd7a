"""Training from labelled records: configs as dataclasses, examples, fitting, model selection.

>>> from stance.train import TrainConfig, train_model
>>> cfg = TrainConfig(corpus="labels")                    # doctest: +SKIP
>>> model = train_model(cfg)                               # doctest: +SKIP
>>> model.save("runs/my-model")                            # doctest: +SKIP
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from .analyze import Analyzer, AnalyzedUnit
from .attribute import Attribution
from .baselines import LexiconSentiment, LexiconStance, MajorityPerTarget, TextBlobSentiment
from .corpus import data_hash, read_corpus
from .encoders import get_encoder
from .model import ModelConfig, StanceModel, pair_input

_EMBED_CACHE: dict[tuple[str, str], np.ndarray] = {}


#: Baseline "backends" for the comparison table: (stance classifier, sentiment classifier).
BASELINES = {
    "majority": (MajorityPerTarget, MajorityPerTarget),
    "lexicon": (LexiconStance, LexiconSentiment),
    "textblob": (MajorityPerTarget, TextBlobSentiment),
}


@dataclass
class TrainConfig:
    """What to train on and how; JSON files in ``experiments/configs/`` hold these.

    ``grid`` maps a :class:`~stance.model.ModelConfig` field (``stance_C``, ``sentiment_C``)
    to candidate values, chosen by stratified cross-validation on the training records
    only (never on evaluation text).

    >>> TrainConfig.from_dict({"corpus": "labels", "model": {"encoder": "use"}}).model.encoder
    'use'
    """

    corpus: str = "labels"
    include_authored: bool = True
    exclude_articles: list = field(default_factory=list)
    model: ModelConfig = field(default_factory=ModelConfig)
    grid: dict = field(default_factory=dict)
    cv_folds: int = 5
    output: str | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["model"] = self.model.to_dict()
        return d

    @classmethod
    def from_dict(cls, data: dict) -> "TrainConfig":
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"train config: unknown key {unknown[0]!r}; expected some of {', '.join(sorted(known))}")
        data = dict(data)
        data["model"] = ModelConfig.from_dict(data.get("model", {}))
        return cls(**data)

    @classmethod
    def from_file(cls, path: str | Path) -> "TrainConfig":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(f"{path}: cannot read train config: {exc.strerror}") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{exc.lineno}: broken JSON in train config: {exc.msg}") from None
        try:
            return cls.from_dict(data)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{path}: {exc}") from None


def embed_texts(encoder_name: str | None, texts: list[str]) -> np.ndarray | None:
    """Embed texts with a per-process cache (each distinct text is embedded once)."""
    encoder = get_encoder(encoder_name)
    if encoder is None:
        return None
    missing = list(dict.fromkeys(t for t in texts if (encoder_name, t) not in _EMBED_CACHE))
    if missing:
        for t, v in zip(missing, encoder.encode(missing)):
            _EMBED_CACHE[(encoder_name, t)] = v
    return np.vstack([_EMBED_CACHE[(encoder_name, t)] for t in texts]) if texts else np.zeros((0, encoder.dim))


def unit_from_record(rec: dict, analyzer: Analyzer) -> AnalyzedUnit:
    """An :class:`AnalyzedUnit` built from a record's gold attribution and gold targets."""
    text = rec["text"]
    span = None
    if rec["speaker_mention"]:
        k = text.find(rec["speaker_mention"])
        if k >= 0:
            span = (k, k + len(rec["speaker_mention"]))
    att = Attribution(rec["speaker"], rec["speaker_mention"], rec["cue"], rec["attribution"],
                      span[0] if span else None, span[1] if span else None)
    bloc, represents = analyzer.speaker_side(rec["speaker"])
    mentions = tuple(analyzer.detector.find(text, speaker_span=span, evaluative=rec["attribution"] != "author"))
    targets = {}
    for t in rec["targets"]:
        targets[t] = next((m for m in mentions if m.target == t and not m.incidental),
                          next((m for m in mentions if m.target == t), None))
    return AnalyzedUnit(text, rec["kind"], att, mentions, targets, bloc, represents)


def stance_examples(records: list[dict], analyzer: Analyzer, config: ModelConfig,
                    units: list[AnalyzedUnit] | None = None) -> tuple[list[dict], list[str], list[int]]:
    """(pair inputs, stance labels, record index) for every labelled (record, target) pair."""
    units = units or [unit_from_record(r, analyzer) for r in records]
    embeddings = embed_texts(config.encoder, [r["text"] for r in records])
    X, y, idx = [], [], []
    for i, (rec, unit) in enumerate(zip(records, units)):
        for target, stance in rec["targets"].items():
            if target not in config.targets:
                continue
            if config.author_neutral and rec["attribution"] == "author":
                continue
            mentions = [(m.target, m.start, m.end) for m in unit.mentions if not m.incidental or m.target == target]
            pair = pair_input(unit, target, mentions_override=mentions)
            if embeddings is not None:
                pair["embedding"] = embeddings[i]
            X.append(pair)
            y.append(stance)
            idx.append(i)
    return X, y, idx


def sentiment_examples(records: list[dict], config: ModelConfig) -> tuple[list[dict], list[str]]:
    embeddings = embed_texts(config.encoder, [r["text"] for r in records])
    X = [{"text": r["text"], "attribution": r["attribution"], "cue": r["cue"]} for r in records]
    if embeddings is not None:
        for x, e in zip(X, embeddings):
            x["embedding"] = e
    return X, [r["sentiment"] for r in records]


def _featurizer_params(config: ModelConfig, which: str) -> dict:
    params = dict(config.stance_features if which == "stance" else config.sentiment_features)
    params["use_embedding"] = config.encoder is not None
    return params


def _select_C(make, X, y, candidates, folds, seed) -> tuple[float, dict]:
    """Pick C by stratified CV macro-F1 on the training data."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    y = np.asarray(y)
    scores = {}
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for C in candidates:
        preds = np.empty(len(y), dtype=object)
        for tr, te in split.split(np.zeros(len(y)), y):
            model = make(C).fit([X[i] for i in tr], y[tr])
            preds[te] = model.predict([X[i] for i in te])
        scores[C] = float(f1_score(y, preds.astype(str), average="macro"))
    best = max(scores, key=lambda c: (scores[c], -abs(np.log(c))))
    return best, scores


def fit_model(records: list[dict], config: ModelConfig, grid: dict | None = None, cv_folds: int = 5,
              analyzer: Analyzer | None = None) -> tuple[StanceModel, dict]:
    """Fit the stance and sentiment classifiers on records; return the model and a training log."""
    from .classify import sentiment_pipeline, stance_pipeline

    analyzer = analyzer or Analyzer()
    grid = grid or {}
    log: dict = {"n_records": len(records)}
    t0 = time.perf_counter()
    if config.backend in BASELINES:
        X, y, _ = stance_examples(records, analyzer, config)
        Xs, ys = sentiment_examples(records, config)
        stance_cls, sentiment_cls = BASELINES[config.backend]
        stance_clf, sentiment_clf = stance_cls().fit(X, y), sentiment_cls().fit(Xs, ys)
        log.update(n_stance_pairs=len(X))
    elif config.backend == "transformers":
        from .backends.transformers import TransformersClassifier
        from .model import TARGET_NAMES_DE

        X, y, _ = stance_examples(records, analyzer, config)
        params = dict(config.transformers)
        stance_clf = TransformersClassifier(labels=["favor", "against", "neutral"], seed=config.seed, **params).fit(
            [TARGET_NAMES_DE.get(p["target"], p["target"]) for p in X], y, text_pairs=[p["text"] for p in X])
        Xs, ys = sentiment_examples(records, config)
        sentiment_clf = TransformersClassifier(labels=["positive", "negative", "neutral"], seed=config.seed,
                                               **params).fit([x["text"] for x in Xs], ys)
        log.update(n_stance_pairs=len(X))
    else:
        X, y, _ = stance_examples(records, analyzer, config)
        Xs, ys = sentiment_examples(records, config)
        sf, tf = _featurizer_params(config, "stance"), _featurizer_params(config, "sentiment")
        # calibration does not change the argmax, so C is chosen without it (cv=1): 6x faster
        if grid.get("stance_C"):
            config.stance_C, log["cv_stance_C"] = _select_C(
                lambda C: stance_pipeline(sf, C, 1, config.seed), X, y, grid["stance_C"], cv_folds, config.seed)
        if grid.get("sentiment_C"):
            config.sentiment_C, log["cv_sentiment_C"] = _select_C(
                lambda C: sentiment_pipeline(tf, C, 1, config.seed), Xs, ys, grid["sentiment_C"], cv_folds,
                config.seed)
        stance_clf = stance_pipeline(sf, config.stance_C, config.calibration_cv, config.seed).fit(X, y)
        sentiment_clf = sentiment_pipeline(tf, config.sentiment_C, config.calibration_cv, config.seed).fit(Xs, ys)
        log.update(n_stance_pairs=len(X), stance_C=config.stance_C, sentiment_C=config.sentiment_C)
    log["train_seconds"] = round(time.perf_counter() - t0, 2)
    metadata = {"training": {**log, "data_hash": data_hash(records),
                             "sources": sorted({r["source"] for r in records}),
                             "articles": sorted({r["article"] for r in records})}}
    return StanceModel(stance_clf, sentiment_clf, config, analyzer=analyzer, metadata=metadata), log


def train_model(config: TrainConfig) -> StanceModel:
    """Read the corpus named in ``config``, fit, and (if ``config.output``) save the model."""
    records = read_corpus(config.corpus, include_authored=config.include_authored, targets=config.model.targets)
    records = [r for r in records if r["article"] not in set(config.exclude_articles)]
    if not records:
        raise ValueError(f"{config.corpus}: no training records left after excluding {config.exclude_articles}")
    model, _log = fit_model(records, config.model, config.grid, config.cv_folds)
    model.metadata["train_config"] = config.to_dict()
    if config.output:
        model.save(config.output)
    return model
