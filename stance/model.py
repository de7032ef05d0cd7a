"""The model: rules (attribution, targets) + classifiers (stance, sentiment), saved as a directory.

ingest -> segment -> attribute -> detect targets -> **classify -> output**

>>> import stance
>>> model = stance.load()                                                       # doctest: +SKIP
>>> [s.speaker for s in model.predict("Lawrow kritisierte die NATO scharf.")]  # doctest: +SKIP
['Sergej Lawrow']
"""

from __future__ import annotations

import json
import platform
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from . import __version__
from .analyze import AnalyzedUnit, Analyzer
from .checksums import sha256_file
from .encoders import get_encoder
from .ingest import ingest
from .output import Statement, TargetStance
from .schema import DEFAULT_TARGETS, SENTIMENTS, STANCES
from .validation import ModelError, check_text_input

FORMAT_VERSION = 1
_PIPELINES = ("stance", "sentiment")


@dataclass
class ModelConfig:
    """Hyper-parameters of a model (saved in ``config.json``).

    >>> ModelConfig.from_dict(ModelConfig(encoder="use").to_dict()).encoder
    'use'
    """

    backend: str = "sklearn"
    encoder: str | None = None
    stance_features: dict = field(default_factory=dict)
    sentiment_features: dict = field(default_factory=dict)
    stance_C: float = 1.0
    sentiment_C: float = 1.0
    calibration_cv: int = 5
    author_neutral: bool = True
    targets: tuple = DEFAULT_TARGETS
    transformers: dict = field(default_factory=dict)
    seed: int = 0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["targets"] = list(self.targets)
        return d

    @classmethod
    def from_dict(cls, data: dict) -> "ModelConfig":
        known = {f for f in cls.__dataclass_fields__}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"model config: unknown key {unknown[0]!r}; expected some of {', '.join(sorted(known))}")
        data = dict(data)
        if "targets" in data:
            data["targets"] = tuple(data["targets"])
        return cls(**data)


def library_versions() -> dict:
    import scipy
    import sklearn

    versions = {"stance": __version__, "python": platform.python_version(), "numpy": np.__version__,
                "scipy": scipy.__version__, "scikit-learn": sklearn.__version__}
    return versions


def pair_input(unit: AnalyzedUnit, target: str, mentions_override=None) -> dict:
    """The classifier input for (unit, target), see :mod:`stance.features`."""
    mentions = mentions_override if mentions_override is not None else [
        (m.target, m.start, m.end) for m in unit.mentions if not m.incidental
    ] + [(t, m.start, m.end) for t, m in unit.targets.items() if m is not None and m.reason == "self-reference"]
    return {
        "text": unit.text, "target": target, "mentions": mentions,
        "attribution": unit.attribution.attribution, "cue": unit.attribution.cue,
        "speaker_bloc": unit.speaker_bloc, "represents": target in unit.represents,
    }


