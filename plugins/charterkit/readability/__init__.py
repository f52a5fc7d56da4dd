"""Readability: sentence and word measures of text, and the scores of a charter against targets."""
