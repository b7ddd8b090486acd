#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL: a fresh cluster in a temp folder, listening on
# 127.0.0.1 only on a free port, stopped and deleted when the command ends (however it ends).
#
#   bash scripts/with-postgres.sh <command...>
#
# The command sees LANGGRAPH_NATIVE_TEST_PG_URL (a postgresql:// URL to the cluster's "postgres"
# database, superuser "postgres", trust auth on loopback) and LANGGRAPH_NATIVE_TEST_PG_CTL (a
# script taking "stop", "start" or "restart", for tests of a server that goes away mid-run).
# The server comes from the machine's PostgreSQL binaries (initdb, pg_ctl on PATH or in
# /usr/lib/postgresql/*/bin); where there are none, Debian's postgresql package is installed.
set -euo pipefail

find_pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

PG_BIN=$(find_pg_bin)
if [ -z "$PG_BIN" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "with-postgres: no PostgreSQL binaries (initdb, pg_ctl); install PostgreSQL 15+ or run as root" >&2
    exit 1
  fi
  echo "with-postgres: installing PostgreSQL (apt-get install postgresql)" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  PG_BIN=$(find_pg_bin)
fi

# initdb refuses root: as root, the cluster belongs to an unprivileged system user.
RUN_AS=()
if [ "$(id -u)" = 0 ]; then
  PG_USER=postgres
  if ! id "$PG_USER" >/dev/null 2>&1; then
    PG_USER=langgraph-native-pg
    id "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
  fi
  if command -v runuser >/dev/null 2>&1; then RUN_AS=(runuser -u "$PG_USER" --); else RUN_AS=(setpriv --reuid "$PG_USER" --regid "$PG_USER" --init-groups); fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/langgraph-native-pg.XXXXXX")
chmod 755 "$WORK"
[ ${#RUN_AS[@]} -gt 0 ] && chown "$PG_USER" "$WORK"
DATA="$WORK/data"

cleanup() {
  local code=$?
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# A free loopback port: the kernel picks one, the listener closes, the server takes it.
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 ||
  "${RUN_AS[@]}" "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$WORK/initdb.log" 2>&1 ||
  { cat "$WORK/initdb.log" >&2; exit 1; }

# Loopback only; the socket lives in the temp folder, not in a system path.
OPTIONS="-c listen_addresses=127.0.0.1 -p $PORT -k $WORK -c max_connections=300 -c shared_buffers=64MB"
cat >"$WORK/pg_ctl.sh" <<EOF
#!/usr/bin/env bash
# stop | start | restart this throwaway server (for tests of a server that goes away).
set -euo pipefail
case "\$1" in
  stop) exec ${RUN_AS[*]} "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop ;;
  *) exec ${RUN_AS[*]} "$PG_BIN/pg_ctl" -D "$DATA" -l "$WORK/server.log" -o "$OPTIONS" -m fast -w "\$1" ;;
esac
EOF
chmod 755 "$WORK/pg_ctl.sh"
"$WORK/pg_ctl.sh" start >/dev/null || { cat "$WORK/server.log" >&2; exit 1; }

export LANGGRAPH_NATIVE_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
export LANGGRAPH_NATIVE_TEST_PG_CTL="$WORK/pg_ctl.sh"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
"$@"
