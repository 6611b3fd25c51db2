#!/usr/bin/env bash
# Runs every test of the repository. This is the README's test command and what .ci/run calls.
#  1. builds the solution (host projects, the nano gate = the core compiled against nanoFramework
#     mscorlib 1.17.11 alone, and the firmware compile check against reference-only declarations);
#  2. runs the metadata checker on the nano gate's output (generics, multi-dim arrays, foreign assemblies);
#  3. runs all xunit tests.
# Needs the .NET 10 SDK; installs what the tests need (mosquitto, mosquitto-clients, openssl, postgresql) when missing.
# With CI=true a missing test dependency is a failure, not a skip: the install must succeed, ../shared/data must be
# beside the checkout, and a run in which any test skipped fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# mosquitto for the real-broker tests (they start their own instance on a free port; the package's service is not
# needed). Best effort: without apt the tests that need it skip and say why.
ci=false; case "${CI:-}" in true|TRUE|1|yes) ci=true ;; esac
have_deps() { { command -v mosquitto || test -x /usr/sbin/mosquitto; } && command -v mosquitto_sub && command -v mosquitto_pub && command -v openssl; }
if ! have_deps >/dev/null 2>&1; then
  echo "== installing mosquitto, mosquitto-clients, openssl (real-broker and TLS tests)"
  SUDO=""; if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq mosquitto mosquitto-clients openssl >/dev/null; } \
    || echo "   mosquitto/openssl could not be installed; the real-broker tests will be skipped"
fi
# PostgreSQL for the store's contract tests on PostgreSQL and the many-buildings integration test (docs/scale.md):
# the tests run their own server (initdb in a temp folder, a free loopback port, as user postgres when root); the
# package's cluster and service are not needed.
have_postgres() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }
if ! have_postgres; then
  echo "== installing postgresql (store contract tests on PostgreSQL)"
  SUDO=""; if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null; } \
    || echo "   postgresql could not be installed; the PostgreSQL tests will be skipped"
fi
# The SHACL engine that runs Brick's shapes on the Brick export (docs/gateway.md, Exports): rdf-validate-shacl from npm,
# pinned in tools/brick-shacl/package-lock.json. Best effort: without node/npm the test skips and says why.
if command -v npm >/dev/null 2>&1 && [ ! -d tools/brick-shacl/node_modules ]; then
  echo "== npm ci in tools/brick-shacl (Brick SHACL validation)"
  npm ci --prefix tools/brick-shacl --no-audit --no-fund >/dev/null 2>&1 || echo "   npm ci failed; the Brick SHACL test will be skipped"
fi
if $ci; then
  have_deps >/dev/null 2>&1 || { echo "CI=true: mosquitto, mosquitto_sub, mosquitto_pub and openssl are required" >&2; exit 1; }
  have_postgres || { echo "CI=true: PostgreSQL (/usr/lib/postgresql/*/bin/initdb) is required" >&2; exit 1; }
  test -d ../shared/data || { echo "CI=true: ../shared/data (the real traces) must be beside the checkout" >&2; exit 1; }
fi

echo "== build (host, nano gate, firmware compile check)"
dotnet build SensorNode.sln -c Release -nologo -v quiet -clp:ErrorsOnly

echo "== nanoFramework metadata check of the portable core"
dotnet run --project tools/SensorNode.NanoCheck -c Release --no-build -- \
  firmware/SensorNode.Core.Nano/bin/Release/netstandard2.0/SensorNode.Core.Nano.dll

echo "== tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test SensorNode.sln -c Release --no-build -nologo 2>&1 | tee "$log"
if $ci && grep -Eq "Skipped:[[:space:]]+[1-9]" "$log"; then
  echo "CI=true: tests were skipped (a missing dependency is a failure here):" >&2
  grep -E "^[[:space:]]+Skipped " "$log" >&2 || true
  exit 1
fi
