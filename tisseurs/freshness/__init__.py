"""The data version: one token the database changes with every write to the apps'
tables (`version.py`), under which report figures (`version.cached`) and whole pages
(`pages.cached_page`) are cached without ever being stale."""
