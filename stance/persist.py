"""Save and load the scikit-learn pipelines as JSON + numpy arrays (no pickle, fast to load).

A pipeline is stored as ``<name>.json`` (hyper-parameters, vocabularies as term lists in
index order, class labels) and ``<name>.npz`` (IDF weights, coefficients), read back with
``allow_pickle=False``. Only the pipeline shapes built by :mod:`stance.classify` and the
baselines are supported; anything else is refused with a clear message.

>>> from stance.persist import dump_pipeline, load_pipeline
>>> from stance.classify import sentiment_pipeline
>>> import tempfile, pathlib
>>> X = [{"text": t} for t in ["gut und stark", "schlecht und schwach", "neutral"] * 4]
>>> pipe = sentiment_pipeline(C=1.0, cv=2).fit(X, ["positive", "negative", "neutral"] * 4)
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in dump_pipeline(pipe, d, "sentiment")]
['sentiment.json', 'sentiment.npz']
>>> load_pipeline(d, "sentiment").predict(X[:3]).tolist()
['positive', 'negative', 'neutral']
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from .classify import CalibratedLogisticRegression
from .features import PairFeaturizer, SentenceFeaturizer, _identity
from .validation import ModelError

FORMAT = 1
_FEATURIZERS = {"PairFeaturizer": PairFeaturizer, "SentenceFeaturizer": SentenceFeaturizer}
_VECTORIZERS = ("word_", "char_", "window_", "meta_")
_TFIDF_PARAMS = ("analyzer", "ngram_range", "min_df", "max_features", "sublinear_tf", "lowercase", "token_pattern")


def _vocabulary(vec) -> list[str]:
    terms = [""] * len(vec.vocabulary_)
    for term, index in vec.vocabulary_.items():
        terms[index] = term
    return terms


def dump_pipeline(pipeline: Pipeline, directory: str | Path, name: str) -> list[Path]:
    """Write ``name.json`` and ``name.npz`` for a fitted featurizer + classifier pipeline."""
    directory = Path(directory)
    feats, clf = pipeline.named_steps["features"], pipeline.named_steps["clf"]
    kind = type(feats).__name__
    if kind not in _FEATURIZERS or not isinstance(clf, CalibratedLogisticRegression):
        raise ModelError(f"cannot save a pipeline of {kind} + {type(clf).__name__}; only the stance pipelines")
    arrays: dict[str, np.ndarray] = {}
    vectorizers = {}
    for attr in _VECTORIZERS:
        vec = getattr(feats, attr, None)
        if vec is None:
            continue
        entry = {"type": type(vec).__name__, "vocabulary": _vocabulary(vec)}
        if isinstance(vec, TfidfVectorizer):
            entry["params"] = {p: getattr(vec, p) for p in _TFIDF_PARAMS}
            arrays[f"{attr}idf"] = vec.idf_
        vectorizers[attr] = entry
    model = clf.model_
    arrays.update(coef=model.coef_, intercept=model.intercept_)
    state = {
        "format": FORMAT,
        "featurizer": {"type": kind, "params": feats.get_params(), "vectorizers": vectorizers,
                       "embedding_dim": getattr(feats, "embedding_dim_", None)},
        "classifier": {"params": clf.get_params(), "classes": [str(c) for c in clf.classes_],
                       "temperature": clf.temperature_, "n_features": int(clf.n_features_in_),
                       "n_iter": np.asarray(clf.n_iter_).tolist()},
    }
    json_path, npz_path = directory / f"{name}.json", directory / f"{name}.npz"
    json_path.write_text(json.dumps(state, ensure_ascii=False) + "\n", encoding="utf-8")
    np.savez_compressed(npz_path, **arrays)
    return [json_path, npz_path]


def _tuples(params: dict) -> dict:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}


def load_pipeline(directory: str | Path, name: str) -> Pipeline:
    """Rebuild a pipeline written by :func:`dump_pipeline`."""
    directory = Path(directory)
    json_path, npz_path = directory / f"{name}.json", directory / f"{name}.npz"
    try:
        state = json.loads(json_path.read_text(encoding="utf-8"))
        arrays = np.load(npz_path, allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise ModelError(f"{directory}: cannot read {name}.json/{name}.npz ({exc})") from None
    if state.get("format") != FORMAT:
        raise ModelError(f"{json_path}: unsupported pipeline format {state.get('format')!r} (expected {FORMAT})")
    fstate = state["featurizer"]
    if fstate["type"] not in _FEATURIZERS:
        raise ModelError(f"{json_path}: unknown featurizer type {fstate['type']!r}")
    feats = _FEATURIZERS[fstate["type"]](**_tuples(fstate["params"]))
    for attr, entry in fstate["vectorizers"].items():
        vocabulary = {term: i for i, term in enumerate(entry["vocabulary"])}
        if entry["type"] == "TfidfVectorizer":
            vec = TfidfVectorizer(**_tuples(entry["params"]))
            vec.vocabulary_ = vocabulary
            vec.idf_ = arrays[f"{attr}idf"]
        else:
            vec = CountVectorizer(analyzer=_identity, binary=True)
            vec.vocabulary_ = vocabulary
        vec.fixed_vocabulary_ = False
        setattr(feats, attr, vec)
    if fstate.get("embedding_dim") is not None:
        feats.embedding_dim_ = fstate["embedding_dim"]
    feats.n_features_in_ = 1
    cstate = state["classifier"]
    clf = CalibratedLogisticRegression(**cstate["params"])
    clf.classes_ = np.array(cstate["classes"])
    model = LogisticRegression(C=clf.C, class_weight=clf.class_weight, max_iter=clf.max_iter,
                               random_state=clf.random_state)
    model.coef_, model.intercept_ = arrays["coef"], arrays["intercept"]
    model.classes_ = np.arange(len(clf.classes_)) if len(clf.classes_) > 2 else np.arange(2)
    model.n_features_in_ = cstate["n_features"]
    clf.model_, clf.temperature_, clf.n_features_in_ = model, cstate["temperature"], cstate["n_features"]
    clf.n_iter_ = np.array(cstate["n_iter"])
    return Pipeline([("features", feats), ("clf", clf)])
