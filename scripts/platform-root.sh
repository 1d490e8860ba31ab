# shellcheck shell=bash
# A Debian testing ("forky") root for the platforms that Debian 12 cannot run: Frappe 16 needs
# Python 3.14 and Node 24 (Debian 12 has 3.11 and 20). Sourced (by scripts/lib.sh), not run.
#
#   ensure_platform_root ROOT [APP_DIR [READ_ONLY_PATH...]]
#       Builds the root at ROOT once (debootstrap), then, on every call (cheap when done):
#       refreshes its CA bundle, /etc/hosts and /etc/resolv.conf from the host, its MariaDB
#       client settings, yarn and npm, the bench user (same name, uid, gid and home as on the
#       host), and mounts proc, /dev, /sys, the bench user's home, CTA_LOG_DIR, APP_DIR and each
#       READ_ONLY_PATH (read-only) at the same paths inside the root.
#   root_exec ROOT CMD...
#       Runs CMD inside the root, as root.
#   umount_platform_root ROOT
#       Unmounts everything mounted under ROOT, innermost first.
#
# The host's paths and the root's are the same for the bench user's home (the bench lives
# there), the log folder, the app's checkout and the read-only paths, so a bench built inside
# the root is used with the same paths from the host (files, logs) and inside it (processes).
#
# Settings (environment): BENCH_USER (frappe), CTA_LOG_DIR (/var/log/class-teacher-appraisal),
# PLATFORM_ROOT_SUITE (forky), PLATFORM_ROOT_MIRROR (the Debian mirror the host's apt uses),
# PLATFORM_ROOT_YARN_VERSION (1.22.22), PLATFORM_ROOT_NPM_VERSION (11.21.3).

: "${BENCH_USER:=frappe}"
: "${CTA_LOG_DIR:=/var/log/class-teacher-appraisal}"
: "${PLATFORM_ROOT_SUITE:=forky}"
: "${PLATFORM_ROOT_YARN_VERSION:=1.22.22}"
# npm's 11 line is the one Node 24 ships with.
: "${PLATFORM_ROOT_NPM_VERSION:=11.21.3}"

# debootstrap resolves few dependencies well: it installs a small base, apt the rest.
PLATFORM_ROOT_BASE_PACKAGES=(ca-certificates apt)
PLATFORM_ROOT_PACKAGES=(
	# the bench and its apps
	python3.14 python3.14-venv python3.14-dev git build-essential pkg-config libmariadb-dev
	mariadb-client nodejs curl ca-certificates util-linux procps tzdata xz-utils
	# bench restore tells a gzipped backup by `file`
	file
	# printing and the browser tests: fonts with Latin metrics and CJK glyphs, PDF tools, Chromium
	fonts-noto-cjk fonts-liberation2 poppler-utils chromium
)
# The marker says the build completed; it holds the package list it was built with.
PLATFORM_ROOT_MARKER=".cta-platform-root"

_pr_say() {
	if declare -F step >/dev/null; then step "$*"; else printf '==> %s\n' "$*"; fi
}

_pr_fail() {
	printf 'cta: error: %s\n' "$*" >&2
	return 1
}

# Runs a command with its output in CTA_LOG_DIR/platform-root.log; on failure shows the tail.
_pr_logged() {
	local what="$1" log="$CTA_LOG_DIR/platform-root.log"
	shift
	mkdir -p "$CTA_LOG_DIR"
	printf '\n### %s: %s\n' "$(date '+%F %T')" "$*" >>"$log"
	if ! "$@" >>"$log" 2>&1; then
		tail -n 25 "$log" | sed 's/^/    | /' >&2
		_pr_fail "$what failed (full log: $log)"
		return 1
	fi
}

