"""Short labels and questions of the assistant in German and English.

Longer fixed texts that staff may reword live in knowledge/messages/.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "phone": {"de": "Telefon", "en": "Phone"},
    "email": {"de": "E-Mail", "en": "E-mail"},
    "web": {"de": "Web", "en": "Web"},
    "address": {"de": "Adresse", "en": "Address"},
    "hours": {"de": "Öffnungszeiten", "en": "Opening hours"},
    "languages": {"de": "Sprachen", "en": "Languages"},
    "source": {"de": "Quelle", "en": "Source"},
    "checked": {"de": "geprüft am", "en": "checked on"},
    "more": {"de": "Mehr dazu", "en": "Tell me more"},
    "helpful": {"de": "👍 hilfreich", "en": "👍 helpful"},
    "not_helpful": {"de": "👎 nicht hilfreich", "en": "👎 not helpful"},
    "feedback_thanks": {
        "de": "Danke für Ihre Rückmeldung! Sie hilft dem Team, die Antworten zu verbessern.",
        "en": "Thank you for your feedback! It helps the team improve the answers.",
    },
    "feedback_nothing_to_rate": {
        "de": "Danke! Bewerten können Sie eine Antwort mit den Knöpfen 👍/👎 direkt darunter – fragen Sie mich einfach etwas.",
        "en": "Thank you! You can rate an answer with the 👍/👎 buttons right below it – just ask me something.",
    },
    "ask_profession": {
        "de": "In welchem Beruf haben Sie Ihren Abschluss? (z. B. Pflegefachkraft, Elektriker, Ingenieurin)",
        "en": "Which profession is your qualification in? (e.g. nurse, electrician, engineer)",
    },
    "ask_place": {
        "de": "In welchem Ort wohnen oder arbeiten Sie (oder werden Sie)? Ein Ortsname oder eine Postleitzahl genügt.",
        "en": "In which town do you (or will you) live or work? A town name or postal code is enough.",
    },
    "ask_service": {
        "de": "Welche Stelle suchen Sie? Zum Beispiel Ausländerbehörde, Jobcenter, Agentur für Arbeit, Deutschkurs oder Beratung.",
        "en": "Which office are you looking for? For example immigration office, Jobcenter, employment agency, German course or counselling.",
    },
    "yes": {"de": "Ja", "en": "Yes"},
    "no": {"de": "Nein", "en": "No"},
    "unknown_profession": {
        "de": "Diesen Beruf kenne ich leider noch nicht. Im Anerkennungs-Finder finden Sie die zuständige Stelle für jeden Beruf: https://www.anerkennung-in-deutschland.de",
        "en": "I don't know this profession yet. The Anerkennungs-Finder names the competent authority for every profession: https://www.anerkennung-in-deutschland.de",
    },
    "outside_region": {
        "de": "Diesen Ort kenne ich nicht – ich kenne nur Orte in Emsland, Leer, Aurich, Wittmund, der Grafschaft Bentheim und Emden. Für andere Orte: https://www.anerkennung-in-deutschland.de und https://www.arbeitsagentur.de/vor-ort",
        "en": "I don't know this place – I only know places in Emsland, Leer, Aurich, Wittmund, the Grafschaft Bentheim and Emden. For other places: https://www.anerkennung-in-deutschland.de and https://www.arbeitsagentur.de/vor-ort",
    },
    "regulated": {
        "de": "{name} ist in Deutschland ein reglementierter Beruf: Sie brauchen die Anerkennung, bevor Sie in diesem Beruf arbeiten dürfen.",
        "en": "{name} is a regulated profession in Germany: you need recognition before you may work in it.",
    },
    "not_regulated": {
        "de": "{name} ist in Deutschland nicht reglementiert: Sie dürfen ohne Anerkennung arbeiten. Eine Anerkennung (Gleichwertigkeitsbescheid) hilft aber bei Bewerbungen und ist für manche Visa nötig.",
        "en": "{name} is not regulated in Germany: you may work without recognition. Recognition (an equivalence certificate) still helps when applying and is needed for some visas.",
    },
    "competent_for": {"de": "Zuständig für {place}:", "en": "Responsible for {place}:"},
    "fact_source": {"de": "Quelle: {url} (Stand: {as_of})", "en": "Source: {url} (as of {as_of})"},
    "fact_source_undated": {
        "de": "Quelle: {url} (die Seite nennt kein Datum – bitte dort prüfen)",
        "en": "Source: {url} (the page gives no date – please check there)",
    },
    "fact_more": {
        "de": "Mehr zu „{title}“: schreiben Sie „mehr“.",
        "en": "More on “{title}”: write “more”.",
    },
    "competent_statewide": {
        "de": "Zuständig in ganz Niedersachsen:",
        "en": "Responsible everywhere in Niedersachsen (Lower Saxony):",
    },
    "steps": {"de": "So geht es:", "en": "How it works:"},
    "documents": {"de": "Typische Unterlagen:", "en": "Typical documents:"},
    "fees": {"de": "Gebühren:", "en": "Fees:"},
    "duration": {"de": "Dauer:", "en": "Duration:"},
    "compensation": {"de": "Ausgleichsmaßnahmen:", "en": "Compensation measures:"},
    "counselling_near": {
        "de": "Kostenlose Beratung zur Anerkennung in Ihrer Nähe:",
        "en": "Free counselling on recognition near you:",
    },
    "counselling_statewide": {
        "de": "Kostenlose Beratung zur Anerkennung (nennen Sie mir Ihren Ort, dann nenne ich die Beratung vor Ort):",
        "en": "Free counselling on recognition (tell me your town and I will name the counselling there):",
    },
    "subsidy": {
        "de": "Tipp: Für die Kosten der Anerkennung gibt es unter Bedingungen den Anerkennungszuschuss – beantragen Sie ihn, bevor Sie den Antrag stellen.",
        "en": "Tip: under certain conditions the Anerkennungszuschuss (recognition subsidy) covers the costs – apply for it before you file the recognition application.",
    },
    "finder": {
        "de": "Alle Angaben ohne Gewähr – prüfen Sie im Anerkennungs-Finder: https://www.anerkennung-in-deutschland.de",
        "en": "Please double-check in the official Anerkennungs-Finder: https://www.anerkennung-in-deutschland.de",
    },
    "everywhere": {"de": "ganz Deutschland", "en": "all of Germany"},
    "topic_in": {"de": "{topic} – in {place}:", "en": "{topic} – in {place}:"},
    "service_in": {"de": "{service} für {place}:", "en": "{service} for {place}:"},
    "no_service": {
        "de": "Für {place} kenne ich dafür keine Stelle. Suchen Sie hier: {finder}",
        "en": "I know no such office for {place}. Please search here: {finder}",
    },
    "no_more": {
        "de": "Mehr weiß ich dazu leider nicht. Fragen Sie gern etwas anderes.",
        "en": "That is all I know about it. Feel free to ask something else.",
    },
    "human_contact": {
        "de": "Persönliche Beratung bekommen Sie hier:",
        "en": "You can talk to a person here:",
    },
}

#: Titles of the question intents, for the buttons of a clarifying question.
INTENT_TITLES: dict[str, dict[str, str]] = {
    "ask_recognition": {
        "de": "Anerkennung meines Abschlusses",
        "en": "Recognition of my qualification",
    },
    "ask_visa": {"de": "Visum und Aufenthalt", "en": "Visa and residence"},
    "ask_fast_track": {"de": "Beschleunigtes Fachkräfteverfahren", "en": "Accelerated procedure"},
    "ask_blue_card": {"de": "Blaue Karte EU", "en": "EU Blue Card"},
    "ask_opportunity_card": {"de": "Chancenkarte", "en": "Opportunity Card"},
    "ask_family": {"de": "Familiennachzug", "en": "Family reunification"},
    "ask_jobs": {"de": "Jobsuche", "en": "Finding a job"},
    "ask_employers": {"de": "Für Arbeitgeber", "en": "For employers"},
    "ask_language_course": {"de": "Deutsch lernen", "en": "Learning German"},
    "ask_counselling": {"de": "Beratung", "en": "Counselling"},
    "ask_registration": {"de": "Wohnsitz anmelden", "en": "Registering your address"},
    "ask_tax_id": {"de": "Steuer-ID", "en": "Tax ID"},
    "ask_health_insurance": {"de": "Krankenversicherung", "en": "Health insurance"},
    "ask_bank_account": {"de": "Bankkonto", "en": "Bank account"},
    "ask_housing": {"de": "Wohnung finden", "en": "Finding a flat"},
    "ask_childcare": {"de": "Kita und Schule", "en": "Childcare and school"},
    "ask_alliance": {"de": "Das Fachkräftebündnis", "en": "The alliance"},
    "ask_welcome_centre": {"de": "Welcome Center", "en": "Welcome centres"},
    "find_service": {"de": "Eine Stelle in meinem Ort finden", "en": "Find an office near me"},
    "human_contact": {"de": "Mit einem Menschen sprechen", "en": "Talk to a person"},
    "help": {"de": "Was kannst du?", "en": "What can you do?"},
}


def phrase(key: str, language: str, **values: str) -> str:
    """The phrase ``key`` in ``language`` (German if missing), with ``values`` filled in."""
    texts = PHRASES[key]
    return texts.get(language, texts["de"]).format(**values)
