"""Ingestion: raw article text -> units with kinds and exact character offsets.

Covers both seed article layouts in ``labels/articles/``, an invented DW-like article written
for this test, and edge cases (empty input, Windows line endings, non-breaking spaces, ...).
"""

from __future__ import annotations

import json
import re
import textwrap
import time
from pathlib import Path

import pytest

from stance.ingest import MAX_CREDIT_WORDS, MAX_HEADING_WORDS, Article, ingest

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTICLES = REPO_ROOT / "labels" / "articles"
OSTFLANKE = "dw-2021-06-nato-ostflanke"
AUSSENMINISTER = "dw-2021-03-nato-aussenminister"
SEED_IDS = (OSTFLANKE, AUSSENMINISTER)


def _raw(article_id: str) -> str:
    return (ARTICLES / f"{article_id}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed() -> dict[str, Article]:
    return {a: ingest(_raw(a), a) for a in SEED_IDS}


def _assert_offsets(article: Article) -> None:
    """Every unit is the exact slice of the raw text, stripped, non-empty, in order.

    A sentence of a hard-wrapped paragraph may hold a line break, but never a blank line or a
    paragraph separator, and never starts or ends with white space (any Unicode white space).
    """
    previous_end = 0
    for unit in article.units:
        assert article.raw[unit.start:unit.end] == unit.text, unit
        assert unit.text and unit.text == unit.text.strip() == unit.text.strip("\ufeff\u200b"), unit
        assert all(line.strip() for line in unit.text.splitlines()), f"unit spans a blank line: {unit}"
        assert "\u2029" not in unit.text, unit
        assert unit.start >= previous_end, f"units overlap or are out of order at {unit}"
        previous_end = unit.end


def _kinds(article: Article) -> list[tuple[str, str]]:
    return [(u.kind, u.text) for u in article.units]


# --- the seed articles --------------------------------------------------------------------------


@pytest.mark.parametrize("article_id", SEED_IDS)
def test_seed_offsets(seed, article_id):
    article = seed[article_id]
    assert article.id == article_id
    assert article.raw == _raw(article_id)
    assert len(article.units) > 20
    _assert_offsets(article)
    # Every paragraph of the seed articles is a single line: no unit holds a line break.
    assert not any("\n" in u.text or "\r" in u.text for u in article.units)


@pytest.mark.parametrize("article_id", SEED_IDS)
def test_seed_boilerplate_is_dropped(seed, article_id):
    texts = [u.text for u in seed[article_id].units]
    forbidden = [
        "springen",  # navigation lines ("1. Zum Inhalt springen")
        "Hauptnavigation",
        "Politik",  # category line
        "http", "p.dw.com",  # URL line
        "Bild:",  # photo credits
        "Johanna Geron",
        "picture-alliance", "picture alliance",
        "M. Klimentyev", "Klimentyev",
        "se/kle", "(afp, dpa, wams)",  # agency tag
        "date 2021-03", "2021-03",  # date prefix
        "6. Juni 2021",  # date line
    ]
    for text in texts:
        assert not text.startswith("date "), text
        for bad in forbidden:
            assert bad not in text, f"{bad!r} leaked into unit {text!r}"
    # The image titles right before a credited caption are dropped too.
    assert "Jens Stoltenberg" not in texts
    assert "Alexander Lukaschenko und Wladimir Putin" not in texts


def test_seed_boilerplate_really_is_in_the_raw_text():
    # Guards the test above: the boilerplate it looks for is present in the raw articles.
    ost, aus = _raw(OSTFLANKE), _raw(AUSSENMINISTER)
    for needle in ("1. Zum Inhalt springen", "\nPolitik\n", "https://p.dw.com/p/3uU68",
                   "Bild: picture-alliance/dpa/M. Klimentyev", "se/kle (afp, dpa, wams)", "6. Juni 2021"):
        assert needle in ost
    assert aus.lstrip().startswith("date 2021-03 Man kann")


def test_seed_metadata(seed):
    assert seed[OSTFLANKE].metadata["date"] == "2021-06-06"
    assert seed[OSTFLANKE].metadata["title"] == "NATO sorgt sich um ihre Ostflanke"
    assert seed[OSTFLANKE].metadata["category"] == "Politik"
    assert seed[AUSSENMINISTER].metadata["date"] == "2021-03"
    assert "title" not in seed[AUSSENMINISTER].metadata
    # The metadata file in labels/articles/ agrees.
    meta = {m["id"]: m for m in json.loads((ARTICLES / "metadata.json").read_text(encoding="utf-8"))}
    for article_id in SEED_IDS:
        assert seed[article_id].metadata["date"] == meta[article_id]["date"]
        assert seed[article_id].metadata.get("title") == meta[article_id]["title"]


def test_ostflanke_kinds(seed):
    units = seed[OSTFLANKE].units
    kinds = [u.kind for u in units]
    assert kinds[0] == "title" and kinds.count("title") == 1
    assert units[0].text == "NATO sorgt sich um ihre Ostflanke"
    assert [u.text for u in units if u.kind == "lead"] == [
        "Die NATO betrachtet die enge Zusammenarbeit zwischen Russland und Belarus sehr aufmerksam.",
        "Doch auch von anderer Seite kommen neue Bedrohungen auf die Allianz zu, wie ihr Generalsekretär "
        "Stoltenberg warnt.",
    ]
    assert [u.text for u in units if u.kind == "caption"] == [
        "NATO-Generalsekretär Jens Stoltenberg sieht die zunehmende Einflussnahme des Kremls mit großer Skepsis",
        "Die Machthaber in Minsk und Moskau, Alexander Lukaschenko (l.) und Wladimir Putin, ziehen an einem Strang",
    ]
    assert [u.text for u in units if u.kind == "subheading"] == [
        "Neue Nähe auch zwischen Russland und China",
        "Fundamentaler Wandel in der weltweiten Machtbalance",  # trailing non-breaking space stripped
    ]
    assert kinds[3] == "caption" and kinds[4] == "body"


def test_aussenminister_kinds(seed):
    units = seed[AUSSENMINISTER].units
    kinds = [u.kind for u in units]
    assert "title" not in kinds and "lead" not in kinds
    assert (units[0].kind, units[0].text, units[0].start, units[0].end) == (
        "body", "Man kann Jens Stoltenberg die Erleichterung förmlich ansehen.", 14, 75)
    captions = [u.text for u in units if u.kind == "caption"]
    assert captions == [
        "Der alte Geist wird bei der NATO vertrieben: Donald Trump, hier bei einem Truppenbesuch in Afghanistan 2019"
    ]
    assert [u.text for u in units if u.kind == "subheading"] == [
        "US-Außenminister verspricht erneuerte Partnerschaft",
        "Bundesaußenminister Heiko Maas: Die NATO braucht eine neue Richtung",
        "Konflikt mit Deutschland lösbar?",  # a question ending in "?" is still a heading
        "Gemeinsames Vorgehen in Afghanistan",
        "China wird wichtiger für die NATO",
        "Impfen für den Gipfel",
    ]


@pytest.mark.parametrize("article_id", SEED_IDS)
def test_ingestion_agrees_with_labels(seed, article_id):
    path = REPO_ROOT / "labels" / f"{article_id}.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    units = seed[article_id].units
    assert len(units) == len(records)
    assert [(u.kind, u.text, u.start, u.end) for u in units] == [
        (r["kind"], r["text"], r["start"], r["end"]) for r in records
    ]


# --- an invented DW-like article (written for this test) ---------------------------------------

THIRD = """\
1. Zum Inhalt springen
  2. Zur Hauptnavigation springen
  3. Zu weiteren Angeboten der DW springen
Welt

Bündnis plant neue Übung im Baltikum

14. September 2022

Die NATO will im Herbst eine große Übung an der Grenze zu Russland abhalten. Moskau reagiert gereizt.

https://p.dw.com/p/4xYz9
Soldaten im Schnee
Soldaten einer multinationalen Einheit üben in Litauen den Ernstfall Bild: Max Mustermann/dpa

Rund 12.000 Soldaten aus zwölf Ländern sollen an dem Manöver teilnehmen. "Wir zeigen, dass wir jeden \
Zentimeter des Bündnisgebiets verteidigen können", sagte eine Sprecherin der Allianz in Brüssel.

Kritik aus dem Kreml

Der Kreml sprach von einer Provokation. Die Übung sei ein Zeichen der Feindseligkeit, hieß es in Moskau.

ab/cd (dpa, rtr)
"""


def test_invented_article_generalizes():
    article = ingest(THIRD, "invented")
    _assert_offsets(article)
    assert article.metadata == {"category": "Welt", "title": "Bündnis plant neue Übung im Baltikum",
                                "date": "2022-09-14"}
    assert _kinds(article) == [
        ("title", "Bündnis plant neue Übung im Baltikum"),
        ("lead", "Die NATO will im Herbst eine große Übung an der Grenze zu Russland abhalten."),
        ("lead", "Moskau reagiert gereizt."),
        ("caption", "Soldaten einer multinationalen Einheit üben in Litauen den Ernstfall"),
        ("body", "Rund 12.000 Soldaten aus zwölf Ländern sollen an dem Manöver teilnehmen."),
        ("body", '"Wir zeigen, dass wir jeden Zentimeter des Bündnisgebiets verteidigen können", sagte eine '
                 "Sprecherin der Allianz in Brüssel."),
        ("subheading", "Kritik aus dem Kreml"),
        ("body", "Der Kreml sprach von einer Provokation."),
        ("body", "Die Übung sei ein Zeichen der Feindseligkeit, hieß es in Moskau."),
    ]


def test_invented_article_other_credit_words_and_dates():
    raw = ("Gipfel in Vilnius\n\n11. Juli 2023\n\nDie Allianz trifft sich in Litauen.\n\n"
           "Staats- und Regierungschefs beim Familienfoto vor dem Tagungsort Foto: Erika Muster/AFP\n\n"
           "Die Gespräche dauerten bis in die Nacht.\n\nxy/ab (rtr)\n")
    article = ingest(raw)
    _assert_offsets(article)
    assert article.metadata["date"] == "2023-07-11"
    assert _kinds(article) == [
        ("title", "Gipfel in Vilnius"),
        ("lead", "Die Allianz trifft sich in Litauen."),
        ("caption", "Staats- und Regierungschefs beim Familienfoto vor dem Tagungsort"),
        ("body", "Die Gespräche dauerten bis in die Nacht."),
    ]


def test_long_single_line_block_is_a_caption_not_a_subheading():
    words = " ".join(["Wort"] * (MAX_HEADING_WORDS + 3))
    article = ingest(f"Titel\n\nErster Satz.\n\n{words}\n\nLetzter Satz.")
    assert [u.kind for u in article.units] == ["title", "lead", "caption", "body"]
    short = " ".join(["Wort"] * MAX_HEADING_WORDS)
    article = ingest(f"Titel\n\nErster Satz.\n\n{short}\n\nLetzter Satz.")
    assert [u.kind for u in article.units] == ["title", "lead", "subheading", "body"]


# --- edge cases ---------------------------------------------------------------------------------


def test_empty_and_whitespace_only():
    for raw in ("", "   ", "\n\n\n", " \t\r\n\u00a0\n"):
        article = ingest(raw)
        assert article.units == ()
        assert article.metadata == {}


def test_not_a_string():
    for value in (None, b"Die NATO warnt.", 3):
        with pytest.raises(TypeError, match=type(value).__name__):
            ingest(value)  # type: ignore[arg-type]


def test_single_paragraph_without_layout():
    raw = "Die NATO warnt Russland. Moskau weist das zurück. China schweigt."
    article = ingest(raw)
    _assert_offsets(article)
    assert _kinds(article) == [
        ("body", "Die NATO warnt Russland."),
        ("body", "Moskau weist das zurück."),
        ("body", "China schweigt."),
    ]
    assert article.metadata == {}


def test_paragraph_after_title_is_lead_then_body():
    raw = "Kurzer Titel\n\nErster Satz. Zweiter Satz.\n\nDritter Satz."
    assert [u.kind for u in ingest(raw).units] == ["title", "lead", "lead", "body"]


def test_windows_line_endings():
    unix = "Titel der Meldung\n\n6. Juni 2021\n\nErster Satz. Zweiter Satz.\n\nZwischentitel\n\nDritter Satz.\n"
    windows = unix.replace("\n", "\r\n")
    a, b = ingest(unix), ingest(windows)
    _assert_offsets(b)
    assert _kinds(a) == _kinds(b)
    assert [u.kind for u in b.units] == ["title", "lead", "lead", "subheading", "body"]
    assert a.metadata == b.metadata == {"title": "Titel der Meldung", "date": "2021-06-06"}
    # Offsets shift by one per preceding line break.
    assert b.units[-1].start == a.units[-1].start + unix[: a.units[-1].start].count("\n")


def test_non_breaking_spaces():
    raw = "\u00a0Die\u00a0NATO warnt.\u00a0 Russland\u00a0schweigt.\u00a0\n\u00a0\nZwischentitel\u00a0\n\nNoch ein Satz."
    article = ingest(raw)
    _assert_offsets(article)
    assert _kinds(article) == [
        ("body", "Die\u00a0NATO warnt."),
        ("body", "Russland\u00a0schweigt."),
        ("subheading", "Zwischentitel"),
        ("body", "Noch ein Satz."),
    ]


def test_very_long_paragraph():
    sentences = [f"Der Satz Nummer {i} handelt von der NATO und von Russland." for i in range(1500)]
    raw = " ".join(sentences)
    started = time.perf_counter()
    article = ingest(raw)
    assert time.perf_counter() - started < 10
    _assert_offsets(article)
    assert [u.text for u in article.units] == sentences
    assert {u.kind for u in article.units} == {"body"}


def test_date_prefix_only_sets_metadata():
    article = ingest("date 2021-03-05 Die NATO warnt. Russland schweigt.")
    assert article.metadata == {"date": "2021-03-05"}
    assert _kinds(article) == [("body", "Die NATO warnt."), ("body", "Russland schweigt.")]
    _assert_offsets(article)


def test_random_layouts_keep_offsets():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    pieces = st.sampled_from(
        list('ab Ä.?!:\n\r\t\u00a0"„“()-\u2028\u2029\x85\u3000\ufeff')
        + ["Bild: x", "date 2021-03 ", "date 2021-03", "1. Zum Inhalt springen", "se/kle (dpa)", "https://x.de",
           "6. Juni 2021", "Dr. ", "z. B. ", "...", "Foto: y", "Fotos: Z/dpa", "Quelle: q", "ein Bild: Die ",
           "NATO", "Russland", "\n\n", "\r\n"]
    )

    @hypothesis.settings(max_examples=300, deadline=None, database=None)
    @hypothesis.given(st.lists(pieces, max_size=40).map("".join))
    def check(raw):
        _assert_offsets(ingest(raw))

    check()


# --- "date" prefix alone on its line -----------------------------------------------------------


def test_bare_date_prefix_line_is_metadata():
    article = ingest("date 2021-03\n\nDie NATO warnt. Russland schweigt.")
    assert article.metadata.get("date") == "2021-03"
    assert all("date" not in u.text for u in article.units)
    assert "title" not in article.metadata


@pytest.mark.parametrize("raw", [
    "date 2021-03-05\nDie NATO warnt. Russland schweigt.",  # same block as the text
    "date 2021-03-05   \r\n\r\nDie NATO warnt. Russland schweigt.\r\n",
    "  date 2021-03-05\u00a0\n\nDie NATO warnt. Russland schweigt.",
])
def test_bare_date_prefix_line_variants(raw):
    article = ingest(raw)
    _assert_offsets(article)
    assert article.metadata == {"date": "2021-03-05"}
    assert _kinds(article) == [("body", "Die NATO warnt."), ("body", "Russland schweigt.")]


def test_date_prefix_needs_a_whole_date():
    # "date 2021-0305" is no date prefix: the line stays text.
    article = ingest("date 2021-0305 Die NATO warnt.")
    assert "date" not in article.metadata
    assert [u.text for u in article.units] == ["date 2021-0305 Die NATO warnt."]


# --- hard-wrapped paragraphs --------------------------------------------------------------------


def test_hard_wrapped_paragraph_keeps_sentences_whole():
    article = ingest("Die NATO warnt\nRussland vor Angriffen. Moskau schweigt.")
    assert [u.text for u in article.units] == ["Die NATO warnt\nRussland vor Angriffen.", "Moskau schweigt."]
    _assert_offsets(article)


def test_hard_wrapped_paragraph_windows_line_endings():
    raw = "Titel\r\n\r\nDie NATO warnt\r\nRussland vor Angriffen.\r\nMoskau\r\nschweigt.\r\n"
    article = ingest(raw)
    _assert_offsets(article)
    assert _kinds(article) == [
        ("title", "Titel"),
        ("lead", "Die NATO warnt\r\nRussland vor Angriffen."),
        ("lead", "Moskau\r\nschweigt."),
    ]


def test_hard_wrapped_lead_is_lead_throughout():
    raw = "Kurzer Titel\n\nErster Satz\nläuft weiter. Zweiter\nSatz.\n\nDritter Satz."
    assert _kinds(ingest(raw)) == [
        ("title", "Kurzer Titel"),
        ("lead", "Erster Satz\nläuft weiter."),
        ("lead", "Zweiter\nSatz."),
        ("body", "Dritter Satz."),
    ]


def test_special_lines_split_a_block_into_paragraphs():
    # A URL or date line between text lines is dropped, and it ends the paragraph before it.
    raw = "Die NATO warnt\nRussland.\nhttps://p.dw.com/p/abc\nMoskau\nschweigt.\n6. Juni 2021\nPeking auch."
    article = ingest(raw)
    _assert_offsets(article)
    assert [u.text for u in article.units] == ["Die NATO warnt\nRussland.", "Moskau\nschweigt.", "Peking auch."]
    assert article.metadata == {"date": "2021-06-06"}


def _wrap(raw: str, width: int) -> str:
    """Hard-wrap the long lines of ``raw`` that end a sentence (paragraphs, not captions)."""
    return "\n".join(textwrap.fill(line, width) if len(line) > width and line.endswith(".") else line
                     for line in raw.split("\n"))


@pytest.mark.parametrize("width", [30, 45, 72])
def test_hard_wrapped_article_gives_the_same_units(width):
    wrapped = _wrap(THIRD, width)
    assert wrapped != THIRD and wrapped.count("\n") > THIRD.count("\n")
    flat, hard = ingest(THIRD), ingest(wrapped)
    _assert_offsets(hard)
    assert hard.metadata == flat.metadata
    assert [(u.kind, u.text.replace("\n", " ")) for u in hard.units] == _kinds(flat)
    assert any("\n" in u.text for u in hard.units)


@pytest.mark.parametrize("article_id", SEED_IDS)
def test_hard_wrapped_seed_articles_give_the_same_sentences(seed, article_id):
    flat = seed[article_id]
    hard = ingest(_wrap(flat.raw, 60), article_id)
    _assert_offsets(hard)
    assert hard.metadata == flat.metadata
    assert [(u.kind, u.text.replace("\n", " ")) for u in hard.units] == _kinds(flat)


# --- credit words in body text --------------------------------------------------------------------


def test_credit_word_inside_body_text_loses_nothing():
    raw = "Titel\n\nDie Zahlen stiegen stark. Quelle: das Statistikamt, sagte er. Danach mehr."
    article = ingest(raw)
    assert "Danach mehr." in [u.text for u in article.units]


def _all_words_kept(article: Article, raw: str) -> None:
    assert " ".join(u.text for u in article.units).split() == raw.split()


@pytest.mark.parametrize("raw", [
    "Die Umfrage ergibt ein klares Bild: Die Mehrheit ist dagegen.",
    "Er zeigte ein Foto: Darauf war der Minister zu sehen. Dann ging er.",
    "Die Zahlen stiegen stark. Foto: Archiv, sagte er.",
    "Die Zahlen stiegen stark. Bild: dpa",  # a credit after a full sentence is text
    "Das Ministerium nennt als Bildquelle: einen Fotografen aus Kiew. Mehr sagt es nicht.",
    "Caption mit Quelle: dpa",  # "Quelle:" is no credit marker
])
def test_credit_words_in_text_lose_nothing(raw):
    article = ingest(f"Titel\n\nErster Satz.\n\n{raw}\n\nLetzter Satz.")
    _assert_offsets(article)
    _all_words_kept(article, f"Titel Erster Satz. {raw} Letzter Satz.")
    assert not any(u.kind == "caption" for u in article.units)


def test_credit_word_at_a_wrapped_line_end_is_text():
    raw = ("Die Umfrage ergibt ein klares Bild: Die\nMehrheit ist dagegen. Das\nzeigt ein Foto: Soldaten\n"
           "im Schnee.")
    article = ingest(raw)
    _assert_offsets(article)
    assert [u.text for u in article.units] == [
        "Die Umfrage ergibt ein klares Bild: Die\nMehrheit ist dagegen.",
        "Das\nzeigt ein Foto: Soldaten\nim Schnee.",
    ]


@pytest.mark.parametrize("marker", ["Bild:", "Foto:", "Fotos:", "Bildquelle:", "Bild :"])
def test_credited_caption_markers(marker):
    raw = f"Titel\n\nErster Satz.\n\nSoldaten üben im Schnee {marker} Max Mustermann/dpa\n\nLetzter Satz."
    assert _kinds(ingest(raw)) == [("title", "Titel"), ("lead", "Erster Satz."),
                                   ("caption", "Soldaten üben im Schnee"), ("body", "Letzter Satz.")]


def test_long_credit_is_not_a_credit():
    credit = " ".join(["Wort"] * (MAX_CREDIT_WORDS + 1))
    article = ingest(f"Titel\n\nErster Satz.\n\nSoldaten üben im Schnee Bild: {credit}\n\nLetzter Satz.")
    assert f"Soldaten üben im Schnee Bild: {credit}" in [u.text for u in article.units]
    short = " ".join(["Wort"] * MAX_CREDIT_WORDS)
    article = ingest(f"Titel\n\nErster Satz.\n\nSoldaten üben im Schnee Bild: {short}\n\nLetzter Satz.")
    assert ("caption", "Soldaten üben im Schnee") in _kinds(article)


def test_credit_on_a_line_of_its_own():
    raw = "Titel\n\nErster Satz.\n\nSoldaten üben im Schnee\nBild: Max Mustermann/dpa\n\nLetzter Satz."
    article = ingest(raw)
    _assert_offsets(article)
    assert _kinds(article) == [("title", "Titel"), ("lead", "Erster Satz."),
                               ("caption", "Soldaten üben im Schnee"), ("body", "Letzter Satz.")]


# --- Unicode line and paragraph separators -------------------------------------------------------


@pytest.mark.parametrize("raw", ["\u2028", "\u2029", "\x85", "\u2028\u2029\x85", " \u2028 \n\u3000\u2029\x1c\x1d\x1e\x1f",
                                 "\ufeff\u2028", "\v\f\u2028"])
def test_unicode_line_separator_only(raw):
    assert ingest(raw).units == ()
    assert ingest(raw).metadata == {}


@pytest.mark.parametrize("sep", ["\u2028", "\x85", " \u2028\u00a0", "\r"])
def test_unicode_line_separators_are_line_breaks(sep):
    raw = f"{sep}Die NATO warnt{sep}Russland vor Angriffen.{sep} Moskau schweigt.{sep}"
    article = ingest(raw)
    _assert_offsets(article)
    texts = [u.text for u in article.units]
    assert [t.replace(sep, " ") for t in texts] == ["Die NATO warnt Russland vor Angriffen.", "Moskau schweigt."]
    assert all(t.strip(" \u00a0\u2028\x85\r") == t for t in texts)
    # Two line separators in a row make a blank line: two paragraphs.
    assert [u.text for u in ingest(f"Die NATO warnt{sep}{sep}Russland schweigt").units] == [
        "Die NATO warnt", "Russland schweigt"]


def test_paragraph_separator_ends_a_block():
    article = ingest("Kurzer Titel\u2029Erster Satz. Zweiter Satz.\u2029\u2029Zwischentitel\u2029Dritter Satz.")
    _assert_offsets(article)
    assert _kinds(article) == [
        ("title", "Kurzer Titel"),
        ("lead", "Erster Satz."),
        ("lead", "Zweiter Satz."),
        ("subheading", "Zwischentitel"),
        ("body", "Dritter Satz."),
    ]


def test_other_unicode_spaces_are_stripped():
    raw = "\u3000\u2003Die NATO warnt.\u2002\u205f\n\u1680\n\u200bRussland schweigt.\u200b"
    article = ingest(raw)
    _assert_offsets(article)
    assert [u.text for u in article.units] == ["Die NATO warnt.", "Russland schweigt."]
