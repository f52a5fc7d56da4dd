"""The ``charterkit/accessibility`` MkDocs plugin: options in ``config``, hooks in ``plugin``."""
