"""Models of the challenges app."""
