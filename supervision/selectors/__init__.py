"""Named read queries of the cycle, one module per topic."""
