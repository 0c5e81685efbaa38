#!/usr/bin/env bash
# Debian packages Relay's checks need: Java 17 for the Apex analyzers, Chromium for the browser tests,
# PostgreSQL for the connector's shared-outbox tests (they start a throwaway cluster with initdb and pg_ctl),
# OpenSSL for the local Pub/Sub API server's self-signed certificate (connector/test/helpers/pubsubServer.ts).
# Idempotent: installs only what is missing.
set -euo pipefail
need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -eq 0 ]; then
  echo "system deps: present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
