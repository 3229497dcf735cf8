"""The package in the formats researchers load: a SQLite database (with datasette metadata) and Parquet."""
