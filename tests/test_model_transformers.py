"""End to end with the transformers backend: train -> save -> stance.load -> predict, on a tiny
BERT built here (no downloads). Real users pass a hub checkpoint such as deepset/gbert-base."""

import json
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

import stance  # noqa: E402
from stance.corpus import read_corpus  # noqa: E402
from stance.model import ModelConfig  # noqa: E402
from stance.output import Statement  # noqa: E402
from stance.train import fit_model  # noqa: E402

from tiny_bert import build_tiny_checkpoint  # noqa: E402

LABELS = Path(__file__).parent.parent / "labels"


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    records = read_corpus(LABELS, include_authored=False)
    ckpt = build_tiny_checkpoint(tmp_path_factory.mktemp("ckpt"), [r["text"] for r in records])
    config = ModelConfig(backend="transformers",
                         transformers={"checkpoint": str(ckpt), "epochs": 2, "batch_size": 16, "max_length": 64})
    model, log = fit_model(records, config)
    out = model.save(tmp_path_factory.mktemp("model") / "tiny")
    return model, out, log


def test_saved_directory_is_safetensors_with_config(trained):
    _model, out, _log = trained
    config = json.loads((out / "config.json").read_text())
    assert config["model"]["backend"] == "transformers"
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert "stance_transformer/model.safetensors" in files and "sentiment_transformer/model.safetensors" in files
    assert not any(f.endswith((".bin", ".pkl", ".pt")) for f in files)
    assert set(config["files"]) == {"stance_transformer/model.safetensors", "sentiment_transformer/model.safetensors"}


def test_load_and_predict_matches_the_trained_model(trained):
    model, out, _log = trained
    text = "Lawrow warf der NATO Aggression vor. Die Lage sei ernst, sagte er."
    before = model.predict(text)
    loaded = stance.load(out)
    after = loaded.predict(text)
    assert [s.speaker for s in after] == ["Sergej Lawrow", "Sergej Lawrow"]
    assert all(isinstance(s, Statement) for s in after)
    nato = after[0].targets["NATO"]
    assert nato.stance in ("favor", "against", "neutral")
    assert abs(sum(nato.scores.values()) - 1.0) < 1e-5
    assert nato.scores == pytest.approx(before[0].targets["NATO"].scores, abs=1e-5)
    assert after[0].sentiment_scores == pytest.approx(before[0].sentiment_scores, abs=1e-5)


def test_plain_transformers_pipeline_loads_the_stance_classifier(trained):
    from transformers import pipeline

    _model, out, _log = trained
    clf = pipeline("text-classification", model=str(out / "stance_transformer"))
    result = clf({"text": "Russland", "text_pair": "Die NATO kritisierte Russland."})
    result = result[0] if isinstance(result, list) else result
    assert result["label"] in ("favor", "against", "neutral")


def test_tampered_weights_are_refused(trained, tmp_path):
    import shutil

    _model, out, _log = trained
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    weights = copy / "stance_transformer" / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(stance.ModelError, match="checksum"):
        stance.load(copy)
