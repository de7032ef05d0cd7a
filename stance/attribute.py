"""Speaker attribution: who says each unit, how (direct / indirect / author), and the cue.

Rules, in the order they are tried for each unit of a document:

1. **Quotes.** Quotation marks of every common style („…“, "…", »…«, «…», ‚…‘, “…”) are
   tracked across units, so a quote that runs over several sentences is one group. A unit
   that is a quotation, continues one, or gives one after a colon or before ", sagte X" is
   ``direct``; a quoted phrase inside reported speech stays ``indirect``.
2. **Reporting verbs** (lexicon of lemmas with separable particles, lemmatized with
   `simplemma`): the speaker is the noun phrase right after the verb (", sagte X", ", so X",
   inverted main clause) or right before it ("X sagte, ...", "..., wie X warnt").
3. **Markers**: "laut X", "X zufolge", "nach Angaben/Ansicht/Auffassung/Worten von X".
4. **"Name: claim"** lines (headings, captions, body).
5. **Quote groups without their own cue** take the speaker named in another unit of the
   group, else the speaker (or last named person) of the preceding unit.
6. **Konjunktiv continuations** ("Das sei ...") keep the current speaker.
7. Everything else is the journalist's voice: ``author``.

Speaker noun phrases are resolved with the gazetteer (names, aliases), title/role patterns
("US-Außenminister Antony Blinken"), and in-document coreference: pronouns and role nouns
("er", "der Generalsekretär", "der frühere norwegische Regierungschef") go to the most recent
compatible named person, so every unit gets the canonical name.

>>> from stance.attribute import Attributor
>>> units = ["Die NATO sei eine defensive Allianz, betont Generalsekretär Jens Stoltenberg.",
...          "Das sei keine Drohung.", "Das Wetter war gut."]
>>> [(a.speaker, a.attribution, a.cue) for a in Attributor().attribute(units)]
[('Jens Stoltenberg', 'indirect', 'betont'), ('Jens Stoltenberg', 'indirect', 'sei (Konjunktiv)'), ('author', 'author', None)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .cues import CueLexicon
from .gazetteer import Entity, Gazetteer, Role
from .schema import AUTHOR, JOINT

_TOKEN = re.compile(r"[\w\u00C0-\u024F]+(?:[-–'’][\w\u00C0-\u024F]+)*|[^\w\s]")
_OPEN_CLOSE = {"„": "“”\"", "»": "«", "«": "»", "‚": "‘’", "“": "”", "\"": "\""}
_DETERMINERS = {
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
    "ihr", "ihre", "ihrer", "ihres", "ihrem", "ihren", "sein", "seine", "seiner", "seines", "seinem",
    "seinen", "dessen", "deren", "von", "vom",
}
_PRONOUNS = {"er": "m", "sie": "f", "Er": "m", "Sie": "f"}
# Demonstratives that point to the most recently mentioned person ("Dieser warf ... vor").
_DEMONSTRATIVES = {"Dieser": "m", "dieser": "m", "Diese": "f", "Letzterer": "m", "letzterer": "m",
                   "Letztere": "f", "letztere": "f"}
# Endings of person nouns outside the gazetteer's role lists ("Sicherheitsexperte Lukas Ammann").
_ROLE_SUFFIXES = ("vertreter", "vertreterin", "loge", "logen", "login", "wirt", "wirtin", "oppositionelle", "oppositioneller", "aktivist",
                  "aktivistin", "kritiker", "kritikerin", "autor", "autorin", "anwalt", "anwältin", "richter",
                  "richterin", "unternehmer", "unternehmerin", "manager", "managerin", "experte", "experten", "expertin", "forscher", "forscherin", "analyst", "analysten", "analystin",
                  "politiker", "politikerin", "sprecher", "sprecherin", "minister", "ministerin", "präsident",
                  "präsidentin", "direktor", "direktorin", "leiter", "leiterin", "botschafter", "botschafterin",
                  "general", "admiral", "kommandeur", "beauftragte", "beauftragter", "vorsitzende", "vorsitzender",
                  "abgeordnete", "abgeordneter", "chef", "chefin", "sekretär", "sekretärin", "berater", "beraterin",
                  "diplomat", "diplomatin", "oberst", "offizier", "ökonom", "ökonomin", "historiker", "historikerin",
                  "wissenschaftler", "wissenschaftlerin", "professor", "professorin", "journalist", "journalistin",
                  "oppositionsführer", "oppositionsführerin", "kandidat", "kandidatin", "bürgermeister",
                  "bürgermeisterin", "gouverneur", "gouverneurin", "senator", "senatorin", "premier", "kanzler",
                  "kanzlerin", "staatssekretär", "staatssekretärin", "demokrat", "demokratin")
# Person nouns that describe rather than name an office ("der SPD-Politiker"): they refer back
# to the most recent person of the matching gender.
_PERSON_SUFFIXES = ("politiker", "politikerin", "experte", "expertin", "analyst", "analystin", "forscher",
                    "forscherin", "abgeordnete", "abgeordneter", "diplomat", "diplomatin", "admiral", "general",
                    "offizier", "kommandeur", "beauftragte", "beauftragter", "berater", "beraterin", "journalist",
                    "journalistin", "historiker", "historikerin", "wissenschaftler", "wissenschaftlerin", "ökonom",
                    "ökonomin", "professor", "professorin", "generalmajor", "generalleutnant", "demokrat",
                    "demokratin", "demokraten")
# Heads of noun phrases naming a body or group that can speak ("die Vertretung der EU").
_BODY_SUFFIXES = ("ministerium", "regierung", "vertretung", "vertreter", "vertreterin", "botschaft", "behörde",
                  "kommission", "führung", "amt", "büro", "ausschuss", "ausschusses", "stab", "verwaltung", "dienst",
                  "kreise", "kreisen", "sprecher", "sprecherin", "agentur", "zeitung", "sender", "partei", "fraktion")
# Heads of bodies that speak through statements ("Laut Bundesnetzagentur", "des Verteidigungsministeriums").
_BODY_NOUNS = ("ministerium", "ministeriums", "regierung", "agentur", "behörde", "amt", "amts", "amtes", "botschaft", "vertretung",
               "kommission", "präsidialamt", "generalstab", "generalstabs")
# Plural groups of states or members that speak together ("Die Nato-Staaten sagten ... zu").
_GROUP_NOUNS = ("staaten", "länder", "alliierten", "verbündeten", "partner", "mitglieder", "regierungen",
                "bündnispartner", "außenminister", "verteidigungsminister", "staats- und regierungschefs")
# Bare plurals that name a group of sources ("Beobachter sagten", "Experten warnen").
_GROUP_SOURCES = frozenset({"Beobachter", "Experten", "Analysten", "Kritiker", "Diplomaten", "Beamte", "Politiker",
                            "Ökonomen", "Fachleute", "Insider", "Gegner", "Befürworter", "Militärexperten",
                            "Sicherheitsexperten", "Regierungsvertreter", "Abgeordnete", "Aktivisten", "Historiker"})
# Diplomatic missions and envoys: "in X" / "bei X" after them names the host, not the speaker.
_MISSION_NOUNS = ("botschaft", "botschafter", "botschafterin", "vertretung", "konsulat", "generalkonsulat",
                  "gesandte", "gesandter", "vertreter", "vertreterin")
# Nationality nouns that refer back to a person of that country ("so der Franzose"): (country, gender).
_NATIONALITIES = {
    **{m: (c, "m") for m, c in (("Franzose", "FR"), ("Norweger", "NO"), ("Amerikaner", "US"), ("US-Amerikaner", "US"),
                                 ("Russe", "RU"), ("Chinese", "CN"), ("Deutsche", "DE"), ("Ungar", "HU"), ("Pole", "PL"),
                                 ("Finne", "FI"), ("Ukrainer", "UA"), ("Brite", "GB"), ("Italiener", "IT"),
                                 ("Niederländer", "NL"), ("Este", "EE"), ("Lette", "LV"), ("Litauer", "LT"),
                                 ("Türke", "TR"), ("Schwede", "SE"), ("Däne", "DK"), ("Spanier", "ES"),
                                 ("Kanadier", "CA"), ("Japaner", "JP"), ("Belgier", "BE"), ("Grieche", "GR"))},
    **{f: (c, "f") for f, c in (("Französin", "FR"), ("Norwegerin", "NO"), ("Amerikanerin", "US"), ("Russin", "RU"),
                                 ("Chinesin", "CN"), ("Ungarin", "HU"), ("Polin", "PL"), ("Finnin", "FI"),
                                 ("Ukrainerin", "UA"), ("Britin", "GB"), ("Italienerin", "IT"), ("Estin", "EE"),
                                 ("Litauerin", "LT"), ("Schwedin", "SE"), ("Dänin", "DK"), ("Niederländerin", "NL"))},
}
# Bodies named by their seat ("die Regierung in Peking").
_SEATED_BODIES = frozenset({"Regierung", "Führung", "Botschaft", "Vertretung", "Staatsführung", "Machthaber",
                            "Außenministerium", "Verteidigungsministerium", "Ministerium", "Präsidialamt"})
# Capitals that name a state's bodies: "das Außenministerium in Peking" -> "Chinesisches Außenministerium".
_CAPITALS = {"Peking": "chinesisch", "Moskau": "russisch", "Kiew": "ukrainisch", "Taipeh": "taiwanisch",
             "Warschau": "polnisch", "Paris": "französisch", "London": "britisch", "Budapest": "ungarisch",
             "Ankara": "türkisch", "Tokio": "japanisch", "Seoul": "südkoreanisch", "Minsk": "belarussisch"}
# Military ranks: a definite rank noun refers back to a person in the text, never looked up by date.
_RANKS = {"Admiral", "General", "Generalleutnant", "Generalmajor", "Oberst", "Marschall", "Vizeadmiral", "Offizier"}
_AUX = {"hat", "hatte", "haben", "hatten", "habe", "hätte", "hätten", "ist", "war", "wird", "wurde", "sind", "waren", "werden", "wurden"}
_ACTIVE_AUX = {"hat", "hatte", "haben", "hatten", "habe", "hätte", "hätten"}
_PASSIVE = {"werden", "wird", "worden", "wurde", "wurden"}
_MODALS = {"kann", "können", "konnte", "will", "wollen", "wollte", "soll", "sollen", "sollte", "muss", "müssen",
           "musste", "darf", "dürfen", "wird", "werden", "würde", "würden", "möchte", "möchten"}
# Modal Konjunktiv II forms a journalist uses in narration ("Das dürfte ...").
_NOT_REPORTED = {"dürfte", "dürften", "möchte", "möchten"}
_HEADINGS = ("title", "subheading", "caption")
# Verbs of thinking and expecting report speech only with a clause or quote after them.
_CLAUSE_VERBS = {"erwarten", "hoffen", "glauben", "fürchten", "befürchten", "meinen", "finden", "vermuten", "wissen",
                 "denken", "sehen", "zeigen", "betrachten", "bezweifeln", "äußern"}
_STOP_UPPER = {
    "Die", "Der", "Das", "Es", "Man", "Wir", "Ich", "Ihr", "Dies", "Diese", "Dieser", "Doch", "Auch",
    "Und", "Aber", "Nach", "Laut", "So", "Zudem", "Damit", "Dort", "Jetzt", "Bei", "Mit", "In", "Im",
    "Am", "Auf", "Für", "Zur", "Zum", "Vor", "Wie", "Was", "Wer", "Den", "Dem", "Des", "Ein", "Eine",
    "Seit", "Als", "Wenn", "Weil", "Ob", "Um", "Gegen", "Über", "Unter", "Ohne", "Durch",
    "Dabei", "Zugleich", "Darin", "Deshalb", "Außerdem", "Derweil", "Daher", "Dennoch", "Trotzdem",
    "Allerdings", "Inzwischen", "Später", "Zuvor", "Bereits", "Schon", "Hier", "Heute", "Gestern", "Nun",
    "Damals", "Dazu", "Darauf", "Daraufhin", "Anschließend", "Gleichzeitig", "Ebenso", "Ferner", "Überdies",
    "Indes", "Jedoch", "Vielmehr", "Insbesondere", "Stattdessen", "Darüber", "Dagegen", "Demnach", "Deswegen",
    "Immer", "Erneut", "Wiederholt", "Ebenfalls", "Vor", "Nach", "Aus", "Von", "Beim", "Vom", "Zwar", "Dann",
    "Morgen", "Am", "Anfang", "Ende", "Mitte", "Wochenende", "Montag", "Dienstag", "Mittwoch", "Donnerstag",
    "Freitag", "Samstag", "Sonntag", "Unterdessen", "Kurz", "Noch", "Sogar", "Gerade", "Eigentlich",
    "Nachdem", "Obwohl", "Während", "Bevor", "Sobald", "Solange", "Falls", "Da", "Damit",
}
# Words with an adjective ending that are not adjectives: they end a speaker noun phrase.
_NOT_ADJECTIVES = frozenset({"über", "unter", "hinter", "wider", "gegenüber", "aber", "oder", "wieder", "immer", "sehr",
                             "mehr", "weiter", "später", "früher", "zuvor", "seither", "daher", "bisher", "nur", "oft"})
_ADJECTIVE = re.compile(r"^[a-zäöüß-]+(e|en|er|es|em)$")


def _adjective(word: str) -> bool:
    return word not in _NOT_ADJECTIVES and bool(_ADJECTIVE.match(word))


def _adjective_stem(word: str) -> str:
    """An inflected adjective without its ending: "ukrainischen" -> "ukrainisch"."""
    return re.sub(r"(?:e|em|en|er|es)$", "", word)


def _after_adjectives(toks, m: int) -> int:
    """The first token from m on that is not a lowercase adjective ("des | russischen | Sicherheitsrats")."""
    while m < len(toks) and toks[m].text[:1].islower() and _adjective(toks[m].text):
        m += 1
    return m


_OPINION_NOUNS = frozenset({"ansicht", "meinung", "auffassung", "einschätzung", "überzeugung", "darstellung",
                            "worten", "angaben", "lesart", "sicht"})
_RELATIVE = frozenset({"der", "die", "das", "welche", "welcher", "dem", "den", "deren", "dessen"})
# Genitive place names before a role noun, read as the matching adjective ("Sachsens Ministerpräsident").
_GENITIVE_PLACES = {
    "Chinas": "chinesisch", "Pekings": "chinesisch", "Russlands": "russisch", "Moskaus": "russisch",
    "Deutschlands": "deutsch", "Berlins": "deutsch", "Frankreichs": "französisch", "Polens": "polnisch",
    "Ungarns": "ungarisch", "Finnlands": "finnisch", "Schwedens": "schwedisch", "Estlands": "estnisch",
    "Lettlands": "lettisch", "Litauens": "litauisch", "Taiwans": "taiwanisch", "Amerikas": "amerikanisch",
    "Washingtons": "amerikanisch", "Japans": "japanisch", "Großbritanniens": "britisch", "Italiens": "italienisch",
    "Kiews": "ukrainisch", "Norwegens": "norwegisch", "Dänemarks": "dänisch", "Spaniens": "spanisch",
    "Sachsens": "sächsisch", "Brandenburgs": "brandenburgisch", "Thüringens": "thüringisch", "Bayerns": "bayerisch",
    "Niedersachsens": "niedersächsisch", "Belarus'": "belarussisch", "Tschechiens": "tschechisch",
}
_DOCUMENTS = frozenset({"Erklärung", "Mitteilung", "Stellungnahme", "Bericht", "Papier", "Kommuniqué", "Interview",
                        "Rede", "Botschaft", "Pressemitteilung", "Abschlusserklärung", "Gipfelerklärung", "Studie"})
# Endings of neuter nouns, for the adjective ending of a descriptive name ("Ukrainisches Militär").
_NEUTER_ENDINGS = ("ium", "amt", "büro", "militär", "institut", "zentrum", "kommando")
_AGE_NOUN = re.compile(r"^\d{1,3}-[Jj]ährige[nr]?$")
_ANON_HEADS = re.compile(r"^(ein|eine|einer|eines|einem|mehrere|zwei|drei|einige)\s+(.*)$", re.I)
# Collective anonymous sources: "aus diplomatischen Kreisen", "aus Regierungskreisen".
_COLLECTIVE = re.compile(r"(?:kreise|kreisen|quelle|quellen)$", re.I)
# Verbs in the cue lexicon that do not introduce speech on their own.
_NOT_CUES = {"reagieren"}


def _nominative(article: str, phrase: str) -> str:
    """Undo the dative/genitive inflection of an anonymous source: "einer diplomatischen Quelle"
    -> "diplomatische Quelle", "einem NATO-Diplomaten" -> "NATO-Diplomat"."""
    words = phrase.split()
    if article == "einer":
        words = [w[:-1] if w[:1].islower() and w.endswith("en") else w for w in words]
    elif article in ("einem", "eines"):
        words = [w[:-2] + "er" if w[:1].islower() and w.endswith("en") else w for w in words]
        if words and words[-1].endswith(("Diplomaten", "Beamten", "Experten", "Analysten", "Journalisten")):
            words[-1] = words[-1][:-2] if words[-1].endswith("en") else words[-1]
    return " ".join(words)


@dataclass(frozen=True)
class Attribution:
    """Who says a unit: canonical ``speaker`` ("author" for narration) and how."""

    speaker: str
    speaker_mention: str | None
    cue: str | None
    attribution: str
    mention_start: int | None = None
    mention_end: int | None = None


@dataclass
class _Tok:
    text: str
    start: int
    end: int


@dataclass
class _Local:
    """What one unit says about itself, before document-level propagation."""

    speaker: str | None = None
    entities: tuple[Entity, ...] = ()
    mention: tuple[int, int] | None = None
    cue: str | None = None
    quoted_chars: int = 0
    starts_in_quote: bool = False
    open_at_end: bool = False
    starts_with_quote: bool = False
    colon_quote: bool = False
    konjunktiv: str | None = None
    alone_marker: str | None = None
    colon_cue: str | None = None
    named: list[Entity] = field(default_factory=list)
    sources: list[Entity] = field(default_factory=list)  # media named in the unit ("berichtete der Spiegel")


def _described(toks: _Tokens, span: tuple[int, int]) -> tuple[str, tuple] | None:
    """A source the gazetteer does not know, in the nominative as it would be written as a subject:
    "der ukrainischen Luftwaffe" -> "Ukrainische Luftwaffe", "des ukrainischen Militärs" ->
    "Ukrainisches Militär", "chinesischen Staatsmedien" -> "Chinesische Staatsmedien"."""
    words = [t.text for t in toks[span[0]:span[1]]]
    article = words[0].lower() if words[0].lower() in ("der", "des", "dem", "den", "die", "das") else None
    words = words[1:] if article else words
    if not words or not words[-1][:1].isupper() or not all(w[:1].isupper() or _adjective(w) for w in words) \
            or any(w in _STOP_UPPER or w in _DOCUMENTS for w in words) or (article is None and len(words) == 1) \
            or _ANON_HEADS.match(words[0]) or words[0] in ("vieler", "einiger", "mancher", "aller", "beider"):
        return None  # "Laut Plan": no source
    noun = words[-1]
    if article == "des" and noun.endswith("s") and len(noun) > 5:
        noun = noun[:-2] if noun.endswith("es") and noun[-3] in "stzß" else noun[:-1]
    neuter = noun.lower().endswith(_NEUTER_ENDINGS)
    ending = {"des": "es" if neuter else "er", "dem": "es" if neuter else "er"}.get(article, "e")
    adjs = [_adjective_stem(w).capitalize() + ending if k == 0 else re.sub(r"(?:em|en|er|es)$", "e", w)
            for k, w in enumerate(words[:-1]) if w[:1].islower()]
    return " ".join(adjs + [noun]), ()


def _recent_person(candidates, gender: str, country: str | None = None) -> Entity | None:
    """The first person of this gender (and country, if given) in ``candidates`` (most recent first)."""
    return next((e for e in candidates if e.is_person and e.gender in (gender, None)
                 and (country is None or e.country == country)), None)


def _as_speaker(ent: Entity | None) -> tuple[str, tuple[Entity, ...]] | None:
    return (ent.name, (ent,)) if ent is not None else None


def _names_in(text: str, local_names: dict) -> list[Entity]:
    """Document-local people named in ``text`` (whole-word matches), in first-seen order."""
    found = []
    for name, ent in local_names.items():
        if name in text and ent not in found and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            found.append(ent)
    return found


class _Tokens(list):
    """Tokens of one unit, remembering the unit text."""

    def __init__(self, text: str):
        super().__init__(_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text))
        self.text = text


@lru_cache(maxsize=4096)
def _tokens(text: str) -> _Tokens:
    """Tokens of a unit (cached: each unit is read by several rules; callers never modify them)."""
    return _Tokens(text)


def quote_spans(text: str, open_quote: str | None = None) -> tuple[list[tuple[int, int]], str | None]:
    """Spans of quoted text and the quote still open at the end.

    ``open_quote`` is the opening mark of a quotation continuing from an earlier unit.

    >>> quote_spans('Er sagte: „Wir sind bereit.“ Dann »ging« er.')
    ([(10, 28), (34, 40)], None)
    >>> quote_spans('"Aber wir sind wachsam.')
    ([(0, 23)], '"')
    """
    spans: list[tuple[int, int]] = []
    start = 0 if open_quote else None
    current = open_quote
    for i, ch in enumerate(text):
        if current is not None:
            if ch in _OPEN_CLOSE[current] and not (ch in "’'" and i + 1 < len(text) and text[i + 1].isalpha()):
                spans.append((start, i + 1))
                current, start = None, None
            continue
        if ch in _OPEN_CLOSE:
            if ch == "‚" and not (i + 1 < len(text) and text[i + 1].isalpha()):
                continue
            closers = _OPEN_CLOSE[ch]
            if any(c in text[i + 1:] for c in closers) or ch in "„\"»«":
                current, start = ch, i
    if current is not None:
        spans.append((start, len(text)))
    return spans, current


class Attributor:
    """Document-level speaker attribution; see the module docstring for the rules.

    >>> att = Attributor()
    >>> doc = ['"Wir sind bereit.', 'Wir handeln", sagte Rutte.']
    >>> [a.speaker for a in att.attribute(doc)]
    ['Mark Rutte', 'Mark Rutte']
    """

    def __init__(self, gazetteer: Gazetteer | None = None, cues: CueLexicon | None = None):
        self.gaz = gazetteer or Gazetteer.default()
        self.cues = cues or CueLexicon.default()
        markers = [(m["text"].lower(), m["text"].lower().split(), m["position"]) for m in self.cues.markers
                   if m["text"] != ":"]
        self._markers = sorted(markers, key=lambda m: -len(m[1]))
        self._marker_starts = {m[1][0] for m in self._markers}
        self._role_cache: dict[str, bool] = {}
        self._cue_info: dict[str, tuple] = {}  # word -> (particles, prepositions, complements, is a cue verb)

    # -- noun phrases ------------------------------------------------------------------
    def _role_like(self, word: str) -> bool:
        """A role noun from the gazetteer, or a person noun by its ending ("Sicherheitsexperte")."""
        hit = self._role_cache.get(word)
        if hit is None:
            hit = word[:1].isupper() and (self.gaz.is_role_noun(word) or word.lower().endswith(_ROLE_SUFFIXES))
            if len(self._role_cache) < 100_000:
                self._role_cache[word] = hit
        return hit

    def _np_after(self, toks: list[_Tok], i: int) -> tuple[int, int] | None:
        """Token range [i, j) of a speaker noun phrase starting at token i."""
        j = i
        if j < len(toks) and (toks[j].text in _PRONOUNS or toks[j].text in _DEMONSTRATIVES):
            return (j, j + 1)
        saw_upper = False
        while j < len(toks):
            w = toks[j].text
            if (_AGE_NOUN.match(w) or w in _NATIONALITIES) and not saw_upper:  # "der 62-Jährige", "der Franzose"
                return (i, j + 1)
            if w in _DETERMINERS and not saw_upper:
                j += 1
                continue
            if w[:1].islower() and not saw_upper and w not in ("und",) and _adjective(w):
                j += 1  # adjectives: "frühere norwegische"
                continue
            if w == "und" and j + 1 < len(toks) and (toks[j + 1].text in _DETERMINERS or toks[j + 1].text[:1].isupper()):
                j += 1
                saw_upper = False if toks[j].text in _DETERMINERS else saw_upper
                continue
            if w[:1].isupper() and w not in _STOP_UPPER - {"Die", "Der", "Das"} or (w[:1].isupper() and saw_upper):
                if w in ("Die", "Der", "Das") and not saw_upper:
                    j += 1
                    continue
                if saw_upper and w in ("Die", "Der", "Das"):
                    break
                saw_upper = True
                j += 1
                continue
            if w in ("(", ")") or (w == "." and j > i and len(toks[j - 1].text) == 1):
                break
            break
        if not saw_upper:
            return None
        while j > i and not toks[j - 1].text[:1].isupper():
            j -= 1
        j = self._extend_name(toks, i, j)
        j = self._cut_after_name(toks, i, j)
        if toks[j - 1].text in _GENITIVE_PLACES:  # "Chinas oberster Außenpolitiker"
            m = _after_adjectives(toks, j)
            if m > j and m < len(toks) and self._role_like(toks[m].text):
                j = m + 1
        if _ANON_HEADS.match(toks[i].text + " x"):
            j = self._genitive_attribute(toks, j)
        return (i, self._apposition_after(toks, i, j))

    @staticmethod
    def _genitive_attribute(toks: list[_Tok], j: int) -> int:
        """Extend an anonymous source by its genitive attribute: "eine Bewohnerin | des Stadtteils
        Solomjanskyj", "ein Sprecher | der Regierung in Manila"."""
        if j >= len(toks) or toks[j].text not in ("des", "der"):
            return j
        m = start = _after_adjectives(toks, j + 1)
        while m < len(toks) and toks[m].text[:1].isupper() and toks[m].text not in _STOP_UPPER:
            m += 1
        if m == start:
            return j
        if m + 1 < len(toks) and toks[m].text == "in" and toks[m + 1].text[:1].isupper() \
                and toks[m - 1].text in _SEATED_BODIES:
            m += 2  # "der Regierung in Manila"
        return m

    def _cut_after_name(self, toks: _Tokens, i: int, j: int) -> int:
        """End the phrase after a known person's name ("Mike Pompeo Russland und China ..." -> "Mike
        Pompeo"), or after any known name that another name follows directly ("die Nato China")."""
        if j - i < 2:
            return j
        hits = self._name_hits(toks, i, j)
        starts = {s for s, _, _ in hits}
        for start, end, ent in hits:
            e = next((m for m in range(i, j) if toks[m].end >= end), j - 1) + 1
            if e < j and toks[e].text not in ("und", "&", ",", "sowie") and (
                    ent.is_person and j - i >= 3 or toks[e].start in starts):
                return e
            if ent.is_person:
                break
        return j

    def _apposition_after(self, toks: list[_Tok], i: int, j: int) -> int:
        """Extend a role phrase by a name in apposition: "die Sprecherin des Ministeriums, Mao Ning",
        "der SPD-Fraktionschef im Dresdner Landtag, Frank Lorenzen"."""
        if j + 2 >= len(toks) or not any(self._role_like(t.text) for t in toks[i:j]):
            return j
        comma = j
        if toks[j].text in ("im", "in", "des", "der", "am", "beim", "bei", "von", "vom"):  # a short attribute first
            comma = next((m for m in range(j + 1, min(j + 6, len(toks))) if toks[m].text == ","), None)
            if comma is None or not all(t.text[:1].isupper() or t.text in _DETERMINERS or t.text[:1].islower()
                                        and _adjective(t.text) for t in toks[j + 1:comma]):
                return j
        if toks[comma].text != ",":
            return j
        m = comma + 1
        while m < len(toks) and toks[m].text[:1].isupper() and toks[m].text not in _STOP_UPPER \
                and not self._role_like(toks[m].text):
            m += 1
        closes = m == len(toks) or toks[m].text in (".", ",", ";", "!", "?", ":")
        return m if m - (j + 1) >= 2 and closes else j

    def _extend_name(self, toks: list[_Tok], i: int, j: int) -> int:
        """Extend token range [i, j) to the end of a gazetteer name that starts inside it."""
        if j <= i or j >= len(toks):
            return j
        for start, end, _ in self._name_hits(toks, i, min(len(toks), j + 4)):
            if start < toks[j - 1].end < end:
                while j < len(toks) and toks[j].start < end:
                    j += 1
        return j

    def _name_hits(self, toks: _Tokens, a: int, b: int):
        span = toks.text[toks[a].start:toks[b - 1].end]
        return [(toks[a].start + s, toks[a].start + e, ent) for s, e, ent in self.gaz.find_names(span)]

    def _np_before(self, toks: list[_Tok], v: int) -> tuple[int, int] | None:
        """Token range of the noun phrase ending right before token v."""
        if v > 0 and toks[v - 1].text == ")":  # "Dietmar Woidke (SPD) sagte": skip the party
            opening = next((m for m in range(v - 2, max(-1, v - 8), -1) if toks[m].text == "("), None)
            if opening is not None:
                v = opening
        if v > 0 and toks[v - 1].text == ",":
            v -= 1
            # skip a relative clause: "Präsidentin X, die sich ... angeschlossen hat, warf ..."
            for m in range(v - 1, max(-1, v - 25), -1):
                if toks[m].text == "," and m + 1 < v and toks[m + 1].text in ("der", "die", "das", "welche", "welcher",
                                                                                "dem", "den", "deren", "dessen"):
                    v = m
                    break
        if v > 0 and toks[v - 1].text in _DEMONSTRATIVES and (v == 1 or toks[v - 2].text in (",", ".", ":", ";")):
            return (v - 1, v)
        j = v
        i = v
        while i > 0:
            w = toks[i - 1].text
            if (w[:1].isupper() or _AGE_NOUN.match(w)) and w not in _STOP_UPPER or w in ("Die", "Der", "Das", "Ein", "Eine") \
                    or w in _DETERMINERS \
                    or _adjective(w) or w == "und" or w in _PRONOUNS:
                i -= 1
                if w in ("Die", "Der", "Das", "Ein", "Eine") or (w in _DETERMINERS and (i == 0 or toks[i - 1].text in (",", "wie", "dass"))):
                    break
                continue
            break
        if i == j:
            return None
        nounish = lambda w: w[:1].isupper() or _AGE_NOUN.match(w)  # noqa: E731  ("Der 63-Jährige")
        while i < j and (toks[i].text in _DETERMINERS or toks[i].text == "und" or toks[i].text[:1].islower()) \
                and toks[i].text not in _PRONOUNS:
            if toks[i].text in _DETERMINERS and any(nounish(t.text) for t in toks[i + 1:j]):
                break
            i += 1
        if i == j or not any(nounish(t.text) or t.text in _PRONOUNS for t in toks[i:j]):
            return None
        if i >= 2 and toks[i - 1].text in ("in", "bei"):
            # "Die Regierung in Peking warnte", "Der chinesische Botschafter in Berlin sagte",
            # "Die Vertretung Russlands bei der Nato erklärte": the body or envoy, not its seat or host
            inner = self._np_before(toks, i - 1)
            if inner and any(toks[m].text in _SEATED_BODIES or toks[m].text.lower().endswith(_MISSION_NOUNS)
                             for m in range(*inner)):
                i = inner[0]
        return (i, j)

    @staticmethod
    def _closes_relative(toks: list[_Tok], k: int) -> bool:
        """True for "X, die sich ... angeschlossen hat, warf": the comma before the verb ends a relative clause."""
        for m in range(k - 2, max(-1, k - 25), -1):
            if toks[m].text == ",":
                return m + 1 < k and toks[m + 1].text in _RELATIVE
        return False

    def _apposition_before(self, toks: list[_Tok], k: int) -> bool:
        """True for ", Maria Sacharowa, machte": the comma closes an apposition naming the subject."""
        m = k - 2
        while m >= 0 and toks[m].text != ",":
            w = toks[m].text
            if not (w[:1].isupper() or w in ("-", "von", "der", "de", "van")):
                return False
            m -= 1
        return 0 < m < k - 2

    def _resolve(self, text: str, toks: list[_Tok], span: tuple[int, int], history: list[Entity],
                 current: list[Entity], date: str | None, local_names: dict[str, str]) -> tuple[str, tuple[Entity, ...]] | None:
        """Canonical speaker for the noun phrase toks[span]; None if it is no speaker."""
        a, b = span
        phrase = text[toks[a].start:toks[b - 1].end]
        if b - a == 1 and toks[a].text in _PRONOUNS:
            return _as_speaker(_recent_person(current + history[::-1], _PRONOUNS[toks[a].text]))
        if b - a == 1 and toks[a].text in _DEMONSTRATIVES:
            return _as_speaker(_recent_person(history[::-1], _DEMONSTRATIVES[toks[a].text]))
        names = self.gaz.find_names(phrase) + [(0, 0, e) for e in _names_in(phrase, local_names)]
        host = next((m for m in range(a + 1, b - 1) if toks[m].text in ("in", "bei")
                     and any(toks[x].text.lower().endswith(_MISSION_NOUNS) for x in range(a, m))), None)
        if host is not None and not any(e.is_person for _, _, e in names):
            # "der chinesische Botschafter in Berlin", "die Vertretung Russlands bei der Nato": the host is no speaker
            res = self._resolve(text, toks, (a, host), history, current, date, local_names)
            seat = toks[host + 1].text if toks[host].text == "in" and host + 2 == b else None
            if res is not None and seat and " in " in res[0] and not res[0].endswith(" in " + seat):
                return f"{res[0].split(' in ')[0]} in {seat}", ()  # "die russische Botschaft in Tallinn"
            return res
        capitalized = [t.text for t in toks[a:b] if t.text[:1].isupper() and t.text not in ("Die", "Der", "Das")]
        titled = len(capitalized) >= 2 and capitalized[0] in _GENITIVE_PLACES and self._role_like(capitalized[-1])
        # "Chinas oberster Außenpolitiker": a title, not the state
        persons = [e for _, _, e in names if e.is_person] or ([] if titled else [e for _, _, e in names])
        if persons:
            uniq = list(dict.fromkeys(persons))
            if len(uniq) > 1 and not any(t.text in ("und", "sowie", ",", "&") for t in toks[a:b]):
                uniq = uniq[:1]  # "die Nato China": the subject, then the object; not joint speakers
            return JOINT.join(e.name for e in uniq), tuple(uniq)
        words = [t.text for t in toks[a:b]]
        if len(words) == 2 and words[0] in ("Beide", "beide") and words[1] not in ("Länder", "Staaten"):
            # "Beide Präsidenten": the two people named last, in order of mention
            people = list(dict.fromkeys(e for e in current + history[::-1] if e.is_person))[:2]
            if len(people) == 2:
                people = [e for e in history if e in people] or people
                return JOINT.join(e.name for e in people), tuple(people)
        heads = [w for w in words if w not in _DETERMINERS]
        if len(heads) == 1 and heads[0][:1].isupper() and heads[0] not in _STOP_UPPER:
            for ent in current + history[::-1]:
                # "Wang" after "Wang Yi", "Lawrow" after a local "Sergej Lawrow"
                if ent.is_person and heads[0] in (ent.name.split()[0], ent.name.split()[-1]):
                    return ent.name, (ent,)
        if len(heads) - (heads[0] in ("Der", "Die")) == 1 and _AGE_NOUN.match(heads[-1]):
            # "der 62-Jährige", "die 72-Jährige": the most recent person of that gender
            return _as_speaker(_recent_person(current + history[::-1], "f" if words[0].lower() == "die" else "m"))
        anon = _ANON_HEADS.match(phrase)
        if anon and words[-1] in _DOCUMENTS:
            # "in einer Erklärung des Kremls": the body after the document; "in einer Erklärung": the current speaker
            if b < len(toks) and toks[b].text in ("des", "der"):
                owner = self._np_after(toks, b)
                return self._resolve(text, toks, owner, history, current, date, local_names) if owner else None
            return None
        if anon:  # "ein NATO-Diplomat": an anonymous source, never a known person
            return _nominative(anon.group(1).lower(), anon.group(2)), ()
        if words and _COLLECTIVE.search(words[-1]) and all(w not in _STOP_UPPER or w in ("Die", "Der") for w in words):
            # "(aus) diplomatischen Kreisen" -> "diplomatische Kreise"
            plain = [w for w in words if w not in _DETERMINERS and w not in ("Die", "Der")]
            plain = [w[:-1] if w.endswith("en") and (w[:1].islower() or w.lower().endswith("kreisen")) else w
                     for w in plain]
            return " ".join(plain), ()
        # Coordinated role nouns: "Der chinesische und der russische Außenminister"
        adjs = [w for w in words if w[:1].islower() and w not in _DETERMINERS and w != "und"]
        nouns = [w for w in words if w[:1].isupper() and w not in ("Die", "Der", "Das")]
        if len(nouns) >= 2 and nouns[0] in _GENITIVE_PLACES and self._role_like(nouns[1]):
            adjs.append(_GENITIVE_PLACES[nouns[0]] + "e")  # "Chinas Außenminister" = "der chinesische Außenminister"
            nouns = nouns[1:]
        role_idx = [k for k, w in enumerate(nouns) if self._role_like(w)]
        if len(words) == 1 and (words[0] in _GROUP_SOURCES or role_idx and not self.gaz.roles_for(words[0])):
            return words[0], ()  # "Kritiker werfen ihm vor": a bare plural names a group, no one person
        if role_idx:
            role = nouns[role_idx[-1]]
            after = [w for w in nouns[role_idx[-1] + 1:] if w not in _STOP_UPPER]
            if "," in words:  # "der Fraktionschef im Landtag, Frank Lorenzen": the name follows the comma
                after = [w for w in words[len(words) - words[::-1].index(","):] if w[:1].isupper()]
            if after:  # "Außenminister Jean Yves Le Drian": a name the gazetteer does not know
                ent = self._local_entity(" ".join(after), role, local_names)
                return ent.name, (ent,)
            groups = [[x] for x in adjs] if "und" in words and len(adjs) >= 2 else [adjs]
            found: list[Entity] = []
            for group in groups:
                ent = self._resolve_role(role, tuple(group), history, current, date)
                if ent is not None and ent not in found:
                    found.append(ent)
            if found:
                return JOINT.join(e.name for e in found), tuple(found)
        if len(nouns) == 1 and nouns[0] in _NATIONALITIES:  # "so der Franzose"
            country, gender = _NATIONALITIES[nouns[0]]
            return _as_speaker(_recent_person(current + history[::-1], gender, country))
        if len(words) >= 3 and words[-2] == "in" and words[-1] in _CAPITALS and nouns[0].lower().endswith(_BODY_NOUNS):
            adjs, nouns = [_CAPITALS[words[-1]] + "e"], nouns[:1]  # "das Außenministerium in Peking"
        body = self._body(adjs, nouns, bare=not any(w in _DETERMINERS or w in ("Die", "Der", "Das") for w in words))
        if body is not None:
            return body
        org = self.gaz.entity(" ".join(nouns)) if nouns else None
        if org is None and nouns:
            org = self.gaz.entity(nouns[-1])
        if org is not None and not org.is_person:
            return org.name, (org,)
        if nouns:
            if role_idx:
                return " ".join(w for w in words if w not in _DETERMINERS), ()
            caps = [w for w in words if w not in _DETERMINERS]
            inner = words[words.index(caps[0]):] if caps else []
            if len(caps) >= 2 and inner != caps and caps[0].lower().endswith(_BODY_SUFFIXES):
                # "die Vertretung der Europäischen Union": a body or group, not a person
                return " ".join(inner), ()
            if len(caps) >= 2 and inner == caps and all(w[:1].isupper() and w not in _STOP_UPPER for w in caps):
                ent = self._local_entity(" ".join(caps), None, local_names)
                return ent.name, (ent,)
            if len(nouns) == 1 and nouns[0].lower().endswith(_GROUP_NOUNS) and words[0] in ("Die", "die", "Alle", "alle"):
                # "Die Nato-Staaten", "die Alliierten": a group speaks, named as written without the article
                return " ".join(w for w in words[1:]), ()
        return None

    def _body(self, adjs: list[str], nouns: list[str], bare: bool) -> tuple[str, tuple[Entity, ...]] | None:
        """A body named by adjective + noun in any case: "taiwanischem Verteidigungsministerium" ->
        the gazetteer's "Taiwanisches Verteidigungsministerium", or a descriptive nominative name
        ("des südkoreanischen Verteidigungsministeriums" -> "Südkoreanisches Verteidigungsministerium")."""
        if len(nouns) != 1 or len(adjs) > 1 or not nouns[0].lower().endswith(_BODY_NOUNS):
            return None
        noun = nouns[0]
        bases = [noun] + [noun[: -len(e)] for e in ("s", "es") if noun.endswith(e) and noun[: -len(e)].lower().endswith(_BODY_NOUNS)]
        if not adjs:  # "Laut Bundesnetzagentur"; never a plain "der Regierung" (often an object)
            compound = not any(bases[-1].lower() == s for s in _BODY_NOUNS)
            return (bases[-1], ()) if bare and compound and noun[:1].isupper() else None
        stem = _adjective_stem(adjs[0])
        for base in bases:
            for ending in ("es", "e", "er"):
                ent = self.gaz.entity(f"{stem.capitalize()}{ending} {base}")
                if ent is not None:
                    return ent.name, (ent,)
        base = bases[-1]
        ending = "es" if base.lower().endswith(_NEUTER_ENDINGS) else (
            "e" if base.lower().endswith(("ung", "agentur", "behörde", "botschaft", "kommission", "führung")) else "er")
        return f"{stem.capitalize()}{ending} {base}", ()

    @staticmethod
    def _local_entity(name: str, role: str | None, local_names: dict) -> Entity:
        """A person the gazetteer does not know, remembered for this document (surname too)."""
        if name in local_names:
            return local_names[name]
        gender = None
        if role:
            gender = "f" if role.endswith(("in", "innen")) and not role.endswith(("chefin",)) or role.endswith("chefin") \
                else "m"
        roles = (Role(role=role, org=None, start=None, end=None, nouns=(role,), adjectives=()),) if role else ()
        ent = Entity(name=name, type="person", gender=gender, country=None, aliases=(), bloc=None, represents=(),
                     roles=roles)
        local_names[name] = ent
        parts = name.split()
        if len(parts) >= 2:
            local_names.setdefault(parts[-1], ent)
        return ent

    def _resolve_role(self, noun: str, adjectives: tuple[str, ...], history: list[Entity],
                      current: list[Entity], date: str | None) -> Entity | None:
        former = any(a.startswith(("früher", "ehemalig")) for a in adjectives)
        adjectives = tuple(a for a in adjectives if not a.startswith(("früher", "ehemalig", "neu", "amtierend")))
        candidates = current + history[::-1]
        if date and not former:
            # "der Kanzler" in 2023: a person named earlier who held the office then comes first
            for ent in candidates:
                if self.gaz.compatible(ent, noun, adjectives, date, require_active=True):
                    return ent
        for ent in candidates:
            if self.gaz.compatible(ent, noun, adjectives, None):
                return ent
        if noun in _RANKS or noun.lower().endswith(_PERSON_SUFFIXES) or (
                not self.gaz.roles_for(noun) and noun.lower().endswith(_ROLE_SUFFIXES)):
            return _recent_person(history[::-1], "f" if noun.endswith("in") else "m")
        if date is None:
            return None
        found = self.gaz.by_role(noun, adjectives, date)
        return found[0] if len(found) == 1 else None

    # -- cues --------------------------------------------------------------------------
    def _find_verb(self, toks: _Tokens) -> list[tuple[int, str, int | None]]:
        """Reporting verbs as (token index, cue text, particle index or None)."""
        found = []
        for k, t in enumerate(toks):
            w = t.text
            if not w[:1].islower() or not w.isalpha():
                continue
            info = self._cue_info.get(w)
            if info is None:
                lemma = self.cues.lemma(w)
                info = self._cue_info[w] = (
                    [p.split() for p in self.cues.needs_particle(w)],  # "in Aussicht" -> ["in", "Aussicht"]
                    self.cues.prepositions.get(lemma, ()), self.cues.complements.get(lemma, ()),
                    self.cues.verb_lemma(w) is not None)
            particles, preps, complements, is_verb = info
            if not (particles or preps or complements or is_verb):
                continue
            firsts = {words[0] for words in particles}
            particle_at = None  # (first, last) token of the particle
            for m in range(k + 1, min(k + 25, len(toks))) if particles else ():
                if toks[m].text in (".", ";", ":", "!", "?"):
                    break
                if toks[m].text not in firsts:
                    continue
                for words in particles:
                    last = m + len(words) - 1
                    if ([t.text for t in toks[m:last + 1]] == words
                            and (last + 1 == len(toks) or toks[last + 1].text in ".,;:!?\"“”»«)"
                                 or toks[last + 1].text in ("und", "oder", "sowie"))):
                        particle_at = (m, last)
                        break
                if particle_at:
                    break
            prep_at = next((m for m in range(k + 1, min(k + 8, len(toks))) if toks[m].text in preps), None) \
                if preps else None
            if w.endswith("e") and self._konjunktiv(w) and not (k > 0 and toks[k - 1].text.lower() in ("ich", "wir")):
                continue  # a reporting verb in Konjunktiv continues reported speech ("bezeichne", "unterstelle")
            if particle_at is not None:
                first, last = particle_at
                refl = " sich" if k + 1 < first and toks[k + 1].text == "sich" else ""
                gap = " " if first == k + 1 + bool(refl) else " … "  # "kündigte an, ..."
                found.append((k, f"{w}{refl}{gap}{toks.text[toks[first].start:toks[last].end]}", last))
            elif complements and any(t.text in complements for t in toks[k + 1:k + 5]):
                # "vertrat die Auffassung"; a reflexive verb keeps its "sich"
                found.append((k, f"{w} sich" if k + 1 < len(toks) and toks[k + 1].text == "sich" else w, None))
            elif prep_at is not None:
                sep = " " if prep_at == k + 1 else " … "
                found.append((k, f"{w}{sep}{toks[prep_at].text}", None))
            elif is_verb:
                found.append((k, w, None))
        return found

    @staticmethod
    def _verbs_after_quote(toks: _Tokens, spans: list[tuple[int, int]], known: set[int]) -> list[tuple[int, str, None]]:
        """The verb of '„…“, freute sich der Präsident': after a closing quote and a comma, a lowercase
        finite verb (and "sich") followed by a noun phrase reports the quotation."""
        found = []
        for _, end in spans:
            k = next((m for m, t in enumerate(toks) if t.start >= end), None)
            if k is None or toks[k].text != "," or k + 2 >= len(toks):
                continue
            v = k + 1
            w = toks[v].text
            if v in known or not (w[:1].islower() and w.isalpha()) or w in _DETERMINERS or w in ("so", "und", "aber"):
                continue
            refl = v + 1 < len(toks) and toks[v + 1].text == "sich"
            cue = f"{w} sich" if refl else w
            if w in _AUX or w in _PASSIVE:  # "hatte Putin gesagt", "wurde Peskow zitiert": the participle
                end = next((m for m in range(v + 1, len(toks)) if toks[m].text in ".,;!?:"), len(toks))
                if toks[end - 1].text.isalpha() and toks[end - 1].text.islower():
                    cue = toks[end - 1].text
            found.append((v, cue, None))
        return found

    def _local(self, text: str, open_quote: str | None, history: list[Entity], date: str | None,
               local_names: dict, kind: str, salient: list[Entity] = ()) -> tuple[_Local, str | None]:
        loc = _Local()
        spans, still_open = quote_spans(text, open_quote)
        loc.starts_in_quote = open_quote is not None
        loc.open_at_end = still_open is not None
        loc.quoted_chars = sum(e - s for s, e in spans)
        stripped = text.lstrip()
        loc.starts_with_quote = bool(stripped) and stripped[0] in _OPEN_CLOSE and bool(spans) and spans[0][0] == len(text) - len(stripped)
        in_quote = lambda pos: any(s <= pos < e for s, e in spans)  # noqa: E731
        toks = _tokens(text)
        loc.colon_quote = any(
            t.text == ":" and k + 1 < len(toks) and toks[k + 1].text in _OPEN_CLOSE for k, t in enumerate(toks)
        )
        first_colon = next((k for k, t in enumerate(toks[:4]) if t.text == ":"), None)
        if first_colon and all(t.text in _STOP_UPPER or t.text.islower() for t in toks[:first_colon]):
            loc.colon_cue = text[toks[0].start:toks[first_colon].end]  # "Und weiter:", "Weiter hieß es:"
        hits = [e for _, _, e in self.gaz.find_names(text)]
        loc.named = [e for e in hits if e.is_person]
        loc.sources = list(dict.fromkeys(e for e in hits if e.kind == "media"))
        outside = [k for k, t in enumerate(toks) if not in_quote(t.start)]
        out_set = set(outside)
        current: list[Entity] = list(salient)

        def resolve(span):
            return self._resolve(text, toks, span, history, current, date, local_names)

        def take(span, cue, res=None) -> bool:
            """Make the phrase toks[span] the unit's speaker (``res``: its resolution, if already known)."""
            res = res or resolve(span)
            if res is None:
                return False
            loc.speaker, loc.entities = res
            a, b = span
            loc.mention = (toks[a].start, toks[b - 1].end)
            loc.cue = cue
            return True

        unit_verbs: list | None = None

        def verbs_here() -> list[tuple[int, str, int | None]]:
            """The unit's reporting verbs (found once, on first use)."""
            nonlocal unit_verbs
            if unit_verbs is None:
                unit_verbs = self._find_verb(toks)
            return unit_verbs

        # Markers from the cue lexicon: "laut X", "X zufolge", ", so X", "nach Angaben von X", "demnach"
        lowered = [t.text.lower() for t in toks]
        for k in outside:
            if lowered[k] not in self._marker_starts:
                continue
            for marker, words, position in self._markers:
                n = len(words)
                if lowered[k:k + n] != words:
                    continue
                cue = text[toks[k].start:toks[k + n - 1].end]
                if position == "after_name":
                    span = self._np_before(toks, k)
                elif position == "before_name_after_comma":
                    if k == 0 or toks[k - 1].text not in (",", "“", "”", "\"", "«", "»"):
                        continue
                    span = self._np_after(toks, k + n)
                elif position == "before_name":
                    if words[-1] in ("aus", "in"):  # "hieß es aus X": the preposition is not part of the cue
                        cue = text[toks[k].start:toks[k + n - 2].end]
                    m = k + n
                    while m < len(toks) and toks[m].text in ("von", "vom", "aus", "in"):
                        if toks[m].text in ("von", "vom"):
                            cue = text[toks[k].start:toks[m].end]  # "nach Auffassung von"
                        m += 1
                    span = self._np_after(toks, m) if m < len(toks) else None
                elif position == "alone":
                    if marker in ("nach eigenen angaben", "eigenen angaben zufolge"):
                        span = self._np_after(toks, 0)
                    else:
                        aus = next((m for m in range(k - 1, -1, -1) if lowered[m] == "aus"), None)
                        if aus is None:
                            loc.alone_marker = cue
                            continue
                        span = self._np_after(toks, aus + 1)
                else:
                    continue
                res = resolve(span) if span else None
                if res is None and span and position in ("before_name", "after_name") and not verbs_here():
                    res = _described(toks, span)  # "Der ukrainischen Luftwaffe zufolge", "Laut chinesischen Staatsmedien"
                if res is not None and position != "alone" and res[1] and all(e.kind == "media" for e in res[1]) \
                        and verbs_here():
                    continue  # "sagte Peskow laut der Agentur Interfax": the agency only passes it on
                if res is not None and take(span, cue, res):
                    return loc, still_open
        # "Seiner Ansicht nach ...", "Ihrer Meinung nach ...": the most recent person of that gender
        if len(toks) > 3 and lowered[0] in ("seiner", "ihrer") and lowered[2] == "nach" \
                and lowered[1] in _OPINION_NOUNS and 0 in out_set:
            res = _as_speaker(_recent_person(current + history[::-1], "m" if lowered[0] == "seiner" else "f"))
            if res is not None and take((0, 1), text[toks[0].start:toks[2].end], res):
                return loc, still_open
        # "Für Kretschmer ist klar, ...": the view of a named person
        if len(toks) > 3 and toks[0].text == "Für" and 0 in out_set:
            span = self._np_after(toks, 1)
            if span and span[1] < len(toks) and toks[span[1]].text in ("ist", "sind", "war", "bleibt", "steht", "wäre"):
                res = resolve(span)
                if res is not None and res[1] and all(e.is_person for e in res[1]) and take(span, toks[0].text, res):
                    return loc, still_open
        # "wie es am Dienstag aus dem Bündnis hieß", "hieß es am Abend aus Regierungskreisen"
        for k in outside:
            if lowered[k] not in ("hieß", "heißt"):
                continue
            aus = next((m for m in range(k - 1, max(-1, k - 9), -1) if lowered[m] == "aus"), None)
            wie = next((m for m in range(k - 1, max(-1, k - 9), -1) if lowered[m] == "wie"), None)
            if aus is not None and wie is not None and wie < aus and lowered[wie + 1] == "es":
                span = self._np_after(toks, aus + 1)
                if span and take(span, f"{toks[wie].text} es … {toks[k].text}"):
                    return loc, still_open
        # Reporting verbs outside quotes
        verbs = list(verbs_here()) if kind not in _HEADINGS else []
        after_quote = self._verbs_after_quote(toks, spans, {v[0] for v in verbs})
        verbs += after_quote
        after_quote_at = {v[0] for v in after_quote}
        # ", sagte X" first: a verb right after a comma is the attribution of the clause before it
        verbs.sort(key=lambda v: (v[0] == 0 or toks[v[0] - 1].text != ",", v[0]))
        for k, cue, particle in verbs:
            if k not in out_set:
                continue
            prev = toks[k - 1].text if k > 0 else ""
            nxt = toks[k + 1].text if k + 1 < len(toks) else ""
            if prev in _AUX or prev in ("zu", "wie") or nxt in _PASSIVE or self.cues.lemma(toks[k].text) in _NOT_CUES:
                continue
            if self.cues.lemma(toks[k].text) == "berichten" and not loc.quoted_chars and any(
                    t.text == "über" for t in toks[k + 1:k + 12]) and not any(t.text == "," for t in toks[k + 1:]):
                continue  # "berichtete die Agentur über Manöver": the topic of a report, not its content
            if toks[k].text == self.cues.lemma(toks[k].text) and any(
                    self._konjunktiv(t.text) or t.text in _MODALS for t in toks[max(0, k - 8):k]):
                continue  # an infinitive under a modal: "werde ... verteidigen"
            inverted = prev == "," and not self._apposition_before(toks, k) and not self._closes_relative(toks, k)
            end = particle if particle is not None else k
            clause_follows = any(t.text in (",", ":") or t.text in _OPEN_CLOSE for t in toks[end + 1:end + 3]) or \
                any(t.text in (",", ":") for t in toks[end + 1:end + 8]) and self.cues.lemma(toks[k].text) in _CLAUSE_VERBS
            sees_as = self.cues.lemma(toks[k].text) == "sehen" and any(
                t.text in ("in", "im", "als") for t in toks[k + 1:k + 5])  # "sieht in X eine Gefahr", "sieht X als ..."
            if not inverted and self.cues.lemma(toks[k].text) in _CLAUSE_VERBS and not clause_follows \
                    and not cue.endswith(" sich") and not sees_as:
                continue
            skip = 2 if cue.endswith(" sich") and nxt == "sich" else 1  # "freute sich der Präsident"
            after = self._np_after(toks, k + skip) if k + skip < len(toks) else None
            before = self._np_before(toks, k)
            at_clause_end = k + 1 >= len(toks) or nxt in (",", ".", ";", ":", "!", "?", "und", "oder")
            aux = None
            if at_clause_end and not inverted:
                for m in range(k - 1, -1, -1):
                    if m not in out_set:
                        continue
                    if toks[m].text in (",", ";", ":"):
                        break
                    if toks[m].text in _AUX:
                        aux = m
                        break
            if aux is not None:
                if toks[aux].text not in _ACTIVE_AUX:
                    continue  # "ist gemeint", "wird erwartet": passive, no speaker
                after = self._np_after(toks, aux + 1)
                before = self._np_before(toks, aux)
                if toks[0].text in _STOP_UPPER and toks[0].text not in ("Die", "Der", "Das", "Ein", "Eine"):
                    before = None  # the Vorfeld is an adverbial: the subject follows the auxiliary
            wie = None
            if at_clause_end and not inverted and aux is None:
                for m in range(k - 1, -1, -1):  # "Wie das Ministerium mitteilte, ...": the subject follows "wie"
                    if toks[m].text in (",", ";", ":") or m not in out_set:
                        break
                    if toks[m].text.lower() == "wie":
                        wie = m
                        break
            if wie is not None and wie + 1 < k and toks[wie + 1].text != "es":
                start = wie + 2 if toks[wie + 1].text == "aus" else wie + 1  # "wie aus Regierungskreisen verlautete"
                before = self._np_after(toks, start) or before
            order = [after] if inverted else ([after, before] if before is None else [before, after])
            if before is not None and after is not None and not inverted:
                # "X sagte ...": the subject stands before the verb only if it opens the clause;
                # after an adverbial ("Dabei warf er ...") it follows the verb.
                starts_clause = before[0] == 0 or toks[before[0] - 1].text in (",", ";", ":", "wie", "dass", "und")
                dative = toks[before[0]].text in ("Der", "der") and before[0] + 1 < len(toks) and \
                    toks[before[0] + 1].text.endswith("en") and toks[before[0] + 1].text[:1].islower()
                if toks[after[0]].text in _PRONOUNS or not starts_clause or dative:
                    order = [after, before]
            if k in after_quote_at:  # a verb outside the lexicon: only a person named right after it
                res = resolve(after) if after else None
                if res is not None and res[1] and all(e.is_person for e in res[1]) and take(after, cue, res):
                    return loc, still_open
                continue
            for span in order:
                if span is None:
                    continue
                if take(span, cue):
                    return loc, still_open
        # "Name: claim"
        colon = next((k for k, t in enumerate(toks) if t.text == ":"), None)
        if colon is not None and 0 < colon <= 6:
            head = toks[:colon]
            if all(t.text[:1].isupper() or t.text in ("-", "von", "der", "de", "van", "zu") for t in head):
                span = (0, colon)
                names = self.gaz.find_names(text[: toks[colon].start])
                person = self.gaz.by_surname(head[0].text) if colon == 1 and not names else None
                if person is not None and take(span, ":", _as_speaker(person)):  # "Austin: ..."
                    return loc, still_open
                if names or any(self.gaz.is_role_noun(t.text) for t in head):
                    if take(span, ":"):
                        return loc, still_open
        # Konjunktiv continuation
        for k in outside:
            w = toks[k].text
            if w[:1].islower() and w not in _NOT_REPORTED and self._konjunktiv(w) and not (
                    k > 0 and toks[k - 1].text.lower() in ("ich", "wir")):
                opener = next((toks[m].text.lower() for m in range(k - 1, -1, -1)
                               if toks[m].text in (",", ";", ":") or toks[m].text.lower() in ("dass", "ob")), None)
                if opener in ("dass", "ob"):
                    continue  # "zeigte sich zuversichtlich, dass beide bald Mitglieder würden": not reported speech
                loc.konjunktiv = w
                break
        return loc, still_open

    def _konjunktiv(self, word: str) -> bool:
        """Konjunktiv forms from the lexicon, or a 3rd-person Konjunktiv I ("behalte", "verlängere")."""
        if self.cues.is_konjunktiv(word):
            return True
        if len(word) > 4 and word.endswith("e") and word.isalpha():
            lemma = self.cues.lemma(word)
            return lemma in (word + "n", word[:-1] + "n") and lemma != word
        return False

    # -- document ----------------------------------------------------------------------
    def attribute(self, units: Sequence[str], kinds: Sequence[str] | None = None,
                  date: str | None = None) -> list[Attribution]:
        """Attribute each unit of one document (units in reading order).

        >>> Attributor().attribute(["Lawrow sagte, man erkenne die Absichten."])[0].speaker
        'Sergej Lawrow'
        """
        kinds = list(kinds) if kinds is not None else ["body"] * len(units)
        history: list[Entity] = []
        salient: list[Entity] = []
        local_names: dict[str, Entity] = {}
        locals_: list[_Local] = []
        open_quote: str | None = None
        for text, kind in zip(units, kinds):
            if kind in ("title", "subheading", "caption"):
                open_quote = None
            loc, open_quote = self._local(text, open_quote, history, date, local_names, kind, salient)
            if kind in ("title", "subheading", "caption"):
                loc.open_at_end, open_quote = False, None
            named_here = loc.named + self._learn_names(text, local_names)
            # salience for pronouns in the next unit: its speaker, then people in order of mention
            salient = [e for e in (*loc.entities, *named_here) if e.is_person]
            for ent in named_here:
                if ent in history:
                    history.remove(ent)
                history.append(ent)
            for ent in loc.entities:
                if ent in history:
                    history.remove(ent)
                if ent.is_person:
                    history.append(ent)
            locals_.append(loc)
        return self._propagate(units, kinds, locals_)

    def _learn_names(self, text: str, local_names: dict) -> list[Entity]:
        """Remember "Role First Last" people the gazetteer lacks, so "Last" resolves later;
        return the local people named in ``text``."""
        toks = _tokens(text)
        for k, t in enumerate(toks):
            if self._role_like(t.text):
                names = []
                for m in range(k + 1, min(k + 5, len(toks))):
                    w = toks[m].text
                    if w[:1].isupper() and w not in _STOP_UPPER and not self._role_like(w) and w.replace("-", "").isalpha():
                        names.append(w)
                    else:
                        break
                if len(names) >= 2 and not self.gaz.find_names(" ".join(names)):
                    self._local_entity(" ".join(names), t.text, local_names)
        return _names_in(text, local_names)

    def _propagate(self, units: Sequence[str], kinds: Sequence[str], locs: list[_Local]) -> list[Attribution]:
        n = len(locs)
        out: list[Attribution | None] = [None] * n
        # quote groups: maximal runs connected by quotes open across unit boundaries
        group_of = list(range(n))
        for k in range(1, n):
            if locs[k].starts_in_quote:
                group_of[k] = group_of[k - 1]
        groups: dict[int, list[int]] = {}
        for k, g in enumerate(group_of):
            groups.setdefault(g, []).append(k)
        current: tuple[str, int] | None = None  # (speaker, unit index)
        for k in range(n):
            loc = locs[k]
            text = units[k]
            is_quote = loc.starts_in_quote or loc.starts_with_quote or loc.colon_quote
            members = groups[group_of[k]]
            multi = len(members) > 1
            if loc.speaker is not None:
                kind = "direct" if is_quote or (multi and loc.quoted_chars) else "indirect"
                out[k] = self._make(loc.speaker, text, loc.mention, loc.cue, kind)
            elif is_quote:
                speaker = next((locs[m].speaker for m in members if locs[m].speaker), None)
                if speaker is None and current is not None and current[1] >= k - 2:
                    speaker = current[0]
                if speaker is None and k > 0 and locs[k - 1].named:
                    speaker = locs[k - 1].named[-1].name
                if speaker is not None:
                    cue = (loc.colon_cue or ":") if loc.colon_quote and not loc.starts_with_quote else None
                    out[k] = Attribution(speaker, None, cue, "direct")
            elif loc.alone_marker and k > 0 and locs[k - 1].sources and (current is None or current[1] < k - 1):
                # "Demnach ..." after a sentence naming a report: the outlet(s) are the source
                speaker = JOINT.join(e.name for e in locs[k - 1].sources)
                out[k] = Attribution(speaker, None, loc.alone_marker, "indirect")
            elif loc.alone_marker and current is not None and current[1] >= k - 3:
                out[k] = Attribution(current[0], None, loc.alone_marker, "indirect")
            elif loc.konjunktiv and kinds[k] in ("body", "lead") and current is not None and current[1] >= k - 3:
                out[k] = Attribution(current[0], None, f"{loc.konjunktiv} (Konjunktiv)", "indirect")
            if out[k] is None:
                out[k] = Attribution(AUTHOR, None, None, "author")
                if kinds[k] in ("title", "subheading", "caption"):
                    continue
                if current is not None and current[1] < k - 1:
                    current = None
            else:
                current = (out[k].speaker, k)
        return out  # type: ignore[return-value]

    @staticmethod
    def _make(speaker: str, text: str, mention: tuple[int, int] | None, cue: str | None, kind: str) -> Attribution:
        if mention is None:
            return Attribution(speaker, None, cue, kind)
        return Attribution(speaker, text[mention[0]:mention[1]], cue, kind, mention[0], mention[1])
