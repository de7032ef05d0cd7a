"""Inference for saved linear models in plain numpy (no scikit-learn, no scipy at predict time).

:class:`FrozenLinearPipeline` recomputes exactly the features of
:class:`~stance.features.PairFeaturizer` / :class:`~stance.features.SentenceFeaturizer`
(TF-IDF word and char_wb n-grams with sublinear tf and l2 norm, window, meta, lexicon and
embedding blocks) from the saved vocabularies and IDF weights, and applies the saved
coefficients and temperature. A test checks that its probabilities equal the scikit-learn
pipeline's. Loading a model therefore costs no scikit-learn import.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain

import numpy as np

from .featurize import (embeddings, meta_tokens, pair_lexicon_features, sentence_lexicon_features,
                        sentence_meta_tokens, window_tokens)
from .featurize import mark_targets

_WHITE_SPACES = re.compile(r"\s\s+")


class _Tfidf:
    """A fitted TF-IDF vectorizer: vocabulary, IDF, and the analyzer settings."""

    def __init__(self, vocabulary: list[str], idf: np.ndarray, params: dict):
        self.index = {term: i for i, term in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.analyzer = params["analyzer"]
        self.ngram_range = tuple(params["ngram_range"])
        self.lowercase = params.get("lowercase", True)
        self.sublinear = params.get("sublinear_tf", False)
        self.pattern = re.compile(params.get("token_pattern") or r"(?u)\b\w\w+\b")
        self._by_word: dict[str, tuple[int, ...]] = {}

    def ngrams(self, text: str) -> list[str]:
        if self.lowercase:
            text = text.lower()
        lo, hi = self.ngram_range
        if self.analyzer == "char_wb":  # as scikit-learn's _char_wb_ngrams
            text = _WHITE_SPACES.sub(" ", text)
            grams: list[str] = []
            for word in text.split():
                word = " " + word + " "
                size = len(word)
                for n in range(lo, hi + 1):
                    if size <= n:
                        grams.append(word)
                        break
                    grams.extend([word[i:i + n] for i in range(size - n + 1)])
            return grams
        tokens = self.pattern.findall(text)
        if hi == 1:
            return tokens
        grams = list(tokens) if lo == 1 else []
        for n in range(max(lo, 2), hi + 1):
            grams += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        return grams

    def _word_columns(self, word: str) -> tuple[int, ...]:
        """Vocabulary columns of the char_wb n-grams of one (lowercased) word, cached: n-grams
        never cross word boundaries, so a text's n-grams are the union of its words'."""
        cols = self._by_word.get(word)
        if cols is None:
            index = self.index
            cols = tuple(index[g] for g in self.ngrams(word) if g in index)
            if len(self._by_word) < 200_000:
                self._by_word[word] = cols
        return cols

    def features(self, text: str) -> tuple[list[int], list[float]]:
        index = self.index
        if self.analyzer == "char_wb":
            words = (text.lower() if self.lowercase else text).split()
            counts = Counter(chain.from_iterable(self._word_columns(w) for w in words))
        else:
            counts = {}
            for gram, n in Counter(self.ngrams(text)).items():
                j = index.get(gram)
                if j is not None:
                    counts[j] = n
        if not counts:
            return [], []
        cols = list(counts)
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        if self.sublinear:
            tf = np.log(tf) + 1.0
        values = tf * self.idf[cols]
        norm = np.sqrt((values ** 2).sum())
        return cols, list(values / norm if norm else values)


class FrozenLinearPipeline:
    """Features + calibrated linear classifier, rebuilt from a saved state; predict only.

    Mirrors the part of the scikit-learn pipeline API the model uses: ``classes_``,
    ``predict_proba``, ``predict``, ``feature_names`` and ``coef_``.
    """

    def __init__(self, state: dict, arrays):
        self.state, self.arrays = state, dict(arrays)  # kept so that a loaded model can be saved again
        fstate, cstate = state["featurizer"], state["classifier"]
        self.kind = fstate["type"]
        self.params = fstate["params"]
        vecs = fstate["vectorizers"]
        self.word = _Tfidf(vecs["word_"]["vocabulary"], arrays["word_idf"], vecs["word_"]["params"]) \
            if "word_" in vecs else None
        self.char = _Tfidf(vecs["char_"]["vocabulary"], arrays["char_idf"], vecs["char_"]["params"]) \
            if "char_" in vecs else None
        self.window = {t: i for i, t in enumerate(vecs["window_"]["vocabulary"])} if "window_" in vecs else None
        self.meta = {t: i for i, t in enumerate(vecs["meta_"]["vocabulary"])} if "meta_" in vecs else None
        self._vocabularies = {k: v["vocabulary"] for k, v in vecs.items()}
        self.embedding_dim = fstate.get("embedding_dim") or 0
        self.classes_ = np.array(cstate["classes"])
        coef = np.asarray(arrays["coef"], dtype=np.float64)
        intercept = np.asarray(arrays["intercept"], dtype=np.float64)
        if coef.shape[0] == 1:  # binary: the same two-column scores as CalibratedLogisticRegression
            coef = np.vstack([-coef[0] / 2.0, coef[0] / 2.0])
            intercept = np.array([-intercept[0] / 2.0, intercept[0] / 2.0])
        self.coef_, self.intercept_ = coef, intercept
        self.temperature = float(cstate["temperature"])
        self._blocks()

    def _blocks(self) -> None:
        """Column offset of each feature block, in the order the featurizers stack them."""
        p = self.params
        sizes = []
        if p.get("use_text", True):
            sizes += [("word", len(self.word.index)), ("char", len(self.char.index))]
        if self.kind == "PairFeaturizer":
            if p.get("use_window", True):
                sizes.append(("window", len(self.window)))
            if p.get("use_meta", True):
                sizes.append(("meta", len(self.meta)))
            if p.get("use_lexicon", True):
                sizes.append(("lexicon", 7))
        else:
            if p.get("use_meta", False):
                sizes.append(("meta", len(self.meta)))
            if p.get("use_lexicon", True):
                sizes.append(("lexicon", 6))
        if p.get("use_embedding", False):
            sizes.append(("embedding", self.embedding_dim))
        self.offsets, start = {}, 0
        for name, size in sizes:
            self.offsets[name] = start
            start += size
        self.n_features = start
        if self.n_features != self.coef_.shape[1]:
            raise ValueError(f"saved model is inconsistent: {self.n_features} features, "
                             f"{self.coef_.shape[1]} coefficients")

    def row(self, x: dict) -> tuple[np.ndarray, np.ndarray]:
        """Sparse feature row of one input as (column indices, values)."""
        cols: list[int] = []
        vals: list[float] = []
        p = self.params
        pair = self.kind == "PairFeaturizer"
        if "word" in self.offsets:
            text = mark_targets(x["text"], x["target"], x.get("mentions", [])) if pair else x["text"]
            for name, vec in (("word", self.word), ("char", self.char)):
                c, v = vec.features(text)
                cols += [self.offsets[name] + i for i in c]
                vals += v
        if "window" in self.offsets:
            toks = set(window_tokens(x["text"], x["target"], x.get("mentions", []), p.get("window", 5)))
            idx = sorted(self.window[t] for t in toks if t in self.window)
            cols += [self.offsets["window"] + i for i in idx]
            vals += [1.0] * len(idx)
        if "meta" in self.offsets:
            tokens = meta_tokens(x) if pair else sentence_meta_tokens(x)
            idx = sorted({self.meta[t] for t in tokens if t in self.meta})
            cols += [self.offsets["meta"] + i for i in idx]
            vals += [float(p.get("meta_weight", 1.0))] * len(idx)
        if "lexicon" in self.offsets:
            lex = pair_lexicon_features(x, p.get("window", 5)) if pair else sentence_lexicon_features(x["text"])
            cols += list(range(self.offsets["lexicon"], self.offsets["lexicon"] + len(lex)))
            vals += [float(v) for v in lex]
        if "embedding" in self.offsets:
            emb = embeddings([x])[0] * float(p.get("embedding_weight", 1.0))
            cols += list(range(self.offsets["embedding"], self.offsets["embedding"] + len(emb)))
            vals += emb.astype(np.float64).tolist()
        return np.asarray(cols, dtype=np.int64), np.asarray(vals, dtype=np.float64)

    def decision_function(self, X) -> np.ndarray:
        rows = [self.row(x) for x in X]
        out = np.tile(self.intercept_, (len(rows), 1))
        lengths = np.array([len(c) for c, _ in rows])
        if lengths.sum() == 0:
            return out
        cols = np.concatenate([c for c, _ in rows])
        vals = np.concatenate([v for _, v in rows])
        products = self.coef_[:, cols] * vals  # (classes, all non-zeros)
        nonempty = lengths > 0
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[nonempty]
        out[nonempty] += np.add.reduceat(products, starts, axis=1).T
        return out

    def predict_proba(self, X) -> np.ndarray:
        X = list(X)
        if not X:
            return np.zeros((0, len(self.classes_)))
        scores = self.decision_function(X) / self.temperature
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def feature_names(self) -> list[str]:
        names: list[str] = [""] * self.n_features
        labels = {"word": "word", "char": "char", "window": "window", "meta": "meta"}
        vocab = {"word": "word_", "char": "char_", "window": "window_", "meta": "meta_"}
        for block, start in self.offsets.items():
            if block in labels:
                for i, term in enumerate(self._vocabularies[vocab[block]]):
                    names[start + i] = f"{labels[block]}:{term}"
            elif block == "lexicon":
                from .featurize import LEXICON_FEATURES, SENTENCE_LEXICON_FEATURES

                lex = LEXICON_FEATURES if self.kind == "PairFeaturizer" else SENTENCE_LEXICON_FEATURES
                for i, n in enumerate(lex):
                    names[start + i] = f"lexicon:{n}"
            else:
                for i in range(self.embedding_dim):
                    names[start + i] = f"embedding:{i}"
        return names

    def top_features(self, x: dict, label: str, k: int = 5) -> list[tuple[str, float]]:
        """The features of ``x`` that pushed most toward ``label``: value x (weight - mean weight)."""
        cols, vals = self.row(x)
        if not hasattr(self, "_names"):
            self._names = self.feature_names()
        return rank_evidence(self._names, cols, vals, self.coef_, list(self.classes_).index(label), k)


def rank_evidence(names, cols, vals, coef: np.ndarray, class_index: int, k: int) -> list[tuple[str, float]]:
    """The k named (non-embedding) features with the largest positive push toward a class:
    value x (class weight - mean weight over classes)."""
    weights = coef[class_index] - coef.mean(axis=0)
    contrib = [(names[j], float(v * weights[j])) for j, v in zip(cols, vals)]
    contrib = [c for c in contrib if not c[0].startswith("embedding:") and c[1] > 0]
    contrib.sort(key=lambda c: -c[1])
    return contrib[:k]
