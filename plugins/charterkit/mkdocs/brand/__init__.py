"""The ``charterkit/brand`` MkDocs plugin: options in ``config``, hooks in ``plugin``."""
