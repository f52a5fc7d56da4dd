"""The ``charterkit/pdf`` MkDocs plugin: options in ``config``, hooks in ``plugin``."""
