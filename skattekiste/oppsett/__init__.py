"""Project set-up: settings helpers, the embedded database, middleware, login, seed content."""
