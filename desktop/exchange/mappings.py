"""Named column mappings, saved by header text in the data folder (they hold column names,
never personal data), so next month's list from the same source imports in one step."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.errors import RelaisError
from desktop.exchange.columns import Mapping
from desktop.paths import DataPaths
from desktop.store.keystore import write_atomically


def _folder(paths: DataPaths) -> Path:
    return paths.root / "mappings"


def load_mapping(paths: DataPaths, name_or_file: str) -> dict[str, str]:
    candidate = Path(name_or_file)
    path = candidate if candidate.suffix == ".json" and candidate.exists() \
        else _folder(paths) / f"{name_or_file}.json"
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RelaisError("import.mapping_not_found", name=name_or_file) from exc
    except ValueError as exc:  # not JSON (or not UTF-8): edited by hand or damaged
        raise RelaisError("import.mapping_broken", file=path.name) from exc
    # A mapping is header text → meaning; any other shape would fail deep in the import.
    if not isinstance(saved, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in saved.items()):
        raise RelaisError("import.mapping_broken", file=path.name)
    return saved


def save_mapping(paths: DataPaths, name: str, mapping: Mapping, headers: list) -> Path:
    path = _folder(paths) / f"{Path(name).name}.json"
    write_atomically(path, mapping.to_json(headers).encode("utf-8"))
    return path


def saved_names(paths: DataPaths) -> list[str]:
    return sorted(p.stem for p in _folder(paths).glob("*.json"))
