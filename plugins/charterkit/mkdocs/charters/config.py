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
    """What to do when a charter has no easy-read version: ``warn`` (so ``--strict`` fails) or
    ``ignore``."""

    schema = c.Type(bool, default=True)
    """Publish the JSON Schema of the charter format at ``schema/charter.schema.json``."""
