#!/usr/bin/env bash
# The one test command (README, CI): type check, lint, then the unit,
# integration (real PostgreSQL, real worker processes) and end-to-end
# (the sandbox in headless Chromium) tests, closing with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
status=0

echo "== type check"
npx tsc --noEmit || status=1
# Each admin UI extension has its own tsconfig (Preact's JSX, the admin's `shopify` global).
for config in extensions/*/tsconfig.json; do npx tsc --noEmit -p "$config" || status=1; done

echo "== lint (ESLint; Shopify's types generated from the documents are up to date)"
npm run --silent lint || status=1

echo "== tests: unit, integration, e2e"
rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1

node --import tsx scripts/test-summary.ts test-results/vitest.json || status=1
exit $status
