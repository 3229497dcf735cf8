"""Stage 3: Frictionless schemas, Great Expectations suites and source identities."""
