"""/eksempler/: browse and read the examples."""
