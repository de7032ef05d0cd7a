"""Tests of the optional transformers backend on a tiny local BERT (no downloads)."""

from __future__ import annotations

import doctest
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
pytest.importorskip("datasets")

from sklearn.base import clone  # noqa: E402
from sklearn.exceptions import NotFittedError  # noqa: E402

import stance.backends.transformers as backend  # noqa: E402
from stance.backends.transformers import EXTRA_MESSAGE, TransformersClassifier  # noqa: E402

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))
import tiny_bert  # noqa: E402
from tiny_bert import build_tiny_checkpoint  # noqa: E402

# (target, statement, stance): written for these tests; the stance cue words
# (unterstützt/lobt/begrüßt, kritisiert/verurteilt/warnt, berichtet/erwähnt/besucht)
# make the toy set separable for a tiny model.
EXAMPLES = [
    ("NATO", "Die Ministerin unterstützt die NATO ausdrücklich.", "favor"),
    ("NATO", "Der Kanzler lobt die Nato für ihre Geschlossenheit.", "favor"),
    ("NATO", "Die Opposition begrüßt die Stärkung der NATO.", "favor"),
    ("NATO", "Der Minister unterstützt die Pläne der Allianz.", "favor"),
    ("NATO", "Die Regierung lobt das Bündnis als Garant der Sicherheit.", "favor"),
    ("Russland", "Der Botschafter lobt Russland als verlässlichen Partner.", "favor"),
    ("Russland", "Die Partei unterstützt Russland in diesem Streit.", "favor"),
    ("Russland", "Der Abgeordnete begrüßt die Gespräche mit Russland.", "favor"),
    ("China", "Der Unternehmer lobt China für seine Investitionen.", "favor"),
    ("China", "Die Delegation begrüßt die Zusammenarbeit mit China.", "favor"),
    ("China", "Der Verband unterstützt den Handel mit China.", "favor"),
    ("China", "Die Ministerin lobt Peking für die Hilfe.", "favor"),
    ("Russland", "Der Politiker begrüßt das Angebot aus Moskau.", "favor"),
    ("NATO", "Die Abgeordnete begrüßt den Beitritt zur NATO.", "favor"),
    ("NATO", "Der Sprecher kritisiert die NATO scharf.", "against"),
    ("NATO", "Die Partei verurteilt die Ausdehnung der Nato.", "against"),
    ("NATO", "Der Präsident warnt vor der Allianz.", "against"),
    ("NATO", "Die Regierung kritisiert das Bündnis als aggressiv.", "against"),
    ("Russland", "Die Außenministerin verurteilt Russland für den Angriff.", "against"),
    ("Russland", "Der Kanzler kritisiert Russland wegen der Drohungen.", "against"),
    ("Russland", "Die Opposition warnt vor Russland und seinen Plänen.", "against"),
    ("Russland", "Der Minister verurteilt den Kreml scharf.", "against"),
    ("China", "Die Abgeordnete kritisiert China wegen der Menschenrechte.", "against"),
    ("China", "Der Verband warnt vor China und seinen Subventionen.", "against"),
    ("China", "Die Regierung verurteilt Peking für die Manöver.", "against"),
    ("China", "Der Experte kritisiert die chinesische Führung.", "against"),
    ("Russland", "Die Delegation verurteilt die russische Führung.", "against"),
    ("NATO", "Die Zeitung berichtet über die NATO und ihre Sitzung.", "neutral"),
    ("NATO", "Der Reporter erwähnt die Nato in seinem Artikel.", "neutral"),
    ("NATO", "Die Ministerin besucht das Treffen der Allianz.", "neutral"),
    ("NATO", "Der Sender berichtet über den Gipfel des Bündnisses.", "neutral"),
    ("NATO", "Die Abgeordnete erwähnt die NATO am Rande.", "neutral"),
    ("Russland", "Die Zeitung berichtet über Russland und die Wahl.", "neutral"),
    ("Russland", "Der Reporter besucht Russland im Winter.", "neutral"),
    ("Russland", "Die Autorin erwähnt Moskau in ihrem Buch.", "neutral"),
    ("Russland", "Der Sender berichtet aus Russland über den Schnee.", "neutral"),
    ("China", "Die Reporterin berichtet aus China über das Wetter.", "neutral"),
    ("China", "Der Minister besucht China im Herbst.", "neutral"),
    ("China", "Die Studie erwähnt Peking als Beispiel.", "neutral"),
    ("China", "Der Sender berichtet über das Neujahrsfest in China.", "neutral"),
]
TARGETS = [target for target, _, _ in EXAMPLES]
STATEMENTS = [statement for _, statement, _ in EXAMPLES]
STANCES = [stance for _, _, stance in EXAMPLES]
LABELS = ["against", "favor", "neutral"]

