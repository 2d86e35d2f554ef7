#!/usr/bin/env bash
# The whole suite on SQLite, then again on PostgreSQL (a fresh database on the local server,
# created and dropped by pytest-django). With CI=true an unreachable PostgreSQL is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PYTEST=(.venv/bin/pytest -q -n 2 --dist loadgroup "$@")
PG_URL_BASE=${SATUDATA_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432}

echo "== lint =="
.venv/bin/ruff format --check . >/dev/null
.venv/bin/ruff check --quiet .

echo "== tests on SQLite =="
env -u SATUDATA_DATABASE_URL "${PYTEST[@]}"

echo "== tests on PostgreSQL (${PG_URL_BASE}) =="
if ! "$PY" - "$PG_URL_BASE" <<'PYCODE'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1] + "/postgres", connect_timeout=5).close()
except Exception as exc:
    print(f"PostgreSQL unreachable: {exc}", file=sys.stderr)
    sys.exit(1)
PYCODE
then
  if [ "${CI:-}" = "true" ]; then echo "FAIL: PostgreSQL is required in CI." >&2; exit 1; fi
  echo "SKIPPED: PostgreSQL is not reachable (set SATUDATA_TEST_POSTGRES to test on it)."
  exit 0
fi
DB_NAME="satudata_ci_$$"
drop_test_databases() {
  "$PY" - "$PG_URL_BASE" "$DB_NAME" <<'PYCODE'
import sys, psycopg
with psycopg.connect(sys.argv[1] + "/postgres", autocommit=True) as con:
    names = [r[0] for r in con.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"%{sys.argv[2]}%"])]
    for name in names:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
PYCODE
}
trap drop_test_databases EXIT
SATUDATA_DATABASE_URL="${PG_URL_BASE}/${DB_NAME}" "${PYTEST[@]}"
