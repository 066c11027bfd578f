"""The name an organisation carries in its own language area."""

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
