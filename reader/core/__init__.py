"""The headless engine of Corpus Reader. Nothing in this package imports Qt."""
