"""The predict API, the shipped models, and saving/loading model directories."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import stance
from stance.corpus import read_corpus
from stance.model import ModelConfig, StanceModel
from stance.output import Statement, TargetStance, to_frame, to_jsonl
from stance.train import TrainConfig, fit_model, train_model

ROOT = Path(__file__).parent.parent
ARTICLE = (ROOT / "labels" / "articles" / "dw-2021-06-nato-ostflanke.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fast():
    return stance.load("fast")


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    records = read_corpus(ROOT / "labels")
    model, _ = fit_model(records, ModelConfig(calibration_cv=2))
    path = model.save(tmp_path_factory.mktemp("models") / "small")
    return model, path


def test_import_does_not_import_torch_or_sklearn():
    code = "import sys, stance; print(any(m.split('.')[0] in ('torch', 'transformers', 'sklearn', 'datasets') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("name", ["default", "fast"])
def test_shipped_models_load_offline_and_tag_an_article(name):
    model = stance.load(name)
    statements = model.predict(ARTICLE)
    assert len(statements) == 25
    assert all(isinstance(s, Statement) for s in statements)
    assert all(ARTICLE[s.start:s.end] == s.text for s in statements)
    by_text = {s.text[:30]: s for s in statements}
    st = by_text["Die NATO sei eine defensive Al"]
    assert st.speaker == "Jens Stoltenberg" and st.attribution == "indirect" and st.cue == "betont"
    assert set(st.targets) == {"NATO"}
    ts = st.targets["NATO"]
    assert isinstance(ts, TargetStance) and ts.stance in ("favor", "against", "neutral")
    assert sum(ts.scores.values()) == pytest.approx(1.0)
    assert ARTICLE[ts.start:ts.end] == ts.mention
    assert sum(st.sentiment_scores.values()) == pytest.approx(1.0)


def test_same_type_for_one_text_and_many(fast):
    one = fast.predict("Lawrow warf der NATO Aggression vor.")
    many = list(fast.predict_many(["Lawrow warf der NATO Aggression vor.", "Ein Satz."], progress=False))
    assert one == many[0]
    assert isinstance(one, list) and isinstance(many[1], list) and isinstance(many[1][0], Statement)


def test_statements_are_frozen(fast):
    st = fast.predict("Lawrow warf der NATO Aggression vor.")[0]
    with pytest.raises(AttributeError):
        st.speaker = "x"


def test_explanations_say_why(fast):
    st = fast.predict("Lawrow warf der NATO Aggression und Wortbruch vor.", explain=True)[0]
    evidence = st.targets["NATO"].evidence
    assert evidence[0][0] == "cue:warf … vor"
    assert len(evidence) > 1 and all(isinstance(name, str) for name, _ in evidence)
    assert st.sentiment_evidence


def test_author_narration_is_neutral_by_rule(fast):
    st = fast.predict("Die NATO-Außenminister trafen Vertreter Russlands in Brüssel.")[0]
    assert st.attribution == "author"
    assert all(ts.stance == "neutral" for ts in st.targets.values())


def test_to_frame_and_jsonl(fast):
    statements = fast.predict(ARTICLE)
    frame = to_frame(statements)
    n_rows = sum(max(1, len(s.targets)) for s in statements)
    assert len(frame) == n_rows
    assert {"speaker", "target", "stance", "p_favor", "sentiment"} <= set(frame.columns)
    lines = to_jsonl(statements).splitlines()
    assert len(lines) == len(statements)
    assert json.loads(lines[0])["text"] == statements[0].text


def test_save_load_roundtrip(small_model):
    model, path = small_model
    config = json.loads((path / "config.json").read_text())
    assert config["library_versions"]["scikit-learn"] and config["library_versions"]["stance"]
    assert config["training"]["data_hash"]
    assert (path / "README.md").read_text().startswith("# stance model card")
    loaded = stance.load(path)
    text = "Peskow sagte, die NATO bedrohe Russland. Das sei nicht hinnehmbar."
    before, after = model.predict(text), loaded.predict(text)
    assert [(s.speaker, s.cue, s.sentiment, {t: v.stance for t, v in s.targets.items()}) for s in after] == \
        [(s.speaker, s.cue, s.sentiment, {t: v.stance for t, v in s.targets.items()}) for s in before]
    for a, b in zip(after, before):
        assert a.sentiment_scores == pytest.approx(b.sentiment_scores, abs=1e-9)
        for t in a.targets:
            assert a.targets[t].scores == pytest.approx(b.targets[t].scores, abs=1e-9)


def test_loaded_numpy_pipelines_reproduce_scikit_learn(small_model):
    """The saved model predicts without scikit-learn; its probabilities equal the trained pipeline's."""
    import numpy as np

    from stance.model import pair_input

    model, path = small_model
    loaded = stance.load(path)
    texts = (ROOT / "labels" / "articles" / "dw-2021-03-nato-aussenminister.txt").read_text(encoding="utf-8")
    units = model.analyzer.analyze_texts([s.text for s in model.predict(texts)])
    pairs = [pair_input(u, t) for u in units for t in u.targets]
    sents = [{"text": u.text} for u in units]
    assert len(pairs) > 20
    assert np.allclose(loaded.stance_clf.predict_proba(pairs), model.stance_clf.predict_proba(pairs), atol=1e-9)
    assert np.allclose(loaded.sentiment_clf.predict_proba(sents), model.sentiment_clf.predict_proba(sents), atol=1e-9)


