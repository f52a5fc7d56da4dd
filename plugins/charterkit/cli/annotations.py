"""GitHub Actions workflow commands, so problems show on the lines of a pull request's files.

The escaping follows GitHub's rules for workflow commands: in the message, ``%``, CR and LF; in
properties (``file=``, ``title=``), also ``:`` and ``,``.
"""

from __future__ import annotations

import os
from pathlib import Path

from charterkit.errors import shown

__all__ = ["annotation", "escape_data", "escape_property", "in_github_actions", "workspace_path"]


def in_github_actions() -> bool:
    """True inside a GitHub Actions job (which sets ``GITHUB_ACTIONS=true``)."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    """Escape a workflow command's message: GitHub's own escapes for ``%``, CR and LF, then
    :func:`~charterkit.errors.shown` for every other control character (terminal escape codes)."""
    return shown(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, *, file: str = "", line: int = 0, title: str = "") -> str:
    """One ``::error``/``::warning``/``::notice`` command."""
    props = []
    if file:
        props.append(f"file={escape_property(file)}")
    if file and line:
        props.append(f"line={line}")
    if title:
        props.append(f"title={escape_property(title)}")
    head = f"::{level}" + (" " + ",".join(props) if props else "")
    return f"{head}::{escape_data(message)}"


def workspace_path(path: Path, fallback: str) -> str:
    """``path`` as GitHub names files in annotations: relative to the checked-out repository
    (``GITHUB_WORKSPACE``), or to the current folder outside Actions; ``fallback`` if outside both."""
    resolved = path.resolve()
    for base in (os.environ.get("GITHUB_WORKSPACE"), os.getcwd()):
        if base:
            try:
                return resolved.relative_to(Path(base).resolve()).as_posix()
            except ValueError:
                continue
    return fallback
