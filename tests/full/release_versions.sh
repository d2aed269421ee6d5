#!/bin/bash
# tests/full/release_versions.sh: tests/oracle/release_versions.sh over its whole
# matrix (ORACLE_MATRIX=full; which refs, that script says), for make
# check-full.
ORACLE_MATRIX=full exec bash "$(dirname "$0")/../oracle/release_versions.sh"
