import { h, Poller, ProblemBox, Empty, Badge, Table, link } from '/console/ui.js';
import { api, all, eachLimited, enc } from '/console/api.js';
import { RateChart, totals } from '/console/chart.js';
import { duration, ago } from '/console/format.js';

/** Endpoints and queues at a glance, reloaded every 5 s. */
export class Overview extends Poller {
  interval = 5000;
  state = { queues: null, endpoints: null, events: null, error: null, loadedMs: null };
  async load() {
    const started = performance.now();
    try {
      // Queues come with their stats and rates in one request a page (?stats=true), not one per queue.
      const [queues, endpointList, events] = await Promise.all([
        all('/v1/queues?stats=true'), all('/v1/endpoints'), api('/v1/events?limit=10')]);
      const stats = await eachLimited(endpointList, 6, e => api('/v1/endpoints/' + enc(e.id) + '/requests/stats?window=3600'));
      const endpoints = endpointList.map((e, i) => ({ ...e, stats: stats[i] }));
      const loadedMs = Math.round(performance.now() - started);
      // Kept for the browser tests' timing log (docs/console.md).
      document.documentElement.dataset.overviewMs = String(loadedMs);
      this.setState({ queues, endpoints, events: events.items, error: null, loadedMs });
    } catch (e) {
      this.setState({ error: e });
    }
  }
  render({ me }, { queues, endpoints, events, error, loadedMs }) {
    return h('div', { class: 'overview' },
      h('div', { class: 'page-head' },
        h('h1', null, 'Overview'),
        h('p', { class: 'muted', 'aria-live': 'off' }, loadedMs === null ? 'Loading…' : 'Live — refreshed every 5 s')),
      h(ProblemBox, { error }),
      h('section', { 'aria-labelledby': 'queues-h' },
        h('h2', { id: 'queues-h' }, 'Queues'),
        queues === null ? null : queues.length === 0
          ? h(Empty, { title: 'No queues yet.', command: "curl -X POST " + location.origin + "/v1/queues -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: application/json' -d '{\"name\":\"orders\"}'" },
            'A queue holds what one consuming app takes. Create one, then route an endpoint to it.')
          : h(Table, { class: 'queues', head: ['Queue', 'Ready', 'Leased', 'Dead', 'Oldest ready', 'In / out (1 h)', 'Last hour', 'State'], nums: [1, 2, 3, 4, 5],
            rows: queues.map(q => q.error
              ? h('tr', null, h('td', { colspan: 8 }, h(ProblemBox, { error: q.error })))
              : queueRow(q)) })),
      h('section', { 'aria-labelledby': 'endpoints-h' },
        h('div', { class: 'section-head' },
          h('h2', { id: 'endpoints-h' }, 'Endpoints'),
          me.canWrite ? link('#/endpoints/new', 'New endpoint', { class: 'button', id: 'new-endpoint' }) : null),
        endpoints === null ? null : endpoints.length === 0
          ? h(Empty, { title: 'No endpoints yet.' }, 'An endpoint is the URL a provider sends webhooks to. ',
            me.canWrite ? link('#/endpoints/new', 'Create the first one') : 'Ask an admin to create one.', '.')
          : h(Table, { class: 'endpoints', head: ['Endpoint', 'Scheme', 'Routes to', 'Accepted (1 h)', 'Duplicates', 'Refused', 'State'], nums: [3, 4, 5],
            rows: endpoints.map(endpointRow) })),
      h('section', { 'aria-labelledby': 'events-h' },
        h('h2', { id: 'events-h' }, 'Latest events'),
        events === null ? null : events.length === 0
          ? h(Empty, { title: 'No events yet.' }, 'Send a webhook to an endpoint\'s URL (its page has the curl); it shows here within seconds.')
          : h(Table, { class: 'events', head: ['Event', 'Type', 'Endpoint', 'Received', 'Size'], nums: [4],
            rows: events.map(e => h('tr', { 'data-event': e.id },
              h('td', null, link('#/events/' + enc(e.id), e.id, { class: 'mono' })),
              h('td', null, e.type || '—'),
              h('td', null, link('#/endpoints/' + enc(e.endpointId), e.endpointName || e.endpointId)),
              h('td', { title: e.receivedAt }, ago(e.receivedAt)),
              h('td', { class: 'num' }, e.size + ' B'))) })));
  }
}

function queueRow(q) {
  const s = q.stats || {};
  const t = totals(q.rates);
  return h('tr', { 'data-queue': q.name },
    h('th', { scope: 'row' }, link('#/queues/' + enc(q.name), q.name)),
    h('td', { class: 'num ready' }, s.ready),
    h('td', { class: 'num leased' }, s.leased),
    h('td', { class: 'num dead' + (s.dead ? ' alert' : '') }, s.dead),
    h('td', { class: 'num' }, s.oldestReadyAgeSeconds === null || s.oldestReadyAgeSeconds === undefined ? '—' : duration(s.oldestReadyAgeSeconds)),
    h('td', { class: 'num' }, t.in + ' / ' + t.out),
    h('td', null, h(RateChart, { rates: q.rates, label: 'in ' + t.in + ', out ' + t.out + ' in the last hour' })),
    h('td', null, q.paused ? h(Badge, { kind: 'warn' }, 'paused') : h(Badge, { kind: 'ok' }, 'active')));
}

function endpointRow(e) {
  const s = e.stats && !e.stats.error ? e.stats : {};
  return h('tr', { 'data-endpoint': e.id },
    h('th', { scope: 'row' }, link('#/endpoints/' + enc(e.id), e.name)),
    h('td', null, e.verification.scheme),
    h('td', null, (e.routes || []).map(r => r.queue).join(', ') || '—'),
    h('td', { class: 'num accepted' }, s.accepted ?? '—'),
    h('td', { class: 'num duplicate' }, s.duplicate ?? '—'),
    h('td', { class: 'num refused' + (s.refused ? ' alert' : '') }, s.refused ?? '—'),
    h('td', null, e.enabled ? h(Badge, { kind: 'ok' }, 'enabled') : h(Badge, { kind: 'warn' }, 'disabled')));
}
