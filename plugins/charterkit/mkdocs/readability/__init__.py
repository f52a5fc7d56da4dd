"""The ``charterkit/readability`` MkDocs plugin: options in ``config``, hooks in ``plugin``."""
