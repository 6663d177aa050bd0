"""gl/checker package."""
