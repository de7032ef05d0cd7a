"""The labelled corpus: reading, the typed `datasets` view, per-article splits, statistics, hash."""

from __future__ import annotations

import copy
import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from stance.validation import DataError

datasets = pytest.importorskip("datasets")

from stance.corpus import (  # noqa: E402
    corpus_files,
    data_hash,
    format_statistics,
    load_corpus,
    raw_articles,
    read_corpus,
    split_by_article,
    statistics,
)
from stance.schema import ATTRIBUTIONS, KINDS, SENTIMENTS, SOURCES  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
LABELS = REPO_ROOT / "labels"
CORPUS_OK = Path(__file__).resolve().parent / "fixtures" / "corpus_ok"
FX = "fx-2023-02-nato-ostflanke"


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args[1:]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="module")
def labels_records() -> list[dict]:
    return read_corpus(LABELS)


# --- reading ------------------------------------------------------------------------------------


def test_read_labels(labels_records):
    sources = Counter(r["source"] for r in labels_records)
    assert set(sources) == {"seed", "authored"}
    assert 75 <= sources["seed"] <= 90
    assert sources["authored"] >= 600
    seed_articles = {r["article"] for r in labels_records if r["source"] == "seed"}
    assert seed_articles == set(raw_articles(LABELS))
    # Seed records come first (seed files, then authored/), and ids are unique.
    first_authored = next(i for i, r in enumerate(labels_records) if r["source"] == "authored")
    assert all(r["source"] == "authored" for r in labels_records[first_authored:])
    assert len({r["id"] for r in labels_records}) == len(labels_records)


def test_read_labels_seed_only():
    records = read_corpus(LABELS, include_authored=False)
    assert {r["source"] for r in records} == {"seed"}
    assert 75 <= len(records) <= 90


def test_seed_offsets_match_raw_text(labels_records):
    raw = raw_articles(LABELS)
    for rec in labels_records:
        if rec["source"] == "seed":
            assert raw[rec["article"]][rec["start"]:rec["end"]] == rec["text"], rec["id"]
        else:
            assert rec["start"] == 0 and rec["end"] == len(rec["text"]), rec["id"]


@pytest.mark.parametrize("data, line, column", [
    (b"Titel\n\nDie Stra\xdfe war leer.\n", 3, 9),  # Latin-1 text
    (b"\xff\xfeT\x00i\x00", 1, 1),  # UTF-16
    ("Öl\r\nÄrger\r\n".encode("utf-8") + b"\x80", 3, 1),
])
def test_raw_article_not_utf8_names_the_file(tmp_path, data, line, column):
    shutil.copytree(CORPUS_OK, tmp_path / "corpus")
    bad = tmp_path / "corpus" / "articles" / "kaputt.txt"
    bad.write_bytes(data)
    for read in (raw_articles, read_corpus):
        with pytest.raises(DataError) as info:
            read(tmp_path / "corpus")
        message = str(info.value)
        assert "\n" not in message
        assert message.startswith(f"{bad}:{line}: not UTF-8 text"), message
        assert f"byte column {column} of the line" in message


def test_raw_articles_universal_newlines(tmp_path):
    shutil.copytree(CORPUS_OK, tmp_path / "corpus")
    path = tmp_path / "corpus" / "articles" / "crlf.txt"
    path.write_bytes("Titel\r\n\r\nDie NATO warnt.\rEnde.\n".encode("utf-8"))
    raw = raw_articles(tmp_path / "corpus")
    assert raw["crlf"] == path.read_text(encoding="utf-8") == "Titel\n\nDie NATO warnt.\nEnde.\n"
    assert raw[FX] == (CORPUS_OK / "articles" / f"{FX}.txt").read_text(encoding="utf-8")


def test_corpus_files_order():
    files = corpus_files(CORPUS_OK)
    assert [f.relative_to(CORPUS_OK).as_posix() for f in files] == [f"{FX}.jsonl", "authored/fx-authored.jsonl"]
    assert corpus_files(CORPUS_OK, include_authored=False) == [CORPUS_OK / f"{FX}.jsonl"]


# --- datasets -----------------------------------------------------------------------------------


