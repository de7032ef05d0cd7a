"""The command line, run as a real subprocess."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
ARTICLE = ROOT / "labels" / "articles" / "dw-2021-03-nato-aussenminister.txt"


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "stance.cli", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, timeout=300)


def test_predict_jsonl_and_csv_and_table():
    out = run("predict", str(ARTICLE), "--model", "fast", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 58
    assert {"speaker", "attribution", "targets", "sentiment", "file"} <= set(rows[0])
    out = run("predict", str(ARTICLE), "--model", "fast", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out.stdout)))
    assert table and {"speaker", "target", "stance"} <= set(table[0])
    out = run("predict", str(ARTICLE), "--model", "fast")
    assert "58 statements" in out.stdout and "Antony Blinken" in out.stdout


def test_predict_reads_stdin_and_directories(tmp_path):
    out = run("predict", "--model", "fast", "--format", "jsonl", stdin="Lawrow warf der NATO Aggression vor.")
    assert json.loads(out.stdout)["speaker"] == "Sergej Lawrow"
    (tmp_path / "a.txt").write_text("Peskow sagte, Russland sei bereit.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Rutte lobte die Allianz.", encoding="utf-8")
    out = run("predict", str(tmp_path), "--model", "fast", "--format", "jsonl")
    assert [json.loads(x)["file"].endswith(n) for x, n in zip(out.stdout.splitlines(), ["a.txt", "b.txt"])] == [True, True]


@pytest.mark.parametrize("args, message", [
    (["predict", "nope.txt", "--model", "fast"], "nope.txt: no such file or directory"),
    (["predict", "README.md", "--model", "/nonexistent/model"], "no such model"),
    (["evaluate", "fast", "nope.jsonl"], "nope.jsonl"),
    (["train", "nope.json"], "nope.json"),
])
def test_errors_are_one_line(args, message):
    out = run(*args)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("stance: error:")
    assert message in out.stderr


def test_corpus_stats():
    out = run("corpus", "stats", "labels", "--seed-only")
    assert out.returncode == 0
    assert "### attribution" in out.stdout and "Jens Stoltenberg" in out.stdout


def test_annotate_writes_valid_corpus_records(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    raw = "Titel der Meldung\n\nLawrow warf der NATO Aggression vor. Das sei gefährlich, sagte er.\n"
    (corpus / "articles" / "new-article.txt").write_text(raw, encoding="utf-8")
    out = run("annotate", str(corpus / "articles" / "new-article.txt"), "--model", "fast",
              "-o", str(corpus / "new-article.jsonl"))
    assert out.returncode == 0, out.stderr
    records = [json.loads(x) for x in (corpus / "new-article.jsonl").read_text().splitlines()]
    assert [r["kind"] for r in records] == ["title", "lead", "lead"]
    assert records[1]["speaker"] == "Sergej Lawrow" and records[1]["source"] == "annotated"
    out = run("corpus", "validate", str(corpus))
    assert out.returncode == 0, out.stderr


def test_evaluate_on_a_corpus_folder():
    out = run("evaluate", "fast", str(ROOT / "tests" / "fixtures" / "corpus_ok"))
    assert out.returncode == 0, out.stderr
    assert "speaker accuracy" in out.stdout


@pytest.mark.slow
def test_train_from_a_config(tmp_path):
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"corpus": str(ROOT / "labels"), "model": {"calibration_cv": 2},
                                  "output": str(tmp_path / "model")}))
    out = run("train", str(config))
    assert out.returncode == 0, out.stderr
    out = run("predict", "--model", str(tmp_path / "model"), "--format", "jsonl", stdin="Rutte lobte die NATO.")
    assert json.loads(out.stdout)["speaker"] == "Mark Rutte"
