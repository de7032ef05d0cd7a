"""Classifiers: a calibrated linear model, and the stance / sentiment pipelines built on it.

:class:`CalibratedLogisticRegression` is a true scikit-learn estimator (checked with
``parametrize_with_checks``): multinomial logistic regression whose probabilities are
calibrated by temperature scaling fitted on cross-validated decision scores, so
``predict_proba`` is calibrated while ``predict`` equals the argmax of the linear model.

>>> import numpy as np
>>> from stance.classify import CalibratedLogisticRegression
>>> X = np.array([[0.0], [0.2], [0.9], [1.1], [2.0], [2.2]]); y = np.array([0, 0, 1, 1, 2, 2])
>>> clf = CalibratedLogisticRegression(C=10.0, cv=2).fit(X, y)
>>> clf.predict([[2.1]]).tolist()
[2]
>>> bool(np.allclose(clf.predict_proba(X).sum(axis=1), 1.0))
True
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from .features import PairFeaturizer, SentenceFeaturizer
from .linear import rank_evidence


def _scores(model: LogisticRegression, X) -> np.ndarray:
    d = model.decision_function(X)
    if d.ndim == 1:
        d = np.column_stack([-d / 2.0, d / 2.0])
    return d


class CalibratedLogisticRegression(ClassifierMixin, BaseEstimator):
    """Logistic regression with temperature-scaled probabilities.

    Parameters
    ----------
    C : inverse regularisation strength.
    class_weight : None or "balanced".
    cv : folds used to fit the temperature on out-of-fold scores (1 = no calibration).
    max_iter, random_state : passed to the solver and the fold split.
    """

    def __init__(self, C=1.0, class_weight="balanced", cv=5, max_iter=2000, random_state=0):
        self.C = C
        self.class_weight = class_weight
        self.cv = cv
        self.max_iter = max_iter
        self.random_state = random_state

    def _base(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter,
                                  random_state=self.random_state)

    def fit(self, X, y):
        X, y = validate_data(self, X, y, accept_sparse="csr")
        check_classification_targets(y)
        self.classes_, y_idx = np.unique(y, return_inverse=True)
        if len(self.classes_) < 2:
            raise ValueError(f"need at least 2 classes to fit, found 1 class: {self.classes_.tolist()}")
        self.model_ = self._base().fit(X, y_idx)
        self.n_iter_ = self.model_.n_iter_
        self.temperature_ = 1.0
        counts = np.bincount(y_idx)
        folds = min(int(self.cv), int(counts.min()))
        if folds >= 2:
            oof = np.zeros((X.shape[0], len(self.classes_)))
            split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.random_state)
            for train, test in split.split(np.zeros(len(y_idx)), y_idx):
                fold = self._base().fit(X[train], y_idx[train])
                s = _scores(fold, X[test])
                present = np.unique(y_idx[train])
                oof[np.ix_(test, present)] = s if s.shape[1] == len(present) else s[:, : len(present)]
                missing = np.setdiff1d(np.arange(len(self.classes_)), present)
                oof[np.ix_(test, missing)] = -1e3

            def nll(log_t: float) -> float:
                return -log_softmax(oof / np.exp(log_t), axis=1)[np.arange(len(y_idx)), y_idx].mean()

            res = minimize_scalar(nll, bounds=(-3.0, 3.0), method="bounded")
            self.temperature_ = float(np.exp(res.x))
        return self

    def decision_function(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse="csr", reset=False)
        d = self.model_.decision_function(X)
        return d

    def predict_proba(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse="csr", reset=False)
        return softmax(_scores(self.model_, X) / self.temperature_, axis=1)

    def predict(self, X):
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    @property
    def coef_(self):
        return self.model_.coef_

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


def stance_pipeline(featurizer: dict | None = None, C: float = 1.0, cv: int = 5, random_state: int = 0) -> Pipeline:
    """Unfitted stance pipeline: :class:`PairFeaturizer` -> :class:`CalibratedLogisticRegression`."""
    return Pipeline([
        ("features", PairFeaturizer(**(featurizer or {}))),
        ("clf", CalibratedLogisticRegression(C=C, cv=cv, random_state=random_state)),
    ])


def sentiment_pipeline(featurizer: dict | None = None, C: float = 1.0, cv: int = 5, random_state: int = 0) -> Pipeline:
    """Unfitted sentiment pipeline: :class:`SentenceFeaturizer` -> :class:`CalibratedLogisticRegression`."""
    return Pipeline([
        ("features", SentenceFeaturizer(**(featurizer or {}))),
        ("clf", CalibratedLogisticRegression(C=C, cv=cv, random_state=random_state)),
    ])


def top_features(pipeline: Pipeline, x: dict, label: str, k: int = 5) -> list[tuple[str, float]]:
    """The features of one input that pushed most toward ``label`` (name, contribution).

    Works for the linear pipelines above: contribution = feature value x class weight
    (relative to the mean weight over classes).
    """
    feats = pipeline.named_steps["features"]
    clf = pipeline.named_steps["clf"]
    row = feats.transform([x]).tocsr()
    classes = list(clf.classes_)
    coef = clf.coef_
    if coef.shape[0] == 1:
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
    return rank_evidence(feats.feature_names(), row.indices, row.data, coef, classes.index(label), k)
