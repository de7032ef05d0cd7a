"""The label schema: field names, enumerations and the targets known by default.

Everything that says what a valid record looks like lives here, so that the
validator, the loader, the models and the docs agree.

>>> from stance.schema import STANCES, ATTRIBUTIONS
>>> STANCES
('favor', 'against', 'neutral')
>>> "direct" in ATTRIBUTIONS
True
"""

from __future__ import annotations

KINDS: tuple[str, ...] = ("title", "lead", "subheading", "caption", "body")
ATTRIBUTIONS: tuple[str, ...] = ("direct", "indirect", "author")
STANCES: tuple[str, ...] = ("favor", "against", "neutral")
SENTIMENTS: tuple[str, ...] = ("positive", "negative", "neutral")
SOURCES: tuple[str, ...] = ("seed", "authored", "annotated")
DEFAULT_TARGETS: tuple[str, ...] = ("NATO", "Russia", "China")

#: The speaker value for the journalist's own voice.
AUTHOR = "author"
#: Separator for people speaking jointly ("Wang Yi & Sergej Lawrow").
JOINT = " & "

#: Field name -> (allowed Python types, required?)
RECORD_FIELDS: dict[str, tuple[tuple[type, ...], bool]] = {
    "id": ((str,), True),
    "article": ((str,), True),
    "kind": ((str,), True),
    "text": ((str,), True),
    "start": ((int,), True),
    "end": ((int,), True),
    "speaker": ((str,), True),
    "speaker_mention": ((str, type(None)), True),
    "cue": ((str, type(None)), True),
    "attribution": ((str,), True),
    "targets": ((dict,), True),
    "incidental_mentions": ((list,), True),
    "sentiment": ((str,), True),
    "source": ((str,), True),
    "note": ((str,), False),
}

#: Allowed values of the enumerated fields.
ENUMS: dict[str, tuple[str, ...]] = {
    "kind": KINDS,
    "attribution": ATTRIBUTIONS,
    "sentiment": SENTIMENTS,
    "source": SOURCES,
}
