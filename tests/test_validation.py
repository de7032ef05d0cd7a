"""Validation of label records and corpus folders: every problem is one line naming file, line, field.

The broken fixtures in ``tests/fixtures/broken/`` each hold one error on a known line; the
raw text of their article is in ``tests/fixtures/broken/articles/``.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stance.corpus import raw_articles, read_corpus
from stance.validation import DataError, check_record, check_records, check_text_input, iter_jsonl

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
FIXTURES = TESTS_DIR / "fixtures"
BROKEN = FIXTURES / "broken"
CORPUS_OK = FIXTURES / "corpus_ok"
ARTICLE = "fx-2023-02-nato-ostflanke"

# file name -> (line of the error, field named in the message, further text the message must contain)
BROKEN_CASES = {
    "unknown_field.jsonl": (2, "confidence", "unknown field 'confidence'"),
    "missing_field.jsonl": (4, "sentiment", "missing field 'sentiment'"),
    "bad_target_key.jsonl": (3, "targets", "unknown target 'nato'"),
    "bad_stance.jsonl": (2, "targets.NATO", "found 'pro'"),
    "bad_attribution.jsonl": (3, "attribution", "found 'quote'"),
    "bad_offsets.jsonl": (4, "start", "raw[203:269]"),
    "duplicate_id.jsonl": (3, "id", "duplicate id 'fx-2023-02-nato-ostflanke-001'"),
    "wrong_type.jsonl": (3, "start", "expected int; found '112'"),
    "broken_json.jsonl": (2, None, "broken JSON"),
}


def _one_line(message: str) -> str:
    assert message, "empty error message"
    assert "\n" not in message and "\r" not in message, f"message is not one line: {message!r}"
    return message


def _valid_record(**changes) -> dict:
    rec = {
        "id": "t-001", "article": "t", "kind": "body", "text": "Die NATO warnt Russland.", "start": 0,
        "end": 24, "speaker": "author", "speaker_mention": None, "cue": None, "attribution": "author",
        "targets": {"NATO": "neutral", "Russia": "neutral"}, "incidental_mentions": [],
        "sentiment": "negative", "source": "authored",
    }
    rec.update(changes)
    return rec


def _copy_as_corpus(name: str, dest: Path) -> Path:
    """A corpus folder in ``dest`` holding only the broken file ``name`` and the raw article."""
    shutil.copytree(BROKEN / "articles", dest / "articles")
    shutil.copy(BROKEN / name, dest / name)
    return dest


# --- the fixtures themselves -------------------------------------------------------------------


def test_fixture_set_is_complete():
    names = {p.name for p in BROKEN.glob("*.jsonl")}
    assert names == set(BROKEN_CASES) | {"not_utf8.jsonl"}


def test_valid_fixture_corpus_passes():
    records = read_corpus(CORPUS_OK)
    assert [r["id"] for r in records] == [
        f"{ARTICLE}-001", f"{ARTICLE}-002", f"{ARTICLE}-003", f"{ARTICLE}-004",
        "fx-authored-0001", "fx-authored-0002",
    ]
    raw = raw_articles(CORPUS_OK)[ARTICLE]
    for rec in records:
        if rec["source"] == "seed":
            assert raw[rec["start"]:rec["end"]] == rec["text"]
        else:
            assert (rec["start"], rec["end"]) == (0, len(rec["text"]))


# --- each broken fixture: check_records and read_corpus ---------------------------------------


@pytest.mark.parametrize("name", sorted(BROKEN_CASES))
def test_check_records_names_file_line_and_field(name):
    line, field, detail = BROKEN_CASES[name]
    path = BROKEN / name
    with pytest.raises(DataError) as info:
        check_records([path], raw_articles(BROKEN))
    message = _one_line(str(info.value))
    assert message.startswith(f"{path}:{line}: "), message
    if field is not None:
        assert f"field '{field}'" in message, message
    assert detail in message


@pytest.mark.parametrize("name", sorted(BROKEN_CASES))
def test_read_corpus_names_file_line_and_field(name, tmp_path):
    line, field, detail = BROKEN_CASES[name]
    folder = _copy_as_corpus(name, tmp_path)
    with pytest.raises(DataError) as info:
        read_corpus(folder)
    message = _one_line(str(info.value))
    assert message.startswith(f"{folder / name}:{line}: "), message
    if field is not None:
        assert f"field '{field}'" in message, message
    assert detail in message


def test_records_before_the_broken_line_are_fine(tmp_path):
    # The same records without the faulty line pass: the error really sits on the named line.
    for name, (line, _field, _detail) in BROKEN_CASES.items():
        lines = (BROKEN / name).read_text(encoding="utf-8").splitlines()
        good = tmp_path / f"good-{name}"
        good.write_text("\n".join(lines[: line - 1]) + "\n", encoding="utf-8")
        records = check_records([good], raw_articles(BROKEN))
        assert len(records) == len([x for x in lines[: line - 1] if x.strip()]), name


def test_bad_offsets_are_only_caught_against_the_raw_text():
    # end - start == len(text) still holds, so without the raw article the record looks fine.
    path = BROKEN / "bad_offsets.jsonl"
    assert len(check_records([path])) == 4
    with pytest.raises(DataError, match=r"bad_offsets\.jsonl:4: field 'start'"):
        check_records([path], {ARTICLE: raw_articles(BROKEN)[ARTICLE]})


def test_missing_field_line_number_counts_blank_lines():
    path = BROKEN / "missing_field.jsonl"
    assert path.read_text(encoding="utf-8").splitlines()[2] == ""
    assert [n for n, _ in iter_jsonl(path)] == [1, 2, 4]


def test_not_utf8_is_one_line_naming_file_line_and_byte():
    path = BROKEN / "not_utf8.jsonl"
    data = path.read_bytes()
    with pytest.raises(DataError) as info:
        check_records([path], raw_articles(BROKEN))
    message = _one_line(str(info.value))
    assert message.startswith(f"{path}:2: not UTF-8 text")
    bad = data.index(bytes([0xFC]))
    assert f"at byte {bad} of the file" in message
    line_start = data.index(b"\n") + 1  # the bad byte is on line 2
    assert f"byte column {bad - line_start + 1} of the line" in message


def test_not_utf8_via_read_corpus(tmp_path):
    folder = _copy_as_corpus("not_utf8.jsonl", tmp_path)
    with pytest.raises(DataError) as info:
        read_corpus(folder)
    assert _one_line(str(info.value)).startswith(f"{folder / 'not_utf8.jsonl'}:2: not UTF-8 text")


def test_not_utf8_names_the_line():
    path = BROKEN / "not_utf8.jsonl"
    with pytest.raises(DataError) as info:
        check_records([path])
    assert f"{path}:2:" in str(info.value)


def test_not_utf8_byte_offset_in_a_large_file(tmp_path):
    lines = "".join(json.dumps(_valid_record(id=f"t-{i:03d}", text="x" * 120, end=120)) + "\n" for i in range(200))
    data = lines.encode("utf-8") + b'{"id": "\xfc"}\n'
    path = tmp_path / "big.jsonl"
    path.write_bytes(data)
    with pytest.raises(DataError) as info:
        check_records([path])
    message = _one_line(str(info.value))
    assert message.startswith(f"{path}:201: not UTF-8 text")
    assert f"at byte {data.index(bytes([0xFC]))} of the file, byte column 9 of the line" in message


def test_not_utf8_after_multibyte_lines_and_windows_line_ends(tmp_path):
    # Byte offsets count bytes (ä is two), and "\r\n" line ends count as one line each.
    good = json.dumps(_valid_record(text="Öl für Ärzte", end=12), ensure_ascii=False) + "\r\n"
    data = (good * 3).encode("utf-8") + b"\r\n" + b'{"id": "ok", "text": "Gr\xf6\xdfe"}\r\n'
    path = tmp_path / "win.jsonl"
    path.write_bytes(data)
    with pytest.raises(DataError) as info:
        list(iter_jsonl(path))
    message = _one_line(str(info.value))
    assert message.startswith(f"{path}:5: not UTF-8 text")
    assert f"at byte {data.index(bytes([0xF6]))} of the file, byte column 25 of the line" in message


def test_iter_jsonl_reads_windows_line_ends_and_unicode_separators(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes('{"a": "x\u2028y"}\r\n\r\n{"a": "\u0085"}\r\n'.encode("utf-8"))
    assert list(iter_jsonl(path)) == [(1, {"a": "x\u2028y"}), (3, {"a": "\u0085"})]


# --- broken JSON, duplicate keys, odd field names ---------------------------------------------


def test_broken_json_fixture_column():
    path = BROKEN / "broken_json.jsonl"
    line = path.read_text(encoding="utf-8").splitlines()[1]
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(line)
    with pytest.raises(DataError) as info:
        check_records([path])
    message = _one_line(str(info.value))
    assert message == f"{path}:2: broken JSON: {expected.value.msg} at column {expected.value.colno}"


@pytest.mark.parametrize("line, column", [
    ('{"id": "a", "text": "b"', 24),  # truncated: the column is the end of the line, not 1
    ('{"id": "a",, "text": "b"}', 12),
    ('{"id": "a"} x', 13),
])
def test_broken_json_column_is_on_the_broken_line(tmp_path, line, column):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(_valid_record()) + "\n" + line + "\n\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        check_records([path])
    message = _one_line(str(info.value))
    assert message.startswith(f"{path}:2: broken JSON: "), message
    assert message.endswith(f" at column {column}"), message


def test_broken_json_column_with_windows_line_end(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"id": "a", "text": "b"\r\n')
    with pytest.raises(DataError, match=r":1: broken JSON: .* at column 24$"):
        check_records([path])


@pytest.mark.parametrize("where, key", [("targets", "NATO"), ("top", "sentiment")])
def test_duplicate_keys_are_an_error(tmp_path, where, key):
    rec = json.dumps(_valid_record())
    if where == "targets":
        dup = rec.replace('"targets": {', '"targets": {"NATO": "favor", ')
    else:
        dup = rec.replace('"sentiment": "negative"', '"sentiment": "positive", "sentiment": "negative"')
    assert dup != rec and json.loads(dup) == _valid_record()  # json alone keeps the last value silently
    path = tmp_path / "x.jsonl"
    path.write_text(rec.replace("t-001", "t-000") + "\n\n" + dup + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        check_records([path])
    message = _one_line(str(info.value))
    assert message.startswith(f"{path}:3: duplicate key '{key}'"), message


def test_unknown_field_name_is_quoted_on_one_line():
    rec = _valid_record()
    rec["conf\nidence"] = 1
    with pytest.raises(DataError) as info:
        check_record(rec, where="x.jsonl:4")
    message = _one_line(str(info.value))
    assert message.startswith("x.jsonl:4: unknown field 'conf\\nidence'; allowed fields: id, "), message


def test_unknown_field_names_of_mixed_types():
    # check_record may get a dict built in Python, with keys that are not strings.
    rec = _valid_record()
    rec[3] = "x"
    rec["zzz"] = "y"
    with pytest.raises(DataError, match=r"^x\.jsonl:1: unknown field (3|'zzz'); "):
        check_record(rec, where="x.jsonl:1")


# --- records without raw text ------------------------------------------------------------------


def test_seed_record_without_raw_article_is_an_error(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    name = f"{ARTICLE}.jsonl"
    shutil.copy(CORPUS_OK / name, folder / name)
    with pytest.raises(DataError) as info:
        read_corpus(folder)
    message = _one_line(str(info.value))
    assert message.startswith(f"{folder / name}:1: field 'article': "), message
    assert str(folder / "articles" / f"{ARTICLE}.txt") in message
    # The same with an articles/ folder that holds other articles only.
    (folder / "articles").mkdir()
    (folder / "articles" / "other.txt").write_text("Anderer Text.", encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(str(folder / "articles" / f"{ARTICLE}.txt"))):
        read_corpus(folder)


def test_check_records_seed_without_raw_text():
    path = CORPUS_OK / f"{ARTICLE}.jsonl"
    # raw_texts given (even empty): seed records need their article.
    with pytest.raises(DataError) as info:
        check_records([path], {})
    message = _one_line(str(info.value))
    assert message.startswith(f"{path}:1: field 'article': 'seed' record of article '{ARTICLE}' has no raw text")
    assert f"articles/{ARTICLE}.txt" in message
    # raw_texts not given: offsets are only checked for consistency.
    assert len(check_records([path])) == 4


def test_annotated_record_without_raw_text_is_an_error(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(_valid_record(source="annotated", article="neu")) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r":1: field 'article': 'annotated' record of article 'neu' has no raw"):
        check_records([path], {}, articles_dir=tmp_path / "articles")
    assert len(check_records([path], {"neu": "Die NATO warnt Russland. Mehr nicht."})) == 1


@pytest.mark.parametrize("start, end, field", [(3, 27, "start"), (1, 24, "start"), (0, 25, "end")])
def test_authored_record_offsets_are_zero_and_length(start, end, field):
    with pytest.raises(DataError) as info:
        check_record(_valid_record(start=start, end=end), where="x.jsonl:2")
    assert _one_line(str(info.value)).startswith(f"x.jsonl:2: field '{field}'")
    # A seed record checked without its raw text only needs end - start == len(text).
    if end - start == 24:
        check_record(_valid_record(start=start, end=end, source="seed"), where="x.jsonl:2")


def test_duplicate_ids_across_files(tmp_path):
    shutil.copytree(CORPUS_OK, tmp_path / "corpus")
    name = f"{ARTICLE}.jsonl"
    shutil.copy(CORPUS_OK / name, tmp_path / "corpus" / "authored" / "copy.jsonl")
    with pytest.raises(DataError) as info:
        read_corpus(tmp_path / "corpus")
    message = _one_line(str(info.value))
    assert message.startswith(f"{tmp_path / 'corpus' / 'authored' / 'copy.jsonl'}:1: field 'id'")
    assert f"first used at {tmp_path / 'corpus' / name}:1" in message
    # Without the authored folder the same corpus is fine.
    assert len(read_corpus(tmp_path / "corpus", include_authored=False)) == 4


def test_missing_corpus_folder_and_empty_folder(tmp_path):
    with pytest.raises(DataError, match="corpus folder not found"):
        read_corpus(tmp_path / "nope")
    with pytest.raises(DataError, match=r"no \*\.jsonl label files"):
        read_corpus(tmp_path)


# --- check_record rules not covered by the fixtures -------------------------------------------


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"start": True}, "start"),  # bool is not an int here
        ({"end": 23}, "end"),  # self-contained: end - start must equal len(text)
        ({"start": 5, "end": 2}, "start"),
        ({"text": "   ", "end": 3}, "text"),
        ({"speaker": "Jens Stoltenberg"}, "speaker"),  # attribution author needs speaker author
        ({"attribution": "direct"}, "attribution"),  # speaker author needs attribution author
        ({"speaker": "Jens Stoltenberg", "attribution": "indirect", "speaker_mention": "Stoltenberg"},
         "speaker_mention"),
        ({"incidental_mentions": ["Nato"]}, "incidental_mentions"),
        ({"kind": "paragraph"}, "kind"),
        ({"sentiment": "pos"}, "sentiment"),
        ({"source": "web"}, "source"),
        ({"speaker_mention": 3}, "speaker_mention"),
        ({"targets": ["NATO"]}, "targets"),
        ({"note": None}, "note"),
    ],
)
def test_check_record_rules(changes, field):
    with pytest.raises(DataError) as info:
        check_record(_valid_record(**changes), where="x.jsonl:7")
    message = _one_line(str(info.value))
    assert message.startswith(f"x.jsonl:7: field '{field}'"), message


def test_check_record_accepts_valid_and_optional_note():
    check_record(_valid_record(), where="x.jsonl:1")
    check_record(_valid_record(note="a remark"), where="x.jsonl:1")
    joint = _valid_record(speaker="Wang Yi & Sergej Lawrow", attribution="indirect", cue="kritisierten",
                          speaker_mention=None)
    check_record(joint, where="x.jsonl:1")
    check_record(_valid_record(targets={"Iran": "against"}), where="x.jsonl:1", targets=("NATO", "Iran"))


def test_check_record_non_object():
    with pytest.raises(DataError, match=r"^x\.jsonl:2: expected a JSON object per line; found list$"):
        check_record([1, 2], where="x.jsonl:2")


def test_check_records_jsonl_line_with_array(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(_valid_record()) + "\n[1, 2]\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"^{re.escape(str(path))}:2: expected a JSON object"):
        check_records([path])


def test_check_record_does_not_mutate():
    rec = _valid_record()
    before = copy.deepcopy(rec)
    check_record(rec, where="x.jsonl:1")
    assert rec == before


# --- the CLI ------------------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, HF_DATASETS_OFFLINE="1")
    return subprocess.run([sys.executable, "-m", "stance.cli", *args], cwd=REPO_ROOT, capture_output=True,
                          text=True, env=env, timeout=120)


def test_cli_validate_broken_folder_exits_2_with_one_line(tmp_path):
    folder = _copy_as_corpus("bad_stance.jsonl", tmp_path)
    result = _cli("corpus", "validate", str(folder))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"stance: error: {folder / 'bad_stance.jsonl'}:2: field 'targets.NATO'")


def test_cli_validate_labels_exits_0():
    result = _cli("corpus", "validate", str(REPO_ROOT / "labels"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip().endswith("records OK")


def test_cli_validate_fixture_corpus_counts_records():
    result = _cli("corpus", "validate", str(CORPUS_OK))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{CORPUS_OK}: 6 records OK"
    result = _cli("corpus", "validate", str(CORPUS_OK), "--seed-only")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{CORPUS_OK}: 4 records OK"


@pytest.mark.parametrize("args", [
    ("corpus", "validate", "--seed-only", str(CORPUS_OK)),
    ("corpus", "validate", str(CORPUS_OK), "--seed-only"),
    ("corpus", "--seed-only", "validate", str(CORPUS_OK)),
])
def test_cli_validate_option_before_path(args):
    result = _cli(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{CORPUS_OK}: 4 records OK"


def test_cli_corpus_parsing():
    from stance.cli import build_parser

    parse = build_parser().parse_args
    for argv, expected in [
        (["corpus", "validate"], ("validate", "labels", False)),
        (["corpus", "stats", "--seed-only"], ("stats", "labels", True)),
        (["corpus", "stats", "--seed-only", "x"], ("stats", "x", True)),
        (["corpus", "--seed-only", "stats", "x"], ("stats", "x", True)),
        (["corpus", "validate", "x"], ("validate", "x", False)),
    ]:
        args = parse(argv)
        assert (args.action, args.path, args.seed_only) == expected, argv
    for argv in (["corpus"], ["corpus", "check"], ["corpus", "validate", "a", "b"]):
        with pytest.raises(SystemExit):
            parse(argv)


def test_cli_stats_option_before_path():
    result = _cli("corpus", "stats", "--seed-only", str(CORPUS_OK))
    assert result.returncode == 0, result.stderr
    assert "### source (4 in all, 1 distinct)" in result.stdout


# --- user input -------------------------------------------------------------------------------


def test_check_text_input_accepts_str():
    assert check_text_input("Die NATO warnt.") == "Die NATO warnt."
    assert check_text_input("") == ""


@pytest.mark.parametrize(
    "value, found, hint",
    [
        (None, "NoneType", "pass the article text as a string"),
        (b"Die NATO", "bytes", "decode it first"),
        (bytearray(b"x"), "bytearray", "decode it first"),
        (42, "int", None),
    ],
)
def test_check_text_input_errors(value, found, hint):
    with pytest.raises(TypeError) as info:
        check_text_input(value, name="article")
    message = _one_line(str(info.value))
    assert message.startswith(f"article: expected str (German article text); found {found}")
    if hint:
        assert hint in message
    else:
        assert message.endswith(f"found {found}")
