"""rewriting package."""
