"""Open data: every charter as JSON (all in one file and one file each), its principles as CSV, an Atom
feed by date, and the JSON Schema the JSON follows. Deterministic: the same charters give the same bytes.
"""
