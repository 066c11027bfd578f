"""The name and the official language an organisation has in its own language area."""

from __future__ import annotations

from desktop.core.reference import Municipality

_PREFIX = {"fr": "CPAS de {name}", "nl": "OCMW {name}", "de": "ÖSHZ {name}"}


def organisation_name(municipality: Municipality) -> str:
    """'CPAS de Liège', 'OCMW Gent', 'ÖSHZ Eupen', 'CPAS d'Anderlecht / OCMW Anderlecht'."""
    names = []
    for language in municipality.languages:
        name = municipality.name(language)
        template = _PREFIX[language]
        if language == "fr" and name[:1].upper() in "AEIOUYÉ":
            template = "CPAS d'{name}"
        names.append(template.format(name=name))
    return " / ".join(names)


def official_language(municipality: Municipality | None) -> str | None:
    """The one official language of the municipality (fr, nl or de); None where there are two
    (Brussels' bilingual municipalities) or the municipality is unknown."""
    if municipality is None or len(municipality.languages) != 1:
        return None
    return municipality.languages[0]
