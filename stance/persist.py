"""Save the scikit-learn pipelines as JSON + numpy arrays (no pickle); load them for numpy-only prediction.

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

from .validation import ModelError

FORMAT = 1
_FEATURIZERS = ("PairFeaturizer", "SentenceFeaturizer")
_VECTORIZERS = ("word_", "char_", "window_", "meta_")
_TFIDF_PARAMS = ("analyzer", "ngram_range", "min_df", "max_features", "sublinear_tf", "lowercase", "token_pattern")


def _vocabulary(vec) -> list[str]:
    terms = [""] * len(vec.vocabulary_)
    for term, index in vec.vocabulary_.items():
        terms[index] = term
    return terms


def dump_pipeline(pipeline, directory: str | Path, name: str) -> list[Path]:
    """Write ``name.json`` and ``name.npz`` for a fitted featurizer + classifier pipeline."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from .classify import CalibratedLogisticRegression

    directory = Path(directory)
    json_path, npz_path = directory / f"{name}.json", directory / f"{name}.npz"
    if hasattr(pipeline, "state") and hasattr(pipeline, "arrays"):  # a loaded model: write it back unchanged
        json_path.write_text(json.dumps(pipeline.state, ensure_ascii=False) + "\n", encoding="utf-8")
        np.savez_compressed(npz_path, **pipeline.arrays)
        return [json_path, npz_path]
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
    json_path.write_text(json.dumps(state, ensure_ascii=False) + "\n", encoding="utf-8")
    np.savez_compressed(npz_path, **arrays)
    return [json_path, npz_path]


def load_pipeline(directory: str | Path, name: str):
    """Rebuild a pipeline written by :func:`dump_pipeline` for prediction (numpy only).

    Returns a :class:`~stance.linear.FrozenLinearPipeline`; scikit-learn is not imported.
    """
    from .linear import FrozenLinearPipeline

    directory = Path(directory)
    json_path, npz_path = directory / f"{name}.json", directory / f"{name}.npz"
    try:
        state = json.loads(json_path.read_text(encoding="utf-8"))
        with np.load(npz_path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    except (OSError, ValueError) as exc:
        raise ModelError(f"{directory}: cannot read {name}.json/{name}.npz ({exc})") from None
    if state.get("format") != FORMAT:
        raise ModelError(f"{json_path}: unsupported pipeline format {state.get('format')!r} (expected {FORMAT})")
    if state.get("featurizer", {}).get("type") not in _FEATURIZERS:
        raise ModelError(f"{json_path}: unknown featurizer type {state.get('featurizer', {}).get('type')!r}")
    try:
        return FrozenLinearPipeline(state, arrays)
    except (KeyError, ValueError, IndexError) as exc:
        raise ModelError(f"{json_path}: inconsistent saved pipeline ({exc}); re-save or retrain the model") from None
