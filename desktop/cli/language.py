"""Which language Relais speaks when it starts.

A command follows ``--lang`` (or RELAIS_LANG), then, once signed in, that user's own language,
then the system locale; never settings.json, which holds the language of whoever last used
the window. The window starts in the language last used on it, since the login screen shows
before anyone is known.
"""

from __future__ import annotations

import locale
import os
from contextlib import suppress

from desktop.core.i18n import LANGUAGES, best_language
from desktop.paths import DataPaths
from desktop.settings import Settings

# Windows names its locales in English ("French_Belgium"), where POSIX says "fr_BE".
_WINDOWS_NAMES = {"french": "fr", "dutch": "nl", "german": "de", "english": "en",
                  "ukrainian": "uk"}


def system_language(default: str = "en") -> str:
    """The language of the system's messages: LANGUAGE (a list), else LC_ALL, LC_MESSAGES or
    LANG as POSIX orders them, else the process locale (Windows sets no variables)."""
    messages = next((os.environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG")
                     if os.environ.get(name)), "")
    candidates = []
    if messages.split(".")[0] not in ("C", "POSIX"):  # gettext ignores LANGUAGE under C
        candidates += os.environ.get("LANGUAGE", "").split(":")
    candidates.append(messages)
    if not messages:
        with suppress(ValueError):  # an unparsable locale name
            candidates.append(locale.getlocale()[0] or "")
    codes = [_WINDOWS_NAMES.get(c.split("_")[0].lower(), c) for c in candidates if c]
    return best_language(codes, default=default)


def explicit_language(given: str | None) -> str | None:
    """``--lang``, else RELAIS_LANG: a language asked for on this command line."""
    if given:
        return given
    return os.environ["RELAIS_LANG"] if os.environ.get("RELAIS_LANG") in LANGUAGES else None


def command_language(given: str | None) -> str:
    """Before anyone signs in: --lang, RELAIS_LANG, then the system locale."""
    return explicit_language(given) or system_language()


def window_language(given: str | None, paths: DataPaths) -> str:
    """The window's first language: --lang, RELAIS_LANG, the language last used on this
    installation's window, then the system locale."""
    saved = Settings.load(paths.settings).language
    return explicit_language(given) or (saved if saved in LANGUAGES else system_language())


pick_language = window_language  # the name desktop/app.py imports
