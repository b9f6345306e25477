"""Golden error messages: every kind of mistake staff can make, with its exact message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.knowledge.errors import KnowledgeInvalid
from bot.knowledge.loader import load_knowledge
from bot.knowledge.required import TextId
from bot.settings import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "knowledge"


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(FIXTURE, root)
    return root


def _edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text()
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1))


def _errors(root: Path) -> list[str]:
    with pytest.raises(KnowledgeInvalid) as failure:
        load_knowledge(root)
    return [error.format(root) for error in failure.value.errors]


def test_the_fixture_is_valid() -> None:
    assert load_knowledge(FIXTURE).record_count == 49


EDITS = [
    pytest.param(
        "partners/abh-test.yml",
        "kind: immigration-office",
        "kind: immigration-office\ncolour: blue",
        "partners/abh-test.yml:7 unknown key 'colour'; check its spelling or remove it",
        id="unknown-key",
    ),
    pytest.param(
        "partners/abh-test.yml",
        "name: Ausländerbehörde Landkreis Test\n",
        "",
        "partners/abh-test.yml:1 'name' is missing; add it",
        id="missing-field",
    ),
    pytest.param(
        "partners/abh-test.yml",
        "kind: immigration-office",
        "kind: immigration",
        "partners/abh-test.yml:6 kind: 'immigration' is not allowed; use one of 'immigration-office', "
        "'employment-agency', 'jobcenter', 'chamber-of-commerce', 'chamber-of-crafts', 'professional-chamber', "
        "'recognition-authority', 'counselling', 'migration-counselling', 'youth-migration-service', "
        "'language-school', 'university', 'welcome-centre', 'alliance', 'hotline', 'portal', 'authority' or "
        "'municipal-service'",
        id="not-allowed-value",
    ),
    pytest.param(
        "partners/abh-test.yml",
        '"+49 30 23125-000"',
        '"030 23125 000"',
        'partners/abh-test.yml:14 contact → phone → 0: phone "030 23125 000" is not a full international '
        'number; write it like "+49 4941 1797-0"',
        id="malformed-phone",
    ),
    pytest.param(
        "partners/abh-test.yml",
        "abh@test.example",
        "abh(at)test.example",
        'partners/abh-test.yml:15 contact → email → 0: e-mail "abh(at)test.example" is not an address '
        '(An email address must have an @-sign.); write it like "info@example.de"',
        id="malformed-email",
    ),
    pytest.param(
        "partners/abh-test.yml",
        '"+49 30 23125-000"',
        '"+49 000 0000"',
        'partners/abh-test.yml:14 contact → phone → 0: phone "+49 000 0000" is not a valid number '
        '(no phone number of its country has these digits); write it like "+49 4941 1797-0"',
        id="phone-that-does-not-exist",
    ),
    pytest.param(
        "partners/abh-test.yml",
        "https://www.test.example/abh",
        "www.test.example/abh",
        'partners/abh-test.yml:16 contact → web: web address "www.test.example/abh" is not a full URL; '
        'write it like "https://www.example.de"',
        id="malformed-url",
    ),
    pytest.param(
        "regions/municipalities/teststadt.yml",
        '["26999"]',
        '["2699"]',
        'regions/municipalities/teststadt.yml:10 postal_codes → 0: postal code "2699" must be five digits, '
        'like "26871"',
        id="malformed-postal-code",
    ),
    pytest.param(
        "regions/municipalities/teststadt.yml",
        "district: landkreis-test",
        "district: landkreis-tset",
        "regions/municipalities/teststadt.yml:8 district: there is no district 'landkreis-tset'; check the "
        "spelling or add regions/districts/landkreis-tset.yml",
        id="broken-reference",
    ),
    pytest.param(
        "topics/registration.yml",
        "sources: [Test fixture]\n",
        "",
        "topics/registration.yml:1 a published record needs 'sources' (the pages its values come "
        "from); add them, or set 'status: draft'",
        id="published-without-source",
    ),
    pytest.param(
        "topics/registration.yml",
        "as_of: 2026-11-28",
        "as_of: 28.11.2026",
        "topics/registration.yml:4 as_of: '28.11.2026' is not a date; write it like 2026-11-28",
        id="bad-date",
    ),
    pytest.param(
        "topics/registration.yml",
        "as_of: 2026-11-28",
        "as_of: 2026-11-28\nlast_verified: 2026-12-01",
        "topics/registration.yml:1 'last_verified' and 'verified_by' go together: who confirmed the "
        "record against its live source, and when (python -m bot knowledge confirm)",
        id="confirmed-by-nobody",
    ),
    pytest.param(
        "partners/abh-probe.yml",
        "sources: [Test fixture]",
        'sources: ["regional_facts.md ABH-03"]',
        "partners/abh-probe.yml:3 sources → 0: names our research fact sheet, which newcomers cannot "
        'open; cite the public page it names instead: "https://… — <page title>"',
        id="fact-sheet-id-as-source",
    ),
    pytest.param(
        "professions/nursing.yml",
        "  vi: [y tá]\n",
        "",
        "professions/nursing.yml:10 'synonyms → vi' is missing; add it",
        id="missing-language",
    ),
    pytest.param(
        "regions/municipalities/probedorf.yml",
        "samtgemeinde: samtgemeinde-probe\n",
        "",
        "regions/municipalities/probedorf.yml:1 a Mitgliedsgemeinde needs 'samtgemeinde: <id>', and only a "
        "Mitgliedsgemeinde has one",
        id="member-without-samtgemeinde",
    ),
    pytest.param(
        "regions/municipalities/probedorf.yml",
        "samtgemeinde: samtgemeinde-probe",
        "samtgemeinde: teststadt",
        "regions/municipalities/probedorf.yml:8 samtgemeinde: 'teststadt' is not a Samtgemeinde of "
        "landkreis-test",
        id="samtgemeinde-of-wrong-type",
    ),
    pytest.param(
        "topics/registration.yml",
        "id: registration",
        "id: anmeldung",
        "topics/registration.yml:1 id 'anmeldung' differs from the file name; rename the file to "
        "'anmeldung.yml' or set 'id: registration'",
        id="id-differs-from-file-name",
    ),
    pytest.param(
        "topics/registration.yml",
        "id: registration",
        "id: Registration",
        "topics/registration.yml:1 id: 'Registration' is not an id; ids are lower-case words joined by "
        "'-', like 'landkreis-leer'",
        id="id-not-kebab-case",
    ),
    pytest.param(
        "topics/registration.yml",
        "needs: [registration]",
        "needs: [registration",
        "topics/registration.yml:9 is not valid YAML: expected ',' or ']', but got ':'",
        id="invalid-yaml",
    ),
    pytest.param(
        "texts/dialogue.yml",
        '  no_service:\n    de: "Für {place} kenne',
        '  no_service:\n    de: "Für {ort} kenne',
        "texts/dialogue.yml:70 texts → no_service → de: must use the placeholders {finder}, {place}; "
        "{place} is missing; {ort} is not one the assistant fills in",
        id="text-placeholder-renamed",
    ),
    pytest.param(
        "texts/dialogue.yml",
        "Für {place} kenne",
        "Für {place kenne",
        "texts/dialogue.yml:70 texts → no_service → de: a brace { or } has no partner; write "
        "placeholders as {finder}, {place}",
        id="text-brace-unpaired",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), EDITS)
def test_each_mistake_has_its_message(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    root = _copy(tmp_path)
    _edit(root, file, old, new)
    assert _errors(root) == [expected]


def test_duplicate_ids_in_subfolders(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "partners" / "emsland").mkdir()
    shutil.copy(root / "partners" / "abh-test.yml", root / "partners" / "emsland" / "abh-test.yml")
    assert _errors(root) == [
        "partners/emsland/abh-test.yml:1 id 'abh-test' is already used by partners/abh-test.yml; "
        "give one of them another id"
    ]


def test_a_synonym_may_name_one_profession_only(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    text = (root / "professions" / "nursing.yml").read_text()
    (root / "professions" / "elderly-care.yml").write_text(
        text.replace("id: nursing", "id: elderly-care").replace("[Krankenschwester, Pflegefachkraft]", "[Altenpfleger, Krankenschwester]")
        .replace("[nurse]", "[elderly carer]").replace("[enfermera]", "[geriatra]").replace("[ممرضة]", "[مقدم رعاية]")
        .replace("[asistentă medicală]", "[îngrijitor]").replace("[медсестра]", "[доглядальниця]")
        .replace("[hemşire]", "[yaşlı bakıcısı]").replace("[y tá]", "[hộ lý]")
    )  # fmt: skip
    assert _errors(root) == [
        "professions/nursing.yml:11 synonyms → de: 'Krankenschwester' already names the profession "
        "'elderly-care'; a word may name one profession only"
    ]


def test_wrong_file_extension_and_non_mapping(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "topics" / "housing.yaml").write_text("id: housing\n")
    (root / "topics" / "list.yml").write_text("- a\n- b\n")
    assert _errors(root) == [
        "topics/housing.yaml ends in .yaml and is not read; rename it to .yml",
        "topics/list.yml:1 must be a set of 'key: value' lines",
    ]


def test_every_error_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(
        root,
        "partners/abh-test.yml",
        "kind: immigration-office",
        "kind: immigration-office\ncolour: blue",
    )
    _edit(root, "regions/municipalities/teststadt.yml", '["26999"]', '["2699"]')
    _edit(root, "topics/registration.yml", "partners: [abh-test]", "partners: [abh-tset]")
    assert len(_errors(root)) == 3


def test_a_draft_may_lack_provenance_but_is_never_served(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(
        root,
        "topics/registration.yml",
        "status: published\nsources: [Test fixture]\n",
        "status: draft\n",
    )
    knowledge = load_knowledge(root)
    assert "registration" not in knowledge.topics
    assert knowledge.drafts == 1


def test_published_records_may_not_point_at_a_draft(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, "partners/abh-test.yml", "status: published", "status: draft")
    assert _errors(root) == [
        "professions/nursing.yml:20 competent_bodies → 0 → partner: partner 'abh-test' is a draft; "
        "publish it or refer to another partner",
        "regions/districts/landkreis-test.yml:10 offices → immigration_office: partner 'abh-test' is a "
        "draft; publish it or refer to another partner",
        "topics/registration.yml:23 partners → 0: partner 'abh-test' is a draft; publish it or refer to "
        "another partner",
    ]


def test_a_text_the_assistant_says_must_be_defined_once(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, "texts/dialogue.yml", "  ask_place:", "  ask_plaec:")
    assert _errors(root) == [
        "texts has no text 'ask_place'; the assistant needs it (restore it, for example with "
        "'git checkout', and reword it instead)",
        "texts/dialogue.yml:18 texts → ask_plaec: the assistant never says a text of this name; "
        "check the spelling, or ask a developer to use a new one",
    ]
    _edit(root, "texts/dialogue.yml", "  ask_plaec:", "  ask_place:")
    languages = root / "texts" / "languages.yml"
    languages.write_text(languages.read_text() + '  phone:\n    de: "Tel."\n    en: "Tel."\n')
    assert _errors(root) == [
        "texts/languages.yml:50 texts → phone: already defined in labels.yml; keep one"
    ]


def test_a_text_may_move_to_another_file(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    labels = root / "texts" / "labels.yml"
    labels.write_text(labels.read_text() + '  ask_place:\n    de: "Wo?"\n    en: "Where?"\n')
    dialogue = root / "texts" / "dialogue.yml"
    lines = dialogue.read_text().splitlines(keepends=True)
    at = lines.index("  ask_place:\n")
    dialogue.write_text("".join(lines[:at] + lines[at + 3 :]))
    assert load_knowledge(root).text(TextId.ASK_PLACE, "en") == "Where?"
