#!/usr/bin/env bash
# Set up wijkanalyse in this checkout: Debian packages, then .venv from uv.lock.
# Run from anywhere: bash scripts/setup.sh [--dev]. `--help` says more.
set -euo pipefail

# The uv that made uv.lock (pyproject.toml's [tool.uv] required-version says the same).
UV_VERSION=0.13.9
# What WeasyPrint needs to draw the PDF reports: Pango, HarfBuzz-Subset and a font.
PDF_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
# What the tests need on top: Debian's Chromium for the browser tests of maps and reports,
# and libatomic1 for the Node.js that drives it inside the playwright wheel.
DEV_PACKAGES=(chromium libatomic1)

usage() {
  cat <<'EOF'
Usage: bash scripts/setup.sh [--dev] [--no-apt]

Sets up wijkanalyse in this checkout, on Debian or Ubuntu, and does nothing that is
already done (a second run installs nothing):

  1. checks Python (3.11, 3.12 or 3.13; python3, or the one named by $PYTHON);
  2. installs the Debian packages that are missing, with apt-get as root or through sudo:
     libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
     (WeasyPrint's PDFs), python3-venv when `python3 -m venv` cannot work, and with
     --dev chromium and libatomic1 (the browser tests);
  3. makes .venv, puts the pinned uv in it and installs wijkanalyse (editable) with
     exactly the versions of uv.lock: `uv sync --locked` (with --dev: the dev extra).

Options:
  --dev       also the test and development tools, and chromium
  --no-apt    install no Debian packages (another system: install their equivalents)
  -h, --help  this text

Then:  .venv/bin/wijkanalyse run examples/leuven.toml --out OUT
       .venv/bin/python -m pytest                     (after --dev)
Refresh the lock after changing dependencies:  .venv/bin/uv lock --upgrade
EOF
}

dev=0
apt=1
for arg in "$@"; do
  case "$arg" in
    --dev) dev=1 ;;
    --no-apt) apt=0 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "setup.sh: unknown option '$arg' (see bash scripts/setup.sh --help)" >&2
      exit 2
      ;;
  esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "== setup: $*"; }
die() {
  echo "setup.sh: $*" >&2
  exit 1
}

PYTHON="${PYTHON:-python3}"

python_version() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }

check_python() {
  local version
  version="$(python_version "$PYTHON")" || die "cannot run $PYTHON"
  case "$version" in
    3.11 | 3.12 | 3.13) ;;
    *)
      die "wijkanalyse needs Python 3.11, 3.12 or 3.13, but $PYTHON is Python $version.
Install one (Debian 12: apt-get install python3 python3-venv gives 3.11) and name it:
  PYTHON=python3.11 bash scripts/setup.sh"
      ;;
  esac
}

# --- 1. Python --------------------------------------------------------------------------
python_missing=0
if command -v "$PYTHON" >/dev/null 2>&1; then
  check_python
elif [ "$PYTHON" = python3 ]; then
  python_missing=1 # Debian's python3 is 3.11: installed with the packages below
else
  die "PYTHON=$PYTHON: no such command"
fi

# --- 2. Debian packages -----------------------------------------------------------------
# the shared libraries the dynamic loader knows (ldconfig lives in /sbin, off a user's PATH)
LIBS="$({ command -v ldconfig >/dev/null && ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null || true)"
has_lib() { [[ "$LIBS" == *"$1 "* ]]; }

# installed: by dpkg, or (built by hand, another distribution) found where it is used from
installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ] && return 0
  case "$1" in
    libpango-1.0-0) has_lib libpango-1.0.so.0 ;;
    libpangoft2-1.0-0) has_lib libpangoft2-1.0.so.0 ;;
    libharfbuzz-subset0) has_lib libharfbuzz-subset.so.0 ;;
    fonts-dejavu-core) [[ "$(fc-list 2>/dev/null || true)" == *DejaVu* ]] ;;
    libatomic1) has_lib libatomic.so.1 ;;
    chromium) command -v chromium >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

