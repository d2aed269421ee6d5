#!/bin/bash
# tests/cli/tzdb/hostile.sh: data/tzdb on database files that are not
# its own (issue 6): random bytes, a text file, an empty file, a missing
# file, SQLite databases with a foreign schema (another user_version, or
# version 1 with other tables), and a load into one of them.  Each must be
# refused with its exact message and exit status 2, and a refused load
# must leave the file byte for byte as it was.

. "$(dirname "$0")/../../lib.sh"
. "$(dirname "$0")/../common/hostile_lib.inc"
need_cmd python3
TZDBP=$top/data/tzdb
[ -x "$TZDBP" ] || { not_ok "data/tzdb not built"; finish; }
T=$tmp
cd "$T" || exit 2

head -c 8192 /dev/urandom >random.db
printf 'hello, this is not a database\n' >text.db
: >empty.db
python3 - <<'PY'
import sqlite3
c = sqlite3.connect('foreign7.db'); c.execute('PRAGMA user_version = 7')
c.execute('CREATE TABLE t(x)'); c.commit(); c.close()
c = sqlite3.connect('foreign0.db'); c.execute('CREATE TABLE t(x)')
c.execute("INSERT INTO t VALUES ('precious')"); c.commit(); c.close()
c = sqlite3.connect('foreign1.db'); c.execute('PRAGMA user_version = 2')
c.execute('CREATE TABLE t(x)'); c.execute("INSERT INTO t VALUES ('mine')")
c.commit(); c.close()
PY

q() { "$TZDBP" at --db "$1" Europe/Dublin 2024-01-01T00:00Z; }
expect "random bytes" 2 "tzdb: random.db: cannot read the database: file is not a database" \
    q random.db
expect "a text file" 2 "tzdb: text.db: cannot read the database: file is not a database" \
    q text.db
expect "an empty file" 2 "tzdb: empty.db: not a tzdb database (empty); run 'tzdb load' first" \
    q empty.db
expect "a missing file" 2 "tzdb: missing.db: no such database; make it with 'tzdb load'" \
    q missing.db
check "a missing file is not created" test ! -e missing.db
expect "foreign schema, user_version 7" 2 \
    "tzdb: foreign7.db: not a tzdb database of schema version 2 (it has version 7)" \
    q foreign7.db
expect "foreign schema, user_version 0" 2 \
    "tzdb: foreign0.db: not a tzdb database of schema version 2 (it has version 0)" \
    q foreign0.db
expect "foreign schema, user_version 2 (ours)" 2 \
    "tzdb: foreign1.db: not a tzdb database (application_id 0, not 0x747a6462)" \
    q foreign1.db

# Loads into files that are not tzdb databases: refused, file unchanged.
for f in random text foreign0 foreign1 foreign7; do cp $f.db $f.orig; done
expect "load into random bytes" 2 \
    "tzdb: random.db: cannot read the database: file is not a database" \
    "$TZDBP" load --db random.db "$TZDB"
expect "load into a text file" 2 \
    "tzdb: text.db: cannot read the database: file is not a database" \
    "$TZDBP" load --db text.db "$TZDB"
expect "load into a foreign schema (version 0)" 2 \
    "tzdb: foreign0.db: not a tzdb database of schema version 2 (it has version 0)" \
    "$TZDBP" load --db foreign0.db "$TZDB"
expect "load into a foreign schema (version 2, ours)" 2 \
    "tzdb: foreign1.db: not a tzdb database (application_id 0, not 0x747a6462)" \
    "$TZDBP" load --db foreign1.db "$TZDB"
expect "load into a foreign schema (version 7)" 2 \
    "tzdb: foreign7.db: not a tzdb database of schema version 2 (it has version 7)" \
    "$TZDBP" load --db foreign7.db "$TZDB"
for f in random text foreign0 foreign1 foreign7; do
	check "refused load: $f.db unchanged" cmp -s $f.orig $f.db
done
check "refused load: foreign data still there" \
    sh -c "python3 -c \"import sqlite3; print(sqlite3.connect('foreign0.db').execute('select x from t').fetchone()[0])\" | grep -qx precious"
finish
