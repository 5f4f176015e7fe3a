"""The Russian catalogue is complete and matches the strings in the code.

A string added to the code without a translation breaks the build: run
`python manage.py makemessages -l ru --ignore=.venv --ignore=var
--ignore=node_modules --ignore=tests --no-obsolete`, translate the new entries
in locale/ru/LC_MESSAGES/django.po and run the tests again.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

REPO = Path(settings.BASE_DIR)
CATALOGUE = REPO / "locale" / "ru" / "LC_MESSAGES" / "django.po"
RUSSIAN_PLURALS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
MAKEMESSAGES_IGNORE = (".venv", "var", "node_modules", "tests")
# Left out of the copy the catalogue is rebuilt from: no translatable source.
NOT_SOURCE = {".git", "locale", "test-output", "__pycache__", ".hypothesis"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|</?[a-z][^>]*>")


def _catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


def _key(entry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _show(keys) -> str:
    return "\n".join(f"  {msgid!r}" for _, msgid, _ in sorted(keys))


def test_russian_catalogue_has_no_untranslated_or_fuzzy_message():
    catalogue = _catalogue()
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]

    assert not untranslated, f"{len(untranslated)} untranslated:\n" + "\n".join(
        f"  {m!r}" for m in untranslated
    )
    assert not fuzzy, f"{len(fuzzy)} fuzzy:\n" + "\n".join(f"  {m!r}" for m in fuzzy)
    assert len(catalogue) > 500, "the catalogue lost most of its messages"


def test_russian_catalogue_uses_the_three_russian_plural_forms():
    catalogue = _catalogue()

    assert catalogue.metadata["Language"] == "ru"
    assert catalogue.metadata["Plural-Forms"] == RUSSIAN_PLURALS
    for entry in catalogue:
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            assert sorted(forms) == [0, 1, 2], entry.msgid
            assert all(forms.values()), f"a plural form is empty: {entry.msgid!r}"


def test_translations_keep_every_placeholder_and_tag_of_the_original():
    wrong = []
    for entry in _catalogue():
        pairs = (
            [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        for original, translation in pairs:
            if sorted(PLACEHOLDER.findall(original)) != sorted(
                PLACEHOLDER.findall(translation)
            ):
                wrong.append(f"  {original!r}\n    -> {translation!r}")

    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext is not installed")
def test_russian_catalogue_holds_exactly_the_strings_of_the_code(tmp_path):
    """makemessages over a copy of the sources must find the same messages."""
    copy = tmp_path / "src"
    shutil.copytree(
        REPO,
        copy,
        ignore=lambda _dir, names: (
            [n for n in names if n in NOT_SOURCE or n in MAKEMESSAGES_IGNORE]
            if Path(_dir) == REPO
            else [n for n in names if n == "__pycache__"]
        ),
    )
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ru", "--no-obsolete"]
        + [f"--ignore={name}" for name in MAKEMESSAGES_IGNORE],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=300,
    )
    in_code = {_key(e) for e in polib.pofile(str(copy / CATALOGUE.relative_to(REPO)))}
    in_catalogue = {_key(e) for e in _catalogue()}

    missing = in_code - in_catalogue
    stale = in_catalogue - in_code
    assert not missing, (
        f"{len(missing)} strings in the code are not in the Russian catalogue "
        "(run makemessages and translate them):\n" + _show(missing)
    )
    assert not stale, (
        f"{len(stale)} catalogue entries are no longer in the code "
        "(run makemessages with --no-obsolete):\n" + _show(stale)
    )
