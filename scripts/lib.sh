# shellcheck shell=bash
# Shared settings and helpers for the provisioning scripts (sourced, not run).
#
# Every setting can come from the environment, from a machine-local file
# (CTA_CONFIG, default /etc/class-teacher-appraisal.env, KEY=VALUE lines), or
# from the defaults below, in that order of precedence.

set -Eeuo pipefail

APP_NAME="class_teacher_appraisal"
APP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

cta_load_config() {
	local file="${CTA_CONFIG:-/etc/class-teacher-appraisal.env}" line key value
	[[ -r "$file" ]] || return 0
	while IFS= read -r line || [[ -n "$line" ]]; do
		[[ "$line" =~ ^[[:space:]]*([A-Z_][A-Z0-9_]*)=(.*)$ ]] || continue
		key="${BASH_REMATCH[1]}"
		value="${BASH_REMATCH[2]}"
		value="${value%\"}"
		value="${value#\"}"
		# The environment wins over the file.
		[[ -n "${!key+x}" ]] || export "$key=$value"
	done <"$file"
}
cta_load_config

# ---------------------------------------------------------------- the platform
# FRAPPE_BRANCH picks the platform: version-15 or version-16 (or a release tag, e.g. v15.101.1).
# Each platform has a bench of its own, with its own Redis and ports, so that both can live on one
# machine. A setting X can be given for one platform only as X_15 or X_16 (e.g. FRAPPE_REPO_16 in
# the machine's settings file); X itself wins over both.
: "${FRAPPE_BRANCH:=version-15}"
FRAPPE_MAJOR="$(sed -E 's/^[^0-9]*([0-9]+).*/\1/' <<<"$FRAPPE_BRANCH")"
[[ "$FRAPPE_MAJOR" == 15 || "$FRAPPE_MAJOR" == 16 ]] ||
	{ printf 'cta: error: FRAPPE_BRANCH=%s: the app runs on Frappe 15 and 16\n' "$FRAPPE_BRANCH" >&2; exit 1; }
# for_platform NAME DEFAULT_15 DEFAULT_16: sets NAME unless set, from NAME_<major> or the default.
# PLATFORM_SETTINGS lists the names it set (.ci/run unsets them before it runs another platform).
PLATFORM_SETTINGS=()
for_platform() {
	local name="$1" own="${1}_${FRAPPE_MAJOR}" default
	[[ -z "${!name:-}" ]] || return 0
	PLATFORM_SETTINGS+=("$name")
	if [[ "$FRAPPE_MAJOR" == 15 ]]; then default="$2"; else default="$3"; fi
	export "$name=${!own:-$default}"
}
# The apps a school's site has beside this one, installed on the sites first (SITE_APPS="erpnext
# hrms"), from ERPNEXT_REPO / HRMS_REPO at the platform's branch; empty: a bare Frappe site.
: "${SITE_APPS:=}"
SITE_APPS_BRANCH="version-${FRAPPE_MAJOR}"
[[ "$FRAPPE_BRANCH" != version-* ]] || SITE_APPS_BRANCH="$FRAPPE_BRANCH"
for_platform FRAPPE_REPO https://github.com/frappe/frappe https://github.com/frappe/frappe
for_platform ERPNEXT_REPO https://github.com/frappe/erpnext https://github.com/frappe/erpnext
for_platform HRMS_REPO https://github.com/frappe/hrms https://github.com/frappe/hrms
: "${BENCH_USER:=frappe}"
for_platform BENCH_DIR "/home/${BENCH_USER}/cta-bench" "/home/${BENCH_USER}/cta-bench-16"
# Frappe 16 needs Python 3.14 and Node 24, which Debian 12 lacks: its bench runs in a Debian testing
# root (scripts/platform-root.sh) that shares this machine's MariaDB, home and logs.
for_platform PLATFORM_ROOT "" /srv/cta-root-forky
for_platform BENCH_PYTHON /usr/bin/python3.11 /usr/bin/python3.14
# Inside the root there is no MariaDB socket: its sites reach this machine's MariaDB over loopback.
DB_HOST_ARGS=()
[[ -z "$PLATFORM_ROOT" ]] || DB_HOST_ARGS=(--db-host 127.0.0.1)
: "${BENCH_VERSION:=5.31.1}"
# Sites: a bare site keeps the names it always had; a site with SITE_APPS is named after them.
SITES_TAG="${SITE_APPS:+-${SITE_APPS// /-}}"
: "${SITE_NAME:=cta.localhost}"
for_platform TEST_SITE_NAME "test${SITES_TAG}.cta.localhost" "test16${SITES_TAG}.cta.localhost"
for_platform E2E_SITE_NAME "e2e${SITES_TAG}.cta.localhost" "e2e16${SITES_TAG}.cta.localhost"
# (each platform and set of apps its own port, so that their browser suites can run side by side)
if [[ -z "$SITE_APPS" ]]; then for_platform E2E_PORT 8010 8011; else for_platform E2E_PORT 8012 8013; fi
: "${DB_ROOT_USER:=root}"
: "${DB_ROOT_PASSWORD:=cta-mariadb-root}"
: "${ADMIN_PASSWORD:=admin}"
for_platform HTTP_PORT 8000 8001
for_platform SOCKETIO_PORT 9000 9001
# The production stack (scripts/run): nginx on HTTP_PORT in front of gunicorn on GUNICORN_PORT
# (loopback only), with GUNICORN_WORKERS sync workers (gunicorn's rule, 2 x cores + 1: 5 on
# 2 cores), and a backup of the site with its files on BACKUP_SCHEDULE (cron; see README).
for_platform GUNICORN_PORT 8100 8101
: "${GUNICORN_WORKERS:=$(($(nproc) * 2 + 1))}"
: "${BACKUP_SCHEDULE:=0 */8 * * *}"
# Each bench its own Redis (cache, queue and realtime): benches sharing one overwrite each other's
# bench-wide keys (a 15.101 bench's assets_json made a 15.44 bench's website answer 500).
for_platform REDIS_PORT 6379 6380
: "${SITE_LANGUAGE:=zh}"
: "${LOAD_DEMO:=1}"
: "${CTA_LOG_DIR:=/var/log/class-teacher-appraisal}"
: "${PYTHON_BIN:=/usr/bin/python3.11}"

