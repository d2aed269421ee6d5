-- data/schema.sql: the schema of the tzdb store (data/tzdb, lib/store.c).
--
-- This file is the single source of the schema: the Makefile turns it
-- into lib/schema.h, which lib/store.c runs on a new database, and it can
-- be fed to sqlite3 directly.  Bump user_version in lib/store.c
-- (STORE_VERSION) with any change here.
--
-- Instants are 64-bit seconds since 1970-01-01 00:00:00 UT (POSIX time,
-- no leap seconds); offsets are seconds east of Greenwich.
--
-- A release is one tzdb source tree compiled with one set of build
-- switches.  Zone histories (the compiled TZif data) are content-addressed
-- by the SHA-256 of the slim TZif bytes zic writes, so a history that did
-- not change between releases is stored once and shared.

-- One row per loaded release.  Loading a label again from the same spec,
-- commit and switches replaces the row and everything hanging off it in
-- one transaction; a label from elsewhere needs tzdb load --replace.
CREATE TABLE release (
	id		INTEGER PRIMARY KEY,
	label		TEXT NOT NULL UNIQUE,	-- e.g. 2026c, 2026cgtz
	seq		INTEGER NOT NULL,	-- load order: larger is newer
	version		TEXT,			-- release version the tree states
	spec		TEXT NOT NULL,		-- SPEC it was loaded from
	origin		TEXT NOT NULL,		-- lineage: REPO or FORK of
						-- REPO@REF/FORK@REF, else ''
	kind		TEXT NOT NULL,		-- dir, tarball, file, git, fork
	commit_id	TEXT,			-- git commit (hex), or NULL
	dataform	TEXT NOT NULL,		-- main, vanguard, rearguard
	backzone	INTEGER NOT NULL,	-- PACKRATDATA=backzone
	packratlist	TEXT,			-- PACKRATLIST, or NULL
	backward	INTEGER NOT NULL,	-- BACKWARD=backward
	zic_sha256	TEXT NOT NULL,		-- SHA-256 of the zic input
	leap_expires	INTEGER,		-- leap second data expiry
	horizon		INTEGER NOT NULL	-- rows of transition reach
						-- [.., horizon): see below
) STRICT;

-- The input files of each release and their SHA-256.
CREATE TABLE input_file (
	release_id	INTEGER NOT NULL REFERENCES release(id)
			    ON DELETE CASCADE,
	name		TEXT NOT NULL,
	sha256		TEXT NOT NULL,
	PRIMARY KEY (release_id, name)
) STRICT, WITHOUT ROWID;

-- A compiled zone history, shared by every name and release that has
-- exactly this data.  tzif holds the slim TZif file as zic 2026c writes
-- it; footer is its TZ string, which governs after the last transition.
-- Each read checks sha256 against tzif (tzdb check: all of them).
CREATE TABLE history (
	id		INTEGER PRIMARY KEY,
	sha256		TEXT NOT NULL UNIQUE,	-- of tzif
	tzif		BLOB NOT NULL,
	footer		TEXT NOT NULL,		-- '' when none
	ntrans		INTEGER NOT NULL,	-- explicit rows, less one
	horizon		INTEGER NOT NULL	-- rows are complete before
						-- this UT instant
) STRICT;

-- Every change of a history, explicit or implied by its footer.  The
-- first row of each history has at = -9223372036854775808 and gives what
-- is in force before the first transition.  Then come the TZif file's
-- explicit transitions (implied = 0) and, after the last of them, the
-- changes its footer TZ string implies (implied = 1), up to the
-- history's horizon: by default through the year 2100 (tzdb load
-- --until YEAR).  So "the last row with at <= T" answers for any T
-- before the horizon.  After it the footer's rules hold as before
-- (tzdb at and friends answer for any instant); a history whose footer
-- has no DST rules has no changes after its last explicit row.
CREATE TABLE transition (
	history_id	INTEGER NOT NULL REFERENCES history(id)
			    ON DELETE CASCADE,
	at		INTEGER NOT NULL,	-- UT instant
	utoff		INTEGER NOT NULL,	-- seconds east of UT
	isdst		INTEGER NOT NULL,
	abbr		TEXT NOT NULL,
	implied		INTEGER NOT NULL,	-- 1: from the footer
	PRIMARY KEY (history_id, at)
) STRICT, WITHOUT ROWID;

