"""Validation in one place: label records, corpus folders and user input.

Every problem is reported as one line that names where it is (file and line for data
files), what was expected, what was found, and, where it helps, the likely fix.

>>> from stance.validation import check_record, DataError
>>> rec = {"id": "x", "article": "a", "kind": "body", "text": "Hallo.", "start": 0, "end": 6,
...        "speaker": "author", "speaker_mention": None, "cue": None, "attribution": "author",
...        "targets": {"NATO": "pro"}, "incidental_mentions": [], "sentiment": "neutral",
...        "source": "seed"}
>>> try:
...     check_record(rec, where="demo.jsonl:1")
... except DataError as e:
...     print(e)
demo.jsonl:1: field 'targets.NATO': expected one of favor, against, neutral; found 'pro'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .schema import DEFAULT_TARGETS, ENUMS, RECORD_FIELDS, STANCES


class DataError(ValueError):
    """A labelled-data problem; the message is one line naming file, line and field."""


class ModelError(ValueError):
    """A saved model directory that cannot be used (missing, tampered, incompatible)."""


def _fmt(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_record(
    rec: object,
    where: str,
    targets: Iterable[str] = DEFAULT_TARGETS,
    raw: str | None = None,
) -> None:
    """Check one label record; raise :class:`DataError` on the first problem.

    ``raw`` is the article's raw text, if known: then ``raw[start:end] == text`` must hold.
    Otherwise an authored record must be self-contained (``start == 0`` and
    ``end == len(text)``), and a record of another source must at least have
    ``end - start == len(text)`` (its offsets can only be checked against the raw text).

    >>> check_record({"id": 1}, where="f.jsonl:3")
    Traceback (most recent call last):
    ...
    stance.validation.DataError: f.jsonl:3: field 'id': expected str; found 1
    """
    if not isinstance(rec, dict):
        raise DataError(f"{where}: expected a JSON object per line; found {type(rec).__name__}")
    targets = tuple(targets)
    unknown = sorted(set(rec) - set(RECORD_FIELDS), key=repr)
    if unknown:
        allowed = ", ".join(RECORD_FIELDS)
        raise DataError(f"{where}: unknown field {_fmt(unknown[0])}; allowed fields: {allowed}")
    for name, (types, required) in RECORD_FIELDS.items():
        if name not in rec:
            if required:
                raise DataError(f"{where}: missing field '{name}'")
            continue
        value = rec[name]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            expected = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            raise DataError(f"{where}: field '{name}': expected {expected}; found {_fmt(value)}")
    for name, allowed in ENUMS.items():
        if rec[name] not in allowed:
            raise DataError(
                f"{where}: field '{name}': expected one of {', '.join(allowed)}; found {_fmt(rec[name])}"
            )
    for target, stance in rec["targets"].items():
        if target not in targets:
            raise DataError(
                f"{where}: field 'targets': unknown target {_fmt(target)}; expected one of "
                f"{', '.join(targets)} (targets are case-sensitive; add new ones to the target lexicon)"
            )
        if stance not in STANCES:
            raise DataError(
                f"{where}: field 'targets.{target}': expected one of {', '.join(STANCES)}; found {_fmt(stance)}"
            )
    for target in rec["incidental_mentions"]:
        if target not in targets:
            raise DataError(
                f"{where}: field 'incidental_mentions': unknown target {_fmt(target)}; "
                f"expected one of {', '.join(targets)}"
            )
    start, end, text = rec["start"], rec["end"], rec["text"]
    if not 0 <= start <= end:
        raise DataError(f"{where}: field 'start': expected 0 <= start <= end; found start={start}, end={end}")
    if not text.strip():
        raise DataError(f"{where}: field 'text': expected non-empty text; found {_fmt(text)}")
    if raw is not None:
        if raw[start:end] != text:
            raise DataError(
                f"{where}: field 'start': raw[{start}:{end}] is {_fmt(raw[start:end])}, not the unit text "
                f"{_fmt(text)}; recompute offsets with stance.ingest"
            )
    elif rec["source"] == "authored" and start != 0:
        raise DataError(
            f"{where}: field 'start': an authored record has no raw text, so expected start 0; found {start}"
        )
    elif end - start != len(text):
        raise DataError(
            f"{where}: field 'end': expected end - start == len(text) == {len(text)}; found {end - start}"
        )
    if rec["attribution"] == "author" and rec["speaker"] != "author":
        raise DataError(f"{where}: field 'speaker': attribution 'author' needs speaker 'author'; found {_fmt(rec['speaker'])}")
    if rec["speaker"] == "author" and rec["attribution"] != "author":
        raise DataError(
            f"{where}: field 'attribution': speaker 'author' needs attribution 'author'; found {_fmt(rec['attribution'])}"
        )
    mention = rec["speaker_mention"]
    if mention is not None and mention not in text:
        raise DataError(f"{where}: field 'speaker_mention': {_fmt(mention)} does not occur in the unit text")


class _DuplicateKey(Exception):
    """Raised by :func:`_no_duplicate_keys` inside ``json.loads``."""


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    obj: dict = {}
    for key, value in pairs:
        if key in obj:
            raise _DuplicateKey(key)
        obj[key] = value
    return obj


def iter_jsonl(path: Path) -> Iterator[tuple[int, object]]:
    """Yield ``(line_number, parsed_object)`` for each non-blank line; bad data raises DataError.

    The file is read as bytes and decoded line by line, so text that is not UTF-8 is reported
    with its line, its byte column in that line and its byte offset in the file. A key that
    occurs twice in one JSON object is an error (``json`` would silently keep the last one).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.jsonl"
    >>> _ = p.write_text('{"a": 1}\\n\\n{"a": 2}\\n')
    >>> [n for n, _ in iter_jsonl(p)]
    [1, 3]
    >>> _ = p.write_bytes(b'{"a": 1}\\n{"a": "M\\xfcnchen"}\\n')
    >>> try:
    ...     list(iter_jsonl(p))
    ... except DataError as e:
    ...     print(str(e).replace(str(p), "x.jsonl"))
    x.jsonl:2: not UTF-8 text (invalid start byte at byte 17 of the file, byte column 9 of the line); save the file as UTF-8
    """
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None
    with handle:
        offset = 0
        for number, data in enumerate(handle, start=1):
            try:
                line = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise DataError(
                    f"{path}:{number}: not UTF-8 text ({exc.reason} at byte {offset + exc.start} of the file, "
                    f"byte column {exc.start + 1} of the line); save the file as UTF-8"
                ) from None
            offset += len(data)
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            try:
                obj = json.loads(line, object_pairs_hook=_no_duplicate_keys)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{number}: broken JSON: {exc.msg} at column {exc.colno}") from None
            except _DuplicateKey as exc:
                raise DataError(
                    f"{path}:{number}: duplicate key {_fmt(exc.args[0])} in a JSON object; each key may occur "
                    "only once"
                ) from None
            yield number, obj


#: Sources whose records point into a raw article text (``articles/<article>.txt``).
SOURCES_WITH_RAW_TEXT = ("seed", "annotated")


def check_records(
    files: Iterable[Path],
    raw_texts: Mapping[str, str] | None = None,
    targets: Iterable[str] = DEFAULT_TARGETS,
    articles_dir: str | Path = "articles",
) -> list[dict]:
    """Read and check every record of ``files``; raise DataError on the first problem.

    Duplicate ids across all files are an error. ``raw_texts`` maps article id to raw text.
    When ``raw_texts`` is given (even empty), every ``seed`` or ``annotated`` record needs the
    raw text of its article, expected as ``<articles_dir>/<article>.txt``; when it is ``None``,
    offsets are not checked against raw texts at all.
    """
    require_raw = raw_texts is not None
    raw_texts = raw_texts or {}
    targets = tuple(targets)
    seen: dict[str, str] = {}
    records: list[dict] = []
    for path in files:
        for number, rec in iter_jsonl(path):
            where = f"{path}:{number}"
            article = rec.get("article") if isinstance(rec, dict) else None
            if (
                require_raw
                and isinstance(article, str)
                and rec.get("source") in SOURCES_WITH_RAW_TEXT
                and article not in raw_texts
            ):
                missing = Path(articles_dir) / f"{article}.txt"
                raise DataError(
                    f"{where}: field 'article': {_fmt(rec['source'])} record of article {_fmt(article)} has no raw "
                    f"text: {missing} not found; copy the raw article text there (UTF-8)"
                )
            check_record(rec, where, targets, raw_texts.get(article) if isinstance(article, str) else None)
            if rec["id"] in seen:
                raise DataError(f"{where}: field 'id': duplicate id {_fmt(rec['id'])}, first used at {seen[rec['id']]}")
            seen[rec["id"]] = where
            records.append(rec)
    return records


def check_text_input(text: object, name: str = "text") -> str:
    """Check a text argument of the public API; return it, or raise TypeError in one line.

    >>> check_text_input(b"x")
    Traceback (most recent call last):
    ...
    TypeError: text: expected str (German article text); found bytes; decode it first, e.g. data.decode('utf-8')
    """
    if isinstance(text, str):
        return text
    hint = ""
    if isinstance(text, (bytes, bytearray)):
        hint = "; decode it first, e.g. data.decode('utf-8')"
    elif text is None:
        hint = "; pass the article text as a string"
    raise TypeError(f"{name}: expected str (German article text); found {type(text).__name__}{hint}")
