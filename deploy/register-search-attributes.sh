#!/bin/sh
# One-shot: registers dondoc's custom search attributes on the compose Temporal server, run by the
# `temporal-search-attributes` service of docker-compose.yml inside temporalio/admin-tools (temporal CLI),
# after the namespace exists.
#
# The list below MUST match workflows/search-attributes.ts (the source of truth);
# test/unit/platform/compose.test.ts fails when they drift. Types are the CLI's spellings
# (`temporal operator search-attribute create --type`: Text, Keyword, Int, Double, Bool, Datetime, KeywordList).
#
# Idempotent: an attribute that already exists with the same type is fine (the v1.29 server skips it on
# SQL visibility; other servers answer "already exists", which is tolerated). One that exists with a
# different type is an error: that needs a human. Other failures (server still warming up) are retried.
set -eu

ADDRESS=${TEMPORAL_ADDRESS:-temporal:7233}
NAMESPACE=${TEMPORAL_NAMESPACE:-default}
MAX_ATTEMPTS=${MAX_ATTEMPTS:-30}
SLEEP_SECONDS=${SLEEP_SECONDS:-2}

attempt=1
until temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; do
  if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
    echo "register-search-attributes: namespace '$NAMESPACE' not found at $ADDRESS after $MAX_ATTEMPTS attempts" >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep "$SLEEP_SECONDS"
done

register() {
  name=$1
  type=$2
  attempt=1
  while :; do
    if out=$(temporal operator search-attribute create --address "$ADDRESS" --namespace "$NAMESPACE" \
      --name "$name" --type "$type" </dev/null 2>&1); then
      echo "register-search-attributes: $name ($type) ok"
      return 0
    fi
    case $out in
      *"different type"*)
        echo "register-search-attributes: $name exists with a type other than $type: $out" >&2
        return 1
        ;;
      *"already exists"* | *"AlreadyExists"*)
        echo "register-search-attributes: $name ($type) already exists"
        return 0
        ;;
    esac
    if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
      echo "register-search-attributes: $name ($type) failed after $MAX_ATTEMPTS attempts: $out" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep "$SLEEP_SECONDS"
  done
}

failed=0
names=""
# name type (one attribute per line)
while read -r name type; do
  case $name in '' | '#'*) continue ;; esac
  register "$name" "$type" || failed=1
  names="$names $name"
done <<'ATTRIBUTES'
DondocKind Keyword
DondocPlan Keyword
DondocObligation Keyword
DondocUnit Keyword
DondocOwner KeywordList
DondocPeriod Keyword
DondocStatus Keyword
DondocDue Datetime
DondocResolvedAt Datetime
ATTRIBUTES

if [ "$failed" -ne 0 ]; then
  exit 1
fi

# Check that the namespace now lists every attribute.
listed=$(temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE" </dev/null 2>&1)
for name in $names; do
  if ! printf '%s\n' "$listed" | grep -qw "$name"; then
    echo "register-search-attributes: $name is not listed after registration:" >&2
    printf '%s\n' "$listed" >&2
    exit 1
  fi
done
echo "register-search-attributes: all registered on namespace '$NAMESPACE'"
