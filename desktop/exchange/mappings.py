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
    except (OSError, ValueError) as exc:
        raise RelaisError("import.mapping_not_found", name=name_or_file) from exc
    # what to_json writes: header text -> column name; anything else was edited or damaged
    if not isinstance(saved, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in saved.items()):
        raise RelaisError("import.mapping_invalid", path=str(path))
    return saved


def save_mapping(paths: DataPaths, name: str, mapping: Mapping, headers: list) -> Path:
    path = _folder(paths) / f"{Path(name).name}.json"
    write_atomically(path, mapping.to_json(headers).encode("utf-8"))
    return path


def saved_names(paths: DataPaths) -> list[str]:
    return sorted(p.stem for p in _folder(paths).glob("*.json"))
