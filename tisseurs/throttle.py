"""A small counter-in-the-cache throttle, for what django-axes does not cover:
password-reset requests, and login failures from one address across many accounts.

The counters live in Django's cache, the database cache in production (settings
CACHES): every worker and every server counts together. Addresses come from
tisseurs/clientip.py (X-Forwarded-For only from the proxies in TRUSTED_PROXY).
"""

from django.core.cache import cache

from tisseurs.clientip import client_address as _client_address

HOUR = 60 * 60
# Password-reset requests per hour, counted per address and per e-mail address.
PASSWORD_RESET_LIMIT = 3
# Failed logins from one address, whatever the usernames tried, per 15 minutes. Looser
# than axes' five per username and address: relais often share one public address.
LOGIN_ADDRESS_LIMIT = 20
LOGIN_ADDRESS_WINDOW = 15 * 60


def client_address(request) -> str:
    return _client_address(request) or "unknown"


def _key(scope: str, subject: str) -> str:
    return f"tisseurs:throttle:{scope}:{subject.strip().lower()}"


def throttle_count(*, scope: str, subject: str) -> int:
    return cache.get(_key(scope, subject), 0)


def throttle_hit(*, scope: str, subject: str, window: int) -> int:
    """Count one more event for `subject`; the count starts over `window` seconds
    after the first event. Returns the new count."""
    key = _key(scope, subject)
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return 1


def throttle_exceeded(*, scope: str, subject: str, limit: int) -> bool:
    return throttle_count(scope=scope, subject=subject) >= limit
