#!/bin/bash
# tests/full/tzdb_tzvalidate_all.sh: tzvalidate bodies of all 52 releases
# of ../shared/conformance/tzvalidate against the published hashes (the
# sample of make check is tests/cli/tzdb/tzvalidate_published.sh).
TZV_ALL=1 exec bash "$(dirname "$0")/../cli/tzdb/tzvalidate_published.sh"
