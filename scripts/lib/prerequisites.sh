# Shared by run-local.sh and test.sh: install what a fresh machine of this kind lacks.
# Debian packages come from apt when running as root; otherwise we say what to install and stop.

# Debian package -> a file that proves it is installed.
declare -A ECOM_PACKAGE_PROBE=(
  [postgresql]="/usr/lib/postgresql/*/bin/initdb"
  [redis-server]="/usr/bin/redis-server"
  [chromium]="/usr/bin/chromium"
)

ecom_have() { compgen -G "${ECOM_PACKAGE_PROBE[$1]}" > /dev/null; }

ensure_packages() {
  local missing=()
  for package in "$@"; do ecom_have "$package" || missing+=("$package"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing ${missing[*]} (apt)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
    # Debian starts a system PostgreSQL / Redis after install: they are not ours, and they would hold the default ports.
    for service in postgresql redis-server; do
      if command -v service > /dev/null && [[ " ${missing[*]} " == *" $service "* ]]; then service "$service" stop > /dev/null 2>&1 || true; fi
    done
  else
    echo "error: missing ${missing[*]}: install with 'sudo apt-get install ${missing[*]}' and run again" >&2
    exit 1
  fi
}

ensure_dotnet() {
  if ! command -v dotnet > /dev/null; then
    echo "error: the .NET 10 SDK is missing: install it (https://dot.net) and run again" >&2
    exit 1
  fi
}

# The newest installed PostgreSQL server binaries.
postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || { echo "error: PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
  echo "$dir"
}
