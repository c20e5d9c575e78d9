#!/usr/bin/env bash
# Regenerates the README's pictures: runs the accessibility walk (every page, light and dark,
# in all four languages; it saves a screenshot at each stop) in the private test session
# and copies the pictures to docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
TAG=screenshots; . scripts/lib.sh
scripts/build-ui.sh
export CCP_E2E_ARTIFACTS="$PWD/tests/artifacts"
in_private_session scripts/test-session.sh \
  -p comecomepay-desktop --test integration -- --exact \
  a11y::every_page_passes_axe_in_light_and_dark_in_all_four_languages \
  a11y::empty_lists_and_an_error_pass_axe_too
mkdir -p docs/screenshots
cp tests/artifacts/page-*.png docs/screenshots/
ls docs/screenshots
