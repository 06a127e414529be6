#!/usr/bin/env bash
# The compliance gate as a CI step: installs the pinned tool from a NuGet feed, gates each manifest, writes one report
# per manifest, and appends each decision memo (or the reason it could not be made) to the job summary.
# action.yml runs it; it runs as well outside GitHub (a test runs it with GITHUB_STEP_SUMMARY pointing at a file).
#
# Settings (environment):
#   COMPLIANCE_MANIFESTS   the manifest files, separated by spaces or new lines (required)
#   COMPLIANCE_ACTIVITY    release, deployment or training (required)
#   COMPLIANCE_BILLS       bills to enforce (ID or ID@VERSION), separated by spaces; empty: the bills in force
#   COMPLIANCE_AS_OF       decide as of this date (YYYY-MM-DD); empty: today
#   COMPLIANCE_ALLOW_UNDETERMINED  true: blocking duties the manifest cannot settle pass
#   COMPLIANCE_FORMAT      sarif (default), junit, json, github (annotations, on standard output) or text
#   COMPLIANCE_REPORT_DIR  where the reports go (default compliance-reports)
#   COMPLIANCE_VERSION     the tool's version to install (required unless COMPLIANCE_COMMAND is set)
#   COMPLIANCE_FEED        the NuGet feed to install from (default: the GitHub Packages feed of the action's owner)
#   COMPLIANCE_FEED_USER, COMPLIANCE_FEED_TOKEN  credentials for the feed (GitHub Packages asks for them even to read)
#   COMPLIANCE_COMMAND     run this command instead of installing the tool (e.g. "dotnet path/to/compliance.dll")
#   COMPLIANCE_DEFER_EXIT  true: exit 0 and leave the gate's exit code in the step output exit-code (the action fails
#                          in a later step, after the SARIF upload)
# Exit code: the worst of the manifests' (2 could not evaluate, 1 blocked, 0 allowed).
set -euo pipefail

fail() { echo "::error title=compliance gate::$*" >&2; exit 2; }

# Split on white space, and let a pattern (models/*.json) name several files.
# shellcheck disable=SC2206
manifests=(${COMPLIANCE_MANIFESTS:-})
activity="${COMPLIANCE_ACTIVITY:-}"
format="${COMPLIANCE_FORMAT:-sarif}"
report_dir="${COMPLIANCE_REPORT_DIR:-compliance-reports}"
[[ ${#manifests[@]} -gt 0 ]] || fail "no manifest given (input manifests)"
[[ -n "$activity" ]] || fail "no activity given (input activity: release, deployment or training)"
case "$format" in
  sarif) extension=sarif ;;
  junit) extension=xml ;;
  json) extension=json ;;
  github | text) extension="" ;;
  *) fail "format '$format' is not one of sarif, junit, json, github, text" ;;
esac

if [[ -n "${COMPLIANCE_COMMAND:-}" ]]; then
  read -r -a compliance <<<"$COMPLIANCE_COMMAND"
else
  version="${COMPLIANCE_VERSION:-}"
  [[ -n "$version" ]] || fail "no version given (input version): pin the tool's version"
  owner="${COMPLIANCE_ACTION_REPOSITORY:-${GITHUB_REPOSITORY:-}}"
  owner="${owner%%/*}"
  feed="${COMPLIANCE_FEED:-https://nuget.pkg.github.com/${owner}/index.json}"
  config="$(mktemp -d)/nuget.config"
  trap 'rm -f "$config"' EXIT
  {
    echo '<?xml version="1.0" encoding="utf-8"?>'
    echo '<configuration><packageSources><clear /><add key="compliance" value="'"$feed"'" /></packageSources>'
    if [[ -n "${COMPLIANCE_FEED_TOKEN:-}" ]]; then
      echo '<packageSourceCredentials><compliance>'
      echo '<add key="Username" value="'"${COMPLIANCE_FEED_USER:-compliance}"'" />'
      echo '<add key="ClearTextPassword" value="'"$COMPLIANCE_FEED_TOKEN"'" />'
      echo '</compliance></packageSourceCredentials>'
    fi
    echo '</configuration>'
  } >"$config"
  # update installs when the tool is missing, and moves an installed one to the pinned version either way.
  dotnet tool update --global Compliance.Cli --version "$version" --allow-downgrade --configfile "$config"
  rm -f "$config"
  # `dotnet tool install --global` puts tools in ~/.dotnet/tools, which is on no PATH by default: add it for this
  # step, and for the job's later steps through GITHUB_PATH.
  tools="$HOME/.dotnet/tools"
  export PATH="$tools:$PATH"
  if [[ -n "${GITHUB_PATH:-}" ]]; then echo "$tools" >>"$GITHUB_PATH"; fi
  compliance=(compliance)
fi

options=(--activity "$activity" --format "$format")
for bill in ${COMPLIANCE_BILLS:-}; do options+=(--bill "$bill"); done
if [[ -n "${COMPLIANCE_AS_OF:-}" ]]; then options+=(--as-of "$COMPLIANCE_AS_OF"); fi
if [[ "${COMPLIANCE_ALLOW_UNDETERMINED:-false}" == "true" ]]; then options+=(--allow-undetermined); fi

mkdir -p "$report_dir"
scratch="$(mktemp -d)"
worst=0
reports=()
for manifest in "${manifests[@]}"; do
  # One report per manifest, named after its path (examples/a.json: examples-a.json.sarif).
  name="${manifest//\//-}"
  output=()
  if [[ -n "$extension" ]]; then
    report="$report_dir/$name.$extension"
    output=(--output "$report")
    reports+=("$report")
  fi
  rm -f "$scratch/memo.md" "$scratch/stderr"
  set +e
  "${compliance[@]}" gate "$manifest" "${options[@]}" "${output[@]}" --memo "$scratch/memo.md" 2>"$scratch/stderr"
  code=$?
  set -e
  cat "$scratch/stderr" >&2
  if ((code > worst)); then worst=$code; fi
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    if [[ $code -le 1 && -s "$scratch/memo.md" ]]; then
      cat "$scratch/memo.md" >>"$GITHUB_STEP_SUMMARY"
    else
      {
        echo "## The gate could not evaluate \`$manifest\`"
        echo
        echo '```text'
        cat "$scratch/stderr"
        echo '```'
      } >>"$GITHUB_STEP_SUMMARY"
    fi
    echo >>"$GITHUB_STEP_SUMMARY"
  fi
done
rm -rf "$scratch"

case $worst in
  0) decision=allowed ;;
  1) decision=blocked ;;
  *) decision=error ;;
esac
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  {
    echo "exit-code=$worst"
    echo "decision=$decision"
    echo "report-dir=$report_dir"
  } >>"$GITHUB_OUTPUT"
fi
if [[ "${COMPLIANCE_DEFER_EXIT:-false}" == "true" ]]; then exit 0; fi
exit $worst
