"""WeasyPrint's "Using fontTools instead of HarfBuzz-Subset" is information: --strict does not count it.

On a machine without libharfbuzz-subset0 WeasyPrint logs it once per PDF; the PDFs are the same, so a
newcomer's ``make site`` must not abort on it. Every other WeasyPrint warning still counts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from charterkit.pdf import writer
from charterkit.pdf.subsetting import FALLBACK_HINT, SubsetFallbackFilter, quiet_subset_fallback
from mkdocs.utils import CountHandler

WEASYPRINT = logging.getLogger("weasyprint")
PLUGIN = logging.getLogger("mkdocs.plugins.charterkit.pdf")


@pytest.fixture
def weasyprint_logger() -> Iterator[logging.Logger]:
    """WeasyPrint's logger with charterkit's filter, and no filter left behind afterwards."""
    before = list(WEASYPRINT.filters)
    # Another test in this process may have rendered a PDF, which installs the filter: start afresh.
    WEASYPRINT.filters[:] = [f for f in before if not isinstance(f, SubsetFallbackFilter)]
    yield WEASYPRINT
    WEASYPRINT.filters[:] = before


@pytest.fixture
def strict_counter() -> Iterator[CountHandler]:
    """What ``mkdocs build --strict`` counts: warnings on MkDocs' loggers."""
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    yield counter
    logging.getLogger("mkdocs").removeHandler(counter)


def _emit_as_weasyprint(collect: logging.Handler) -> None:
    """The two warnings as WeasyPrint logs them (weasyprint/pdf/fonts.py), seen as write_pdf sees them."""
    WEASYPRINT.addHandler(collect)
    try:
        for family in ("Atkinson Hyperlegible", "DejaVu Sans"):
            WEASYPRINT.warning(
                'Using fontTools instead of HarfBuzz-Subset for font "%s". This will '
                "be unsupported in future versions of WeasyPrint. Please install "
                "HarfBuzz-Subset >= 4.1.0 with your package manager.",
                family,
            )
        WEASYPRINT.warning('Ignored "%s" at %d:%d, unknown property.', "colour: red", 3, 4)
    finally:
        WEASYPRINT.removeHandler(collect)


def test_strict_mode_counts_other_warnings_but_not_the_fallback(
    weasyprint_logger: logging.Logger, strict_counter: CountHandler, caplog: pytest.LogCaptureFixture
) -> None:
    quiet_subset_fallback(PLUGIN)
    collect = writer._Collect()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.charterkit.pdf"):
        _emit_as_weasyprint(collect)
    assert collect.warnings == ['Ignored "colour: red" at 3:4, unknown property.']
    # The pdf plugin passes what the core collected on to MkDocs' logger, where --strict counts it.
    for warning in collect.warnings:
        PLUGIN.warning(f"print/x.pdf: WeasyPrint says: {warning}")
    assert strict_counter.get_counts() == [("WARNING", 1)]
    infos = [r for r in caplog.records if r.levelno == logging.INFO and r.getMessage() == FALLBACK_HINT]
    assert len(infos) == 1  # once, though WeasyPrint said it for two fonts


def test_the_filter_is_installed_once(weasyprint_logger: logging.Logger) -> None:
    first = quiet_subset_fallback()
    assert quiet_subset_fallback() is first
    assert sum(isinstance(f, SubsetFallbackFilter) for f in weasyprint_logger.filters) == 1


def test_a_real_pdf_without_harfbuzz_subset_has_no_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, weasyprint_logger: logging.Logger
) -> None:
    """WeasyPrint's own code, as on a machine without libharfbuzz-subset0."""
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    seen: list[str] = []

    class Spy(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    spy = Spy(logging.WARNING)
    # Without charterkit's filter WeasyPrint warns (this proves the fallback really ran)...
    WEASYPRINT.addHandler(spy)
    try:
        html = "<html lang='en'><head><title>T</title></head><body><p>Hello</p></body></html>"
        WEASYPRINT.filters[:] = [f for f in WEASYPRINT.filters if not isinstance(f, SubsetFallbackFilter)]
        from weasyprint import HTML

        HTML(string=html).write_pdf(tmp_path / "plain.pdf")
        assert any(m.startswith("Using fontTools instead of HarfBuzz-Subset") for m in seen)
        # ... and through charterkit's writer it does not.
        written = writer.write_pdf(html, tmp_path / "x.pdf", base_url=tmp_path.as_uri() + "/")
    finally:
        WEASYPRINT.removeHandler(spy)
    assert written.warnings == []
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")
