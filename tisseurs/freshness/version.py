"""Caching what cannot be stale: a data version kept by the database itself.

Every table of the apps named in `settings.DATA_VERSION_APPS` (the users and their
groups, the four domain apps, reports, reminders and messages: everything a page
shows) carries a trigger that, in the same transaction as the write, gives the
single `DataVersion` row a new random token. A reader takes the token first and then
computes: whatever it computed, a later write changes the token, so an entry cached
under an old token is never read again. Triggers see every write (ORM, bulk,
`update()`, raw SQL, m2m, deletes), which signals would not. The audit trail is left
out: reading some pages writes to it, and no cached page shows it.

PostgreSQL: a deferred constraint trigger, so the row is locked only at commit, once
per transaction (a transaction-local flag skips the following rows); nothing can wait
on a transaction that already holds it, so it adds no deadlock. SQLite has a single
writer: plain row triggers. Installed after every `migrate` (apps.py), so the tables
of new models get theirs. The app labels are names, not imports: the core imports no
app.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection

TABLE = "tisseurs_dataversion"
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION tisseurs_touch_data() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('tisseurs.data_touched', true) = 'yes' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('tisseurs.data_touched', 'yes', true);
    INSERT INTO tisseurs_dataversion (id, token)
        VALUES (1, md5(random()::text || clock_timestamp()::text))
        ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END $$;
"""
SQLITE_UPSERT = (
    f"INSERT INTO {TABLE} (id, token) VALUES (1, lower(hex(randomblob(16)))) "  # nosec B608
    "ON CONFLICT(id) DO UPDATE SET token = excluded.token;"
)


def source_tables() -> list[str]:
    tables = set()
    for label in settings.DATA_VERSION_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if not model._meta.proxy and model._meta.managed:
                tables.add(model._meta.db_table)
    tables.discard(TABLE)
    return sorted(tables)


def install_triggers(using: str = "default") -> None:
    from django.db import connections

    conn = connections[using]
    with conn.cursor() as cursor:
        existing = set(conn.introspection.table_names(cursor))
        tables = [table for table in source_tables() if table in existing]
        if TABLE not in existing:
            return
        if conn.vendor == "postgresql":
            cursor.execute(PG_FUNCTION)
            for table in tables:
                quoted = conn.ops.quote_name(table)
                for name, sql in (
                    (
                        "tisseurs_touch",
                        f"CREATE CONSTRAINT TRIGGER tisseurs_touch "
                        f"AFTER INSERT OR UPDATE OR DELETE ON {quoted} "
                        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                        "EXECUTE FUNCTION tisseurs_touch_data()",
                    ),
                    (
                        "tisseurs_touch_truncate",
                        f"CREATE TRIGGER tisseurs_touch_truncate AFTER TRUNCATE "
                        f"ON {quoted} FOR EACH STATEMENT "
                        "EXECUTE FUNCTION tisseurs_touch_data()",
                    ),
                ):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {quoted}")
                    cursor.execute(sql)
        elif conn.vendor == "sqlite":
            for table in tables:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    name = conn.ops.quote_name(f"tisseurs_version_{table}_{event}")
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                    cursor.execute(
                        f"CREATE TRIGGER {name} AFTER {event} ON "
                        f"{conn.ops.quote_name(table)} BEGIN {SQLITE_UPSERT} END"
                    )


def uninstall_triggers(using: str = "default") -> None:
    """Remove every trigger `install_triggers` made (to undo the move of the table)."""
    from django.db import connections

    conn = connections[using]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS tisseurs_touch_data() CASCADE")
        elif conn.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'tisseurs_version_%'"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER {conn.ops.quote_name(name)}")


def data_token() -> str | None:
    """The current data version; None when it is unknown (no row yet), and then
    nothing is cached."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {TABLE} WHERE id = 1")  # nosec B608
        row = cursor.fetchone()
    return row[0] if row else None


def cached(parts: tuple, compute):
    """`compute()`, cached under `parts` and the data version taken before it ran.
    `parts` must name everything else the result depends on (period, language,
    today's date…): the same result is shown to every user allowed to see it.

    Only outside a transaction: inside one, this transaction's own writes have not
    changed the token yet (PostgreSQL changes it at commit)."""
    token = None if connection.in_atomic_block else data_token()
    if token is None:
        return compute()
    digest = hashlib.sha256(repr((token, *parts)).encode()).hexdigest()
    key = f"figures:{digest}"
    cache = caches["figures"]
    result = cache.get(key)
    if result is None:
        result = compute()
        cache.set(key, result)
    return result
