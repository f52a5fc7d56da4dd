"""Finding and comparing charters: the catalogue of charters by theme, facets, paging and similarity.

Plain Python over loaded charters, with no site generator: the MkDocs plugin asks these functions which
pages to add and what goes on each.
"""
