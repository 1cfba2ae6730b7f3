#!/usr/bin/env bash
# The Debian packages the tests need (run as root): Chromium for the browser
# tests, Tryton 6.0 with proteus (and web_shop: what Tryton offers to
# e-commerce) for the ERP integration tests.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium tryton-server tryton-proteus tryton-modules-sale tryton-modules-stock \
  tryton-modules-party tryton-modules-product tryton-modules-account-invoice tryton-modules-sale-stock-quantity tryton-modules-web-shop >/dev/null
