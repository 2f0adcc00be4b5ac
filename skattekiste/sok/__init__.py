"""/sok/ and /api/sok/: Norwegian search across examples, methods and insight."""
