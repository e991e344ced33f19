"""Models of the raslab app."""
