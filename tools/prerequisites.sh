#!/bin/sh
# What `make run`, `make test` and `make bench` need from the machine, checked before anything
# is installed, with what to do about each missing piece. Usage: prerequisites.sh run|test|bench
set -u
need="${1:-run}"
python="${PYTHON:-python3}"
missing=0

lack() {
  echo "make: missing prerequisite: $1" >&2
  echo "      $2" >&2
  missing=1
}

reachable() { # host port
  "$python" -c "import socket,sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), 3)" "$1" "$2" 2>/dev/null
}

url_host_port() { # URL default-port -> "host port"
  "$python" -c "
import sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
print(u.hostname or '127.0.0.1', u.port or int(sys.argv[2]))" "$1" "$2"
}

if ! command -v "$python" >/dev/null 2>&1; then
  lack "Python 3.11 or newer ($python)" "install it (Debian: apt-get install -y python3 python3-venv) or run make PYTHON=/path/to/python3.11"
elif ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  lack "Python 3.11 or newer ($python is $("$python" -V 2>&1))" "install a newer one and run make PYTHON=/path/to/python3.11"
elif [ ! -x .venv/bin/python ] && ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
  lack "Python's venv module" "Debian: apt-get install -y python3-venv"
fi
if ! command -v npm >/dev/null 2>&1; then
  lack "npm (Node.js), which installs the stewardship UI's htmx" "Debian: apt-get install -y npm"
fi

if [ "$need" = test ] || [ "$need" = bench ]; then
  if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
    lack "chromium, for the browser tests" "Debian: apt-get install -y chromium"
  fi
  broker="${MDM_BROKER_URL:-amqp://guest:guest@127.0.0.1:5672//}"
  set -- $(url_host_port "$broker" 5672)
  if ! reachable "$1" "$2"; then
    lack "RabbitMQ at $1:$2, for the worker and fault tests" "start it (rabbitmq-server -detached) or set MDM_BROKER_URL"
  fi
  if [ -n "${MDM_DATABASE_URL:-}" ]; then
    set -- $(url_host_port "$MDM_DATABASE_URL" 5432)
    if ! reachable "$1" "$2"; then
      lack "PostgreSQL at $1:$2 (MDM_DATABASE_URL)" "start it, or unset MDM_DATABASE_URL to use an embedded server"
    fi
  fi
fi
if [ "$need" = bench ] && [ -z "${MDM_DATABASE_URL:-}" ] && ! reachable 127.0.0.1 5432; then
  lack "PostgreSQL at 127.0.0.1:5432, for the benchmarks" "start it, or set MDM_DATABASE_URL to a server the benchmarks may use"
fi

if [ "$missing" -ne 0 ]; then
  echo "make: see README.md, 'Prerequisites'" >&2
fi
exit "$missing"
