"""The ``charterkit/search`` MkDocs plugin: options in ``config``, hooks in ``plugin``."""