_pr_check_root_arg() {
	local root="$1"
	[[ -n "$root" && "$root" == /* && "$root" != / ]] || _pr_fail "platform root must be an absolute path other than /: '$root'"
}

# The Debian mirror the host's apt uses (first .list / .sources entry ending in /debian).
_pr_mirror() {
	if [[ -n "${PLATFORM_ROOT_MIRROR:-}" ]]; then
		printf '%s\n' "$PLATFORM_ROOT_MIRROR"
		return
	fi
	local url
	url="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
		grep -v '^[[:space:]]*#' |
		grep -oE '(https?|ftp)://[^[:space:]]+/debian/?([[:space:]]|$)' | head -n 1 | tr -d '[:space:]')" || true
	printf '%s\n' "${url:-http://deb.debian.org/debian}"
}

# Whether PATH is a mount point (from /proc/self/mountinfo, whose paths escape spaces etc.).
_pr_is_mounted() {
	local want="$1"
	awk -v want="$want" '
		function unescape(s) { gsub(/\\040/, " ", s); gsub(/\\011/, "\t", s); gsub(/\\012/, "\n", s); gsub(/\\134/, "\\", s); return s }
		unescape($5) == want { found = 1 } END { exit !found }' /proc/self/mountinfo
}

# Mount points at or under ROOT, innermost (most recently mounted) first.
_pr_mounts_under() {
	local root="$1"
	awk -v root="$root" '
		function unescape(s) { gsub(/\\040/, " ", s); gsub(/\\011/, "\t", s); gsub(/\\012/, "\n", s); gsub(/\\134/, "\\", s); return s }
		{ p = unescape($5); if (p == root || index(p, root "/") == 1) print p }' /proc/self/mountinfo | tac
}

# _pr_bind SRC DEST [ro]: bind-mounts SRC at ROOT-relative DEST unless something is mounted there.
_pr_bind() {
	local src="$1" dest="$2" mode="${3:-rw}"
	_pr_is_mounted "$dest" && return 0
	mkdir -p "$dest" && mount --bind "$src" "$dest" && mount --make-rslave "$dest" || return 1
	[[ "$mode" != ro ]] || mount -o remount,bind,ro "$dest"
}

# Builds the root once. A root without the marker is half-built: it is removed and built again.
_pr_build() {
	local root="$1" mirror marker="$1/$PLATFORM_ROOT_MARKER" wanted
	wanted="${PLATFORM_ROOT_PACKAGES[*]}"
	if [[ -e "$marker" ]]; then
		# Built; a package added to the list since is installed into it.
		[[ "$(cat "$marker")" == "$wanted" ]] && return 0
		_pr_mount_system "$root" && _pr_refresh_network "$root" || return 1
		_pr_say "Adding packages to the platform root $root"
		_pr_apt_update "$root" || return 1
		_pr_logged "installing packages into $root" root_exec "$root" env DEBIAN_FRONTEND=noninteractive \
			apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${PLATFORM_ROOT_PACKAGES[@]}" || return 1
		printf '%s\n' "$wanted" >"$marker"
		return
	fi
	if [[ -e "$root" ]]; then
		# Only what debootstrap left (its work folder, or a Debian tree) is removed, never another folder.
		[[ -z "$(ls -A "$root")" || -e "$root/debootstrap" || -e "$root/etc/debian_version" ]] ||
			_pr_fail "$root exists and is not a platform root: not removing it" || return 1
		_pr_say "Removing the half-built platform root $root"
		umount_platform_root "$root" || return 1
		# Never remove through a bind mount (the bench user's home, the app's checkout).
		[[ -z "$(_pr_mounts_under "$root")" ]] || _pr_fail "something is still mounted under $root: not removing it" || return 1
		rm -rf --one-file-system "$root" || return 1
	fi
	if ! command -v debootstrap >/dev/null; then
		_pr_say "Installing debootstrap"
		_pr_logged "installing debootstrap" apt-get -o DPkg::Lock::Timeout=600 install -y debootstrap ||
			{ _pr_logged "apt-get update" apt-get update && _pr_logged "installing debootstrap" \
				apt-get -o DPkg::Lock::Timeout=600 install -y debootstrap; } || return 1
	fi
	mirror="$(_pr_mirror)"
	local script=/usr/share/debootstrap/scripts/sid
	[[ -e "/usr/share/debootstrap/scripts/$PLATFORM_ROOT_SUITE" ]] && script="/usr/share/debootstrap/scripts/$PLATFORM_ROOT_SUITE"
	_pr_say "Building the platform root $root (Debian $PLATFORM_ROOT_SUITE from $mirror; a few minutes, once)"
	mkdir -p "$(dirname "$root")" || return 1
	_pr_logged "debootstrap of $root" debootstrap --variant=minbase \
		--include="$(
			IFS=,
			echo "${PLATFORM_ROOT_BASE_PACKAGES[*]}"
		)" "$PLATFORM_ROOT_SUITE" "$root" "$mirror" "$script" || return 1
	# No daemon starts inside the root while packages install.
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d" || return 1
	_pr_mount_system "$root" && _pr_refresh_network "$root" && _pr_apt_update "$root" || return 1
	_pr_say "Installing Python 3.14, Node, the MariaDB client, fonts and Chromium into $root"
	_pr_logged "installing packages into $root" root_exec "$root" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y --no-install-recommends "${PLATFORM_ROOT_PACKAGES[@]}" || return 1
	root_exec "$root" apt-get clean
	printf '%s\n' "$wanted" >"$marker"
}

# apt-get update inside the root. A mirror whose testing Release file is past its Valid-Until
# date (a stale mirror, or a clock ahead of it) is accepted, and that is said.
_pr_apt_update() {
	local root="$1" conf="$1/etc/apt/apt.conf.d/99cta-accept-expired-release" log="$1/tmp/cta-apt-update.log"
	root_exec "$root" apt-get update >"$log" 2>&1 && ! grep -q '^E: ' "$log" && return 0
	cat "$log" >>"$CTA_LOG_DIR/platform-root.log"
	if grep -q 'is expired' "$log" && [[ ! -e "$conf" ]]; then
		_pr_say "The mirror's $PLATFORM_ROOT_SUITE Release file is past its Valid-Until date (stale mirror or clock): accepting it in $root"
		printf 'Acquire::Check-Valid-Until "false";\n' >"$conf"
	fi
	_pr_logged "apt-get update in $root" root_exec "$root" apt-get update
}

_pr_mount_system() {
	local root="$1"
	_pr_is_mounted "$root/proc" || mount -t proc proc "$root/proc" || return 1
	# rslave: unmounting in the root never reaches the host's /dev or /sys.
	if ! _pr_is_mounted "$root/dev"; then
		mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" || return 1
	fi
	if ! _pr_is_mounted "$root/sys"; then
		mount --rbind /sys "$root/sys" && mount --make-rslave "$root/sys" || return 1
	fi
	mkdir -p "$root/tmp" && chmod 1777 "$root/tmp"
}

# The host's CA bundle (it may hold a re-signing proxy's CA), name resolution and hosts.
_pr_refresh_network() {
	local root="$1" bundle="${SSL_CERT_FILE:-${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}}" f
	if [[ -r "$bundle" ]]; then
		mkdir -p "$root/etc/ssl/certs" || return 1
		cmp -s "$bundle" "$root/etc/ssl/certs/ca-certificates.crt" ||
			cp -L "$bundle" "$root/etc/ssl/certs/ca-certificates.crt" || return 1
		# SSL_CERT_FILE etc. pass through unchanged: the bundle is at the host's path too.
		if [[ "$bundle" != /etc/ssl/certs/ca-certificates.crt && ! -e "$root$bundle" ]]; then
			mkdir -p "$(dirname "$root$bundle")" && cp -L "$bundle" "$root$bundle" || return 1
		fi
	fi
	for f in /etc/hosts /etc/resolv.conf; do
		[[ -r "$f" ]] || continue
		if [[ -L "$root$f" ]] || ! cmp -s "$f" "$root$f"; then
			rm -f "$root$f" && cp -L "$f" "$root$f" || return 1
		fi
	done
}

# MariaDB 11.8's client insists on TLS; the host's 10.11 server offers none.
_pr_mysql_client() {
	local root="$1" conf="$1/etc/mysql/conf.d/cta-skip-ssl.cnf"
	mkdir -p "$(dirname "$conf")" || return 1
	[[ -e "$conf" ]] || printf '[client]\nskip-ssl\n' >"$conf"
}

# yarn 1 and npm from the npm registry's tarballs (`npm pack` on the host): corepack cannot fetch
# yarn here (signature check), and Debian's npm package fails to configure in forky.
_pr_node_tools() {
	local root="$1" cache="$1/var/cache/cta-npm" name version dir installed
	for name in yarn npm; do
		if [[ "$name" == yarn ]]; then version="$PLATFORM_ROOT_YARN_VERSION"; else version="$PLATFORM_ROOT_NPM_VERSION"; fi
		dir="$root/usr/local/lib/node_modules/$name"
		installed="$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$dir/package.json" 2>/dev/null | head -n 1)" || true
		if [[ "$installed" != "$version" ]]; then
			_pr_say "Installing $name $version into $root"
			mkdir -p "$cache"
			[[ -s "$cache/$name-$version.tgz" ]] ||
				_pr_logged "npm pack $name@$version" npm pack --silent --pack-destination "$cache" "$name@$version" || return 1
			rm -rf "$dir" && mkdir -p "$dir" &&
				tar -xzf "$cache/$name-$version.tgz" -C "$dir" --strip-components=1 --no-same-owner || return 1
		fi
	done
	mkdir -p "$root/usr/local/bin" &&
		ln -sfn ../lib/node_modules/yarn/bin/yarn.js "$root/usr/local/bin/yarn" &&
		ln -sfn ../lib/node_modules/yarn/bin/yarn.js "$root/usr/local/bin/yarnpkg" &&
		ln -sfn ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm" &&
		ln -sfn ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx" || return 1
	chmod 755 "$root/usr/local/lib/node_modules/yarn/bin/yarn.js" "$root/usr/local/lib/node_modules/npm/bin/npm-cli.js" \
		"$root/usr/local/lib/node_modules/npm/bin/npx-cli.js"
}

# Debian testing has no wkhtmltopdf (Frappe prints PDFs with it on 15 and, by default, on 16): the
# root runs this machine's own, with this machine's libraries (its /usr, read-only at /opt/host-usr)
# through their own loader, so that PDFs come out as on the host.
PLATFORM_ROOT_HOST_USR=/opt/host-usr
_pr_wkhtmltopdf() {
	local root="$1" wrapper="$1/usr/local/bin/wkhtmltopdf" lib="$PLATFORM_ROOT_HOST_USR/lib/x86_64-linux-gnu"
	[[ -x /usr/bin/wkhtmltopdf && -e /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 ]] || return 0
	_pr_bind /usr "$root$PLATFORM_ROOT_HOST_USR" ro || return 1
	local want
	want="$(printf '%s\n' '#!/bin/sh' \
		"# Written by scripts/platform-root.sh: the host's wkhtmltopdf, with the host's libraries." \
		"export QT_PLUGIN_PATH=$lib/qt5/plugins QT_QPA_PLATFORM=\${QT_QPA_PLATFORM:-offscreen}" \
		"exec $lib/ld-linux-x86-64.so.2 --library-path $lib $PLATFORM_ROOT_HOST_USR/bin/wkhtmltopdf \"\$@\"")"
	if [[ ! -f "$wrapper" || "$(cat "$wrapper")" != "$want" ]]; then
		mkdir -p "$(dirname "$wrapper")" && printf '%s\n' "$want" >"$wrapper" && chmod 755 "$wrapper" || return 1
	fi
}

# The bench user, with the host's name, uid, gid and home.
_pr_bench_user() {
	local root="$1" uid gid group shell=/bin/bash
	uid="$(id -u "$BENCH_USER" 2>/dev/null)" || _pr_fail "user $BENCH_USER does not exist on the host (scripts/setup-bench creates it)" || return 1
	gid="$(id -g "$BENCH_USER")" && group="$(id -gn "$BENCH_USER")" || return 1
	local have
	have="$(root_exec "$root" getent group "$group" | cut -d: -f3)" || true
	if [[ -z "$have" ]]; then
		root_exec "$root" groupadd -g "$gid" "$group" || return 1
	elif [[ "$have" != "$gid" ]]; then
		root_exec "$root" groupmod -g "$gid" "$group" || return 1
	fi
	have="$(root_exec "$root" getent passwd "$BENCH_USER" | cut -d: -f3,4,6)" || true
	if [[ -z "$have" ]]; then
		root_exec "$root" useradd -M -u "$uid" -g "$gid" -d "/home/$BENCH_USER" -s "$shell" "$BENCH_USER" || return 1
	elif [[ "$have" != "$uid:$gid:/home/$BENCH_USER" ]]; then
		root_exec "$root" usermod -u "$uid" -g "$gid" -d "/home/$BENCH_USER" "$BENCH_USER" || return 1
	fi
}

ensure_platform_root() {
	local root="${1:-}" app="${2:-}" path lock fd rc=0 ro=()
	root="${root%/}"
	_pr_check_root_arg "$root" || return 1
	shift $(($# < 2 ? $# : 2))
	if [[ -n "$app" ]]; then app="$(cd "$app" && pwd -P)" || return 1; fi
	# each seen inside at the path given (a link there is followed to what it names)
	for path in "$@"; do
		[[ "$path" == /* ]] || path="$PWD/$path"
		[[ -d "$path" ]] || { _pr_fail "$path: no such folder"; return 1; }
		ro+=("$path")
	done
	# One caller at a time builds and mounts.
	lock="/run/lock/cta-platform-root$(printf '%s' "$root" | tr '/' '_').lock"
	mkdir -p /run/lock && exec {fd}>"$lock" && flock "$fd" || return 1
	_pr_build "$root" &&
		_pr_mount_system "$root" &&
		_pr_refresh_network "$root" &&
		_pr_mysql_client "$root" &&
		_pr_node_tools "$root" &&
		_pr_wkhtmltopdf "$root" &&
		_pr_bench_user "$root" &&
		mkdir -p "/home/$BENCH_USER" "$CTA_LOG_DIR" &&
		_pr_bind "/home/$BENCH_USER" "$root/home/$BENCH_USER" &&
		_pr_bind "$CTA_LOG_DIR" "$root$CTA_LOG_DIR" &&
		{ [[ -z "$app" ]] || _pr_bind "$app" "$root$app"; } || rc=1
	for path in "${ro[@]}"; do
		[[ $rc -ne 0 ]] || _pr_bind "$path" "$root$path" ro || rc=1
	done
	exec {fd}>&-
	return "$rc"
}

root_exec() {
	local root="${1:-}"
	root="${root%/}"
	_pr_check_root_arg "$root" || return 1
	shift
	chroot "$root" /usr/bin/env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

umount_platform_root() {
	local root="${1:-}" mp
	root="${root%/}"
	_pr_check_root_arg "$root" || return 1
	while IFS= read -r mp; do
		[[ -n "$mp" ]] || continue
		# Anything submounted below (rbind of /dev, /sys) goes with it; busy ones are detached.
		_pr_is_mounted "$mp" || continue
		umount -R "$mp" 2>/dev/null || umount -R -l "$mp"
	done < <(_pr_mounts_under "$root")
}