def test_load_corpus_labels(no_network, labels_records):
    ds = load_corpus(LABELS)
    assert isinstance(ds, datasets.DatasetDict)
    assert set(ds) == {"seed", "authored"}
    counts = Counter(r["source"] for r in labels_records)
    assert ds["seed"].num_rows == counts["seed"] and ds["authored"].num_rows == counts["authored"]
    feats = ds["seed"].features
    for name, names in (("attribution", ATTRIBUTIONS), ("sentiment", SENTIMENTS), ("kind", KINDS),
                        ("source", SOURCES)):
        assert isinstance(feats[name], datasets.ClassLabel), name
        assert feats[name].names == list(names)
    assert feats["start"].dtype == "int32" and feats["end"].dtype == "int32"
    assert feats["text"].dtype == "string"
    assert set(feats["targets"]) == {"NATO", "Russia", "China"}
    # Rows decode back to the records.
    seed = [r for r in labels_records if r["source"] == "seed"]
    for row, rec in zip(ds["seed"], seed):
        assert row["id"] == rec["id"]
        assert feats["attribution"].int2str(row["attribution"]) == rec["attribution"]
        assert feats["sentiment"].int2str(row["sentiment"]) == rec["sentiment"]
        assert feats["kind"].int2str(row["kind"]) == rec["kind"]
        assert {t: s for t, s in row["targets"].items() if s is not None} == rec["targets"]
        assert row["incidental_mentions"] == rec["incidental_mentions"]
        assert row["speaker_mention"] == rec["speaker_mention"]


def test_load_corpus_fixture_rows(no_network):
    ds = load_corpus(CORPUS_OK)
    assert {k: v.num_rows for k, v in ds.items()} == {"seed": 4, "authored": 2}
    first = ds["seed"][0]
    assert first["targets"] == {"NATO": "neutral", "Russia": None, "China": None}
    assert first["note"] is None and first["cue"] is None
    joint = ds["authored"][0]
    assert joint["speaker"] == "Wang Yi & Sergej Lawrow"
    assert joint["note"] == "joint speakers, joined by ' & '"
    assert list(load_corpus(CORPUS_OK, include_authored=False)) == ["seed"]


def test_load_corpus_offline_subprocess():
    code = textwrap.dedent(
        f"""
        import socket
        def refuse(*a, **k):
            raise SystemExit("network access attempted")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        from stance.corpus import load_corpus
        ds = load_corpus({str(LABELS)!r})
        print(sorted(ds), ds["seed"].num_rows)
        """
    )
    env = dict(os.environ, HF_DATASETS_OFFLINE="1")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    names, rows = result.stdout.strip().rsplit(" ", 1)
    assert names == "['authored', 'seed']"
    assert 75 <= int(rows) <= 90


def test_split_by_article_labels():
    ds = load_corpus(LABELS)
    folds = split_by_article(ds["seed"])
    assert set(folds) == set(raw_articles(LABELS))
    assert sum(f.num_rows for f in folds.values()) == ds["seed"].num_rows
    for article, fold in folds.items():
        assert set(fold["article"]) == {article}
    assert folds["dw-2021-06-nato-ostflanke"].num_rows == 25
    assert folds["dw-2021-03-nato-aussenminister"].num_rows == 58


def test_split_by_article_fixture():
    ds = load_corpus(CORPUS_OK)
    both = datasets.concatenate_datasets([ds["seed"], ds["authored"]])
    folds = split_by_article(both)
    assert {a: f.num_rows for a, f in folds.items()} == {FX: 4, "fx-authored": 2}
    assert folds["fx-authored"]["id"] == ["fx-authored-0001", "fx-authored-0002"]


# --- statistics ---------------------------------------------------------------------------------


