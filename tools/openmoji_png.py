"""Draw each packaged OpenMoji picture as a PNG, for the Word and OpenDocument files.

Run by a maintainer after ``tools/openmoji_subset.py`` changes the pictures, never by the build (which
uses the PNGs committed beside the SVGs and runs no browser):

    .venv/bin/python tools/openmoji_png.py          # write a PNG beside each SVG
    .venv/bin/python tools/openmoji_png.py --check  # say which PNGs are missing or out of date

OpenMoji's pictures are in colour, with gradients, strokes and groups that charterkit's own one-colour
drawer cannot do, so a real SVG renderer draws them: Debian's Chromium, through Playwright (never
``playwright install``). Each picture is drawn on a transparent 256 x 256 square and saved by Pillow with
no time or text chunks, so the same picture gives the same bytes on every run. The PNGs are CC BY-SA 4.0
like the SVGs they are drawn from (see plugins/charterkit/pictures/openmoji/LICENSE.md).
"""

from __future__ import annotations

import argparse
import base64
import io
import sys
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent
FOLDER = REPO / "plugins" / "charterkit" / "pictures" / "openmoji"
sys.path.insert(0, str(REPO))

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the tests' own Chromium set-up)

SIZE = 256
"""The same size as :data:`charterkit.formats.pictures.PICTURE_PX`: 3 cm at about 220 dots per inch."""

_PAGE = (
    "<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}"
    "img{display:block;width:%dpx;height:%dpx}</style></head>"
    '<body><img id="picture" alt="" src="data:image/svg+xml;base64,%s"></body></html>'
)


def optimise(raw: bytes) -> bytes:
    """``raw`` (a PNG screenshot) as a small RGBA PNG with nothing but its pixels: the same every run."""
    picture = Image.open(io.BytesIO(raw)).convert("RGBA")
    if picture.size != (SIZE, SIZE):
        picture = picture.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def render(svgs: list[Path]) -> dict[Path, bytes]:
    """Each SVG drawn by Chromium on a transparent square, as optimised PNG bytes."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        sys.exit(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium).")
    out: dict[Path, bytes] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": SIZE, "height": SIZE}, device_scale_factor=1)
            for svg in svgs:
                data = base64.b64encode(svg.read_bytes()).decode("ascii")
                page.set_content(_PAGE % (SIZE, SIZE, data))
                page.evaluate("document.getElementById('picture').decode()")
                shot = page.locator("#picture").screenshot(omit_background=True, animations="disabled")
                out[svg] = optimise(shot)
        finally:
            browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report missing or changed PNGs; write none")
    args = parser.parse_args()
    svgs = sorted(FOLDER.glob("*.svg"))
    drawn = render(svgs)
    stale = [svg.with_suffix(".png") for svg in svgs if _differs(svg.with_suffix(".png"), drawn[svg])]
    if args.check:
        for path in stale:
            print(f"out of date or missing: {path.relative_to(REPO)}")
        sys.exit(1 if stale else 0)
    for path in stale:
        path.write_bytes(drawn[path.with_suffix(".svg")])
    for old in FOLDER.glob("*.png"):
        if not old.with_suffix(".svg").is_file():
            old.unlink()  # the picture itself is gone
    total = sum(len(b) for b in drawn.values())
    print(f"{len(svgs)} pictures, {len(stale)} PNGs written, {total // 1024} KB in all, in {FOLDER}")


def _differs(path: Path, data: bytes) -> bool:
    return not path.is_file() or path.read_bytes() != data


if __name__ == "__main__":
    main()
