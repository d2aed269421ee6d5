#!/bin/bash
# tests/full/release_meaning.sh: tests/oracle/release_meaning.sh over every
# tag and branch of both bundles (ORACLE_MATRIX=full), for make check-full.
ORACLE_MATRIX=full exec bash "$(dirname "$0")/../oracle/release_meaning.sh"
