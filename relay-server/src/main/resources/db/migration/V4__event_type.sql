-- The provider's name for what happened (Stripe's body `type`, GitHub's X-GitHub-Event + action…),
-- found by the endpoint's provider at ingest. Null when the provider sends none. Adding a nullable
-- column without a default is a catalog change only: no rewrite of existing events.
alter table events add column event_type text;
