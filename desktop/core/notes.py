"""The text of a note as a person reads it. Most notes are what someone typed; a note the
merge writes holds the other record's differing values as data (field -> value), labelled
here in the reader's language, so no field name or code reaches the screen."""

from __future__ import annotations

from desktop.core.date_text import display_iso
from desktop.core.enums import NoteAudience
from desktop.core.i18n import Translator
from desktop.core.models import Note
from desktop.core.roles import Actor, Permission

# Privacy by default: a note starts restricted; widening it to everyone is a choice.
NEW_NOTE_AUDIENCE = NoteAudience.SOCIAL_WORKERS


def written_note_audience(author: Actor) -> NoteAudience:
    """The audience of a note written as part of something else (an intake's "sleeps
    tonight", an import's notes). Restricted by default, like a new note; but a writer who
    may not read restricted notes (a volunteer at the quick intake) would lose sight of
    their own words the moment they register, so theirs is for everyone. A volunteer may
    not write restricted data at all (intake._check_restricted), so nothing private is
    widened this way."""
    if author.can(Permission.VIEW_SOCIAL_NOTES):
        return NEW_NOTE_AUDIENCE
    return NoteAudience.EVERYONE

DATES = {"birth_date", "arrived_on", "left_ukraine_on"}
CHOICES = {"sex": "sex", "national_number_kind": "national_number_kind"}
NOT_SHOWN = {"birth_precision"}  # carried by the birth date itself ("1985-07")


def note_text(tr: Translator, note: Note) -> str:
    if not note.merged_values:
        return note.body
    if "merged_into" in note.merged_values:  # left by a person merged into another file
        return tr("merge.left_note", name=note.merged_values.get("person", ""),
                  file=note.merged_values["merged_into"])
    parts = [tr("merge.value", field=tr(f"field.{name}"), value=_value(tr, name, value))
             for name, value in note.merged_values.items() if name not in NOT_SHOWN]
    return tr("merge.note", values="; ".join(parts))


def _value(tr: Translator, name: str, value: object) -> str:
    if name in DATES:
        return display_iso(str(value), tr.language)
    if name in CHOICES:
        return tr.choice(CHOICES[name], str(value))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
