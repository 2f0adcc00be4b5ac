"""Pages outside any feature: the front page, the accessibility statement, the health check."""
