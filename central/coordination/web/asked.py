"""The month and scope a coordinator's page asks for, checked: a month that is not one, or
a scope outside the coordinator's own, falls back to this month or their own scope with a
message saying so (the figures and partner services pages read them the same way)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from central.coordination.service import FiguresError, allowed_scope, check_month
from central.coordination.web.words import page_word


def asked_month_and_scope(params: Mapping[str, str], own_scope: str, lang: str,
                          this_month: Callable[[], str]) -> tuple[str, str, str]:
    """(month, scope, message); the message is "" when both were fine."""
    message = ""
    month = params.get("month", "")[:20] or this_month()
    try:
        check_month(month)
    except FiguresError:
        month, message = this_month(), page_word("error.bad_month", lang)
    try:
        scope = allowed_scope(own_scope, params.get("scope") or None)
    except FiguresError:
        scope, message = own_scope, page_word("error.outside_scope", lang)
    return month, scope, message
