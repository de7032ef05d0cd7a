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

    ``raw`` is the article's raw text, if known: then ``raw[start:end] == text`` must hold;
    otherwise the record must be self-contained (``end - start == len(text)``).

    >>> check_record({"id": 1}, where="f.jsonl:3")
    Traceback (most recent call last):
    ...
    stance.validation.DataError: f.jsonl:3: field 'id': expected str; found 1
    """
    if not isinstance(rec, dict):
        raise DataError(f"{where}: expected a JSON object per line; found {type(rec).__name__}")
    targets = tuple(targets)
    unknown = sorted(set(rec) - set(RECORD_FIELDS))
    if unknown:
        allowed = ", ".join(RECORD_FIELDS)
        raise DataError(f"{where}: unknown field '{unknown[0]}'; allowed fields: {allowed}")
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


def iter_jsonl(path: Path) -> Iterator[tuple[int, object]]:
    """Yield ``(line_number, parsed_object)`` for each non-blank line; bad JSON raises DataError.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.jsonl"
    >>> _ = p.write_text('{"a": 1}\\n\\n{"a": 2}\\n')
    >>> [n for n, _ in iter_jsonl(p)]
    [1, 3]
    """
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path}:{number}: broken JSON: {exc.msg} at column {exc.colno}") from None
        except UnicodeDecodeError as exc:
            raise DataError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def check_records(
    files: Iterable[Path],
    raw_texts: Mapping[str, str] | None = None,
    targets: Iterable[str] = DEFAULT_TARGETS,
) -> list[dict]:
    """Read and check every record of ``files``; raise DataError on the first problem.

    Duplicate ids across all files are an error. ``raw_texts`` maps article id to raw text.
    """
    raw_texts = raw_texts or {}
    targets = tuple(targets)
    seen: dict[str, str] = {}
    records: list[dict] = []
    for path in files:
        for number, rec in iter_jsonl(path):
            where = f"{path}:{number}"
            article = rec.get("article") if isinstance(rec, dict) else None
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
