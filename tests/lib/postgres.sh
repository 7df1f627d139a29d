# Sourced by tests/run and tests/bench: starts a throwaway PostgreSQL cluster on loopback, removed
# on exit, and exports TEST_PG (a server login with CREATEDB). Needs the postgresql package.
# Usage: start_throwaway_postgres [extra server options...]
start_throwaway_postgres() {
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDATA=$(mktemp -d /tmp/meguro-pg.XXXXXX)
  PGPORT=${TEST_PG_PORT:-55432}
  while (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; do PGPORT=$((PGPORT + 1)); done
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  trap stop_throwaway_postgres EXIT
  say "starting PostgreSQL on 127.0.0.1:$PGPORT"
  as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 \
    -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 $*" \
    start >/dev/null
  "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE meguro LOGIN PASSWORD 'meguro' CREATEDB"
  export TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=meguro;Password=meguro;Database=postgres"
}

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_throwaway_postgres() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
