"""Copy the OpenMoji pictures the charters use into the package, and map old picture names to them.

Run by a maintainer when the set of pictures changes, never by the build (which downloads nothing):

    npm pack openmoji@17.0.0 && tar xzf openmoji-17.0.0.tgz
    python tools/openmoji_subset.py package/ [--rewrite-charters]

Each picture is named after OpenMoji's own description ("handshake", "balance-scale"), as
``openmoji/<name>`` in a charter. The SVGs lose their element ids (a page shows many pictures, and ids
must be unique in a page); nothing else is changed. Then run ``tools/openmoji_png.py`` to draw the PNG
that Word and OpenDocument files use beside each SVG. OpenMoji is CC BY-SA 4.0: see
plugins/charterkit/pictures/openmoji/LICENSE.md.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "plugins" / "charterkit" / "pictures" / "openmoji"

# The Material icon each charter used, and the OpenMoji picture (by code point) that shows its idea.
FROM_MATERIAL: dict[str, str] = {
    "account-check": "1F642",
    "account-child": "1F9D2",
    "account-group": "1F9D1-200D-1F91D-200D-1F9D1",
    "account-heart": "1FAC2",
    "account-multiple": "1F465",
    "account-multiple-plus": "1F450",
    "account-plus": "1F64B",
    "account-question": "2753",
    "account-star": "1F31F",
    "account-supervisor-circle": "1F3DB",
    "account-tie": "1F9D1-200D-1F4BC",
    "account-voice": "1F5E3",
    "arm-flex": "1F4AA",
    "bell-ring": "1F514",
    "book-open-variant": "1F4D6",
    "bullhorn": "1F4E3",
    "calendar": "1F4C5",
    "calendar-check": "1F5D3",
    "calendar-clock": "23F0",
    "calendar-remove": "1F4C6",
    "calendar-star": "1F39F",
    "cash": "1F4B0",
    "chart-line": "1F4CA",
    "check-all": "2705",
    "check-circle": "2714",
    "check-decagram": "1F3C5",
    "city": "1F3D9",
    "clipboard-check-outline": "1F4CB",
    "clipboard-text": "1F4DD",
    "clock-outline": "1F570",
    "comment-question-outline": "2754",
    "comment-text-multiple": "1F4AC",
    "door-open": "1F6AA",
    "ear-hearing": "1F442",
    "email": "1F4E7",
    "emoticon-happy-outline": "1F60A",
    "eye": "1F441",
    "eye-off": "1F32B",
    "file-document": "1F4DC",
    "file-document-edit": "270D",
    "flag-checkered": "1F3C1",
    "flag-variant": "1F6A9",
    "format-list-checks": "2611",
    "format-list-numbered": "1F522",
    "forum": "1F5E8",
    "gift-outline": "1F381",
    "hammer-wrench": "1F6E0",
    "hand-back-right": "1F91A",
    "hand-heart": "1FAF6",
    "hand-wave": "1F44B",
    "handshake": "1F91D",
    "head-question": "1F914",
    "heart": "2764",
    "home-group": "1F3D8",
    "home-heart": "1F3E1",
    "human-male-female-child": "1F46A",
    "human-wheelchair": "1F9D1-200D-1F9BD",
    "information": "2139",
    "lifebuoy": "1F6DF",
    "lightbulb-on": "1F4A1",
    "lock": "1F512",
    "magnify": "1F50D",
    "map-marker": "1F4CD",
    "message-text": "1F4C4",
    "newspaper-variant-outline": "1F4F0",
    "numeric-4-circle": "0034-FE0F-20E3",
    "palette": "1F3A8",
    "party-popper": "1F389",
    "puzzle": "1F9E9",
    "repeat": "1F501",
    "scale-balance": "2696",
    "school": "1F4DA",
    "shape-plus": "1F3D7",
    "share-variant": "1F4E4",
    "shield-check": "1F6E1",
    "shield-home": "1F3E0",
    "sprout": "1F331",
    "stairs-up": "1FA9C",
    "star": "2B50",
    "steering": "1F9ED",
    "swap-horizontal": "1F504",
    "target": "1F3AF",
    "thumb-up": "1F44D",
    "thumbs-up-down": "1F4AD",
    "timer-sand": "23F3",
    "tools": "1F527",
    "trending-up": "1F4C8",
    "vote": "1F5F3",
    "web": "1F310",
    "weight": "2696",
}

# Points whose old picture stood for a different idea from the others that shared it: (start of the
# point's text, OpenMoji code point).
BY_TEXT: dict[str, str] = {
    "This part is up to you.": "1F4E7",  # an email address, not an idea
    "Be brave. Keep an open mind.": "1F981",  # courage, not a new idea
    "Then we will work with organisations.": "1F3E2",  # organisations, not a puzzle
}

# Used by the site's own pages (the "Easy read" page), not by a charter.
SITE: tuple[str, ...] = ("1F4D6",)


def slug(annotation: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", annotation.lower().replace("’", "")).strip("-")


def main(package: Path, rewrite: bool) -> None:
    data = json.loads((package / "data" / "openmoji.json").read_text(encoding="utf-8"))
    names = {e["hexcode"]: slug(e["annotation"]) for e in data}
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.svg"):
        old.unlink()
    used = sorted({*FROM_MATERIAL.values(), *BY_TEXT.values(), *SITE})
    for code in used:
        svg = (package / "color" / "svg" / f"{code}.svg").read_text(encoding="utf-8")
        svg = re.sub(r'\s(?:id|data-name)="[^"]*"', "", svg)
        (OUT / f"{names[code]}.svg").write_text(svg, encoding="utf-8")
    print(f"{len(used)} pictures in {OUT}")
    if rewrite:
        for path in sorted((REPO / "charters").glob("*.yml")):
            text = path.read_text(encoding="utf-8")
            for start, code in BY_TEXT.items():
                text = re.sub(
                    rf"(text: \"?{re.escape(start)}[^\n]*\n(?:[^\n]*\n)*?\s*picture: )\S+",
                    rf"\g<1>openmoji/{names[code]}",
                    text,
                    count=1,
                )
            for icon, code in FROM_MATERIAL.items():
                text = re.sub(
                    rf"picture: material/{re.escape(icon)}(?![\w-])", f"picture: openmoji/{names[code]}", text
                )
            path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), "--rewrite-charters" in sys.argv[2:])
