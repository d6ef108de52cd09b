#!/usr/bin/env bash
# Approves Front Door's pending private endpoint connections on a cluster's edge Private Link
# service: the one step of the edge that Azure leaves to the service's owner (azurerm 5.2.0's
# azurerm_cdn_frontdoor_origin docs, as 4.55's: "the Private Link Endpoint must be approved manually").
# Until it is approved the origin's health probes fail and Front Door sends it no traffic.
#
#   approve-edge-private-links.sh <cluster resource group> <cluster name> [wait seconds]
#   approve-edge-private-links.sh --environment <small-prod|enterprise>   every edge cluster of the
#                                 environment, from the synthesized stacks (run after npm run synth)
#
# Run it after the cluster's workloads stack is applied (Helm installs Traefik, AKS creates the
# Private Link service, the stack creates the Front Door origin, Front Door requests a connection).
# Only pending connections whose request message is the platform's ("Front Door <region>: approve
# for the platform edge") are approved; anything else is listed and left alone.
# Needs the Azure CLI, logged in with rights on the cluster's node resource group.
set -euo pipefail
if [ "${1:-}" = "--environment" ]; then
  environment="${2:?usage: approve-edge-private-links.sh --environment <environment>}"
  clusters="$(node -r ./scripts/ts-register.js scripts/ci/stacks.ts edge-clusters "$environment")"
  while read -r group cluster; do
    [ -n "$group" ] || continue
    "$0" "$group" "$cluster"
  done <<< "$clusters"
  exit 0
fi
rg="${1:?usage: approve-edge-private-links.sh <cluster resource group> <cluster name> [wait seconds]}"
cluster="${2:?usage: approve-edge-private-links.sh <cluster resource group> <cluster name> [wait seconds]}"
wait_seconds="${3:-600}"
pls="${OMEGA_EDGE_PLS_NAME:-pls-edge-gateway}"

node_rg="$(az aks show -g "$rg" -n "$cluster" --query nodeResourceGroup -o tsv)"
deadline=$((SECONDS + wait_seconds))
until az network private-link-service show -g "$node_rg" -n "$pls" --query id -o tsv >/dev/null 2>&1; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "::error::no Private Link service $pls in $node_rg after ${wait_seconds}s (is the workloads stack applied?)" >&2; exit 1; }
  sleep 15
done

approved=0
while :; do
  pending="$(az network private-link-service show -g "$node_rg" -n "$pls" \
    --query "privateEndpointConnections[?privateLinkServiceConnectionState.status=='Pending'].[name, privateLinkServiceConnectionState.description]" -o tsv)"
  while IFS=$'\t' read -r name description; do
    [ -n "$name" ] || continue
    case "$description" in
      "Front Door "*": approve for the platform edge")
        az network private-link-service connection update -g "$node_rg" --service-name "$pls" --name "$name" \
          --connection-status Approved --description "approved for the platform edge by approve-edge-private-links.sh" >/dev/null
        echo "approved $name on $node_rg/$pls ($description)"
        approved=$((approved + 1))
        ;;
      *) echo "::warning::left pending: $name on $node_rg/$pls asks \"$description\"" >&2 ;;
    esac
  done <<< "$pending"
  [ "$approved" -eq 0 ] || break
  # On later deploys the connection is already approved: nothing to wait for.
  already="$(az network private-link-service show -g "$node_rg" -n "$pls" \
    --query "length(privateEndpointConnections[?privateLinkServiceConnectionState.status=='Approved' && privateLinkServiceConnectionState.description=='approved for the platform edge by approve-edge-private-links.sh'])" -o tsv)"
  if [ "${already:-0}" -gt 0 ]; then echo "$node_rg/$pls: Front Door's connection is already approved"; break; fi
  # Front Door requests its connection a few minutes after the origin is created.
  [ "$SECONDS" -lt "$deadline" ] || { echo "::error::no pending Front Door connection on $node_rg/$pls after ${wait_seconds}s" >&2; exit 1; }
  sleep 30
done
