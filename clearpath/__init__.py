"""Clearpath: the personal budgets process of English adult social care."""
