#!/usr/bin/env bash
# Runs every test of Ecom.Aspire (Ecom.Aspire.Ci.slnf: everything but AppHost), first installing what a fresh
# machine lacks: PostgreSQL server binaries, redis-server and Chromium (via apt when root; a clear message otherwise).
# The integration tests start their own PostgreSQL and redis-server on free loopback ports, or use
# ConnectionStrings__ecomdb / ConnectionStrings__cache when those are set.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

ensure_dotnet
ensure_packages postgresql redis-server chromium

results="${ECOM_TEST_RESULTS:-$PWD/artifacts/test-results}"
rm -rf "$results" && mkdir -p "$results"
log="$results/dotnet-test.log"

set +e
dotnet test Ecom.Aspire.Ci.slnf --nologo --results-directory "$results" --logger "trx" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole suite, summed over the test assemblies.
awk '/^(Passed|Failed)! +- +Failed: / {
        gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
