"""Odd and wrong input: clear errors for wrong types, correct (possibly empty) results otherwise."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stance
from stance.output import Statement


@pytest.fixture(scope="module")
def model():
    return stance.load("fast")


@pytest.mark.parametrize("bad, message", [
    (None, "expected str"), (b"Text", "decode it first"), (42, "found int"), (["a"], "found list"),
])
def test_wrong_types_raise_one_line_type_errors(model, bad, message):
    with pytest.raises(TypeError, match=message) as exc:
        model.predict(bad)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\u00a0\u2028"])
def test_empty_text_gives_no_statements(model, text):
    assert model.predict(text) == []


@pytest.mark.parametrize("text", [
    "<html><body><p>Die NATO warnt Russland.</p></body></html>",
    "The quick brown fox jumps over the lazy dog. NATO met in Brussels.",
    "Он сказал, что НАТО угрожает России.",
    "Unbalanced „quote here. And another » one. Und ‚noch eine.",
    "Control\x00chars\x07 in\x1b text. Lawrow sagte\x0c, die NATO sei aggressiv.",
    "„" * 50 + "NATO" + "“" * 3,
])
def test_odd_text_never_crashes(model, text):
    statements = model.predict(text)
    assert all(isinstance(s, Statement) for s in statements)
    assert all(text[s.start:s.end] == s.text for s in statements)


def test_five_megabyte_article(model):
    long = " und ".join(["die Lage an der Ostflanke des Bündnisses und in den Nachbarstaaten"] * 4)
    paragraph = (f"Die NATO-Außenminister berieten in Brüssel über {long}. "
                 f"Lawrow warf der NATO Aggression vor, weil {long} sich verändert habe. "
                 f"Das sei gefährlich, sagte er mit Blick auf {long}.")
    text = "\n\n".join([paragraph] * 6000)
    assert len(text.encode()) > 5_000_000
    statements = model.predict(text)
    assert len(statements) == 18_000
    assert statements[-2].speaker == "Sergej Lawrow"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_predict_on_arbitrary_text(model, text):
    statements = model.predict(text)
    assert all(text[s.start:s.end] == s.text and s.text.strip() for s in statements)
    starts = [s.start for s in statements]
    assert starts == sorted(starts)


words = st.sampled_from(["Die", "NATO", "Russland", "China", "sagte", "Lawrow", "„", "“", ",", ".", ":", "sei",
                         "warf", "vor", "Peking", "er", "Bündnis", "kritisierte", "\n\n", "laut", "so"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(words, max_size=60).map(" ".join))
def test_predict_on_newsy_word_salad(model, text):
    for s in model.predict(text):
        assert s.attribution in ("direct", "indirect", "author")
        for t, ts in s.targets.items():
            assert t in ("NATO", "Russia", "China") and ts.stance in ("favor", "against", "neutral")
            assert ts.mention is None or text[ts.start:ts.end] == ts.mention
