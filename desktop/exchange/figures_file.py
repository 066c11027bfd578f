"""A signed figures document written as the file a coordinator imports: private (0600),
through a partial file, so a failed write leaves no half file (the CLI and the window)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import RelaisError
from desktop.private_files import make_private

if TYPE_CHECKING:
    from desktop.store.secrets import SecretStore

KEY_SECRET = "figures_key"  # the keychain entry the key is kept in (SecretStore, per database)


def write_figures_file(doc: dict[str, Any], output: Path) -> None:
    if output.suffix.lower() != ".json":
        raise RelaisError("figures.output_json")
    partial = make_private(output.with_name(output.name + ".partial"))
    try:
        partial.write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
        partial.replace(output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def keep_key(secrets: SecretStore, key: str) -> bool:
    """Keep a key that just signed a file in the keychain (the CLI and the window), so it
    is not asked again; False when there is no keychain or it refused (asked next time)."""
    if not secrets.available:
        return False
    try:
        secrets.set(KEY_SECRET, key)
    except RelaisError:
        return False
    return True
