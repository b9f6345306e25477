"""The contract for knowledge files: pydantic models, unknown keys forbidden.

Closed lists (kinds of partner, needs, profession groups) live here, so that a
typo in a file is an error with the allowed values listed, never a silent gap.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from bot.contact import InvalidContact, normalise_email, normalise_phone
from bot.knowledge.normalise import normalise
from bot.knowledge.translation_use import note_use
from bot.language import RECOGNISED, SUPPORTED

Status = Literal["draft", "published"]

#: The languages of the knowledge: a profession must be recognisable in each, texts may be.
Language = Literal["de", "en", "es", "ar", "ro", "uk", "tr", "vi"]
SYNONYM_LANGUAGES: tuple[str, ...] = get_args(Language)
#: Languages whose texts come from ``knowledge/translations/`` (staff write de and en).
TRANSLATED_LANGUAGES: tuple[str, ...] = tuple(
    lang for lang in SUPPORTED if lang not in ("de", "en")
)
_ALL_TEXT_LANGUAGES = frozenset(SUPPORTED)

#: What a newcomer may need; partners and topics are tagged with these.
Need = Literal[
    "recognition", "residence", "visa", "fast-track", "blue-card", "opportunity-card", "family",
    "work", "jobs", "employers", "language", "integration-course", "counselling", "registration",
    "tax", "health-insurance", "banking", "housing", "childcare", "school", "study",
    "everyday-life", "alliance", "welcome", "legal-advice", "labour-rights", "naturalisation",
    "driving-licence",
]  # fmt: skip

PartnerKind = Literal[
    "immigration-office", "employment-agency", "jobcenter", "chamber-of-commerce",
    "chamber-of-crafts", "professional-chamber", "recognition-authority", "counselling",
    "migration-counselling", "youth-migration-service", "language-school", "university",
    "welcome-centre", "alliance", "hotline", "portal", "authority", "municipal-service",
]  # fmt: skip

ProfessionGroup = Literal[
    "health", "medicine", "education", "social", "engineering", "it", "ihk-trade", "craft",
    "transport", "academic", "other",
]  # fmt: skip

#: Outside the six districts: who else a partner may serve.
WIDE_COVERAGE = ("niedersachsen", "germany")

_URL = re.compile(r"^https?://[^\s/.]+(\.[^\s/.]+)+(/\S*)?$")
#: Ids of records, and references to them: lower-case words joined by "-".
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _phone(value: str) -> str:
    # Kept as staff wrote it (the grouping and "-0" of a switchboard help readers);
    # it must be a real international number.
    if not value.startswith("+"):
        raise ValueError(
            f'phone "{value}" is not a full international number; write it like "+49 4941 1797-0"'
        )
    try:
        normalise_phone(value)
    except InvalidContact as error:
        raise ValueError(
            f'phone "{value}" is not a valid number ({error.detail}); write it like "+49 4941 1797-0"'
        ) from None
    return value


def _email(value: str) -> str:
    try:
        normalise_email(value)
    except InvalidContact as error:
        raise ValueError(
            f'e-mail "{value}" is not an address ({error.detail}); write it like "info@example.de"'
        ) from None
    return value


def _url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError(
            f'web address "{value}" is not a full URL; write it like "https://www.example.de"'
        )
    return value


def _postal_code(value: object) -> object:
    # YAML reads 26871 as a number; a five-digit number is unambiguous.
    if isinstance(value, int) and 10000 <= value <= 99999:
        return str(value)
    if not (isinstance(value, str) and re.fullmatch(r"\d{5}", value)):
        raise ValueError(f'postal code "{value}" must be five digits, like "26871"')
    return value


Phone = Annotated[str, AfterValidator(_phone)]
Email = Annotated[str, AfterValidator(_email)]
Url = Annotated[str, AfterValidator(_url)]
PostalCode = Annotated[str, BeforeValidator(_postal_code)]
RecordId = Annotated[str, Field(pattern=ID_PATTERN)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Unknown keys are errors; surrounding spaces are dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Translated(Strict):
    """A text in German and English, side by side, and in the languages it was translated into.

    Staff write ``de`` and ``en`` in the record; the other languages come from the record's
    files in ``knowledge/translations/<language>/`` (the loader sets them, with
    ``unreviewed`` naming those staff have not reviewed yet).
    """

    de: Text
    en: Text
    es: Text | None = None
    ar: Text | None = None
    uk: Text | None = None
    ro: Text | None = None
    tr: Text | None = None
    vi: Text | None = None
    #: Languages whose text is a translation staff have not reviewed (set by the loader).
    unreviewed: frozenset[str] = frozenset()

    def in_language(self, language: str, *, noted: bool = True) -> str:
        """The text in ``language``; English when it has no translation into it yet.

        A reply that uses an unreviewed or missing translation of an answer says so once
        (:func:`bot.knowledge.translation_use.tracking`); ``noted=False`` for the
        assistant's own sentences and labels, which would say it under every reply.
        """
        if language in ("de", "en"):
            return self.de if language == "de" else self.en
        text = getattr(self, language, None) if language in TRANSLATED_LANGUAGES else None
        if noted:
            note_use(language, missing=text is None, unreviewed=language in self.unreviewed)
        return text if text is not None else self.en

    def translation(self, language: str) -> str | None:
        """The text in ``language`` when it has one, without falling back."""
        return getattr(self, language) if language in _ALL_TEXT_LANGUAGES else None


_SHEET_ID = re.compile(r"\b(regional_facts(_addendum|_2026)?|municipalities)\.md\b")


def _public(source: str) -> str:
    if _SHEET_ID.search(source):
        raise ValueError(
            "names our research fact sheet, which newcomers cannot open; cite the public page "
            'it names instead: "https://… — <page title>"'
        )
    return source


#: A source a newcomer can follow: a public page (URL and title), never our fact-sheet id.
PublicSource = Annotated[Text, AfterValidator(_public)]


class Record(Strict):
    """Fields every knowledge record carries."""

    id: RecordId
    status: Status
    sources: list[Text] = []
    #: The date of the record's sources: the newest page its values come from, as the page
    #: or the fact sheet dates it (not when we looked). Left out when no source shows one;
    #: answers then say the source is undated.
    as_of: dt.date | None = None
    #: Set only by a person who confirmed the record against its live source, with
    #: ``verified_by`` (``python -m bot knowledge confirm``): answers then say so.
    last_verified: dt.date | None = None
    verified_by: Text | None = None

    @model_validator(mode="after")
    def _published_needs_provenance(self) -> Record:
        if self.status == "published" and not self.sources:
            raise ValueError(
                "a published record needs 'sources' (the pages its values come from); "
                "add them, or set 'status: draft'"
            )
        if (self.last_verified is None) != (self.verified_by is None):
            raise ValueError(
                "'last_verified' and 'verified_by' go together: who confirmed the record "
                "against its live source, and when (python -m bot knowledge confirm)"
            )
        return self


def _recognised_languages(texts: dict[str, str]) -> dict[str, str]:
    unknown = [key for key in texts if key not in RECOGNISED]
    if unknown:
        raise ValueError(
            f"'{unknown[0]}' is not a language the assistant recognises; use one of "
            + ", ".join(f"'{lang}'" for lang in RECOGNISED)
        )
    return texts


class Message(Record):
    """A fixed message of the assistant (greeting, goodbye …) that staff may reword."""

    text: Translated
    #: The same message in further languages, for people who write in them.
    translations: Annotated[dict[str, Text], AfterValidator(_recognised_languages)] = {}


class Offices(Strict):
    """Partner ids of the offices responsible for a district or municipality."""

    immigration_office: RecordId | None = None
    employment_agency: RecordId | None = None
    jobcenter: RecordId | None = None
    chamber_of_commerce: RecordId | None = None
    chamber_of_crafts: RecordId | None = None


class District(Record):
    """A Landkreis or the kreisfreie Stadt Emden."""

    name: Text
    kind: Literal["landkreis", "kreisfreie-stadt"]
    ags: Annotated[str, Field(pattern=r"^\d{5}$")]
    seat: Text
    offices: Offices
    aliases: list[Text] = []
    notes: Translated | None = None


class Municipality(Record):
    """A town, Gemeinde, Samtgemeinde or Mitgliedsgemeinde."""

    name: Text
    official_name: Text | None = None
    type: Literal["einheitsgemeinde", "samtgemeinde", "mitgliedsgemeinde", "kreisfreie-stadt"]
    town: bool = False
    district: RecordId
    samtgemeinde: RecordId | None = None
    ags: Annotated[str, Field(pattern=r"^\d{8}$")] | None = None
    postal_codes: list[PostalCode] = Field(min_length=1)
    offices: Offices = Offices()
    aliases: list[Text] = []
    notes: Translated | None = None

    @model_validator(mode="after")
    def _members_name_their_samtgemeinde(self) -> Municipality:
        if (self.type == "mitgliedsgemeinde") != (self.samtgemeinde is not None):
            raise ValueError(
                "a Mitgliedsgemeinde needs 'samtgemeinde: <id>', and only a Mitgliedsgemeinde has one"
            )
        return self


class Address(Strict):
    """A postal address; the postal code may be missing when the source gives none."""

    street: Text | None = None
    postal_code: PostalCode | None = None
    city: Text


class Contact(Strict):
    """How to reach a partner; leave out what the sources do not confirm."""

    address: Address | None = None
    phone: list[Phone] = []
    email: list[Email] = []
    web: Url | None = None
    opening_hours: Translated | None = None


class Referral(Strict):
    """How a partner that agreed to receive referrals gets them: e-mail, or a signed HTTPS webhook.

    The webhook's shared secret never goes into a knowledge file: ``secret_variable``
    names the environment variable that holds it on the server.
    """

    email: Email | None = None
    webhook: Url | None = None
    secret_variable: Annotated[str, Field(pattern=r"^EMS_REFERRAL_SECRET_[A-Z0-9_]+$")] | None = (
        None
    )
    #: When the partner agreed to receive referrals this way.
    agreed_on: dt.date

    @model_validator(mode="after")
    def _one_channel(self) -> Referral:
        if (self.email is None) == (self.webhook is None):
            raise ValueError("a referral channel needs exactly one of 'email:' or 'webhook:'")
        if self.webhook is not None:
            if not self.webhook.startswith("https://"):
                raise ValueError("a referral webhook must be an https:// address")
            if self.secret_variable is None:
                raise ValueError(
                    "a referral webhook needs 'secret_variable: EMS_REFERRAL_SECRET_<NAME>' "
                    "(the variable that holds the shared secret on the server)"
                )
        elif self.secret_variable is not None:
            raise ValueError("'secret_variable:' belongs to a webhook, not to an e-mail channel")
        return self


class Partner(Record):
    """An organisation a newcomer can turn to."""

    sources: list[PublicSource] = []

    name: Text
    short_name: Text | None = None
    kind: PartnerKind
    coverage: list[RecordId] = Field(min_length=1)
    helps_with: list[Need] = Field(min_length=1)
    languages: list[LanguageCode] = []
    description: Translated
    contact: Contact = Contact()
    #: Set only when the partner agreed to receive referrals from the assistant.
    referral: Referral | None = None
    aliases: list[Text] = []
    notes: Translated | None = None


class Synonyms(Strict):
    """Names and job titles of a profession, per language."""

    de: list[Text] = Field(min_length=1)
    en: list[Text] = Field(min_length=1)
    es: list[Text] = Field(min_length=1)
    ar: list[Text] = Field(min_length=1)
    ro: list[Text] = Field(min_length=1)
    uk: list[Text] = Field(min_length=1)
    tr: list[Text] = Field(min_length=1)
    vi: list[Text] = Field(min_length=1)


class CompetentBody(Strict):
    """Who decides on recognition: everywhere or in the listed districts, for any or one origin."""

    partner: RecordId
    districts: list[RecordId] = []
    #: Where the qualification was gained, when that changes who decides.
    origin: Literal["any", "eu", "non-eu"] = "any"
    note: Translated | None = None


class Profession(Record):
    """A profession, whether it is regulated, and how recognition works in Niedersachsen."""

    sources: list[PublicSource] = []

    name: Translated
    group: ProfessionGroup
    regulated: bool
    synonyms: Synonyms
    competent_bodies: list[CompetentBody] = Field(min_length=1)
    procedure: Translated
    documents: Translated | None = None
    fees: Translated | None = None
    duration: Translated | None = None
    compensation: Translated | None = None
    notes: Translated | None = None
    links: list[Url] = []
    #: Facts by aspect, answered when a question asks for that aspect.
    facts: list[Fact] = []


#: What a question may ask about a topic or a profession; each has its words in knowledge/aspects/.
Aspect = Literal[
    "cost", "duration", "documents", "requirements", "deadline", "where", "online", "contact",
    "threshold",
]  # fmt: skip


class Fact(Strict):
    """One fact of a topic or profession, about one aspect, from one public page of a known date."""

    aspect: Aspect
    text: Translated
    #: Only for questions that use one of these words (any language): where a topic has
    #: several facts about one aspect ("Sperrkonto" and "Punkte" are both limits).
    keywords: list[Text] = []
    #: Only for people in these districts or municipalities (ids): a town's deadline, a
    #: district's office. The conversation's place chooses them.
    places: list[RecordId] = []
    #: The public page the fact comes from.
    source: Url
    #: The date of that page (when it was published or last changed), not when we looked;
    #: left out when the page shows none (the answer then says it is undated).
    as_of: dt.date | None = None
    #: The calendar year a figure applies to ("2026: 50.700 Euro"); its text names it. In a
    #: later year the answer says the figure is from this year and where to check.
    year: Annotated[int, Field(ge=2000, le=2100)] | None = None


class Keywords(Strict):
    """Words people use for a topic; German and English required."""

    de: list[Text] = Field(min_length=1)
    en: list[Text] = Field(min_length=1)
    es: list[Text] = []
    ar: list[Text] = []
    ro: list[Text] = []
    uk: list[Text] = []
    tr: list[Text] = []
    vi: list[Text] = []

    @functools.cached_property
    def normalised(self) -> tuple[tuple[str, str], ...]:
        """Every word in its normal form (``bot/knowledge/normalise.py``), with its language.

        Worked out once per record, not for every message the dialogue reads.
        """
        return tuple(
            (language, normal)
            for language, words in self
            for normal in map(normalise, words)
            if normal
        )


class AspectWords(Record):
    """The words that show a question asks about one aspect ("Was kostet …", "how long …")."""

    label: Translated
    words: Keywords
    #: Aspects whose facts answer when a record has none for this one ("Wie viel Geld" asks
    #: a cost; a blocked account's amount is a threshold).
    also: list[Aspect] = []
    #: Units (any language) that show a line of a topic's details answers this aspect when
    #: they follow a figure, although it uses none of ``words``: "nach 27 Monaten" answers
    #: "how soon?".
    shown_by: list[Text] = []
    #: How long a fact of this aspect stays current after the date of its source: figures
    #: for a year (fees, limits) until that year ends, contact data for two years. An
    #: older fact is shown with a line asking to confirm it at the source or the office.
    current_until: Literal["end-of-year", "two-years"] | None = None


class Vocabulary(Record):
    """Words the dialogue reads in every language (``knowledge/vocabulary/``): how a
    follow-up begins ("and for …", "y para …", "а в …")."""

    words: Keywords


#: A key of the text catalogue: lower-case words joined by ``_`` (``ask_place``).
TextKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class TextGroup(Record):
    """Sentences and labels of the assistant (``knowledge/texts/``), by key, in each language.

    The code names each key (``bot/knowledge/required.py``: ``TextId``); staff reword the
    texts here. Placeholders in braces (``{place}``) are filled in by the assistant.
    """

    texts: dict[TextKey, Translated] = Field(min_length=1)


#: The offices districts and municipalities name (``offices:``), by field.
OfficeField = Literal[
    "immigration_office", "employment_agency", "jobcenter", "chamber_of_commerce",
    "chamber_of_crafts",
]  # fmt: skip


class Service(Record):
    """A kind of service people look for ("Ausländerbehörde", "Deutschkurs") and who provides it."""

    #: How answers call it ("Ausländerbehörde für Leer:").
    name: Translated
    #: Words people use for it; typos and inflections are matched too.
    words: Keywords
    partner_kinds: list[PartnerKind] = Field(min_length=1)
    #: The office field of districts and municipalities that names the responsible partner.
    office: OfficeField | None = None
    #: Only partners that help with this need (childcare among the municipal services).
    need: Need | None = None
    #: The official finder when the knowledge has no partner for a place.
    finder: Url | None = None
    #: After this service's answer, offer to pass a request on to one of its partners.
    offer_referral: bool = False
    #: Set when a request can be passed on to this service: its label on the "what for?" buttons.
    referral_label: Translated | None = None
    #: The topics that answer questions about this service, the one for follow-ups first
    #: ("und bis wann?" after the Kita office); a topic named here finds its offices.
    topics: list[RecordId] = []


class Answer(Strict):
    """A short answer first, and more on request."""

    short: Translated
    more: Translated | None = None


class Topic(Record):
    """A question newcomers ask, answered in German and English."""

    sources: list[PublicSource] = []

    title: Translated
    needs: list[Need] = Field(min_length=1)
    keywords: Keywords
    answer: Answer
    partners: list[RecordId] = []
    links: list[Url] = []
    #: Facts by aspect, answered when a question asks for that aspect instead of the summary.
    facts: list[Fact] = []
    #: The office for this topic is the administration of the person's town, or of its
    #: Samtgemeinde for a member municipality (the Bürgerbüro for the Anmeldung): an
    #: answer for a known place names it.
    served_by_the_municipality: bool = False
