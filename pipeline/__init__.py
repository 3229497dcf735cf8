"""London policing PDFs -> validated open-data package (extract, normalise, validate, publish)."""

__version__ = "0.1.0"
