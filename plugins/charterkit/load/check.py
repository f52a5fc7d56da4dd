"""The one check of a project's charters: what the build, ``charterkit check`` and ``charterkit report`` run.

:func:`check_project` loads every charter, applies every rule that needs the whole project (two charters
sharing a slug, a slug one of the site's pages uses, a missing easy-read version the site needs, text
over the readability targets, a letter no PDF font has, a sector spelt nearly like another's) and
returns one :class:`Report` of located problems. The MkDocs plugins log it, the commands print it;
none of them applies a rule of its own, so the check and the build cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from charterkit.errors import ERROR, INFO, WARNING, CharterError, Problem
from charterkit.format.icons import IconSet, load_icon_set
from charterkit.load.files import display_paths, find_charter_files, in_real_folder
from charterkit.load.loader import LoadedCharter, capped
from charterkit.load.prepared import prepare_each
from charterkit.load.project import Project
from charterkit.load.projectrules import sector_problems, slug_problems
from charterkit.load.yamlsource import load_yaml
from charterkit.memo import BytesStore
from charterkit.readability.scoring import CharterScores, Targets

__all__ = ["Report", "check_project", "missing_easy_read_problem"]


@dataclass
class Report:
    """Every charter that loaded, its scores, and every problem found, each with its file and line."""

    charters: list[LoadedCharter] = field(default_factory=list)
    """The charters that loaded, in file order."""
    scores: list[CharterScores] = field(default_factory=list)
    """The readability scores of each loaded charter (empty when the site sets no targets)."""
    problems: list[Problem] = field(default_factory=list)
    """Every problem with a charter file, sorted by file and line; text over a target is in ``targets``."""
    targets: list[Problem] = field(default_factory=list)
    """Text over a readability target (warnings, or information when the charter accepts it), by file."""
    files: list[str] = field(default_factory=list)
    """The files checked (as shown in messages), in order."""
    paths: dict[str, Path] = field(default_factory=dict)
    """Each file checked, from its name as shown to its path."""

    def every(self, file: str | None = None) -> list[Problem]:
        """Every problem (of ``file``, or of all files), in the order they are shown: file by file, the
        charter's problems by line, then its text over a target."""
        files = self.files if file is None else [file]
        by_file: dict[str, list[Problem]] = {}
        for p in (*self.problems, *self.targets):
            by_file.setdefault(p.file, []).append(p)
        return [p for f in files for p in by_file.get(f, [])]

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop the build."""
        return [p for p in self.every() if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Problems the build warns about, so that ``--strict`` fails."""
        return [p for p in self.every() if p.level == WARNING]

    @property
    def accepted(self) -> list[Problem]:
        """Text over a target that its charter accepts as published: told, never failing."""
        return [p for p in self.every() if p.level == INFO]

    @property
    def failed(self) -> bool:
        """Whether ``charterkit check`` fails (and ``mkdocs build --strict`` would)."""
        return any(p.level != INFO for p in self.every())


def missing_easy_read_problem(item: LoadedCharter) -> Problem:
    """The warning for a charter without an easy-read version, on a site that needs one."""
    return Problem(
        item.display_path,
        1,
        "easy_read",
        "this charter has no easy-read version, and the site needs one.",
        'Add an "easy_read:" part (the format page shows how), or write "easy_read: pending" to '
        "publish the charter now and tell readers easy read is coming.",
        level=WARNING,
    )


def _keyed(paths: Iterable[Path]) -> dict[Path, Path]:
    """Each of ``paths`` by its key, the file in its real folder (:func:`in_real_folder`)."""
    return {real: path for path, real in in_real_folder(paths).items()}


def _slug_written(path: Path, display: str) -> str:
    """The slug a file that failed to load asks for, so it still counts in the duplicate-slug rule."""
    try:
        data = load_yaml(path, display).data
    except CharterError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("slug"), str):
        return str(data["slug"])
    return path.stem


