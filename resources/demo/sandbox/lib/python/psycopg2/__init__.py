# SPDX-License-Identifier: GPL-3.0-or-later
"""The demo host's psycopg2: enough for the emergency runbook's connection test.

connect() accepts a URL the way the real driver does and reports a PostgreSQL 15 server;
it opens no connection, so nothing on this machine is touched.
"""
__version__ = "2.9.9 (dt dec pq3 ext lo64) - Pilothouse demo host"


class OperationalError(Exception):
    pass


class _Cursor:
    def execute(self, query, params=None):
        self._rows = [(1,)] if "select 1" in query.lower() else []

    def fetchone(self):
        return self._rows[0] if self._rows else None

    def fetchall(self):
        return list(self._rows)

    def close(self):
        pass


class _Connection:
    server_version = 150008

    def __init__(self, dsn):
        self.dsn = dsn
        self.closed = 0

    def cursor(self):
        return _Cursor()

    def close(self):
        self.closed = 1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def connect(dsn=None, **kwargs):
    if not dsn and not kwargs:
        raise OperationalError('connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" '
                               'failed: No such file or directory')
    return _Connection(dsn)