BENCH_HOME="$(dirname "$BENCH_DIR")"
BENCH_CLI_VENV="/home/${BENCH_USER}/.cta-bench-cli${PLATFORM_ROOT:+-$FRAPPE_MAJOR}"
BENCH_CLI="${BENCH_CLI_VENV}/bin/bench"
# semgrep (Frappe's rules in .semgrep/frappe, run by scripts/test) has a venv of its own:
# its dependencies would clash with the bench env's.
SEMGREP_VERSION="1.185.0"
SEMGREP_VENV="/home/${BENCH_USER}/.cta-semgrep"
SEMGREP="${SEMGREP_VENV}/bin/semgrep"
STATE_DIR="${BENCH_DIR}/.cta"

# ---------------------------------------------------------------- messages

_cta_t0=$SECONDS
step() { printf '==> [%4ss] %s\n' "$((SECONDS - _cta_t0))" "$*"; }
note() { printf '    %s\n' "$*"; }
die() {
	printf 'cta: error: %s\n' "$*" >&2
	exit 1
}

# Runs a command with its output in a log; on failure shows the log's tail and
# ends with one line saying what failed.
logged() {
	local what="$1" log="$CTA_LOG_DIR/$2"
	shift 2
	if ! "$@" >>"$log" 2>&1; then
		tail -n 25 "$log" | sed 's/^/    | /' >&2
		die "$what failed (full log: $log)"
	fi
}

require_root() {
	[[ $EUID -eq 0 ]] || die "run this as root (e.g. sudo $0): it installs packages and services"
}

# ------------------------------------------------------------- bench user

# Runs a command as the bench user, in RUN_IN (default: the user's home), with a
# clean environment: root's pyenv python is not executable by other users.
as_bench() {
	local dir="${RUN_IN:-/home/${BENCH_USER}}" passed=() v
	# Proxies and CA bundles pass through: some networks re-sign TLS.
	for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY SSL_CERT_FILE SSL_CERT_DIR \
		REQUESTS_CA_BUNDLE CURL_CA_BUNDLE PIP_CERT GIT_SSL_CAINFO NODE_EXTRA_CA_CERTS UV_NATIVE_TLS \
		PIP_INDEX_URL UV_INDEX_URL CTA_TEST_SITE CTA_PYTEST_ARGS CTA_SITES_PATH CTA_E2E_SITE CTA_E2E_PORT CTA_E2E_ARTIFACTS; do
		[[ -z "${!v:-}" ]] || passed+=("$v=${!v}")
	done
	# Frappe 16's bench runs inside its platform root (the same paths: see scripts/platform-root.sh)
	local root=()
	[[ -z "$PLATFORM_ROOT" ]] || root=(chroot "$PLATFORM_ROOT")
	"${root[@]}" runuser -u "$BENCH_USER" -- env -i HOME="/home/${BENCH_USER}" USER="$BENCH_USER" "${passed[@]}" \
		LANG=C.UTF-8 LC_ALL=C.UTF-8 PIP_DISABLE_PIP_VERSION_CHECK=1 \
		PATH="${BENCH_CLI_VENV}/bin:${BENCH_DIR}/env/bin:/usr/local/bin:/usr/bin:/bin" \
		bash -c 'cd "$1" && shift && exec "$@"' _ "$dir" "$@"
}

in_bench() { RUN_IN="$BENCH_DIR" as_bench "$@"; }

