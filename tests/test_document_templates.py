"""The Python builders are the one source of the .docx templates: each committed template is
exactly what its builder makes (`flask documents build-templates` rewrites them all)."""
import io
import re
import zipfile

import pytest

from webapp.documents.registry import TEMPLATES, TITLES, build
from webapp.documents.service import TEMPLATE_DIR

# What differs between two builds of the same template: when python-docx saved it.
VOLATILE = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: VOLATILE.sub(b"", z.read(name)) for name in z.namelist()}


@pytest.mark.parametrize("filename", sorted(TEMPLATES))
def test_the_committed_template_is_what_its_builder_makes(filename):
    out = io.BytesIO()
    build(filename).save(out)
    built = parts(out.getvalue())
    committed = parts((TEMPLATE_DIR / filename).read_bytes())
    assert sorted(built) == sorted(committed), f"{filename}: not the same parts"
    changed = [name for name in built if built[name] != committed[name]]
    assert not changed, (f"{filename} differs from its builder in {changed}: run "
                         f"`flask documents build-templates` and commit the template")


def test_every_template_has_a_file_a_builder_and_a_title():
    on_disk = {p.name for p in TEMPLATE_DIR.glob("*.docx")}
    assert on_disk == set(TEMPLATES), "a template without a builder, or a builder without file"
    assert set(TITLES) == set(TEMPLATES)


def test_no_template_names_python_docx():
    for filename in TEMPLATES:
        for name, content in parts((TEMPLATE_DIR / filename).read_bytes()).items():
            assert b"python-docx" not in content, f"{filename}: python-docx in {name}"
