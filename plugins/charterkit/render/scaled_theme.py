"""The theme's stylesheet with its breakpoints scaled (:func:`~charterkit.render.textsize.scale_breakpoints`),
shipped for the Material version charterkit pins, so that a first build does not parse it (0.13 s).

A shipped file is named by hashes of the stylesheet and of :mod:`charterkit.render.textsize`'s code, so it
is used only for the very stylesheet it was made from, by the very code that made it; for any other, the
build scales the stylesheet itself (and keeps the result in its cache). ``gzip`` checks each file's bytes.

After upgrading Material or changing ``textsize.py``, make the file again (a test says so)::

    .venv/bin/python -m charterkit.render.scaled_theme

No MkDocs here: ``charterkit/brand`` calls :func:`shipped_scaled`.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import sys
from pathlib import Path

from charterkit.render import textsize

__all__ = ["SHIPPED", "material_stylesheet", "ship", "shipped_name", "shipped_scaled"]

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "scaled"
"""Where the scaled stylesheets are shipped."""


def shipped_name(css: str) -> str:
    """The file the scaled ``css`` is shipped as: hashes of the stylesheet and of the code that scales it."""
    code = hashlib.sha256(Path(textsize.__file__).read_bytes()).hexdigest()[:16]
    return f"{hashlib.sha256(css.encode('utf-8')).hexdigest()[:16]}-{code}.css.gz"


def shipped_scaled(css: str) -> str | None:
    """The shipped scaled form of ``css``, or None when none is shipped for it (or it cannot be read)."""
    try:
        return gzip.decompress((SHIPPED / shipped_name(css)).read_bytes()).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError):
        return None


def material_stylesheet() -> Path:
    """Material's main stylesheet, where the installed Material keeps it."""
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("Material for MkDocs is not installed")
    found = sorted((Path(spec.origin).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one main.*.min.css in Material's stylesheets, found {len(found)}")
    return found[0]


def ship() -> Path:
    """Scale the installed Material's stylesheet into :data:`SHIPPED`, replacing any file shipped before."""
    css = material_stylesheet().read_text(encoding="utf-8")
    SHIPPED.mkdir(parents=True, exist_ok=True)
    for old in SHIPPED.glob("*.css.gz"):
        old.unlink()
    target = SHIPPED / shipped_name(css)
    target.write_bytes(gzip.compress(textsize.scale_breakpoints(css).encode("utf-8"), mtime=0))
    return target


if __name__ == "__main__":
    print(f"wrote {ship()}", file=sys.stderr)
