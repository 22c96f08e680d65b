"""The Qt window of Corpus Reader: thin, tested faces on the facade in ``reader.core.library``."""
