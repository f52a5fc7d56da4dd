"""MkDocs adapters: thin plugins over the charterkit core. Only this package imports MkDocs."""
