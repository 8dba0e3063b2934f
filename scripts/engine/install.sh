#!/usr/bin/env bash
# Builds the real Pulumi engine pieces govcloud runs against, from the Go module proxy:
#
#   pulumi                          the CLI, at the version of @pulumi/pulumi in package.json
#   pulumi-resource-openstack       a bridged OpenStack provider with @pulumi/openstack's tokens
#   pulumi-resource-command         command:local:Command, as @pulumi/command uses it
#   pulumi-analyzer-policy-nodejs   runs the Node policy pack without the Node language host
#
# Each piece is built into its own cache folder, named after the piece, its version and a hash
# of the Go module that builds it (go.mod, go.sum, *.go), the Go toolchain and the build flags.
# A folder that exists and is complete is reused, so a second run takes seconds. The bin/
# folder of the cache holds one symlink per piece; put it first on PATH to use them.
#
# Usage: scripts/engine/install.sh [--prune] [piece...]
#   pieces: cli openstack command analyzer (none means all of them)
#   --prune: afterwards, delete the cached builds bin/ no longer links to (older versions and
#            sources); they are kept otherwise, so that switching branches does not rebuild.
# Environment: GOVCLOUD_ENGINE_CACHE  cache folder (default ~/.cache/govcloud/engine)
#              GOVCLOUD_ENGINE_REBUILD=1  ignore cached builds
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
engine="$root/engine"
cache="${GOVCLOUD_ENGINE_CACHE:-${HOME}/.cache/govcloud/engine}"
bin="$cache/bin"

# The versions the installed Node SDKs expect. They are checked against package.json below so
# that a dependency upgrade cannot silently run against an engine of another version.
cli_version=3.248.0
openstack_version=3.15.2
command_version=1.2.1

# The Go modules need this toolchain at least (the CLI's go directive).
go_minimum=1.25

log() { printf '[engine] %s\n' "$*"; }
die() {
  printf '[engine] error: %s\n' "$*" >&2
  exit 1
}

now_ms() { date +%s%3N; }
elapsed() { # start_ms -> "12.3 s"
  local ms=$(($(now_ms) - $1))
  printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100))
}

check_go() {
  command -v go >/dev/null 2>&1 ||
    die "Go is not installed or not on PATH. Install Go ${go_minimum} or later (https://go.dev/dl/) and run this again."
  local version
  version="$(go env GOVERSION)"
  version="${version#go}"
  local major="${version%%.*}" rest="${version#*.}"
  local minor="${rest%%.*}"
  local want_major="${go_minimum%%.*}" want_minor="${go_minimum#*.}"
  if ((major < want_major || (major == want_major && minor < want_minor))); then
    die "Go ${version} is too old; the engine modules need Go ${go_minimum} or later."
  fi
  log "using Go ${version} ($(command -v go)), module proxy: $(go env GOPROXY)"
}

check_node_versions() {
  command -v node >/dev/null 2>&1 || die "Node.js is not on PATH; it is needed to read package.json."
  local found
  found="$(
    cd "$root" && node -e '
      const deps = require("./package.json").dependencies;
      const clean = (v) => String(v || "missing").replace(/^[v^~=]+/, "");
      console.log([deps["@pulumi/pulumi"], deps["@pulumi/openstack"], deps["@pulumi/command"]].map(clean).join(" "));
    '
  )"
  local want="${cli_version} ${openstack_version} ${command_version}"
  [[ "$found" == "$want" ]] ||
    die "package.json pins @pulumi/pulumi, @pulumi/openstack, @pulumi/command at ${found}, but scripts/engine/install.sh builds ${want}; update the versions here and in engine/ together."
}

# Hash of everything that decides a piece's binaries: the module's go.mod, go.sum and Go files
# (names and contents), the toolchain and target, and the piece's build recipe.
source_hash() { # dir recipe
  local dir="$1" recipe="$2"
  {
    (cd "$dir" && find . -type f \( -name go.mod -o -name go.sum -o -name '*.go' \) -print0 |
      LC_ALL=C sort -z | xargs -0 -r sha256sum)
    go env GOVERSION GOOS GOARCH
    printf '%s\n' "$recipe"
  } | sha256sum | cut -c1-16
}

