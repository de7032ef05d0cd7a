"""The classical models: scikit-learn estimator contracts and learning behaviour."""

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from stance.baselines import LexiconSentiment, LexiconStance, MajorityPerTarget
from stance.classify import CalibratedLogisticRegression, sentiment_pipeline, stance_pipeline, top_features
from stance.evaluate import expected_calibration_error
from stance.features import PairFeaturizer, SentenceFeaturizer, mark_targets


@parametrize_with_checks([CalibratedLogisticRegression(cv=3), CalibratedLogisticRegression(cv=1, C=0.1)])
def test_sklearn_estimator_contract(estimator, check):
    check(estimator)


def _pairs():
    texts = [
        ("Lawrow kritisierte die NATO scharf.", "NATO", "against", "Russia"),
        ("Lawrow warf der NATO Aggression vor.", "NATO", "against", "Russia"),
        ("Peskow nannte die NATO eine Bedrohung.", "NATO", "against", "Russia"),
        ("Rutte lobte die NATO als starkes Bündnis.", "NATO", "favor", "NATO"),
        ("Scholz sagte, die NATO schütze uns alle.", "NATO", "favor", "NATO"),
        ("Baerbock würdigte die NATO als Garant der Sicherheit.", "NATO", "favor", "NATO"),
        ("Die Minister sprachen über die NATO und das Wetter.", "NATO", "neutral", "other"),
        ("Ein Sprecher erwähnte die NATO in einem Nebensatz.", "NATO", "neutral", "other"),
        ("Die NATO tagt am Montag, sagte ein Sprecher.", "NATO", "neutral", "other"),
    ] * 3
    X, y = [], []
    for text, target, stance, bloc in texts:
        s = text.index("NATO")
        X.append({"text": text, "target": target, "mentions": [(target, s, s + 4)], "attribution": "indirect",
                  "cue": "sagte", "speaker_bloc": bloc, "represents": False})
        y.append(stance)
    return X, y


def test_stance_pipeline_learns_and_is_calibrated():
    X, y = _pairs()
    model = stance_pipeline(C=3.0, cv=3).fit(X, y)
    assert (model.predict(X) == np.array(y)).mean() >= 0.9
    proba = model.predict_proba(X)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert set(model.classes_) == {"favor", "against", "neutral"}
    assert model.named_steps["clf"].temperature_ > 0


def test_explanations_name_the_words_that_pushed_the_decision():
    X, y = _pairs()
    model = stance_pipeline(C=3.0, cv=3).fit(X, y)
    evidence = top_features(model, X[0], "against", k=5)
    assert evidence and all(weight > 0 for _, weight in evidence)
    assert any("kritisiert" in name or "bloc=Russia" in name or "rival" in name for name, _ in evidence)


def test_feature_groups_can_be_switched_off():
    X, _ = _pairs()
    full = PairFeaturizer().fit(X).transform(X).shape[1]
    meta_only = PairFeaturizer(use_text=False, use_window=False, use_lexicon=False).fit(X).transform(X).shape[1]
    assert meta_only < full
    with pytest.raises(ValueError, match="every feature group is switched off"):
        PairFeaturizer(use_text=False, use_window=False, use_lexicon=False, use_meta=False).fit(X).transform(X)


def test_embedding_features_need_embeddings():
    X, _ = _pairs()
    with pytest.raises(ValueError, match="embeds each unit once"):
        PairFeaturizer(use_embedding=True).fit(X).transform(X)
    with_emb = [{**x, "embedding": np.ones(4, dtype=np.float32)} for x in X]
    assert PairFeaturizer(use_embedding=True).fit(with_emb).transform(with_emb).shape[0] == len(X)


def test_target_masking_makes_features_target_independent():
    assert mark_targets("Putin lobt China.", "China", [("China", 11, 16)]) == "Putin lobt ZIEL."
    assert mark_targets("Putin lobt Russland.", "Russia", [("Russia", 11, 19)]) == "Putin lobt ZIEL."


def test_sentiment_pipeline_and_lexicon_baseline():
    texts = ["Eine erfolgreiche und enge Partnerschaft.", "Scharfe Kritik und Drohungen.",
             "Die Sitzung beginnt um zehn Uhr."] * 4
    y = ["positive", "negative", "neutral"] * 4
    X = [{"text": t} for t in texts]
    model = sentiment_pipeline(C=3.0, cv=2).fit(X, y)
    assert list(model.predict(X[:3])) == ["positive", "negative", "neutral"]
    assert list(LexiconSentiment().fit(X, y).predict(X[:3])) == ["positive", "negative", "neutral"]
    assert SentenceFeaturizer(use_text=False).fit(X).transform(X).shape[1] == 6


def test_baselines():
    X, y = _pairs()
    maj = MajorityPerTarget().fit(X, y)
    assert len(set(maj.predict(X))) == 1
    lex = LexiconStance().fit(X, y).predict(X)
    assert set(lex) <= {"favor", "against", "neutral"}


def test_expected_calibration_error():
    perfect = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert expected_calibration_error(perfect, np.array([0, 1])) == 0.0
    wrong = np.array([[1.0, 0.0], [1.0, 0.0]])
    assert expected_calibration_error(wrong, np.array([1, 1])) == 1.0