bench_cli() { in_bench "$BENCH_CLI" "$@"; }

site_db_exists() {
	local site="$1" db
	db="$(python3_json_get "$BENCH_DIR/sites/$site/site_config.json" db_name)" || return 1
	[[ -n "$db" ]] && mariadb -N -e "SHOW DATABASES LIKE '$db'" | grep -qx "$db"
}

python3_json_get() {
	"$PYTHON_BIN" -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' "$1" "$2" 2>/dev/null
}

# Content hash of the files that decide whether a site must be migrated.
app_schema_hash() {
	(
		cd "$APP_DIR"
		find "$APP_NAME" -type f \( -name '*.json' -o -name '*.py' -o -name '*.txt' -o -name '*.csv' -o -name '*.js' -o -name '*.html' \) \
			-not -path '*/__pycache__/*' -print0 | sort -z | xargs -0 sha1sum
		git -C "$BENCH_DIR/apps/frappe" rev-parse HEAD 2>/dev/null || true
	) | sha1sum | cut -c1-16
}

port_owner() {
	# Prints "pid/command" of whatever listens on TCP port $1, or nothing.
	lsof -nP -iTCP:"$1" -sTCP:LISTEN -Fpc 2>/dev/null | awk '/^p/{p=substr($0,2)} /^c/{print p "/" substr($0,2); exit}' || true
}

# prepare_site SITE: once per site, finishes the setup wizard in SITE_LANGUAGE and, unless
# LOAD_DEMO=0, loads the demo school.
prepare_site() {
	local site="$1"
	[[ ! -e "$STATE_DIR/prepared-$site" ]] || return 0
	step "Finishing the setup wizard on $site (language: $SITE_LANGUAGE)"
	logged "preparing $site" "site-$site.log" bench_cli --site "$site" execute \
		class_teacher_appraisal.install.prepare_site --kwargs "{'language': '$SITE_LANGUAGE'}"
	in_bench touch ".cta/prepared-$site"
	if [[ "$LOAD_DEMO" == 1 ]]; then
		step "Loading the demo school into $site (LOAD_DEMO=0 skips this)"
		logged "loading the demo school" "site-$site.log" bench_cli --site "$site" cta-load-demo
	fi
}

# -------------------------------------------------------- the running app

# What scripts/run starts and scripts/stop stops. The production stack: supervisor programs and an
# nginx server written as `bench setup production` writes them (bench names both after the bench's
# folder), and the site's scheduled backup. Files in /etc, owned by root: supervisord runs as root.
BENCH_NAME="$(basename "$BENCH_DIR")"
SUPERVISOR_CONF="/etc/supervisor/conf.d/${BENCH_NAME}.conf"
NGINX_CONF="/etc/nginx/conf.d/${BENCH_NAME}.conf"
BACKUP_CRON="/etc/cron.d/class-teacher-appraisal$([[ "$FRAPPE_MAJOR" == 15 ]] || echo "-$FRAPPE_MAJOR")"
SUPERVISOR_GROUPS=("${BENCH_NAME}-web:*" "${BENCH_NAME}-workers:*")
# the development server's processes (scripts/run --dev), each with a pid file in STATE_DIR
DEV_PROCESSES=(web socketio worker scheduler)

supervisor_running() { [[ -S /var/run/supervisor.sock ]] && supervisorctl pid 2>/dev/null | grep -qx '[0-9][0-9]*'; }
nginx_running() { [[ -s /run/nginx.pid ]] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; }

# Stops the development server's processes (scripts/run --dev), if any run.
stop_dev_processes() {
	local name pidfile pid
	for name in "${DEV_PROCESSES[@]}"; do
		pidfile="$STATE_DIR/$name.pid"
		pid="$(cat "$pidfile" 2>/dev/null || true)"
		if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
			step "Stopping the development $name (pid $pid)"
			kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
			for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
			kill -KILL -- "-$pid" 2>/dev/null || true
		fi
		rm -f "$pidfile"
	done
}

# Takes the production stack down, as `bench disable-production` does: the programs leave
# supervisor (which stops them, letting running jobs finish), the server leaves nginx (its port is
# free), the scheduled backup is removed. supervisord and nginx stay up for anything else they run.
disable_production() {
	if [[ -e "$SUPERVISOR_CONF" ]]; then
		rm -f "$SUPERVISOR_CONF"
		if supervisor_running; then
			step "Stopping gunicorn, the realtime server, the workers and the scheduler (supervisor)"
			logged "supervisorctl update" services.log supervisorctl update
		fi
	fi
	if [[ -e "$NGINX_CONF" ]]; then
		step "Taking the site off nginx (its port is free)"
		rm -f "$NGINX_CONF"
		! nginx_running || logged "reloading nginx" services.log service nginx reload
	fi
	rm -f "$BACKUP_CRON" "$STATE_DIR/production-code"
}
