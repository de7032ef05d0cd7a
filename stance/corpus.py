"""The labelled corpus: read, validate, load as `datasets`, and describe.

A corpus folder holds one JSON record per unit in ``*.jsonl`` files (the seed articles),
an optional ``authored/`` sub-folder in the same format, and the raw article texts in
``articles/`` (``<article id>.txt``) against which offsets are checked.
See ``docs/data_format.md``.

>>> from stance.corpus import load_corpus
>>> ds = load_corpus("labels")                      # doctest: +SKIP
>>> ds["train"].features["attribution"].names       # doctest: +SKIP
['direct', 'indirect', 'author']
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from .schema import ATTRIBUTIONS, DEFAULT_TARGETS, KINDS, SENTIMENTS, SOURCES, STANCES
from .validation import DataError, check_records

DEFAULT_CORPUS = Path("labels")


def _corpus_dir(path: str | Path | None) -> Path:
    folder = Path(path) if path is not None else DEFAULT_CORPUS
    if not folder.is_dir():
        raise DataError(
            f"{folder}: corpus folder not found; pass the path of a folder with *.jsonl label files "
            "(the repository's labels/ folder)"
        )
    return folder


def corpus_files(path: str | Path | None = None, include_authored: bool = True) -> list[Path]:
    """The label files of a corpus folder, seed files first, in a stable order."""
    folder = _corpus_dir(path)
    files = sorted(folder.glob("*.jsonl"))
    if include_authored and (folder / "authored").is_dir():
        files += sorted((folder / "authored").glob("*.jsonl"))
    if not files:
        raise DataError(f"{folder}: no *.jsonl label files found")
    return files


def _read_article(path: Path) -> str:
    """The raw text of one article file; DataError (one line, naming the file) if unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(
            f"{path}:{line}: not UTF-8 text ({exc.reason} at byte {exc.start} of the file, byte column "
            f"{exc.start - line_start + 1} of the line); save the article as UTF-8"
        ) from None
    # Universal newlines, as Path.read_text (and the CLI's readers) give the text to ingest.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def raw_articles(path: str | Path | None = None) -> dict[str, str]:
    """Map article id -> raw text, from ``<corpus>/articles/*.txt``.

    A file that cannot be read or is not UTF-8 raises :class:`~stance.validation.DataError`.
    """
    folder = _corpus_dir(path) / "articles"
    if not folder.is_dir():
        return {}
    return {p.stem: _read_article(p) for p in sorted(folder.glob("*.txt"))}


def read_corpus(
    path: str | Path | None = None,
    include_authored: bool = True,
    targets: tuple[str, ...] = DEFAULT_TARGETS,
) -> list[dict]:
    """Read and validate a corpus folder; return its records as dicts, in file order.

    Raises :class:`~stance.validation.DataError` (one line: file, line, field) on bad data.

    >>> records = read_corpus("labels", include_authored=False)   # doctest: +SKIP
    >>> records[0]["speaker"]                                       # doctest: +SKIP
    'author'
    """
    files = corpus_files(path, include_authored)
    return check_records(files, raw_articles(path), targets, articles_dir=_corpus_dir(path) / "articles")


def data_hash(records: list[dict]) -> str:
    """A short SHA-256 over the records' ids, texts and labels (for model configs)."""
    digest = hashlib.sha256()
    for rec in records:
        digest.update(repr(sorted(rec.items())).encode("utf-8"))
    return digest.hexdigest()[:16]


def features(targets: tuple[str, ...] = DEFAULT_TARGETS):
    """The typed `datasets.Features` of a corpus record."""
    import datasets

    string = datasets.Value("string")
    return datasets.Features(
        {
            "id": string,
            "article": string,
            "kind": datasets.ClassLabel(names=list(KINDS)),
            "text": string,
            "start": datasets.Value("int32"),
            "end": datasets.Value("int32"),
            "speaker": string,
            "speaker_mention": string,
            "cue": string,
            "attribution": datasets.ClassLabel(names=list(ATTRIBUTIONS)),
            "targets": {t: string for t in targets},
            "incidental_mentions": datasets.List(string),
            "sentiment": datasets.ClassLabel(names=list(SENTIMENTS)),
            "source": datasets.ClassLabel(names=list(SOURCES)),
            "note": string,
        }
    )