class StanceModel:
    """Rules + classifiers; ``predict`` a document, ``save``/``load`` a directory.

    Build one with :func:`stance.train.train_model` or load one with :func:`stance.load`.
    """

    def __init__(self, stance_clf, sentiment_clf, config: ModelConfig, analyzer: Analyzer | None = None,
                 metadata: dict | None = None):
        self.stance_clf = stance_clf
        self.sentiment_clf = sentiment_clf
        self.config = config
        self.analyzer = analyzer or Analyzer()
        self.metadata = metadata or {}

    def __repr__(self) -> str:
        return (f"StanceModel(backend={self.config.backend!r}, encoder={self.config.encoder!r}, "
                f"targets={list(self.config.targets)})")

    # -- prediction --------------------------------------------------------------------
    def predict(self, text: str, explain: bool = False) -> list[Statement]:
        """Tag one document: a list of :class:`~stance.output.Statement`, one per unit, in order.

        ``text`` is raw article text (navigation, credits and the like are dropped by
        :func:`stance.ingest.ingest`). Empty or whitespace-only text gives ``[]``.

        >>> import stance
        >>> stance.load("fast").predict("") == []
        True
        """
        text = check_text_input(text)
        article = ingest(text)
        units = article.units
        return self._predict_units([u.text for u in units], [u.kind for u in units],
                                   [u.start for u in units], article.metadata.get("date"), explain)

    def predict_units(self, texts: Sequence[str], kinds: Sequence[str] | None = None,
                      explain: bool = False, forced_targets: Sequence | None = None) -> list[Statement]:
        """Tag units that are already split (one document, in reading order).

        Offsets of the returned statements are relative to each unit. ``forced_targets``
        (one list of target names or None per unit) replaces target detection, to score
        the stance classifier on gold (unit, target) pairs.
        """
        texts = [check_text_input(t, "texts[]") for t in texts]
        kinds = list(kinds) if kinds is not None else ["body"] * len(texts)
        return self._predict_units(texts, kinds, [0] * len(texts), None, explain, forced_targets)

    def predict_many(self, documents: Iterable[str], progress: bool | None = None,
                     explain: bool = False) -> Iterator[list[Statement]]:
        """Stream documents: yields one list of statements per document, with a progress bar.

        >>> import stance
        >>> [len(r) for r in stance.load("fast").predict_many(["Ein Satz.", ""], progress=False)]
        [1, 0]
        """
        from tqdm.auto import tqdm

        docs = documents
        total = len(documents) if hasattr(documents, "__len__") else None
        if progress is None:
            progress = total is None or total > 20
        for doc in tqdm(docs, total=total, disable=not progress, desc="stance", unit="doc"):
            yield self.predict(doc, explain=explain)

    def _embed(self, texts: list[str]) -> np.ndarray | None:
        encoder = get_encoder(self.config.encoder)
        return None if encoder is None else encoder.encode(texts)

    def _predict_units(self, texts, kinds, offsets, date, explain, forced_targets=None) -> list[Statement]:
        if not texts:
            return []
        analyzed = self.analyzer.analyze_texts(texts, kinds, date)
        if forced_targets is not None:  # evaluation on gold (unit, target) pairs
            analyzed = [_force_targets(u, f) if f is not None else u for u, f in zip(analyzed, forced_targets)]
        embeddings = self._embed(list(texts))
        pairs, where = [], []
        for i, unit in enumerate(analyzed):
            for target in unit.targets:
                if target not in self.config.targets:
                    continue
                if self.config.author_neutral and unit.attribution.attribution == "author":
                    continue
                pair = pair_input(unit, target)
                if embeddings is not None:
                    pair["embedding"] = embeddings[i]
                pairs.append(pair)
                where.append((i, target))
        sent_inputs = [{"text": t, "attribution": u.attribution.attribution, "cue": u.attribution.cue}
                       for t, u in zip(texts, analyzed)]
        if embeddings is not None:
            for x, e in zip(sent_inputs, embeddings):
                x["embedding"] = e
        stance_proba = self._proba(self.stance_clf, pairs, "stance") if pairs else np.zeros((0, 3))
        sent_proba = self._proba(self.sentiment_clf, sent_inputs, "sentiment")
        stance_classes = [str(c) for c in self.stance_classes]
        sent_classes = [str(c) for c in self.sentiment_classes]
        by_unit: dict[int, dict] = {}
        for (i, target), pair, p in zip(where, pairs, stance_proba):
            scores = {c: float(v) for c, v in zip(stance_classes, p)}
            label = stance_classes[int(np.argmax(p))]
            evidence = tuple(self.explain_pair(pair, label)) if explain else ()
            by_unit.setdefault(i, {})[target] = (label, scores, evidence)
        statements = []
        for i, unit in enumerate(analyzed):
            off = offsets[i]
            targets = {}
            for target, mention in unit.targets.items():
                if target not in self.config.targets:
                    continue
                if target in by_unit.get(i, {}):
                    label, scores, evidence = by_unit[i][target]
                else:  # author narration: neutral by the labelling guidelines
                    label, scores, evidence = "neutral", {"favor": 0.0, "against": 0.0, "neutral": 1.0}, (
                        ("rule:author narration is neutral", 1.0),) if explain else ()
                targets[target] = TargetStance(
                    label, scores, None if mention is None else mention.text,
                    None if mention is None else off + mention.start, None if mention is None else off + mention.end,
                    evidence,
                )
            sp = sent_proba[i]
            att = unit.attribution
            sent_label = sent_classes[int(np.argmax(sp))]
            statements.append(Statement(
                text=texts[i], start=off, end=off + len(texts[i]), kind=kinds[i], speaker=att.speaker,
                speaker_mention=att.speaker_mention, cue=att.cue, attribution=att.attribution,
                targets=targets, sentiment=sent_label,
                sentiment_scores={c: float(v) for c, v in zip(sent_classes, sp)},
                incidental_mentions=unit.incidental,
                sentiment_evidence=tuple(self.explain_sentence(sent_inputs[i], sent_label)) if explain else (),
            ))
        return statements

    def _proba(self, clf, inputs, what):
        if self.config.backend == "transformers":
            if what == "stance":
                return clf.predict_proba([TARGET_NAMES_DE.get(p["target"], p["target"]) for p in inputs],
                                         text_pairs=[p["text"] for p in inputs])
            return clf.predict_proba([x["text"] for x in inputs])
        return clf.predict_proba(inputs)

    @property
    def stance_classes(self):
        return list(self.stance_clf.classes_)

    @property
    def sentiment_classes(self):
        return list(self.sentiment_clf.classes_)

    def explain_pair(self, pair: dict, label: str, k: int = 5) -> list[tuple[str, float]]:
        """Features that pushed a stance decision (linear backend; rules for the others)."""
        out = [(f"cue:{pair['cue']}", 0.0)] if pair.get("cue") else []
        return out + _top_features(self.stance_clf, self.config.backend, pair, label, k)

    def explain_sentence(self, x: dict, label: str, k: int = 5) -> list[tuple[str, float]]:
        return _top_features(self.sentiment_clf, self.config.backend, x, label, k)

    # -- persistence -------------------------------------------------------------------
    def save(self, path: str | Path, metrics: dict | None = None) -> Path:
        """Save as a directory: config.json, weights (JSON + numpy arrays, or safetensors), model card.

        >>> import stance, tempfile
        >>> d = stance.load("fast").save(tempfile.mkdtemp() + "/m")
        >>> sorted(p.name for p in d.iterdir())[:2]
        ['README.md', 'config.json']
        """
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        files = {}
        if self.config.backend == "sklearn":
            from .persist import dump_pipeline

            for name, clf in zip(_PIPELINES, (self.stance_clf, self.sentiment_clf)):
                for f in dump_pipeline(clf, path, name):
                    files[f.name] = sha256_file(f)
        else:
            for name, clf in (("stance_transformer", self.stance_clf), ("sentiment_transformer", self.sentiment_clf)):
                clf.save(path / name)
                for f in sorted((path / name).glob("*.safetensors")):
                    files[f"{name}/{f.name}"] = sha256_file(f)
        if metrics is not None:
            self.metadata["metrics"] = metrics
        config = {
            "format_version": FORMAT_VERSION,
            "labels": {"stance": list(STANCES), "sentiment": list(SENTIMENTS)},
            "targets": list(self.config.targets),
            "model": self.config.to_dict(),
            "library_versions": library_versions(),
            "files": files,
            **{k: v for k, v in self.metadata.items() if k not in ("metrics",)},
        }
        (path / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if "metrics" in self.metadata:
            (path / "metrics.json").write_text(json.dumps(self.metadata["metrics"], indent=2) + "\n", encoding="utf-8")
        from .card import model_card

        (path / "README.md").write_text(model_card(config, self.metadata.get("metrics")), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> "StanceModel":
        """Load a model directory written by :meth:`save`; refuse tampered or incompatible ones."""
        path = Path(path)
        cfg_path = path / "config.json"
        if not cfg_path.is_file():
            raise ModelError(f"{path}: not a stance model directory (no config.json); train one with 'stance train CONFIG'")
        try:
            config = json.loads(cfg_path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ModelError(f"{cfg_path}: broken JSON ({exc})") from None
        version = config.get("format_version")
        if version != FORMAT_VERSION:
            raise ModelError(f"{path}: model format version {version!r} is not supported by stance {__version__} "
                             f"(expected {FORMAT_VERSION}); retrain the model with this version")
        saved = config.get("library_versions", {})
        model_cfg = ModelConfig.from_dict(config.get("model", {}))
        want = saved.get("stance", "0")
        if _version_tuple(want)[:2] > _version_tuple(__version__)[:2]:
            raise ModelError(f"{path}: saved with stance {want}, but this is stance {__version__}; "
                             f"upgrade stance (pip install 'stance>={want}') or retrain the model")
        files = config.get("files", {})
        if not files:
            raise ModelError(f"{cfg_path}: lists no weight files; the directory is incomplete")
        for name, digest in files.items():
            f = path / name
            if not f.is_file():
                raise ModelError(f"{path}: missing weight file {name}")
            if sha256_file(f) != digest:
                raise ModelError(f"{path}: {name} does not match the checksum in config.json (modified or corrupted); "
                                 "re-save or retrain the model")
        if model_cfg.backend == "sklearn":
            from .persist import load_pipeline

            stance_clf, sentiment_clf = (load_pipeline(path, name) for name in _PIPELINES)
        elif model_cfg.backend == "transformers":
            from .backends.transformers import TransformersClassifier

            stance_clf = TransformersClassifier.load(path / "stance_transformer")
            sentiment_clf = TransformersClassifier.load(path / "sentiment_transformer")
        else:
            raise ModelError(f"{cfg_path}: unknown backend {model_cfg.backend!r}; expected 'sklearn' or 'transformers'")
        metadata = {k: v for k, v in config.items()
                    if k not in ("format_version", "labels", "targets", "model", "library_versions", "files")}
        metrics_path = path / "metrics.json"
        if metrics_path.is_file():
            metadata["metrics"] = json.loads(metrics_path.read_text(encoding="utf-8"))
        metadata["path"] = str(path)
        return cls(stance_clf, sentiment_clf, model_cfg, metadata=metadata)


def _version_tuple(version: str) -> tuple[int, ...]:
    parts = []
    for piece in str(version).split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def _top_features(clf, backend: str, x: dict, label: str, k: int) -> list[tuple[str, float]]:
    """Evidence from a linear model: a loaded (numpy) pipeline or a freshly trained scikit-learn one."""
    if backend != "sklearn":
        return []
    if hasattr(clf, "top_features"):
        return clf.top_features(x, label, k)
    from .classify import top_features

    return top_features(clf, x, label, k)


def _force_targets(unit: AnalyzedUnit, targets) -> AnalyzedUnit:
    from dataclasses import replace

    chosen = {}
    for t in targets:
        chosen[t] = unit.targets.get(t) or next((m for m in unit.mentions if m.target == t), None)
    return replace(unit, targets=chosen)


TARGET_NAMES_DE = {"NATO": "NATO", "Russia": "Russland", "China": "China"}