def test_statistics_fixture_manual_count():
    stats = statistics(read_corpus(CORPUS_OK))
    # Counted by hand from tests/fixtures/corpus_ok (4 seed + 2 authored records).
    assert stats["source"] == Counter({"seed": 4, "authored": 2})
    assert stats["article"] == Counter({FX: 4, "fx-authored": 2})
    assert stats["kind"] == Counter({"title": 1, "lead": 2, "body": 3})
    assert stats["attribution"] == Counter({"author": 3, "direct": 1, "indirect": 2})
    assert stats["speaker"] == Counter({"author": 3, "Jens Stoltenberg": 1, "Russisches Außenministerium": 1,
                                        "Wang Yi & Sergej Lawrow": 1})
    assert stats["sentiment"] == Counter({"neutral": 2, "negative": 3, "positive": 1})
    assert stats["incidental mentions"] == Counter({"NATO": 1, "Russia": 1})
    assert list(stats["target x stance"].items()) == [
        ("NATO/favor", 0), ("NATO/against", 2), ("NATO/neutral", 1),
        ("Russia/favor", 0), ("Russia/against", 1), ("Russia/neutral", 1),
        ("China/favor", 0), ("China/against", 0), ("China/neutral", 1),
    ]


def test_statistics_seed_only_fixture():
    stats = statistics(read_corpus(CORPUS_OK, include_authored=False))
    assert sum(stats["kind"].values()) == 4
    assert stats["target x stance"]["NATO/against"] == 1
    assert stats["target x stance"]["China/neutral"] == 0


def test_statistics_labels_totals(labels_records):
    stats = statistics(labels_records)
    for name in ("source", "article", "kind", "attribution", "speaker", "sentiment"):
        assert sum(stats[name].values()) == len(labels_records), name
    assert sum(stats["target x stance"].values()) == sum(len(r["targets"]) for r in labels_records)


def test_format_statistics():
    text = format_statistics(statistics(read_corpus(CORPUS_OK)))
    for header in ("### source (6 in all, 2 distinct)", "### kind (6 in all, 3 distinct)",
                   "### attribution (6 in all, 3 distinct)", "### speaker (6 in all, 4 distinct)",
                   "### target x stance (6 in all, 5 distinct)", "### incidental mentions (2 in all, 2 distinct)",
                   "### sentiment (6 in all, 3 distinct)", "| value | count |", "|---|---:|"):
        assert header in text, header
    assert "| NATO/against | 2 |" in text
    assert "| Wang Yi & Sergej Lawrow | 1 |" in text
    assert text.count("| value | count |") == 8


def test_format_statistics_distinct_counts_only_values_that_occur():
    stats = statistics(read_corpus(CORPUS_OK, include_authored=False))
    # All nine target x stance rows are listed, zeros included, but only values that occur count.
    assert len(stats["target x stance"]) == 9
    occurring = [k for k, v in stats["target x stance"].items() if v]
    text = format_statistics(stats)
    assert f"### target x stance ({sum(stats['target x stance'].values())} in all, {len(occurring)} distinct)" in text
    assert len(occurring) < 9
    assert "| China/favor | 0 |" in text
    empty = format_statistics({"kind": Counter({"body": 0, "title": 0})})
    assert "### kind (0 in all, 0 distinct)" in empty


def test_format_statistics_top_speakers():
    text = format_statistics(statistics(read_corpus(CORPUS_OK)), top_speakers=2)
    assert "| author | 3 |" in text
    assert "| (2 more) | 2 |" in text


# --- data hash ----------------------------------------------------------------------------------


def test_data_hash_changes_with_a_label():
    records = read_corpus(CORPUS_OK)
    base = data_hash(records)
    assert len(base) == 16 and all(c in "0123456789abcdef" for c in base)
    assert data_hash(copy.deepcopy(records)) == base
    assert data_hash(read_corpus(CORPUS_OK)) == base  # stable across reads

    changed = copy.deepcopy(records)
    changed[2]["sentiment"] = "neutral"
    assert data_hash(changed) != base

    changed = copy.deepcopy(records)
    changed[0]["targets"]["NATO"] = "favor"
    assert data_hash(changed) != base

    changed = copy.deepcopy(records)
    changed[3]["speaker"] = "Sergej Lawrow"
    assert data_hash(changed) != base

    # Key order inside a record does not matter (a re-serialised file keeps its hash).
    reordered = [dict(reversed(list(r.items()))) for r in records]
    assert data_hash(reordered) == base


def test_data_hash_changes_when_a_label_file_changes(tmp_path):
    import shutil

    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS_OK, folder)
    base = data_hash(read_corpus(folder))
    path = folder / f"{FX}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[3])
    rec["sentiment"] = "neutral"
    lines[3] = json.dumps(rec, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert data_hash(read_corpus(folder)) != base
