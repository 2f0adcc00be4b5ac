"""/bidra/: share an example, and the team's review of it."""