FAST = dict(epochs=40, learning_rate=2e-3, batch_size=8, warmup_ratio=0.1, max_length=64,
            seed=0, device="cpu")


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tiny-bert")
    return build_tiny_checkpoint(path, STATEMENTS + sorted(set(TARGETS)))


@pytest.fixture(scope="module")
def fitted(checkpoint: Path) -> TransformersClassifier:
    return TransformersClassifier(str(checkpoint), **FAST).fit(TARGETS, STANCES, STATEMENTS)


@pytest.fixture(scope="module")
def saved(fitted: TransformersClassifier, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fitted.save(tmp_path_factory.mktemp("saved") / "model")


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


# ---------------------------------------------------------------- learning


def test_tiny_checkpoint_is_a_local_hub_checkpoint(checkpoint: Path) -> None:
    names = {p.name for p in checkpoint.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json"} <= names
    tokenizer = transformers.AutoTokenizer.from_pretrained(checkpoint)
    encoded = tokenizer(TARGETS[0], STATEMENTS[0])  # words of the texts it was built from
    assert encoded["input_ids"][0] == tokenizer.cls_token_id
    assert encoded["input_ids"].count(tokenizer.sep_token_id) == 2
    assert set(encoded["token_type_ids"]) == {0, 1}
    assert tokenizer.unk_token_id not in encoded["input_ids"]
    assert tokenizer("Quantenchromodynamik")["input_ids"][1] == tokenizer.unk_token_id  # an unseen word
    assert len(tokenizer) <= 500


def test_fit_learns_the_toy_set(fitted: TransformersClassifier) -> None:
    history = fitted.loss_history_
    assert len(history) == FAST["epochs"]
    assert history[-1] < 0.5 * history[0]
    accuracy = np.mean(fitted.predict(TARGETS, STATEMENTS) == np.array(STANCES))
    assert accuracy >= 0.9


def test_fitted_attributes_and_probabilities(fitted: TransformersClassifier) -> None:
    assert fitted.classes_.tolist() == LABELS
    assert fitted.pairs_ is True and fitted.device_ == "cpu"
    assert fitted.model_.config.id2label == dict(enumerate(LABELS))
    assert fitted.model_.config.label2id == {label: i for i, label in enumerate(LABELS)}
    proba = fitted.predict_proba(TARGETS[:11], STATEMENTS[:11])  # 2 batches of 8
    assert proba.shape == (11, 3) and proba.dtype == np.float64
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert (proba >= 0).all()
    predicted = fitted.predict(TARGETS[:11], STATEMENTS[:11])
    assert set(predicted) <= set(LABELS)
    assert predicted.tolist() == fitted.classes_[proba.argmax(axis=1)].tolist()
    assert fitted.predict_proba([], []).shape == (0, 3)
    assert fitted.predict([], []).tolist() == []


def test_fit_is_deterministic(checkpoint: Path) -> None:
    params = dict(FAST, epochs=2)
    first = TransformersClassifier(str(checkpoint), **params).fit(TARGETS, STANCES, STATEMENTS)
    second = TransformersClassifier(str(checkpoint), **params).fit(TARGETS, STANCES, STATEMENTS)
    assert first.loss_history_ == second.loss_history_
    np.testing.assert_array_equal(first.predict_proba(TARGETS, STATEMENTS),
                                  second.predict_proba(TARGETS, STATEMENTS))


def test_labels_parameter_fixes_the_class_order(checkpoint: Path) -> None:
    order = ["neutral", "favor", "against"]
    clf = TransformersClassifier(str(checkpoint), labels=order, **dict(FAST, epochs=1))
    clf.fit(TARGETS[:6], STANCES[:6], STATEMENTS[:6])  # only "favor" occurs
    assert clf.classes_.tolist() == order
    assert clf.labels is order  # hyper-parameters are stored unchanged
    assert clf.predict_proba(TARGETS[:2], STATEMENTS[:2]).shape == (2, 3)


def test_single_texts_without_pairs(checkpoint: Path) -> None:
    clf = TransformersClassifier(str(checkpoint), **dict(FAST, epochs=1))
    clf.fit(STATEMENTS, STANCES)
    assert clf.pairs_ is False
    assert clf.predict(STATEMENTS[:3]).shape == (3,)
    assert 0.0 <= clf.score(STATEMENTS, STANCES) <= 1.0  # sklearn's ClassifierMixin.score
    with pytest.raises(ValueError, match="single texts"):
        clf.predict(TARGETS[:1], STATEMENTS[:1])


# ---------------------------------------------------------------- input checks


def test_input_errors(fitted: TransformersClassifier, checkpoint: Path) -> None:
    with pytest.raises(ValueError, match="text pairs"):
        fitted.predict(STATEMENTS[:2])
    with pytest.raises(ValueError, match="differ in length"):
        fitted.predict(TARGETS[:2], STATEMENTS[:3])
    with pytest.raises(TypeError):
        fitted.predict("NATO", "Die NATO tagt.")
    fresh = TransformersClassifier(str(checkpoint), labels=["favor", "against"], **FAST)
    with pytest.raises(ValueError, match="not in `labels`"):
        fresh.fit(TARGETS, STANCES, STATEMENTS)
    with pytest.raises(ValueError, match="empty"):
        fresh.fit([], [], [])
    with pytest.raises(ValueError, match="epochs"):
        TransformersClassifier(str(checkpoint), epochs=0).fit(TARGETS, STANCES, STATEMENTS)
    with pytest.raises(NotFittedError):
        TransformersClassifier(str(checkpoint)).predict(["NATO"], ["Die NATO tagt."])


def test_sklearn_params_and_clone(fitted: TransformersClassifier) -> None:
    params = fitted.get_params()
    assert params["checkpoint"] == fitted.checkpoint and params["epochs"] == FAST["epochs"]
    assert set(params) == {"checkpoint", "labels", "max_length", "epochs", "learning_rate",
                           "batch_size", "weight_decay", "warmup_ratio", "seed", "device"}
    copy = clone(fitted)
    assert copy.get_params() == params and not hasattr(copy, "model_")
    assert copy.set_params(epochs=7, learning_rate=1e-4) is copy
    assert (copy.epochs, copy.learning_rate) == (7, 1e-4)
    default = TransformersClassifier()
    assert default.checkpoint == "deepset/gbert-base" and default.device is None


# ---------------------------------------------------------------- save / load


def test_save_writes_safetensors_only(saved: Path, fitted: TransformersClassifier) -> None:
    names = {p.name for p in saved.iterdir()}
    assert {"config.json", "model.safetensors", "stance_backend.json"} <= names
    assert not [p for p in saved.rglob("*") if p.suffix in {".bin", ".pkl", ".pt", ".pth"}]
    config = json.loads((saved / "config.json").read_text())
    assert config["id2label"] == {"0": "against", "1": "favor", "2": "neutral"}
    assert config["label2id"] == {"against": 0, "favor": 1, "neutral": 2}
    meta = json.loads((saved / "stance_backend.json").read_text())
    assert meta["pairs"] is True and meta["classes"] == LABELS
    assert meta["params"] == fitted.get_params()


def test_load_round_trip(saved: Path, fitted: TransformersClassifier) -> None:
    loaded = TransformersClassifier.load(saved)
    assert loaded.get_params() == fitted.get_params()
    assert loaded.classes_.tolist() == LABELS and loaded.pairs_ is True
    before = fitted.predict_proba(TARGETS, STATEMENTS)
    after = loaded.predict_proba(TARGETS, STATEMENTS)
    assert np.allclose(before, after, atol=1e-6)
    assert np.allclose(after.sum(axis=1), 1.0)
    assert (loaded.predict(TARGETS, STATEMENTS) == fitted.predict(TARGETS, STATEMENTS)).all()


def test_plain_pipeline_loads_the_saved_model(saved: Path) -> None:
    pipe = transformers.pipeline("text-classification", model=str(saved), device="cpu")
    single = pipe("Die NATO tagt am Montag in Brüssel.")
    paired = pipe({"text": "Russland", "text_pair": "Der Kanzler kritisiert Russland."})
    for result in (single, paired):
        result = result[0] if isinstance(result, list) else result
        assert result["label"] in LABELS
        assert 0.0 <= result["score"] <= 1.0


def _assert_refused(path: Path, problem: str) -> None:
    with pytest.raises(ValueError, match=problem) as info:
        TransformersClassifier.load(path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message


def test_load_refuses_missing_or_tampered_weights(saved: Path, tmp_path: Path) -> None:
    missing = _copy(saved, tmp_path / "missing")
    (missing / "model.safetensors").unlink()
    torch.save({"weights": 1}, missing / "pytorch_model.bin")  # pickled weights are ignored
    _assert_refused(missing, "no model.safetensors")

    garbage = _copy(saved, tmp_path / "garbage")
    (garbage / "model.safetensors").write_bytes(b"definitely not safetensors")
    _assert_refused(garbage, "checksum")
    (garbage / "stance_backend.json").unlink()  # without a checksum the format check catches it
    _assert_refused(garbage, "not a valid safetensors file")

    flipped = _copy(saved, tmp_path / "flipped")
    data = bytearray((flipped / "model.safetensors").read_bytes())
    data[-1] ^= 0xFF  # a changed weight: still a well-formed file
    (flipped / "model.safetensors").write_bytes(bytes(data))
    _assert_refused(flipped, "checksum")

    truncated = _copy(saved, tmp_path / "truncated")
    (truncated / "stance_backend.json").unlink()
    content = (truncated / "model.safetensors").read_bytes()
    (truncated / "model.safetensors").write_bytes(content[: len(content) // 2])
    _assert_refused(truncated, "not a valid safetensors file")


def test_load_refuses_other_bad_directories(saved: Path, tmp_path: Path) -> None:
    no_config = _copy(saved, tmp_path / "no_config")
    (no_config / "config.json").unlink()
    _assert_refused(no_config, "no config.json")
    _assert_refused(tmp_path / "does-not-exist", "not a directory")
    _assert_refused(saved / "config.json", "not a directory")


def test_load_plain_checkpoint_without_backend_file(checkpoint: Path) -> None:
    loaded = TransformersClassifier.load(checkpoint)  # the untrained tiny checkpoint
    assert loaded.pairs_ is None and loaded.checkpoint == str(checkpoint)
    assert len(loaded.classes_) == loaded.model_.config.num_labels
    assert loaded.predict_proba(["NATO"], ["Die NATO tagt."]).shape == (1, len(loaded.classes_))
    assert loaded.predict_proba(["Die NATO tagt."]).shape == (1, len(loaded.classes_))


# ---------------------------------------------------------------- laziness, docs


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(REPO_ROOT)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    return subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_import_does_not_load_torch() -> None:
    result = _run_python(
        "import sys, stance.backends.transformers\n"
        "heavy = sorted({'torch', 'transformers', 'datasets'} & set(sys.modules))\n"
        "assert not heavy, heavy\n")
    assert result.returncode == 0, result.stderr


def test_missing_extra_gives_one_line_import_error() -> None:
    result = _run_python(
        "import sys\n"
        "class Block:  # simulate the extra not being installed\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'torch':\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from stance.backends.transformers import TransformersClassifier\n"
        "try:\n"
        "    TransformersClassifier('x').fit(['NATO'], ['favor'], ['Die NATO tagt.'])\n"
        "except ImportError as exc:\n"
        "    print(exc)\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == EXTRA_MESSAGE


@pytest.mark.parametrize("module", [backend, tiny_bert], ids=["backend", "tiny_bert"])
def test_docstring_examples(module) -> None:
    outcome = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert outcome.failed == 0 and outcome.attempted > 0