def to_dataset(records: list[dict], targets: tuple[str, ...] = DEFAULT_TARGETS):
    """Turn validated records into a typed `datasets.Dataset` (targets as a struct, null if absent)."""
    import datasets

    rows = []
    for rec in records:
        row = dict(rec)
        row["targets"] = {t: rec["targets"].get(t) for t in targets}
        row.setdefault("note", None)
        rows.append(row)
    return datasets.Dataset.from_list(rows, features=features(targets))


def load_corpus(
    path: str | Path | None = None,
    include_authored: bool = True,
    targets: tuple[str, ...] = DEFAULT_TARGETS,
):
    """Load a corpus folder as a `datasets.DatasetDict` split by source.

    Splits: ``"seed"`` (labelled articles) and ``"authored"`` (the training supplement, if
    present and requested). Every row keeps its ``article`` column, so
    :func:`split_by_article` gives leave-one-article-out folds. Works offline.

    >>> ds = load_corpus("labels")                     # doctest: +SKIP
    >>> sorted(ds)                                     # doctest: +SKIP
    ['authored', 'seed']
    """
    import datasets

    records = read_corpus(path, include_authored, targets)
    by_source: dict[str, list[dict]] = {}
    for rec in records:
        by_source.setdefault(rec["source"], []).append(rec)
    return datasets.DatasetDict({src: to_dataset(rows, targets) for src, rows in by_source.items()})


def split_by_article(dataset) -> dict:
    """Split a `datasets.Dataset` with an ``article`` column into ``{article id: Dataset}``."""
    import datasets

    articles = sorted(set(dataset["article"]))
    return datasets.DatasetDict(
        {a: dataset.filter(lambda row, a=a: row["article"] == a) for a in articles}
    )


def statistics(records: list[dict], targets: tuple[str, ...] = DEFAULT_TARGETS) -> dict[str, Counter]:
    """Count records per kind, attribution, speaker, target x stance, sentiment and source.

    >>> stats = statistics([{"kind": "body", "attribution": "author", "speaker": "author",
    ...     "targets": {"NATO": "neutral"}, "incidental_mentions": [], "sentiment": "neutral",
    ...     "source": "seed", "article": "a"}])
    >>> stats["target x stance"]["NATO/neutral"]
    1
    """
    stats: dict[str, Counter] = {
        "source": Counter(),
        "article": Counter(),
        "kind": Counter(),
        "attribution": Counter(),
        "speaker": Counter(),
        "target x stance": Counter(),
        "incidental mentions": Counter(),
        "sentiment": Counter(),
    }
    for rec in records:
        stats["source"][rec["source"]] += 1
        stats["article"][rec["article"]] += 1
        stats["kind"][rec["kind"]] += 1
        stats["attribution"][rec["attribution"]] += 1
        stats["speaker"][rec["speaker"]] += 1
        stats["sentiment"][rec["sentiment"]] += 1
        for target in targets:
            if target in rec["targets"]:
                stats["target x stance"][f"{target}/{rec['targets'][target]}"] += 1
        for target in rec["incidental_mentions"]:
            stats["incidental mentions"][target] += 1
    order = [f"{t}/{s}" for t in targets for s in STANCES]
    stats["target x stance"] = Counter({k: stats["target x stance"][k] for k in order})
    return stats


def format_statistics(stats: dict[str, Counter], top_speakers: int = 15) -> str:
    """Render :func:`statistics` as Markdown tables (used by ``stance corpus stats``)."""
    lines: list[str] = []
    for name, counter in stats.items():
        items = counter.most_common(top_speakers) if name in ("speaker", "article") else list(counter.items())
        distinct = sum(1 for v in counter.values() if v > 0)  # zero rows (target x stance) do not count
        lines += [f"### {name} ({sum(counter.values())} in all, {distinct} distinct)", ""]
        lines += ["| value | count |", "|---|---:|"]
        lines += [f"| {k} | {v} |" for k, v in items]
        if name == "speaker" and len(counter) > top_speakers:
            lines.append(f"| ({len(counter) - top_speakers} more) | {sum(counter.values()) - sum(v for _, v in items)} |")
        lines.append("")
    return "\n".join(lines)
