"""Featurizers for (statement, target) pairs and for statements (sentiment).

Inputs are plain dicts, so training on the corpus and predicting on new text share one
code path. A *pair* dict has:

``text`` (the unit), ``target``, ``mentions`` (list of ``(target, start, end)`` for every
target mention in the unit), ``attribution``, ``cue``, ``speaker_bloc`` (the side the
speaker belongs to: a target name, "other", "author" or "unknown"), ``represents`` (True if
the speaker speaks for the target) and, with a sentence encoder, ``embedding``.

Feature groups (each can be switched off, for the comparison table):

* ``text``: TF-IDF word and character n-grams of the unit with the target's mentions
  replaced by ``ZIEL`` and other targets' by ``ANDERE``, so "kritisiert ZIEL" is learned
  across targets;
* ``window``: the words around the target mention;
* ``meta``: attribution type, target, speaker side x target, self-reference, cue lemma;
* ``lexicon``: polarity of words near the mention and in the unit, with negation;
* ``embedding``: a multilingual sentence embedding of the unit (computed once per unit).

>>> from stance.features import PairFeaturizer
>>> pairs = [{"text": "Die NATO kritisiert Russland.", "target": "Russia",
...           "mentions": [("NATO", 4, 8), ("Russia", 20, 28)], "attribution": "author",
...           "cue": None, "speaker_bloc": "author", "represents": False}]
>>> PairFeaturizer(use_lexicon=False).fit(pairs * 2).transform(pairs).shape[0]
1
"""

from __future__ import annotations


import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from .featurize import (LEXICON_FEATURES, SENTENCE_LEXICON_FEATURES, _identity, embeddings, mark_targets,  # noqa: F401
                        meta_tokens, pair_lexicon_features, sentence_lexicon_features, sentence_meta_tokens,
                        window_tokens)

def _fit_tfidf(params, texts: list[str]) -> tuple[TfidfVectorizer, TfidfVectorizer]:
    """Word and character TF-IDF vectorizers fitted with a featurizer's n-gram settings."""
    word = TfidfVectorizer(ngram_range=tuple(params.word_ngrams), min_df=params.min_df,
                           max_features=params.max_features, sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(params.char_ngrams), min_df=params.min_df,
                           max_features=params.max_features, sublinear_tf=True)
    return _lean(word.fit(texts)), _lean(char.fit(texts))


def _lean(vectorizer):
    """Drop ``stop_words_`` (the terms cut by min_df/max_features): only needed for introspection,
    and it would make a saved model ten times larger."""
    if hasattr(vectorizer, "stop_words_"):
        del vectorizer.stop_words_
    return vectorizer


class PairFeaturizer(TransformerMixin, BaseEstimator):
    """Target-aware features for (statement, target) pairs; see the module docstring.

    >>> PairFeaturizer().get_params()["word_ngrams"]
    (1, 2)
    """

    def __init__(self, word_ngrams=(1, 2), char_ngrams=(3, 5), min_df=2, max_features=20000,
                 window=5, use_text=True, use_window=True, use_meta=True, use_lexicon=True,
                 use_embedding=False, embedding_weight=1.0, meta_weight=1.0):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.window = window
        self.use_text = use_text
        self.use_window = use_window
        self.use_meta = use_meta
        self.use_lexicon = use_lexicon
        self.use_embedding = use_embedding
        self.embedding_weight = embedding_weight
        self.meta_weight = meta_weight

    def _marked(self, X):
        return [mark_targets(p["text"], p["target"], p.get("mentions", [])) for p in X]

    def fit(self, X, y=None):
        X = list(X)
        if self.use_text:
            self.word_, self.char_ = _fit_tfidf(self, self._marked(X))
        if self.use_window:
            self.window_ = CountVectorizer(analyzer=_identity, binary=True).fit(
                [window_tokens(p["text"], p["target"], p.get("mentions", []), self.window) for p in X])
        if self.use_meta:
            self.meta_ = CountVectorizer(analyzer=_identity, binary=True).fit([meta_tokens(p) for p in X])
        if self.use_embedding:
            self.embedding_dim_ = embeddings(X[:1]).shape[1]
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        X = list(X)
        blocks = []
        if self.use_text:
            marked = self._marked(X)
            blocks += [self.word_.transform(marked), self.char_.transform(marked)]
        if self.use_window:
            blocks.append(self.window_.transform(
                [window_tokens(p["text"], p["target"], p.get("mentions", []), self.window) for p in X]))
        if self.use_meta:
            blocks.append(self.meta_.transform([meta_tokens(p) for p in X]) * self.meta_weight)
        if self.use_lexicon:
            blocks.append(sp.csr_matrix(np.array([pair_lexicon_features(p, self.window) for p in X])))
        return _stack(self, blocks, X)

    def feature_names(self) -> list[str]:
        """Human-readable names of the sparse features (for explanations)."""
        names = _text_names(self) if self.use_text else []
        if self.use_window:
            names += [f"window:{w}" for w in self.window_.get_feature_names_out()]
        if self.use_meta:
            names += [f"meta:{w}" for w in self.meta_.get_feature_names_out()]
        if self.use_lexicon:
            names += [f"lexicon:{n}" for n in LEXICON_FEATURES]
        if self.use_embedding:
            names += [f"embedding:{i}" for i in range(_embedding_dim(self))]
        return names


