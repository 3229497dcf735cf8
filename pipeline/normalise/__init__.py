"""Stage 2: printed labels, boroughs, numbers and periods -> fixed code lists and types."""