wanted=("${PDF_PACKAGES[@]}")
[ "$dev" -eq 1 ] && wanted+=("${DEV_PACKAGES[@]}")
if [ "$python_missing" -eq 1 ]; then
  wanted+=(python3 python3-venv)
elif ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
  # Debian keeps ensurepip, which `python3 -m venv` needs, in python3.X-venv
  version="$(python_version "$PYTHON")"
  if [ -x /usr/bin/python3 ] && [ "$(python_version /usr/bin/python3)" = "$version" ]; then
    wanted+=(python3-venv)
  else
    wanted+=("python$version-venv")
  fi
fi

missing=()
for pkg in "${wanted[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done

if [ "${#missing[@]}" -gt 0 ] && [ "$apt" -eq 1 ]; then
  manual="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    die "missing system packages: ${missing[*]} (Debian names), and there is no apt-get here.
Install their equivalents, then run: bash scripts/setup.sh --no-apt$([ "$dev" -eq 1 ] && echo ' --dev')"
  fi
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    die "missing system packages: ${missing[*]}
Neither root nor sudo is available here. Ask an administrator to run, as root:
  $manual
then run this script again."
  fi
  say "installing Debian packages: ${missing[*]}"
  # waits for another apt or dpkg (up to 10 minutes) instead of failing on its lock
  apt_get=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
  # a failing third-party source makes `update` fail although Debian's lists are fine
  "${apt_get[@]}" update -qq || say "apt-get update reported errors (above); trying to install anyway"
  if ! "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    die "installing ${missing[*]} failed (see above). As root, run:
  $manual
then run this script again."
  fi
elif [ "${#missing[@]}" -gt 0 ]; then
  say "--no-apt: not installing ${missing[*]}; install their equivalents yourself"
fi

if [ "$python_missing" -eq 1 ]; then
  command -v "$PYTHON" >/dev/null 2>&1 || die "python3 is still missing"
  check_python
fi

# --- 3. Python environment from uv.lock -------------------------------------------------
[ -f uv.lock ] || die "uv.lock is missing: run this from a complete checkout of wijkanalyse"

if [ -x .venv/bin/python ] && .venv/bin/python -c 'import pip' >/dev/null 2>&1; then
  version="$(python_version .venv/bin/python)"
  case "$version" in
    3.11 | 3.12 | 3.13) ;;
    *) die ".venv has Python $version; wijkanalyse needs 3.11–3.13. Remove it (rm -r .venv) and run again." ;;
  esac
else
  [ -e .venv ] && say "remaking the incomplete .venv"
  say "making .venv with $PYTHON ($("$PYTHON" --version 2>&1))"
  "$PYTHON" -m venv --clear .venv
fi

if [ "$(.venv/bin/uv --version 2>/dev/null | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  say "installing uv $UV_VERSION into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi

sync=(sync --locked --inexact --compile-bytecode)
[ "$dev" -eq 1 ] && sync+=(--extra dev)
# --inexact keeps pip and uv in .venv; the project environment is this .venv, and uv
# never downloads a Python of its own. --compile-bytecode writes every module's .pyc now,
# on all cores, instead of at its first import (a first run, and a test suite whose
# processes would each compile what they import first, are faster: 236 -> 204 s for the
# suite on a fresh clone, for 9 s more here)
if ! env -u VIRTUAL_ENV UV_PROJECT_ENVIRONMENT="$PWD/.venv" UV_PYTHON_DOWNLOADS=never \
  .venv/bin/uv "${sync[@]}"; then
  die "installing from uv.lock failed (see above). If uv says the lock needs updating
(pyproject.toml's dependencies changed), refresh it: .venv/bin/uv lock"
fi

done_line="ready: .venv ($(.venv/bin/python --version 2>&1), uv $UV_VERSION"
if [ "$dev" -eq 1 ]; then
  done_line+=", $(chromium --version 2>/dev/null | head -1 || echo 'no chromium')"
fi
say "$done_line)"
