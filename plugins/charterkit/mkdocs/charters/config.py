"""Options of the charterkit MkDocs plugins, each documented where it is declared."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from charterkit.mkdocs.options import LanguageTag, SitePath


class ChartersConfig(base.Config):
    """Options of ``charterkit/charters``."""

    charters_dir = c.Type(str, default="charters")
    """The folder of charter files (``*.yml``), relative to ``mkdocs.yml``."""

    url = SitePath(example="charters", default="charters")
    """The part of the address under which charter pages live: ``/charters/<slug>/``."""

    language = LanguageTag(default="en-GB")
    """The site's language. A charter in another language is marked up with its own."""

    contact = c.Type(str, default="")
    """How readers reach the site's owner (an email address or a sentence). Shown when a charter has no
    contact of its own, and used in the accessibility statement."""

    missing_easy_read = c.Choice(("warn", "ignore"), default="warn")
    """What to do when a charter has no easy-read version and does not say ``easy_read: pending``:
    ``warn`` (so ``--strict`` fails) or ``ignore`` (for every charter of the site). One charter is
    published before its easy-read version with ``easy_read: pending`` in its file instead."""

    other_formats = c.Optional(c.ListOfItems(c.Type(str)))
    """The formats readers can ask for, listed on every charter page and PDF ("You can ask for this
    charter in another format, such as: ..."). Default: braille, audio, large print on paper, a
    translation. Add "British Sign Language (BSL)" where the organisations can provide it. A charter's
    own ``other_formats`` replaces this list for that charter."""

    edit_url = c.Type(str, default="")
    """Where to edit a charter's file, with ``{path}`` for its path (``charters/x.yml``), such as
    ``https://github.com/ORG/REPO/edit/main/{path}``. Empty: made from ``repo_url`` and ``edit_uri``
    when ``repo_url`` is on GitHub (branch from ``edit_uri``, else ``main``); ``none``: no link."""

    pictures = c.Type(bool, default=True)
    """Publish the picture gallery for editors at ``pictures/``: every picture name that suits easy
    read, shown with its picture, by first letter, each letter on as many pages of under 100 KB as it
    needs."""

    list_size = c.Type(int, default=12)
    """At most this many charters (A to Z) in a page's ``<!-- charterkit:charter-list -->`` (the home
    page), then a link to all of them, so that the page stays short on a site with many charters."""

    cache_dir = c.Type(str, default=".cache/charterkit-charters")
    """Where each charter's checked data and readability scores are kept between builds, relative to
    ``mkdocs.yml``, so that only charters that changed are read and scored again. Keys hold no folder
    name, so a copy of the project (or a restored CI cache) reuses them. Safe to delete; empty: off."""

    workers = c.Type(int, default=0)
    """Processes that read and score charters not yet kept: 0 means one per processor core. Anything but
    1 also lets a second process draw most of the pages charterkit makes (``charters/helper.py``)."""

    instant_preview = c.Type(bool, default=True)
    """``mkdocs serve`` hears of a saved file from the system at once (Linux's inotify) instead of
    looking at every file each half second, as MkDocs does. Folders on a network or shared file system
    (NFS, SMB, WSL's Windows drives) and ``mkdocs.yml`` itself are still looked at each half second. Set
    ``false`` if the preview ever misses a save. On other systems it always looks each half second."""

    schema = c.Type(bool, default=True)
    """Publish the JSON Schema of the charter format at ``schema/charter.schema.json``."""

    open_data = c.Type(bool, default=True)
    """Publish the open data under ``data/``: ``charters.json``, a file per charter, ``principles.csv``, an
    Atom feed and their JSON Schema. The compare page reads the charters' files, so it needs them."""
