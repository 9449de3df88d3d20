#!/usr/bin/env bash
# Installs the external validators pinned in tools/versions.json (the one place versions live).
#
# Idempotent: a tool already present at the pinned version is left alone.
# Go tools go to "$(go env GOPATH)/bin" (usually ~/go/bin), pip tools to python3's usual place.
# A registry that refuses a package (e.g. the Go module proxy's 403 "not available") or cannot be
# reached is reported and skipped: the validator gate then reports that tool as unavailable, and
# tracks that need it are blocked, never done. The script fails only on an unexpected error while
# installing a tool the registry did serve.
#
# Usage: bash scripts/install-validators.sh [--check]   (--check: report only, install nothing)
set -uo pipefail
cd "$(dirname "$0")/.."

CHECK_ONLY=false
if [ "${1:-}" = "--check" ]; then CHECK_ONLY=true; fi

VERSIONS_FILE="tools/versions.json"
LOG_DIR="${TMPDIR:-/tmp}/infrakit-install-validators"
mkdir -p "$LOG_DIR"

GOBIN_DIR=""
if command -v go >/dev/null 2>&1; then
  GOBIN_DIR="$(go env GOBIN)"
  if [ -z "$GOBIN_DIR" ]; then GOBIN_DIR="$(go env GOPATH)/bin"; fi
fi
export PATH="$PWD/.tools/bin:${GOBIN_DIR:-$HOME/go/bin}:$HOME/go/bin:$PATH"

# One |-separated line per tool: name kind module version package binaries(comma) versionArgs(space)
read_versions() {
  node -e '
    const data = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const [name, tool] of Object.entries(data)) {
      if (name.startsWith("$")) continue;
      const fields = [name, tool.kind, tool.module ?? "", tool.version, tool.package ?? "",
        (tool.binaries ?? [name]).join(","), (tool.versionArgs ?? ["--version"]).join(" ") || "-"];
      console.log(fields.join("|"));
    }' "$VERSIONS_FILE"
}

# Prints the path of the first of the binaries found on PATH, or nothing.
find_binary() {
  local binaries="$1" binary
  for binary in ${binaries//,/ }; do
    if command -v "$binary" >/dev/null 2>&1; then command -v "$binary"; return 0; fi
  done
  return 1
}

# Prints the tool's own version line (first line mentioning a version number), or nothing.
installed_version() {
  local path="$1" args="$2"
  if [ "$args" = "-" ]; then return 0; fi
  # shellcheck disable=SC2086
  timeout 60 "$path" $args 2>&1 | grep -Eo 'v?[0-9]+\.[0-9]+\.[0-9]+' | head -n 1
}

# The exact install command pinned for a tool.
tool_install_command() {
  node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]].install)' "$VERSIONS_FILE" "$1"
}

# Does the reported version equal the pinned one (ignoring a leading v)?
same_version() { [ "${1#v}" = "${2#v}" ]; }

# Classifies an installer log: refused (registry said no), unreachable (no network), or unexpected.
classify_failure() {
  local log="$1"
  if grep -Eqi '403|410|forbidden|not available|No matching distribution|Could not find a version|not found: .*@' "$log"; then
    echo refused
  elif grep -Eqi 'dial tcp|no such host|connection refused|network is unreachable|i/o timeout|Temporary failure in name resolution|Max retries exceeded' "$log"; then
    echo unreachable
  else
    echo unexpected
  fi
}

# The first line of the log that explains the failure, for the table.
failure_reason() {
  local status detail
  status="$(grep -Eoi '(403|410) [A-Za-z ]+|No matching distribution[^(]*|Could not find a version[^(]*|dial tcp[^;]*|no such host' "$1" | head -n 1)"
  detail="$(grep -Eoi 'server response: .*' "$1" | head -n 1)"
  if [ -n "$status" ]; then echo "${status}${detail:+ ($detail)}"; else grep -Ei 'error|cannot|fail' "$1" | head -n 1 | cut -c1-160; fi
}

install_go() {
  local module="$1" version="$2" log="$3"
  go install "${module}@${version}" >"$log" 2>&1
}

