#!/usr/bin/env bash
# Refresh the vendored GOV.UK Frontend files (run by `make vendor`; needs Node/npm, never at run time).
# Compiles the Sass ourselves so the CSS uses Arial (councils must not use GDS Transport) and
# relative asset paths, and copies only the compiled CSS, the JS bundle and the images we (and the CSS) use.
set -euo pipefail
VERSION="${GOVUK_FRONTEND_VERSION:-6.6.0}"   # matches govuk-frontend-jinja 4.x
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/clearpath/static/vendor/govuk"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "govuk-frontend@$VERSION" sass >/dev/null
cat > clearpath.scss <<'SCSS'
@use "pkg:govuk-frontend" with (
  $govuk-font-family: (arial, sans-serif),
  $govuk-include-default-font-face: false,
  $govuk-assets-path: "../"
);
SCSS
cat > build.mjs <<'JS'
import * as sass from "sass";
import { writeFileSync } from "node:fs";
const result = sass.compile("clearpath.scss", {
  style: "compressed", importers: [new sass.NodePackageImporter()], quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync("govuk-frontend.min.css", result.css);
JS
node build.mjs
rm -rf "$out"; mkdir -p "$out/css" "$out/js" "$out/images"
cp govuk-frontend.min.css "$out/css/"
dist=node_modules/govuk-frontend/dist/govuk
sed -E "s@//# sourceMappingURL=[^ ]*@@" "$dist/govuk-frontend.min.js" > "$out/js/govuk-frontend.min.js"
# govuk-crest.svg is referenced by the compiled CSS (collectstatic's manifest storage needs it).
cp "$dist/assets/images/favicon.ico" "$dist/assets/images/favicon.svg" "$dist/assets/images/govuk-crest.svg" "$out/images/"
echo "$VERSION" > "$out/VERSION"
echo "Vendored GOV.UK Frontend $VERSION into $out"