def _stack(featurizer, blocks: list, X) -> sp.csr_matrix:
    """Append the embedding block (if used) and stack all blocks into one sparse matrix."""
    if featurizer.use_embedding:
        blocks.append(sp.csr_matrix(embeddings(X) * featurizer.embedding_weight))
    if not blocks:
        raise ValueError(f"{type(featurizer).__name__}: every feature group is switched off; enable at least one")
    return sp.hstack(blocks, format="csr")


def _text_names(featurizer) -> list[str]:
    return [f"word:{w}" for w in featurizer.word_.get_feature_names_out()] + \
        [f"char:{c}" for c in featurizer.char_.get_feature_names_out()]


def _embedding_dim(featurizer) -> int:
    return getattr(featurizer, "embedding_dim_", 0)


class SentenceFeaturizer(TransformerMixin, BaseEstimator):
    """Features of a statement for sentiment: TF-IDF n-grams, lexicon polarity, embedding.

    Inputs are dicts with ``text`` (and ``embedding`` when ``use_embedding``).

    >>> X = [{"text": "Gute Zusammenarbeit."}, {"text": "Scharfe Kritik."}] * 2
    >>> SentenceFeaturizer().fit(X).transform(X).shape[0]
    4
    """

    def __init__(self, word_ngrams=(1, 2), char_ngrams=(3, 5), min_df=2, max_features=20000,
                 use_text=True, use_lexicon=True, use_embedding=False, embedding_weight=1.0, use_meta=False):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.use_text = use_text
        self.use_meta = use_meta
        self.use_lexicon = use_lexicon
        self.use_embedding = use_embedding
        self.embedding_weight = embedding_weight

    def fit(self, X, y=None):
        X = list(X)
        texts = [x["text"] for x in X]
        if self.use_text:
            self.word_, self.char_ = _fit_tfidf(self, texts)
        if self.use_meta:
            self.meta_ = CountVectorizer(analyzer=_identity, binary=True).fit([sentence_meta_tokens(x) for x in X])
        if self.use_embedding:
            self.embedding_dim_ = embeddings(X[:1]).shape[1]
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        X = list(X)
        texts = [x["text"] for x in X]
        blocks = []
        if self.use_text:
            blocks += [self.word_.transform(texts), self.char_.transform(texts)]
        if self.use_meta:
            blocks.append(self.meta_.transform([sentence_meta_tokens(x) for x in X]))
        if self.use_lexicon:
            blocks.append(sp.csr_matrix(np.array([sentence_lexicon_features(t) for t in texts])))
        return _stack(self, blocks, X)

    def feature_names(self) -> list[str]:
        names = _text_names(self) if self.use_text else []
        if self.use_meta:
            names += [f"meta:{w}" for w in self.meta_.get_feature_names_out()]
        if self.use_lexicon:
            names += [f"lexicon:{n}" for n in SENTENCE_LEXICON_FEATURES]
        if self.use_embedding:
            names += [f"embedding:{i}" for i in range(_embedding_dim(self))]
        return names
