"""The ``charterkit/formats`` MkDocs plugin: options in ``config``, hooks in ``plugin``."""
