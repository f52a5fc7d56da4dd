"""When PDFs are made: by default on ``mkdocs build``, not while previewing with ``mkdocs serve``."""

from __future__ import annotations

import pytest
from charterkit.mkdocs.pdf.plugin import PdfPlugin
from charterkit.switch import pdfs_wanted
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def plugin(command: str, **options: object) -> PdfPlugin:
    p = PdfPlugin()
    errors, warnings = p.load_config(dict(options))
    assert not errors and not warnings
    p.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
    return p


@pytest.mark.parametrize(
    ("command", "switch", "options", "made"),
    [
        ("build", None, {}, True),
        ("gh-deploy", None, {}, True),
        ("serve", None, {}, False),
        ("serve", "1", {}, True),
        ("build", "0", {}, False),
        ("build", None, {"enabled": False}, False),
        ("build", "1", {"enabled": False}, True),
    ],
)
def test_when_pdfs_are_made(
    monkeypatch: pytest.MonkeyPatch, command: str, switch: str | None, options: dict[str, object], made: bool
) -> None:
    if switch is None:
        monkeypatch.delenv("CHARTERKIT_PDF", raising=False)
    else:
        monkeypatch.setenv("CHARTERKIT_PDF", switch)
    p = plugin(command, **options)
    p.on_config(MkDocsConfig())
    assert p.active is made
    if command != "serve":  # charterkit check decides by the same rule, as a build would
        assert (
            pdfs_wanted("check", bool(options.get("enabled", True)), {"CHARTERKIT_PDF": switch or ""}) is made
        )


def test_negative_workers_are_refused() -> None:
    errors, _ = PdfPlugin().load_config({"workers": -1})
    assert errors and "workers" in errors[0][0]


def test_unknown_switch_says_what_to_write(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARTERKIT_PDF", "true")
    with pytest.raises(PluginError, match="Set it to 1 to make PDFs or 0 to skip them"):
        plugin("build").on_config(MkDocsConfig())
