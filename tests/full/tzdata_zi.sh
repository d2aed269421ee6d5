#!/bin/bash
# tests/full/tzdata_zi.sh: tests/oracle/tzdata_zi.sh over every tag and
# branch head of both bundles (every data form and build switch each
# Makefile has): zishrink against gawk's zishrink.awk, release by release.
TZDATA_ZI_REFS=all exec bash "$(dirname "$0")/../oracle/tzdata_zi.sh"
