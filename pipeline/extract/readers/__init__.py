"""Table readers: a Grid of printed cells -> records of printed values, one module per table kind."""
