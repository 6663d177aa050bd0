"""What several test modules share: documents to check and export, ways to run `gl`, and
checks of written sites. Paths and environment checks are in tests/conftest.py."""
