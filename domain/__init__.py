"""Clearpath's rules: pure Python, no Django, no clock, no I/O beyond reading its own rule packs."""
