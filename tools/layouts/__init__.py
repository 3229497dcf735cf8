"""Layout sweep: known table content rendered across declared layout dimensions (never imported by the pipeline)."""
