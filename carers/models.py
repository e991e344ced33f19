"""Models of the carers app."""
