"""What every app may import: vocabulary, fields, facets, personvern, history and roles."""
