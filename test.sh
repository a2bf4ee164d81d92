#!/usr/bin/env bash
# The README's test command: makes sure a redis-server answers on 127.0.0.1:$TEST_REDIS_PORT (installing the Debian
# package and starting one when nothing answers there) and that the SPDY interop tests' npm packages are installed,
# then runs every test with
#   dotnet test --solution Orleans.Eci.sln
# Extra arguments go to dotnet test. Safe to run again: a Redis already answering on the port is used as it is, and
# only a Redis this script started is stopped (and its files removed) when it ends.
set -euo pipefail
cd "$(dirname "$0")"

port=${TEST_REDIS_PORT:-6390}
# Read by the Redis-backed tests; they fail, naming this script, when it is not set.
export ORLEANS_ECI_TEST_REDIS="127.0.0.1:$port"

# One PING over bash's /dev/tcp, so no redis-cli is needed to find out whether something answers.
redis_answers() {
    local reply=""
    { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 reply <&3 || true
    exec 3<&- 3>&-
    [[ "$reply" == +PONG* ]]
}

dir=""
stop_redis() {
    if [[ -n "$dir" && -f "$dir/redis.pid" ]]; then
        kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
        for _ in $(seq 50); do redis_answers || break; sleep 0.1; done
        rm -rf "$dir"
    fi
}

if redis_answers; then
    echo "test.sh: using the Redis already answering on $ORLEANS_ECI_TEST_REDIS"
else
    if ! command -v redis-server >/dev/null 2>&1; then
        echo "test.sh: installing redis-server (Debian package)"
        sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends redis-server >/dev/null
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/orleans-eci-test-redis.XXXXXX")
    trap stop_redis EXIT
    # appendonly + noeviction: a Redis that loses or evicts the membership hash splits the Orleans cluster
    # (/work/shared/reference/orleans-redis.md §0, §10).
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --daemonize yes --pidfile "$dir/redis.pid" \
        --logfile "$dir/redis.log" --appendonly yes --appendfsync everysec --save '' --maxmemory-policy noeviction
    for _ in $(seq 100); do redis_answers && break; sleep 0.1; done
    redis_answers || { echo "test.sh: redis-server did not answer on $ORLEANS_ECI_TEST_REDIS; see $dir/redis.log" >&2; exit 1; }
    echo "test.sh: started redis-server on $ORLEANS_ECI_TEST_REDIS (stopped when the tests end)"
fi

# The SPDY interop tests drive Node's spdy-transport, an independent SPDY/3.1 implementation; install its locked
# packages (package-lock.json, `npm ci`) where they are missing. The tests fail naming this script without them.
for npm_dir in tests/Spdy.Tests/Interop tests/Spdy.Tests/node; do
    if [[ ! -d "$npm_dir/node_modules/spdy-transport" ]]; then
        command -v npm >/dev/null 2>&1 || { echo "test.sh: npm is needed for $npm_dir (apt-get install nodejs npm)" >&2; exit 1; }
        echo "test.sh: npm ci in $npm_dir"
        (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
done

# The dashboard's browser test drives Debian's chromium with Playwright (which cannot download a browser here); install
# it where missing, as redis-server above. The test fails naming this script without it.
if ! command -v chromium >/dev/null 2>&1; then
    echo "test.sh: installing chromium (Debian package)"
    sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

dotnet test --solution Orleans.Eci.sln "$@"