def test_loading_does_not_import_scikit_learn():
    code = "import sys, stance; stance.load('fast').predict('Lawrow kritisierte die NATO.'); print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_tampered_model_is_refused(small_model, tmp_path):
    _, path = small_model
    copy = tmp_path / "m"
    shutil.copytree(path, copy)
    with open(copy / "stance.npz", "ab") as f:
        f.write(b"x")
    with pytest.raises(stance.ModelError, match="checksum"):
        stance.load(copy)


def test_incompatible_versions_are_refused(small_model, tmp_path):
    _, path = small_model
    copy = tmp_path / "m"
    shutil.copytree(path, copy)
    config = json.loads((copy / "config.json").read_text())
    config["library_versions"]["stance"] = "9.1.0"
    (copy / "config.json").write_text(json.dumps(config))
    with pytest.raises(stance.ModelError, match="saved with stance 9.1.0"):
        stance.load(copy)
    config["format_version"] = 99
    (copy / "config.json").write_text(json.dumps(config))
    with pytest.raises(stance.ModelError, match="format version 99"):
        stance.load(copy)


def test_missing_model_directory_gives_a_clear_error(tmp_path):
    with pytest.raises(stance.ModelError, match="no such model"):
        stance.load(tmp_path / "nope")
    with pytest.raises(stance.ModelError, match="no config.json"):
        stance.load(tmp_path)


def test_train_config_roundtrip_and_errors(tmp_path):
    cfg = TrainConfig(corpus=str(ROOT / "labels"), model=ModelConfig(stance_C=2.0), grid={"stance_C": [1.0]})
    assert TrainConfig.from_dict(cfg.to_dict()) == cfg
    bad = tmp_path / "bad.json"
    bad.write_text('{"corpus": "labels", "modell": {}}')
    with pytest.raises(ValueError, match="unknown key 'modell'"):
        TrainConfig.from_file(bad)


def test_train_model_excludes_articles_and_saves(tmp_path):
    cfg = TrainConfig(corpus=str(ROOT / "labels"), exclude_articles=["dw-2021-06-nato-ostflanke"],
                      model=ModelConfig(calibration_cv=2), output=str(tmp_path / "m"))
    model = train_model(cfg)
    assert "dw-2021-06-nato-ostflanke" not in model.metadata["training"]["articles"]
    assert (tmp_path / "m" / "config.json").is_file()


def test_custom_target_lexicon_flows_through_predict(fast):
    from stance.analyze import Analyzer
    from stance.targets import TargetDetector, TargetLexicon

    lexicon = TargetLexicon.default().with_target("EU", aliases=["EU"])
    model = StanceModel(fast.stance_clf, fast.sentiment_clf, fast.config, analyzer=Analyzer(detector=TargetDetector(lexicon)))
    st = model.predict("Die EU kritisierte Russland scharf.")[0]
    assert "Russia" in st.targets and "EU" not in st.targets  # the model only scores its own targets
