#!/bin/sh
# Copies the Digital Agency design tokens (デジタル庁デザインシステム, npm
# @digital-go-jp/design-tokens, MIT) from node_modules into
# static/css/vendor/digital-agency-tokens.css, with the package's name,
# version and licence on top. The copy is checked in, so neither the build
# nor the server needs npm; run this after `npm install` has updated the
# package, then rebuild (the stylesheet bundles are made by CMake).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
package="$root/node_modules/@digital-go-jp/design-tokens"
target="$root/static/css/vendor/digital-agency-tokens.css"

if [ ! -f "$package/dist/tokens.css" ]; then
  echo "refresh-design-tokens: $package/dist/tokens.css is missing; run \`npm install\` first" >&2
  exit 1
fi
version=$(node -p "require('$package/package.json').version")

mkdir -p "$(dirname "$target")"
tmp="$target.tmp"
{
  printf '/*\n'
  printf ' * @digital-go-jp/design-tokens %s (dist/tokens.css), copied unchanged below\n' "$version"
  printf ' * by scripts/refresh-design-tokens.sh. Do not edit: run the script again.\n'
  printf ' * https://github.com/digital-go-jp/design-tokens\n'
  printf ' *\n'
  sed -e 's/^/ * /' -e 's/ *$//' "$package/LICENSE"
  printf ' */\n\n'
  cat "$package/dist/tokens.css"
} > "$tmp"
mv "$tmp" "$target"
echo "refresh-design-tokens: $target ($version)"
