"""The address a request came from: the one place audit entries, the login lockout
(django-axes) and the throttles ask.

Behind a reverse proxy, `REMOTE_ADDR` is the proxy. Only when `REMOTE_ADDR` is one
of the proxies named in `TRUSTED_PROXY` is `X-Forwarded-For` read, from the right:
each proxy appends the address it saw, so the first address from the right that is
not one of ours is the client as our own proxy saw it. Addresses further left were
written by the client and are never believed. Without `TRUSTED_PROXY`, the header is
ignored (anyone can send it).
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = set(getattr(settings, "TRUSTED_PROXY", ()))
    if remote is None or remote not in proxies:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part.strip() for part in forwarded.split(",")]):
        if hop in proxies:
            continue
        return hop if _valid(hop) else remote
    return remote
