#!/usr/bin/env bash
# Installs what yoyaku needs on Debian 12 and builds it in release mode.
#   scripts/setup.sh              server dependencies + build
#   scripts/setup.sh --for-tests  also PostgreSQL, Chromium, an SMTP server, clang (fuzzing), npm packages
# Idempotent: a second run installs nothing and rebuilds nothing unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

for_tests=0
[[ "${1:-}" == "--for-tests" ]] && for_tests=1

packages=(
  build-essential cmake ccache pkg-config git ca-certificates
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev libspdlog-dev
  nlohmann-json3-dev libcli11-dev libkainjow-mustache-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev libcurl4-openssl-dev liboath-dev libqrencode-dev libicu-dev
  libpwquality-dev cracklib-runtime
  libgtest-dev libgmock-dev libbenchmark-dev
)
if (( for_tests )); then
  packages+=(postgresql chromium python3-aiosmtpd openssl fonts-noto-cjk curl nginx-light procps wrk)
  # The fuzz tests (scripts/fuzz.sh): clang with libFuzzer (its runtime is only
  # a Recommends of clang-14), and llvm-symbolizer for readable stack traces.
  packages+=(clang libclang-rt-14-dev llvm)
fi
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if (( ${#missing[@]} )); then
  echo "==> installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

if (( for_tests )); then
  # npm packages from the lock file, reinstalled only when the lock file changes.
  lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ ! -f node_modules/.yoyaku-lock-hash || "$(cat node_modules/.yoyaku-lock-hash)" != "$lock_hash" ]]; then
    echo "==> installing npm packages (npm ci)"
    npm ci --no-audit --no-fund
    echo "$lock_hash" > node_modules/.yoyaku-lock-hash
  fi
fi

export CCACHE_DIR="${CCACHE_DIR:-$PWD/.cache/ccache}"
if [[ ! -f build/release/CMakeCache.txt ]]; then
  echo "==> configuring (release)"
  cmake --preset release >/dev/null
fi
echo "==> building (release)"
cmake --build --preset release -j "$(nproc)"