# Sets $piece_dir to the cache folder of a piece and returns 0 when it is already complete.
piece_cached() { # name version hash
  piece_dir="$cache/$1-$2-$3"
  [[ "${GOVCLOUD_ENGINE_REBUILD:-}" != 1 && -f "$piece_dir/.complete" ]]
}

# The piece is built in a temporary folder beside its final one and renamed when complete, so
# an interrupted build never looks cached.
staging=""
cleanup() { [[ -z "$staging" ]] || rm -rf "$staging"; }
trap cleanup EXIT

begin_build() {
  staging="$(mktemp -d "${piece_dir}.partial.XXXXXX")"
  chmod 755 "$staging"
}

finish_build() {
  date -u +%Y-%m-%dT%H:%M:%SZ >"$staging/.complete"
  rm -rf "$piece_dir"
  mv "$staging" "$piece_dir"
  staging=""
}

link() { # file-in-piece-dir
  ln -sfn "$piece_dir/$1" "$bin/$1"
}

size_of() { du -h "$1" | cut -f1; }

# Go builds run one package at a time per core; two cores are the target machine. -mod=readonly
# (also over a GOFLAGS of the user's) makes a go.sum that does not match go.mod an error instead
# of an edit of committed files.
go_build() { # dir output ldflags package [go build flags...]
  local dir="$1" output="$2" ldflags="$3" package="$4"
  shift 4
  (cd "$dir" && go build -mod=readonly -p 2 -trimpath "$@" -o "$output" -ldflags "$ldflags" "$package")
}

build_cli() {
  local dir="$engine/cli"
  local ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${cli_version}"
  local hash
  hash="$(source_hash "$dir" "$ldflags")"
  if piece_cached pulumi "$cli_version" "$hash"; then
    log "pulumi ${cli_version}: cached in ${piece_dir}"
  else
    log "pulumi ${cli_version}: building the CLI (several minutes on a cold Go build cache)"
    begin_build
    local start
    start="$(now_ms)"
    go_build "$dir" "$staging/pulumi" "$ldflags" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
    log "pulumi ${cli_version}: built in $(elapsed "$start"), $(size_of "$staging/pulumi")"
    finish_build
  fi
  link pulumi
}

build_openstack() {
  local dir="$engine/provider-openstack"
  local ldflags="-X google.golang.org/protobuf/reflect/protoregistry.conflictPolicy=ignore"
  # Examples in the schema would be converted from HCL to six languages: slow, noisy and of no
  # use to the engine. Descriptions are kept.
  local tfgen_flags=(schema --skip-examples)
  local hash
  hash="$(source_hash "$dir" "$ldflags ${tfgen_flags[*]}")"
  if piece_cached pulumi-resource-openstack "$openstack_version" "$hash"; then
    log "pulumi-resource-openstack ${openstack_version}: cached in ${piece_dir}"
  else
    log "pulumi-resource-openstack ${openstack_version}: building the schema generator"
    begin_build
    local start
    start="$(now_ms)"
    go_build "$dir" "$staging/pulumi-tfgen-openstack" "$ldflags" ./cmd/pulumi-tfgen-openstack
    log "pulumi-resource-openstack ${openstack_version}: schema generator built in $(elapsed "$start")"

    start="$(now_ms)"
    # tfgen finds the Terraform provider's documentation (the schema's descriptions) by running
    # `go mod download` in a folder named "provider" below its working directory; a link gives
    # it the module under that name. The schema goes to the staging folder, not the repo.
    mkdir "$staging/tfgen"
    ln -s "$dir" "$staging/tfgen/provider"
    # Its warnings about the upstream documentation go to a log, shown only when it fails.
    if ! (cd "$staging/tfgen" && "$staging/pulumi-tfgen-openstack" "${tfgen_flags[@]}" \
      --out "$staging/schema") >"$staging/tfgen.log" 2>&1; then
      cat "$staging/tfgen.log" >&2
      die "pulumi-tfgen-openstack failed (output above)"
    fi
    log "pulumi-resource-openstack ${openstack_version}: schema generated in $(elapsed "$start")"

    # The provider embeds the generated schema. The Go file embeds schema.json from its own
    # folder; an overlay points that name at the generated file, so nothing is written into the
    # source tree.
    start="$(now_ms)"
    local main="$dir/cmd/pulumi-resource-openstack"
    printf '{"Replace":{"%s":"%s"}}\n' "$main/schema.json" "$staging/schema/schema.json" \
      >"$staging/overlay.json"
    go_build "$dir" "$staging/pulumi-resource-openstack" "$ldflags" ./cmd/pulumi-resource-openstack \
      -overlay "$staging/overlay.json"
    local reported
    reported="$("$staging/pulumi-resource-openstack" -version)"
    [[ "$reported" == "$openstack_version" ]] ||
      die "the built provider reports version ${reported}, expected ${openstack_version} (engine/provider-openstack/provider.go)"
    cp "$staging/schema/schema.json" "$staging/schema.json"
    rm -rf "$staging/schema" "$staging/tfgen" "$staging/tfgen.log" "$staging/overlay.json" \
      "$staging/pulumi-tfgen-openstack"
    log "pulumi-resource-openstack ${openstack_version}: provider built in $(elapsed "$start"), $(size_of "$staging/pulumi-resource-openstack")"
    finish_build
  fi
  link pulumi-resource-openstack
}

