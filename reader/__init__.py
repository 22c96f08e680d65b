"""Corpus Reader: read, search and annotate a corpus of news reporting."""

__version__ = "0.1.0"
APP_NAME = "Corpus Reader"
APP_ID = "org.corpusreader.CorpusReader"
