"""A sync failure told for the screen it happens on: the general messages speak of work
waiting to be sent, which a computer that is still joining does not have."""

from __future__ import annotations

from desktop.sync.errors import SyncError
from desktop.ui.language import UiLanguage
from desktop.ui.widgets import error_text

# Codes whose general message does not fit a first connection.
JOIN_MESSAGES = {
    "unreachable": "setup.join_error_unreachable",
    "refused": "setup.join_error_unreachable",
    "timeout": "setup.join_error_unreachable",
    "dropped": "setup.join_error_unreachable",
    "dns": "setup.join_error_dns",
    "server": "setup.join_error_server",
    "server_too_old": "setup.join_error_server_too_old",
    "protocol_too_old": "setup.join_error_protocol_too_old",
}


def join_error_text(lang: UiLanguage, error: BaseException) -> str:
    if isinstance(error, SyncError) and error.code in JOIN_MESSAGES:
        return lang.tr(JOIN_MESSAGES[error.code], **error.params)
    return error_text(lang, error)
