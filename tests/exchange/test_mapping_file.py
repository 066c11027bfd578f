"""A saved column mapping edited by hand or damaged is refused naming its file, never a
traceback in the import (issue 9, item 13: tampered settings, the same class)."""

import pytest

from desktop.core.errors import RelaisError
from desktop.exchange.mappings import load_mapping


@pytest.mark.parametrize("content", ['["surname"]', '{"Nom": ["surname"]}', '"surname"', "3"])
def test_a_mapping_of_the_wrong_shape_is_refused_naming_the_file(paths, content):
    folder = paths.root / "mappings"
    folder.mkdir(parents=True)
    (folder / "mairie.json").write_text(content)
    with pytest.raises(RelaisError) as refused:
        load_mapping(paths, "mairie")
    assert refused.value.key == "import.mapping_broken"
    assert refused.value.params["file"] == "mairie.json"
