"""Stage 1: PDF -> values as printed (tables and prose figures)."""
