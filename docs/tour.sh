#!/usr/bin/env bash
# The README's five-minute tour, as a script: run it from the repository's root against a relay
# started there (`java -jar relay-server/target/inlet-relay.jar`, data in ./inlet-data), with
# INLET_URL set when it is not http://localhost:8080. Needs curl, jq and openssl.
#
# Each step below (between `# ----` lines) is one ```sh block of the README's tour, character for
# character, in the same order: inlet-tests' TourIT fails when they drift apart, and runs this script
# against a fresh relay. A request the relay refuses stops the tour (curl --fail-with-body).
set -euo pipefail
curl() { command curl --fail-with-body "$@"; }
# ----
export INLET_URL=${INLET_URL:-http://localhost:8080}
export OPERATOR_TOKEN=$(cat inlet-data/operator-token)
export INLET_TOKEN=$(INLET_TOKEN=$OPERATOR_TOKEN bin/inlet tenants admin-token default)
# ----
curl -s $INLET_URL/readyz                  # {"status":"ready","database":"up"}
# ----
curl -s -X POST $INLET_URL/v1/queues -H "Authorization: Bearer $INLET_TOKEN" \
     -H 'Content-Type: application/json' -d '{"name": "orders", "leaseSeconds": 30, "maxAttempts": 10}'

EP=$(curl -s -X POST $INLET_URL/v1/endpoints -H "Authorization: Bearer $INLET_TOKEN" \
     -H 'Content-Type: application/json' -d '{
       "name": "stripe-prod",
       "verification": {"scheme": "stripe", "secrets": ["whsec_replace_me"]},
       "routes": [{"queue": "orders"}]}' | jq -r .id)
curl -s $INLET_URL/v1/endpoints/$EP -H "Authorization: Bearer $INLET_TOKEN"
# → {"id": "ep_…", "url": "http://localhost:8080/in/ep_…", "verification": {"scheme": "stripe", "secretCount": 1}, …}
# ----
BODY='{"id": "evt_1", "type": "invoice.paid"}'
TS=$(date +%s)
SIG=$(printf '%s' "$TS.$BODY" | openssl dgst -sha256 -hmac whsec_replace_me | sed 's/.* //')
EVT=$(curl -s -X POST $INLET_URL/in/$EP -H "Stripe-Signature: t=$TS,v1=$SIG" \
     -H 'Content-Type: application/json' -d "$BODY" | jq -r .eventId)
# → 202 {"eventId":"evt_…"}  (stored and queued before this answer)
# the same again → 200 {"eventId":"evt_…","duplicate":true}; a wrong signature → 401 "signature mismatch"
curl -s $INLET_URL/v1/events/$EVT -H "Authorization: Bearer $INLET_TOKEN"   # headers, body as received, "type": "invoice.paid"
# ----
curl -s $INLET_URL/v1/queues/orders -H "Authorization: Bearer $INLET_TOKEN"
curl -s "$INLET_URL/v1/endpoints?limit=10" -H "Authorization: Bearer $INLET_TOKEN"
# ----
ACK=$(curl -si "$INLET_URL/v1/queues/orders/next?wait=20" -H "Authorization: Bearer $INLET_TOKEN" \
     | tr -d '\r' | sed -n 's/^inlet-meta: //Ip' | jq -r .ackUrl)
# 200, the provider's body, Content-Type as sent, and
# Inlet-Meta: {"messageId":"msg_1","eventId":"evt_…","attempt":1,"ackUrl":"http://localhost:8080/v1/messages/msg_1/ack?lease=…",…}
curl -s -X POST "$ACK" -H "Authorization: Bearer $INLET_TOKEN" -w '%{http_code}\n'   # 204
# or stream (SSE): curl -sN "$INLET_URL/v1/queues/orders/stream?prefetch=10" -H "Authorization: Bearer $INLET_TOKEN"
# ----
TOK=$(curl -s -X POST $INLET_URL/v1/tokens -H "Authorization: Bearer $INLET_TOKEN" \
     -H 'Content-Type: application/json' -d '{"scopes": ["consume:orders"], "ttlSeconds": 86400}' | jq -r .id)
curl -s -X DELETE $INLET_URL/v1/tokens/$TOK -H "Authorization: Bearer $INLET_TOKEN" -w '%{http_code}\n'   # 204; refused from then on
# ----
bin/inlet queues list
STRIPE_WEBHOOK_SECRET=whsec_replace_me bin/inlet trigger stripe invoice.paid --endpoint $EP --secret-env STRIPE_WEBHOOK_SECRET
bin/inlet events list --type invoice.paid
# ----
curl -s -X POST $INLET_URL/v1/queues -H "Authorization: Bearer $INLET_TOKEN" \
     -H 'Content-Type: application/json' -d '{"name": "Bad Name"}' || true   # → 400:
# {"type":"urn:inlet:problem:validation","title":"Request is not valid","status":400,
#  "detail":"/name: String does not match pattern","errors":[{"pointer":"/name","detail":"String does not match pattern"}]}