install_go_build() {
  local module="$1" version="$2" package="$3" binary="$4" log="$5" directory
  directory="$(go mod download -json "${module}@${version}" 2>>"$log" | node -e '
    let text = ""; process.stdin.on("data", (chunk) => (text += chunk));
    process.stdin.on("end", () => { try { const info = JSON.parse(text); if (info.Error) { console.error(info.Error); process.exit(1); } console.log(info.Dir); } catch { process.exit(1); } });' 2>>"$log")" || return 1
  mkdir -p "$GOBIN_DIR"
  (cd "$directory" && go build -trimpath -ldflags "-s -w -X ${module}/version.dev=no" -o "$GOBIN_DIR/$binary" "$package") >>"$log" 2>&1
}

install_pip() {
  local package="$1" version="$2" log="$3"
  python3 -m pip install --disable-pip-version-check "${package}==${version}" >"$log" 2>&1
}

ROWS=()
UNEXPECTED=0
add_row() { ROWS+=("$1|$2|$3|$4"); }

while IFS='|' read -r name kind module version package binaries version_args; do
  [ -z "$name" ] && continue
  log="$LOG_DIR/$name.log"
  : >"$log"
  path="$(find_binary "$binaries" || true)"
  if [ -n "$path" ]; then
    found="$(installed_version "$path" "$version_args")"
    if [ "$version_args" = "-" ] || same_version "${found:-none}" "$version"; then
      add_row "$name" "$version" "present" "$path${found:+ ($found)}"
      continue
    fi
  fi
  if $CHECK_ONLY; then
    add_row "$name" "$version" "missing" "${path:+found $path at ${found:-unknown version}; }install: $(tool_install_command "$name")"
    continue
  fi
  status=0
  case "$kind" in
    go | go-build)
      if [ -z "$GOBIN_DIR" ]; then
        add_row "$name" "$version" "skipped" "go is not on PATH (install Go >= 1.24 to build it)"
        continue
      fi
      if [ "$kind" = go ]; then
        install_go "$module" "$version" "$log" || status=$?
      else
        install_go_build "$module" "$version" "${package:-.}" "${binaries%%,*}" "$log" || status=$?
      fi
      ;;
    pip)
      if ! command -v python3 >/dev/null 2>&1; then
        add_row "$name" "$version" "skipped" "python3 is not on PATH"
        continue
      fi
      install_pip "${package:-$name}" "$version" "$log" || status=$?
      ;;
    *)
      add_row "$name" "$version" "FAILED" "unknown kind '$kind' in $VERSIONS_FILE"
      UNEXPECTED=1
      continue
      ;;
  esac
  if [ "$status" -ne 0 ]; then
    kind_of_failure="$(classify_failure "$log")"
    reason="$(failure_reason "$log")"
    case "$kind_of_failure" in
      refused) add_row "$name" "$version" "refused" "registry refused it: ${reason:-see $log}" ;;
      unreachable) add_row "$name" "$version" "unreachable" "registry not reachable: ${reason:-see $log}" ;;
      *)
        add_row "$name" "$version" "FAILED" "unexpected error: ${reason:-see $log} (full log: $log)"
        UNEXPECTED=1
        ;;
    esac
    continue
  fi
  # crank is also called `crossplane`: add the second name next to the first.
  primary="${binaries%%,*}"
  for alias in $(echo "${binaries#*,}" | tr ',' ' '); do
    if [ "$alias" != "$primary" ] && [ -x "$GOBIN_DIR/$primary" ] && [ ! -e "$GOBIN_DIR/$alias" ]; then
      ln -s "$GOBIN_DIR/$primary" "$GOBIN_DIR/$alias"
    fi
  done
  path="$(find_binary "$binaries" || true)"
  found="$( [ -n "$path" ] && installed_version "$path" "$version_args")"
  if [ -n "$path" ] && { [ "$version_args" = "-" ] || same_version "${found:-none}" "$version"; }; then
    add_row "$name" "$version" "installed" "$path${found:+ ($found)}"
  else
    add_row "$name" "$version" "FAILED" "installer succeeded but ${binaries%%,*} ${version} is not on PATH (found: ${path:-nothing} ${found})"
    UNEXPECTED=1
  fi
done < <(read_versions)

echo "== validators (pinned in $VERSIONS_FILE; logs in $LOG_DIR)"
printf '%-24s %-9s %-12s %s\n' "tool" "pinned" "status" "detail"
for row in "${ROWS[@]}"; do
  IFS='|' read -r name version state detail <<<"$row"
  printf '%-24s %-9s %-12s %s\n' "$name" "$version" "$state" "$detail"
done
echo "refused/unreachable/skipped tools are reported by the validator gate as unavailable; tracks needing them end blocked, never done."
exit "$UNEXPECTED"
