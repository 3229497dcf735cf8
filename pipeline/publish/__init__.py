"""Stage 4: the Frictionless data package (CSV, JSON, descriptor, codebook), published atomically."""
