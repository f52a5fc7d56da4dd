"""The ``charterkit/charters`` MkDocs plugin: options in ``config``, hooks in ``plugin``."""
