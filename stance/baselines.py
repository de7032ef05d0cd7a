"""Baselines for the comparison table: majority per target, lexicon polarity, textblob-de.

Each baseline is a scikit-learn classifier over the same dict inputs as the real pipelines,
so it plugs into :class:`~stance.model.StanceModel` and the evaluation code unchanged.

>>> from stance.baselines import MajorityPerTarget
>>> X = [{"target": "NATO"}, {"target": "NATO"}, {"target": "Russia"}]
>>> MajorityPerTarget().fit(X, ["favor", "favor", "against"]).predict([{"target": "Russia"}]).tolist()
['against']
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from .features import pair_lexicon_features, sentence_lexicon_features
from .schema import SENTIMENTS, STANCES


class MajorityPerTarget(ClassifierMixin, BaseEstimator):
    """Predicts the most frequent training label of the input's target (overall for sentences)."""

    def fit(self, X, y):
        y = list(y)
        self.classes_ = np.array(sorted(set(y)))
        self.overall_ = Counter(y).most_common(1)[0][0]
        by_target: dict[str, Counter] = {}
        for x, label in zip(X, y):
            by_target.setdefault(x.get("target"), Counter())[label] += 1
        self.majority_ = {t: c.most_common(1)[0][0] for t, c in by_target.items()}
        return self

    def predict_proba(self, X):
        out = np.zeros((len(X), len(self.classes_)))
        classes = list(self.classes_)
        for i, x in enumerate(X):
            out[i, classes.index(self.majority_.get(x.get("target"), self.overall_))] = 1.0
        return out

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class _ThresholdBaseline(ClassifierMixin, BaseEstimator):
    """Maps a polarity score to positive/negative/neutral (or favor/against/neutral)."""

    labels: tuple = SENTIMENTS

    def __init__(self, threshold=0.1):
        self.threshold = threshold

    def fit(self, X, y=None):
        self.classes_ = np.array(self.labels)
        return self

    def score_one(self, x) -> float:  # pragma: no cover - overridden
        raise NotImplementedError

    def predict_proba(self, X):
        pos, neg, neu = (list(self.classes_).index(c) for c in (self.labels[0], self.labels[1], self.labels[2]))
        out = np.zeros((len(X), len(self.classes_)))
        for i, x in enumerate(X):
            s = self.score_one(x)
            out[i, pos if s > self.threshold else neg if s < -self.threshold else neu] = 1.0
        return out

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class LexiconStance(_ThresholdBaseline):
    """Stance = sign of the polarity of the words around the target mention."""

    labels = ("favor", "against", "neutral")

    def score_one(self, x) -> float:
        return pair_lexicon_features(x)[2]


class LexiconSentiment(_ThresholdBaseline):
    """Sentiment = sign of the summed polarity of the statement (our lexicon)."""

    labels = ("positive", "negative", "neutral")

    def score_one(self, x) -> float:
        return sentence_lexicon_features(x["text"])[2]


class TextBlobSentiment(_ThresholdBaseline):
    """Sentiment = sign of `textblob-de` polarity (needs the ``baselines`` extra)."""

    labels = ("positive", "negative", "neutral")

    def score_one(self, x) -> float:
        try:
            from textblob_de import PatternTokenizer, TextBlobDE
        except ImportError:
            raise ImportError("the textblob-de baseline needs: pip install 'stance[baselines]'") from None
        # PatternTokenizer: the default NLTK tokenizer would need punkt data from the internet
        return float(TextBlobDE(x["text"], tokenizer=PatternTokenizer()).sentiment.polarity)


assert set(LexiconStance.labels) == set(STANCES)