build_command() {
  local dir="$engine/provider-command"
  local ldflags="-X main.version=${command_version}"
  local hash
  hash="$(source_hash "$dir" "$ldflags")"
  if piece_cached pulumi-resource-command "$command_version" "$hash"; then
    log "pulumi-resource-command ${command_version}: cached in ${piece_dir}"
  else
    log "pulumi-resource-command ${command_version}: building"
    begin_build
    local start
    start="$(now_ms)"
    go_build "$dir" "$staging/pulumi-resource-command" "$ldflags" .
    log "pulumi-resource-command ${command_version}: built in $(elapsed "$start"), $(size_of "$staging/pulumi-resource-command")"
    finish_build
  fi
  link pulumi-resource-command
}

build_analyzer() {
  local template="$engine/analyzer-policy-nodejs/pulumi-analyzer-policy-nodejs"
  local runner
  runner="$(cd "$root" && node -p 'require.resolve("@pulumi/pulumi/cmd/run-policy-pack")')" ||
    die "cannot resolve @pulumi/pulumi/cmd/run-policy-pack from ${root}; run npm ci first."
  local hash
  hash="$({
    sha256sum <"$template"
    printf '%s\n' "$runner"
  } | sha256sum | cut -c1-16)"
  if piece_cached pulumi-analyzer-policy-nodejs "$cli_version" "$hash"; then
    log "pulumi-analyzer-policy-nodejs: cached in ${piece_dir}"
  else
    begin_build
    sed "s|@RUN_POLICY_PACK@|${runner}|" "$template" >"$staging/pulumi-analyzer-policy-nodejs"
    chmod +x "$staging/pulumi-analyzer-policy-nodejs"
    finish_build
    log "pulumi-analyzer-policy-nodejs: runs ${runner}"
  fi
  link pulumi-analyzer-policy-nodejs
}

# Deletes the complete cached builds that no bin/ link points into.
prune() {
  local entry link used
  for entry in "$cache"/*/; do
    entry="${entry%/}"
    [[ "$entry" != "$bin" && -f "$entry/.complete" ]] || continue
    used=""
    for link in "$bin"/*; do
      [[ "$(readlink "$link")" == "$entry/"* ]] && used=1
    done
    if [[ -z "$used" ]]; then
      log "pruning ${entry}"
      rm -rf "$entry"
    fi
  done
}

main() {
  local prune_after=""
  if [[ "${1:-}" == "--prune" ]]; then
    prune_after=1
    shift
  fi
  local pieces=("$@")
  ((${#pieces[@]})) || pieces=(cli openstack command analyzer)
  for piece in "${pieces[@]}"; do
    case "$piece" in
      cli | openstack | command | analyzer) ;;
      *) die "unknown piece '${piece}' (expected cli, openstack, command or analyzer)" ;;
    esac
  done

  check_go
  check_node_versions
  mkdir -p "$bin"
  log "cache: ${cache}"

  local total piece start
  total="$(now_ms)"
  for piece in "${pieces[@]}"; do
    start="$(now_ms)"
    "build_${piece}"
    log "${piece}: done in $(elapsed "$start")"
  done
  [[ -z "$prune_after" ]] || prune
  log "all done in $(elapsed "$total"); put the engine first on PATH with:"
  printf 'export PATH="%s:$PATH"\n' "$bin"
}

# On one line, so that bash has read all it runs before it starts: editing this file while it
# builds cannot change what the running copy does next.
main "$@"; exit
