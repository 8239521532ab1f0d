#!/usr/bin/env bash
# Installs everything the build and the whole test suite need on Debian
# (bookworm or later), non-interactively.  Run as root (CI runs as root);
# as another user it uses sudo when there is one.  Then, when another part of
# the suite has Node tests (tests/node/package.json), installs their npm
# packages.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    # build
    meson ninja-build pkg-config gcc clang
    libgit2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libical-dev libyaml-dev
    libjansson-dev libcmocka-dev libxlsxwriter-dev libicu-dev
    # the store's cache service: xxHash checksums (core/store_cache.c)
    libxxhash-dev
    # sanitizer and fuzzer runtimes for clang
    libclang-rt-14-dev
    # tests
    git python3 python3-icalendar nginx-light nodejs npm jq ca-certificates
    # tests/publish: the site's HTML validated, its Atom feeds parsed, served with curl
    tidy python3-feedparser curl
    # tests/teamwork: the council's server over smart HTTP (git http-backend)
    fcgiwrap
    # tests/cli/t1300-tools.sh and t1310-install.sh: xlsx read back, man pages,
    # bash completion, script(1) for a terminal
    python3-openpyxl man-db bash-completion bsdutils
)

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        as_root=(sudo -E)
    else
        echo "setup-debian.sh: run as root (apt-get needs it)" >&2
        exit 1
    fi
fi

# A Node.js that is already there (for example a nodesource build, which
# bundles npm and conflicts with Debian's npm package) is kept as it is.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    keep=()
    for p in "${packages[@]}"; do
        case $p in nodejs | npm) ;; *) keep+=("$p") ;; esac
    done
    packages=("${keep[@]}")
    echo "setup-debian.sh: using the installed node $(node --version) and npm $(npm --version)"
fi

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold
    -o Dpkg::Use-Pty=0 --no-install-recommends)
"${as_root[@]}" apt-get update -q
if ! "${as_root[@]}" apt-get install "${apt_opts[@]}" "${packages[@]}"; then
    # one by one, to name what cannot be installed
    missing=()
    for p in "${packages[@]}"; do
        "${as_root[@]}" apt-get install "${apt_opts[@]}" "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if [ "${#missing[@]}" -ne 0 ]; then
        echo "setup-debian.sh: could not install: ${missing[*]}" >&2
        exit 1
    fi
fi

if [ -f tests/node/package.json ]; then
    (
        cd tests/node
        if [ -f package-lock.json ]; then
            npm ci --no-audit --no-fund
        else
            npm install --no-audit --no-fund
        fi
    )
fi
echo "setup-debian.sh: done"
