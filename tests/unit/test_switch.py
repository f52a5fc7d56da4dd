"""One rule decides whether a run makes the PDFs and the other formats, for the build and for
``charterkit check`` alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from charterkit.load.project import UsageError, load_project
from charterkit.switch import SwitchError, formats_wanted, pdfs_wanted

MKDOCS_YML = """\
site_name: Test
plugins:
  - charterkit/charters
  - charterkit/formats:
      enabled: false
"""


@pytest.mark.parametrize("wanted", [pdfs_wanted, formats_wanted])
@pytest.mark.parametrize(
    ("command", "switch", "enabled", "made"),
    [
        ("build", "", True, True),
        ("serve", "", True, False),
        ("serve", "1", True, True),
        ("build", "0", True, False),
        ("build", "", False, False),
        ("build", " 1 ", False, True),
        ("check", "", True, True),
    ],
)
def test_the_switch_wins_over_the_setting(
    wanted: object, command: str, switch: str, enabled: bool, made: bool
) -> None:
    assert callable(wanted)
    variable = "CHARTERKIT_PDF" if wanted is pdfs_wanted else "CHARTERKIT_FORMATS"
    assert wanted(command, enabled, {variable: switch}) is made


def test_a_switch_not_understood_says_what_to_write() -> None:
    with pytest.raises(SwitchError, match=r"CHARTERKIT_FORMATS='yes' is not understood\. Set it to 1"):
        formats_wanted("build", True, {"CHARTERKIT_FORMATS": "yes"})


def test_check_makes_braille_when_the_build_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The switch turns the files on over enabled: false for the build; check must agree, and so check the
    # characters braille cannot write.
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "charters").mkdir()
    monkeypatch.setenv("CHARTERKIT_FORMATS", "1")
    assert load_project(str(tmp_path / "mkdocs.yml")).braille
    monkeypatch.setenv("CHARTERKIT_FORMATS", "0")
    assert not load_project(str(tmp_path / "mkdocs.yml")).braille
    monkeypatch.setenv("CHARTERKIT_FORMATS", "on")
    with pytest.raises(UsageError, match="Set it to 1 to make the files"):
        load_project(str(tmp_path / "mkdocs.yml"))
