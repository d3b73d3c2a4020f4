"""Whole pages kept per user under the data version: `@cached_page`.

A page seen again with nothing changed is served from memory instead of being drawn
again. The entry's key names everything the page can depend on:

- the data version (`version.data_token`), which the database changes with every
  write to the tables pages show, so a page is never served after a change: no stale
  money, no outing missing;
- the user (their id, roles and account flags): one user never gets another's page;
- the browser's CSRF secret, because the page's forms carry a token made from it;
- the page's language, the address with its query string, the scheme and host (for
  the absolute links of calendar feeds), the method;
- today's date; and an entry lives `PAGE_CACHE_SECONDS` (60 s) at most, so what time
  alone changes ("next activity", reminders of the last days) is at most a minute late.

Nothing is read from or stored in the cache when the request is not a GET or HEAD,
when the user is anonymous, when a message waits to be shown (it is part of the
page), inside a transaction (the version changes at commit), or when the browser has
no CSRF cookie yet. Only a plain 200 answer is kept, and only when the view set no
cookie, changed no session and queued no message. Every check around the view still
runs: sign-in, session policy, second factor, `role_required` (put `@cached_page`
below it) and the privacy headers (`no-store`: browsers never keep these pages).

The cache is the worker's own memory (`CACHES["pages"]`, a bounded local-memory
cache): nothing leaves the process, and a restarted worker starts empty. On a hit the
view does not run, so a view that writes on GET must not carry the decorator, with
one exception: a page whose reading is audited records it with `audited(...)`, and
the same entry is recorded again at every hit.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone, translation

from tisseurs.audit.services import audit_log
from tisseurs.freshness.version import data_token
from tisseurs.roles import user_roles

CACHE = "pages"
SAFE_METHODS = ("GET", "HEAD")


def cached_page(view):
    """Serve `view`'s page from the per-user page cache when nothing it shows has
    changed (module docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = page_key(request)
        if key is None:
            return view(request, *args, **kwargs)
        cache = caches[CACHE]
        frozen = cache.get(key)
        if frozen is not None:
            return _thaw(request, frozen)
        session = getattr(request, "session", None)
        session_modified = session.modified if session is not None else False
        response = view(request, *args, **kwargs)

        def store(rendered):
            if _storable(request, rendered, session_modified):
                cache.set(key, _freeze(rendered), timeout=settings.PAGE_CACHE_SECONDS)

        if getattr(response, "is_rendered", True):
            store(response)
        else:  # a TemplateResponse: kept once drawn
            response.add_post_render_callback(store)
        return response

    return wrapper


def page_key(request) -> str | None:
    """The cache key of this request's page, or None when it must not be cached."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in SAFE_METHODS:
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    csrf_secret = request.META.get("CSRF_COOKIE")
    if not csrf_secret or connection.in_atomic_block:
        return None
    storage = getattr(request, "_messages", None)
    if storage is not None and len(storage):
        return None
    token = data_token()
    if token is None:
        return None
    parts = (
        token,
        user.pk,
        sorted(user_roles(user)),
        user.is_staff,
        user.is_superuser,
        user.is_active,
        translation.get_language(),
        timezone.localdate().isoformat(),
        request.method,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        csrf_secret,
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def audited(request, response, kind, **detail):
    """Record in the audit trail that `request.user` read this page (`audit_log`),
    now and again each time the page is served from the cache; returns `response`."""
    audit_log(request, kind, **detail)
    response.audit_replay = (kind, detail)
    return response


def _storable(request, response, session_modified: bool) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified and not session_modified:
        return False
    storage = getattr(request, "_messages", None)
    return not (storage is not None and getattr(storage, "_queued_messages", None))


def _freeze(response) -> tuple:
    headers = [(name, value) for name, value in response.items()]
    audit = getattr(response, "audit_replay", None)
    return (response.status_code, headers, response.content, audit)


def _thaw(request, frozen: tuple) -> HttpResponse:
    status, headers, content, audit = frozen
    if audit is not None:
        kind, detail = audit
        audit_log(request, kind, **detail)
    return HttpResponse(content, status=status, headers=dict(headers))
