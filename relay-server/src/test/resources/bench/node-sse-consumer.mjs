// A consumer that is not ours: Node's `eventsource` package (the WHATWG EventSource API) reads the
// relay's stream and acks each message over REST with fetch, as a Node service would. For every
// message it prints "<provider event id> <monotonic ns>" (process.hrtime: the same clock as the
// JVM's System.nanoTime on Linux), so the benchmark can match it to the event's scheduled send.
// Usage: node node-sse-consumer.mjs <stream url> <token>
import { EventSource } from 'eventsource';

const [url, token, eventIdHeader = 'x-event-id'] = process.argv.slice(2);
const lines = [];
const flush = () => {
  if (lines.length > 0) {
    process.stdout.write(lines.join('\n') + '\n');
    lines.length = 0;
  }
};
const source = new EventSource(`${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`);
source.addEventListener('message', (event) => {
  const now = process.hrtime.bigint();
  const envelope = JSON.parse(event.data);
  const ids = envelope.headers && envelope.headers[eventIdHeader];
  lines.push(`${ids ? ids[0] : '-'} ${now}`);
  fetch(envelope.meta.ackUrl, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
    .then((answer) => {
      if (answer.status !== 204) {
        lines.push(`ackfail ${answer.status}`);
      }
      return answer.arrayBuffer();
    })
    .catch((error) => lines.push(`ackfail ${error}`));
});
source.addEventListener('open', () => lines.push('open'));
source.addEventListener('error', (error) => process.stderr.write(`eventsource error: ${error.message ?? error}\n`));
setInterval(flush, 20);
process.on('SIGTERM', () => {
  source.close();
  flush();
  process.exit(0);
});
