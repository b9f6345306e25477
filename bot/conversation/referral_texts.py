"""What the assistant says while it prepares a referral, in German and English.

Placeholders in braces are filled by :func:`say`.
"""

from __future__ import annotations

_TEXTS: dict[str, dict[str, str]] = {
    "ask_need": {
        "de": "Gern leite ich Ihre Anfrage weiter. Wobei brauchen Sie Unterstützung?",
        "en": "I'm happy to pass your request on. What do you need help with?",
    },
    "offer": {
        "de": (
            "Ich kann Ihre Anfrage an {partner} weitergeben{via}. Dafür würde ich weitergeben: Ihren Namen, "
            "Ihre E-Mail-Adresse oder Telefonnummer, eine kurze Beschreibung Ihres Anliegens und was ich aus "
            "diesem Chat weiß (Beruf, Ort, Sprache). Die Stelle nutzt die Daten nur, um sich bei Ihnen zu "
            "melden. Ich speichere den Fall, bis er abgeschlossen ist, und danach noch {case_days} Tage; mit "
            "„Meine Daten löschen“ können Sie ihn jederzeit löschen lassen.\n\nSind Sie einverstanden?"
        ),
        "en": (
            "I can pass your request on to {partner}{via}. For this I would share: your name, your e-mail "
            "address or phone number, a short description of your request and what I know from this chat "
            "(profession, place, language). They use it only to get in touch with you. I keep the case until "
            "it is closed and {case_days} days after that; write “delete my data” to have it deleted at any "
            "time.\n\nDo you agree?"
        ),
    },
    "via_staff": {
        "de": " (das Team des Fachkräftebündnisses Ems-Achse leitet sie weiter)",
        "en": " (the team of the Fachkräftebündnis Ems-Achse forwards it)",
    },
    "consent_yes": {"de": "Ja, einverstanden", "en": "Yes, I agree"},
    "consent_no": {"de": "Nein", "en": "No"},
    "declined": {
        "de": "In Ordnung, ich habe nichts gespeichert und nichts weitergegeben.",
        "en": "All right, I have stored and passed on nothing.",
    },
    "direct": {
        "de": "Sie können sich auch direkt melden:",
        "en": "You can also get in touch directly:",
    },
    "ask_name": {
        "de": "Wie heißen Sie? (Vor- und Nachname)",
        "en": "What is your name? (first and last name)",
    },
    "bad_name": {
        "de": "Das sieht nicht wie ein Name aus. Bitte schreiben Sie nur Ihren Vor- und Nachnamen – oder „abbrechen“.",
        "en": "That does not look like a name. Please write just your first and last name – or “cancel”.",
    },
    "ask_contact": {
        "de": "Wie kann {partner} Sie erreichen? Bitte schreiben Sie eine E-Mail-Adresse oder eine Telefonnummer.",
        "en": "How can {partner} reach you? Please write an e-mail address or a phone number.",
    },
    "bad_contact_email": {
        "de": "Diese E-Mail-Adresse ist nicht vollständig (Beispiel: name@beispiel.de). Bitte prüfen Sie sie.",
        "en": "This e-mail address is not complete (example: name@example.com). Please check it.",
    },
    "bad_contact_phone": {
        "de": "Diese Telefonnummer ist nicht vollständig. Bitte mit Vorwahl, z. B. 0491 123456 oder +49 491 123456.",
        "en": "This phone number is not complete. Please include the area code, e.g. +49 491 123456.",
    },
    "bad_contact_phone_unknown": {
        "de": "Diese Telefonnummer gibt es so nicht. Bitte prüfen Sie Vorwahl und Ziffern, z. B. 0491 123456 oder +49 491 123456.",
        "en": "This phone number does not exist as written. Please check the area code and the digits, e.g. +49 491 123456.",
    },
    "bad_contact_neither": {
        "de": "Ich brauche genau eine E-Mail-Adresse oder eine Telefonnummer, sonst nichts.",
        "en": "I need exactly one e-mail address or one phone number, nothing else.",
    },
    "ask_description": {
        "de": "Worum geht es? Beschreiben Sie Ihr Anliegen bitte in ein, zwei Sätzen (ohne Passnummern oder Gesundheitsdaten).",
        "en": "What is it about? Please describe your request in a sentence or two (no passport numbers or health data).",
    },
    "bad_description": {
        "de": "Bitte beschreiben Sie Ihr Anliegen in wenigen Worten (höchstens 1000 Zeichen).",
        "en": "Please describe your request in a few words (1000 characters at most).",
    },
    "summary": {
        "de": "Das würde ich an {partner} senden:\nName: {name}\nKontakt: {contact}\nAnliegen: {description}\n{context}\nAbschicken?",
        "en": "This is what I would send to {partner}:\nName: {name}\nContact: {contact}\nRequest: {description}\n{context}\nSend it?",
    },
    "send": {"de": "Abschicken", "en": "Send"},
    "cancel": {"de": "Abbrechen", "en": "Cancel"},
    "sent": {
        "de": (
            "Erledigt. Ihre Fallnummer ist {reference}. {partner} erhält Ihre Anfrage und meldet sich über "
            "{contact} bei Ihnen.{mail} Wenn Sie etwas ergänzen möchten, schreiben Sie „zu meinem Fall "
            "ergänzen“; mit „Meine Daten löschen“ löschen Sie den Fall."
        ),
        "en": (
            "Done. Your case number is {reference}. {partner} receives your request and will get in touch "
            "with you via {contact}.{mail} To add something, write “add to my case”; “delete my data” "
            "deletes the case."
        ),
    },
    "sent_mail": {
        "de": " Eine Bestätigung geht auch an Ihre E-Mail-Adresse.",
        "en": " A confirmation also goes to your e-mail address.",
    },
    "cancelled": {
        "de": "Abgebrochen – ich habe nichts gespeichert und nichts weitergegeben.",
        "en": "Cancelled – I have stored and passed on nothing.",
    },
    "nothing_to_cancel": {
        "de": "Gerade läuft nichts, das ich abbrechen könnte. Wobei kann ich helfen?",
        "en": "There is nothing in progress to cancel. How can I help?",
    },
    "no_partner": {
        "de": "Für {place} kenne ich leider keine Stelle, an die ich Anfragen weitergeben kann. Hier finden Sie Beratung: {finder}",
        "en": "Sorry, for {place} I know no service I can pass requests to. You can find counselling here: {finder}",
    },
    "not_saved": {
        "de": "Entschuldigung, ich konnte Ihre Anfrage gerade nicht speichern – es wurde nichts gesendet. Bitte versuchen Sie es gleich noch einmal („Abschicken“).",
        "en": "Sorry, I could not save your request just now – nothing was sent. Please try again in a moment (“Send”).",
    },
    "ask_note": {
        "de": "Was möchten Sie zu Fall {reference} ergänzen? Ich leite es an {partner} weiter.",
        "en": "What would you like to add to case {reference}? I will forward it to {partner}.",
    },
    "note_added": {
        "de": "Ich habe Ihre Nachricht zu Fall {reference} hinzugefügt und weitergeleitet.",
        "en": "I added your message to case {reference} and forwarded it.",
    },
    "no_case": {
        "de": "In diesem Chat gibt es noch keinen Fall. Soll ich Ihre Anfrage an eine Beratungsstelle weitergeben?",
        "en": "There is no case in this chat yet. Shall I pass your request on to a counselling service?",
    },
    "refer_me": {"de": "Anfrage weitergeben lassen", "en": "Have them contact me"},
    "ask_erase": {
        "de": (
            "Soll ich alles löschen, was ich zu Ihnen gespeichert habe – diesen Chatverlauf, Ihre Fälle und "
            "Bewertungen? Das lässt sich nicht rückgängig machen. Bereits an eine Stelle gesendete Anfragen "
            "löscht diese Stelle auf Ihren Wunsch selbst."
        ),
        "en": (
            "Shall I delete everything I have stored about you – this chat history, your cases and ratings? "
            "This cannot be undone. Requests already sent to a service are deleted by that service on your "
            "request."
        ),
    },
    "erase_yes": {"de": "Ja, alles löschen", "en": "Yes, delete everything"},
    "erase_no": {"de": "Nein, behalten", "en": "No, keep it"},
    "erased": {
        "de": "Gelöscht: Ihre Fälle und Bewertungen sind entfernt, der Chatverlauf wird in einer Minute gelöscht. Wenn Sie wieder schreiben, beginnt ein neues Gespräch.",
        "en": "Deleted: your cases and ratings are gone, and the chat history is erased within a minute. If you write again, a new conversation starts.",
    },
    "kept": {"de": "In Ordnung, ich habe nichts gelöscht.", "en": "All right, I deleted nothing."},
}


def say(key: str, language: str, **values: str) -> str:
    """The text ``key`` in ``language`` (German if missing), with ``values`` filled in."""
    texts = _TEXTS[key]
    return texts.get(language, texts["de"]).format(**values)
