#!/usr/bin/env bash
# Keeps $AZURE_FEDERATED_TOKEN_FILE holding a fresh GitHub OIDC token for the job's whole length.
# kubelogin in workloadidentity mode (OMEGA_KUBELOGIN_MODE=workloadidentity) reads that file each
# time the kubernetes and helm providers run it (when their Entra ID token expires) and exchanges
# it for a new access token; the providers themselves never refresh a federated token, and GitHub's
# token is valid for about 5 minutes, so a long apply would otherwise fail halfway.
#
#   federated-token.sh once      write one token and exit (fails if the job cannot request one)
#   federated-token.sh refresh   write one now, then every 4 minutes until the job ends (run with &)
set -euo pipefail
: "${AZURE_FEDERATED_TOKEN_FILE:?set AZURE_FEDERATED_TOKEN_FILE}"
: "${ACTIONS_ID_TOKEN_REQUEST_URL:?the job needs permissions: id-token: write}"
: "${ACTIONS_ID_TOKEN_REQUEST_TOKEN:?the job needs permissions: id-token: write}"
audience="${OMEGA_OIDC_AUDIENCE:-api://AzureADTokenExchange}"

write_token() {
  local response token
  response="$(curl -sSf -H "Authorization: bearer ${ACTIONS_ID_TOKEN_REQUEST_TOKEN}" "${ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${audience}")"
  token="$(printf '%s' "$response" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).value))')"
  [ -n "$token" ] || { echo "::error::empty OIDC token" >&2; return 1; }
  umask 077
  printf '%s' "$token" > "${AZURE_FEDERATED_TOKEN_FILE}.tmp"
  mv "${AZURE_FEDERATED_TOKEN_FILE}.tmp" "$AZURE_FEDERATED_TOKEN_FILE"
}

case "${1:-}" in
  once) write_token ;;
  refresh)
    write_token
    while sleep 240; do write_token || echo "::warning::could not refresh the federated token" >&2; done
    ;;
  *) echo "usage: federated-token.sh once|refresh" >&2; exit 2 ;;
esac