def check_project(
    project: Project,
    paths: Sequence[Path] | None = None,
    *,
    icons: IconSet | None = None,
    targets: bool = True,
    glyphs: bool | None = None,
    braille: bool | None = None,
    store: BytesStore | None = None,
    workers: int = 0,
) -> Report:
    """Check the project's charters as the build does; report the problems of ``paths`` (default: all).

    Every charter of the project is read even when ``paths`` names one, because a slug two charters share
    can only be seen with both. ``targets=False`` skips the readability targets. ``glyphs`` (default: when
    the site makes PDFs) reports letters no PDF font has; the build leaves it to the PDFs themselves.
    ``braille`` (default: when the site makes braille files) reports characters the braille tables cannot
    translate; the build leaves it to ``charterkit/formats``.
    ``store`` keeps each charter's loading and scores between runs (:mod:`charterkit.load.prepared`);
    charters not yet kept are done over ``workers`` processes (0: one per core).
    """
    report = Report()
    _load_into(
        report,
        project,
        paths,
        targets=project.targets if targets else None,
        icons=icons if icons is not None else load_icon_set(),
        store=store,
        workers=workers,
    )
    for item in report.charters:
        report.problems += _charter_problems(
            item,
            project,
            project.pdfs if glyphs is None else glyphs,
            project.braille if braille is None else braille,
        )
    for scores in report.scores:
        report.targets += scores.problems
    place = {name: i for i, name in enumerate(report.files)}
    report.problems.sort(key=lambda p: (place[p.file], p.line, p.field, p.message))
    return report


def _load_into(
    report: Report,
    project: Project,
    paths: Sequence[Path] | None,
    *,
    targets: Mapping[str, Targets] | None,
    icons: IconSet | None,
    store: BytesStore | None,
    workers: int,
) -> None:
    """Load every charter of the project into ``report`` (those of ``paths``, when given), with the
    problems of the wanted ones and the rules across charters (slugs, sectors); with ``targets``, the
    scores of the wanted ones, worked out with their loading."""
    everything = _keyed(find_charter_files(project.charters_dir))
    everything.update(_keyed(paths or ()))
    wanted = set(everything) if paths is None else set(_keyed(paths))
    names = display_paths(everything.values(), project.root)
    order = sorted(everything, key=lambda key: names[everything[key]])
    slugs: list[tuple[str, str, int]] = []
    sectors: list[tuple[str, str | None, int]] = []
    files = [(everything[key], names[everything[key]]) for key in order]
    prepared = prepare_each(
        files,
        targets,
        scored=[key in wanted for key in order],
        icons=icons,
        store=store,
        workers=workers,
    )
    for key, (path, display), (item, scores) in zip(order, files, prepared, strict=True):
        if key in wanted:
            report.files.append(display)
            report.paths[display] = path
        if isinstance(item, CharterError):
            slugs.append((display, _slug_written(path, display), 1))
            if key in wanted:
                report.problems += capped(item.problems)
            continue
        slugs.append((display, item.slug, item.slug_line))
        sectors.append((display, item.charter.sector, item.line_of(("sector",))))
        if key in wanted:
            report.charters.append(item)
            if scores is not None:
                report.scores.append(scores)
    shown = set(report.files)
    report.problems += [p for p in slug_problems(slugs) if p.file in shown]
    # A sector spelt nearly like another charter's splits the "By sector" page: every charter counts.
    report.problems += [p for p in sector_problems(sectors) if p.file in shown]


def _charter_problems(
    item: LoadedCharter, project: Project, glyphs: bool, braille: bool
) -> Iterable[Problem]:
    charter = item.charter
    if charter.easy_read is None and not charter.easy_read_pending and project.missing_easy_read == "warn":
        yield missing_easy_read_problem(item)
    if braille:
        from charterkit.formats.make import charter_braille_problems  # only where braille is made

        yield from charter_braille_problems(item)
    if glyphs:
        from charterkit.pdf.glyphs import glyph_problems  # only where PDFs are made: fontTools is needed

        yield from glyph_problems(item, project.print_fonts)
