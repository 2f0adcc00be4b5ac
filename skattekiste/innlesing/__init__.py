"""Bulk import and export of examples, insights and sources in the admin (django-import-export)."""
