"""/veiledning/: the report's guidance in its own words, as short pages Redaksjon edits."""
