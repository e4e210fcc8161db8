#!/bin/sh
# One-shot: creates the Temporal namespace dondoc uses, run by the `temporal-create-namespace` service of
# docker-compose.yml inside temporalio/admin-tools (temporal CLI). Idempotent: an existing namespace is
# left as it is. Modelled on temporalio/samples-server compose/scripts/create-namespace.sh.
set -eu

ADDRESS=${TEMPORAL_ADDRESS:-temporal:7233}
NAMESPACE=${TEMPORAL_NAMESPACE:-default}
# Optional, e.g. 30d; empty = the server's default retention.
RETENTION=${NAMESPACE_RETENTION:-}
MAX_ATTEMPTS=${MAX_ATTEMPTS:-30}
SLEEP_SECONDS=${SLEEP_SECONDS:-2}

attempt=1
until temporal operator cluster health --address "$ADDRESS" >/dev/null 2>&1; do
  if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
    echo "create-namespace: Temporal at $ADDRESS is not healthy after $MAX_ATTEMPTS attempts" >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep "$SLEEP_SECONDS"
done

attempt=1
while :; do
  if temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; then
    echo "create-namespace: namespace '$NAMESPACE' exists"
    exit 0
  fi
  if [ -n "$RETENTION" ]; then
    out=$(temporal operator namespace create --address "$ADDRESS" --namespace "$NAMESPACE" --retention "$RETENTION" </dev/null 2>&1) && status=0 || status=$?
  else
    out=$(temporal operator namespace create --address "$ADDRESS" --namespace "$NAMESPACE" </dev/null 2>&1) && status=0 || status=$?
  fi
  if [ "$status" -eq 0 ]; then
    echo "create-namespace: namespace '$NAMESPACE' created"
    exit 0
  fi
  if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
    echo "create-namespace: could not create '$NAMESPACE' after $MAX_ATTEMPTS attempts: $out" >&2
    exit 1
  fi
  echo "create-namespace: not yet ($out); retrying"
  attempt=$((attempt + 1))
  sleep "$SLEEP_SECONDS"
done
