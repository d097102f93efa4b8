-- The W3C trace context a provider sent with a webhook (validated at ingest; null when absent or
-- malformed), handed to consumers in the delivery meta. Nullable without a default: no rewrite.
alter table events add column traceparent text, add column tracestate text;
