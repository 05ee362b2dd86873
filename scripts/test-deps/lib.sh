# Shared helpers for scripts/test-deps/*.sh (sourced, not run).
# apt needs root: through sudo when the job does not run as root.
apt_install() {
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
  if [ -z "${HDSBENCH_APT_UPDATED:-}" ]; then
    "${as_root[@]}" apt-get update -qq
    export HDSBENCH_APT_UPDATED=1
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
