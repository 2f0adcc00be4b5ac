"""A real OpenID Connect provider for the login tests: django-oauth-toolkit on 127.0.0.1.

It runs in its own process with its own settings and a SQLite database in a temporary
folder (see serve.py); the test session starts and stops it (tests/oidc.py).
"""
