"""Rendering: the Jinja environment, views of a charter, generated pages, the statement, colours."""
