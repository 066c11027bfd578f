"""A signed figures document written as the file a coordinator imports: private (0600),
through a partial file, so a failed write leaves no half file (the CLI and the window)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.core.errors import RelaisError
from desktop.private_files import make_private

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
