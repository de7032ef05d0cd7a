"""Sentence splitting repairs on top of syntok."""

import pytest

from stance.segment import split_sentences


@pytest.mark.parametrize("text, expected", [
    ("Er sagte: „Das ist gut.“ Das ist ein Satz.", ["Er sagte: „Das ist gut.“", "Das ist ein Satz."]),
    ("»Wir kommen!« Das sagte er.", ["»Wir kommen!«", "Das sagte er."]),
    ("«Wir kommen.» Das sagte er.", ["«Wir kommen.»", "Das sagte er."]),
    ("„Wir sind bereit.“, sagte er. Dann ging er.", ["„Wir sind bereit.“, sagte er.", "Dann ging er."]),
    ('"Wir sind bereit." Dann ging er.', ['"Wir sind bereit."', "Dann ging er."]),
    ("Am 1. Oktober feierte die NATO den 75. Jahrestag.", ["Am 1. Oktober feierte die NATO den 75. Jahrestag."]),
    ("Er zählte bis 3. Dann kam er.", ["Er zählte bis 3.", "Dann kam er."]),
])
def test_split_sentences(text, expected):
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == expected


def test_offsets_are_shifted_and_exact():
    text = "  Eins. „Zwei.“ Drei.  "
    spans = split_sentences(text, offset=100)
    assert [text[s - 100:e - 100] for s, e in spans] == ["Eins.", "„Zwei.“", "Drei."]