-- Every name of a release, after zic's link rules: a Zone or a Link,
-- the Link's target as written, the zone whose data the name ends up
-- with, and where the name is defined.
CREATE TABLE name (
	release_id	INTEGER NOT NULL REFERENCES release(id)
			    ON DELETE CASCADE,
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('zone', 'link')),
	target		TEXT,			-- links only
	zone		TEXT,			-- NULL for a broken link
	history_id	INTEGER REFERENCES history(id),
	file		TEXT NOT NULL,
	line		INTEGER NOT NULL,
	PRIMARY KEY (release_id, name)
) STRICT, WITHOUT ROWID;
CREATE INDEX name_by_name ON name (name, release_id);
CREATE INDEX name_by_history ON name (history_id);

-- Source lines, stored once however many releases contain them.
CREATE TABLE source_text (
	id		INTEGER PRIMARY KEY,
	text		TEXT NOT NULL UNIQUE
) STRICT;

-- The lines of each Zone (provenance): start is the UT instant from
-- which the line governs (NULL for the first line).
CREATE TABLE zone_line (
	release_id	INTEGER NOT NULL REFERENCES release(id)
			    ON DELETE CASCADE,
	zone		TEXT NOT NULL,
	seq		INTEGER NOT NULL,	-- 0 for the Zone line
	start		INTEGER,
	file		TEXT NOT NULL,
	line		INTEGER NOT NULL,
	text_id		INTEGER NOT NULL REFERENCES source_text(id),
	PRIMARY KEY (release_id, zone, seq)
) STRICT, WITHOUT ROWID;

-- The Rule lines of each release (provenance).
CREATE TABLE rule_line (
	release_id	INTEGER NOT NULL REFERENCES release(id)
			    ON DELETE CASCADE,
	rule		TEXT NOT NULL,
	seq		INTEGER NOT NULL,	-- order within the rule
	file		TEXT NOT NULL,
	line		INTEGER NOT NULL,
	text_id		INTEGER NOT NULL REFERENCES source_text(id),
	PRIMARY KEY (release_id, rule, seq)
) STRICT, WITHOUT ROWID;

-- Countries from iso3166.tab.
CREATE TABLE country (
	release_id	INTEGER NOT NULL REFERENCES release(id)
			    ON DELETE CASCADE,
	code		TEXT NOT NULL,
	name		TEXT NOT NULL,
	PRIMARY KEY (release_id, code)
) STRICT, WITHOUT ROWID;

-- Rows of zone.tab, zone1970.tab and zonenow.tab: one row per country
-- code of a line (zone1970.tab lines list several), seq the line's
-- position in its file.
CREATE TABLE zone_tab (
	release_id	INTEGER NOT NULL REFERENCES release(id)
			    ON DELETE CASCADE,
	tab		TEXT NOT NULL,		-- zone.tab, zone1970.tab, ...
	seq		INTEGER NOT NULL,
	country		TEXT NOT NULL,		-- XX in zonenow.tab: none
	coordinates	TEXT NOT NULL,
	zone		TEXT NOT NULL,
	comment		TEXT NOT NULL,		-- '' when none
	PRIMARY KEY (release_id, tab, seq, country)
) STRICT, WITHOUT ROWID;
CREATE INDEX zone_tab_by_country ON zone_tab (country, release_id);

-- Leap seconds from leap-seconds.list (releases before 2014a: from the
-- zic-format leapseconds file): at is the POSIX time of the
-- first second after the leap (e.g. 78796800 for 1972-07-01), and
-- correction the total TAI-UTC less 10 from then on.
CREATE TABLE leap_second (
	release_id	INTEGER NOT NULL REFERENCES release(id)
			    ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	correction	INTEGER NOT NULL,
	PRIMARY KEY (release_id, at)
) STRICT, WITHOUT ROWID;
