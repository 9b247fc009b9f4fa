#!/usr/bin/env bash
# Installs helplint for the GitHub Action (action.yml) as $RUNNER_TEMP/helplint.
# At a release tag (vX.Y.Z) it downloads that release's binary for the
# runner and checks it against the release's SHA-256 checksums; at any other
# ref (a branch, a commit) it says so in $GITHUB_OUTPUT (build=true) and the
# action builds from source instead.
#
# Environment: REF (github.action_ref), REPO (github.action_repository),
# RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_OUTPUT; HELPLINT_RELEASES
# replaces https://github.com/$REPO/releases/download (tests use a file:// URL).
set -euo pipefail

if ! [[ "$REF" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "helplint: ${REF:-this checkout} is not a release tag: building from source"
  echo "build=true" >>"$GITHUB_OUTPUT"
  exit 0
fi

case "$RUNNER_OS" in
  Linux) os=linux ext=tar.gz ;;
  macOS) os=darwin ext=tar.gz ;;
  Windows) os=windows ext=zip ;;
  *) echo "helplint: no release binary for $RUNNER_OS" >&2; exit 1 ;;
esac
case "$RUNNER_ARCH" in
  X64) arch=amd64 ;;
  ARM64) arch=arm64 ;;
  *) echo "helplint: no release binary for $RUNNER_ARCH" >&2; exit 1 ;;
esac

# The archive names are .goreleaser.yaml's name_template.
asset="helplint_${os}_${arch}.${ext}"
base="${HELPLINT_RELEASES:-https://github.com/$REPO/releases/download}/$REF"
dir="$RUNNER_TEMP/helplint-release"
rm -rf "$dir"
mkdir -p "$dir"
curl -fsSL --retry 3 -o "$dir/$asset" "$base/$asset"
curl -fsSL --retry 3 -o "$dir/checksums.txt" "$base/checksums.txt"

want=$(awk -v f="$asset" '$2 == f || $2 == "*" f { print $1 }' "$dir/checksums.txt")
if [ -z "$want" ]; then
  echo "helplint: checksums.txt of $REF does not list $asset" >&2
  exit 1
fi
if command -v sha256sum >/dev/null 2>&1; then
  got=$(sha256sum "$dir/$asset" | awk '{ print $1 }')
else
  got=$(shasum -a 256 "$dir/$asset" | awk '{ print $1 }')
fi
if [ "$got" != "$want" ]; then
  echo "helplint: $asset has SHA-256 $got, but the release's checksums.txt says $want" >&2
  exit 1
fi

if [ "$ext" = zip ]; then
  unzip -q -o "$dir/$asset" -d "$dir"
  mv "$dir/helplint.exe" "$RUNNER_TEMP/helplint.exe"
else
  tar -xzf "$dir/$asset" -C "$dir"
  mv "$dir/helplint" "$RUNNER_TEMP/helplint"
  chmod +x "$RUNNER_TEMP/helplint"
fi
rm -rf "$dir"
echo "helplint: installed the $REF release for $os/$arch (SHA-256 $got)"
echo "build=false" >>"$GITHUB_OUTPUT"
