import { h, Component, Poller, ProblemBox, Notice, Empty, Badge, Table, Field, CopyButton, link } from '/console/ui.js';
import { api, all, enc } from '/console/api.js';
import { ago, time, bytes, fromBase64, text, fromLocalInput } from '/console/format.js';

const SCHEMES = ['github', 'stripe', 'standard-webhooks', 'shopify', 'slack', 'zoom', 'paddle', 'square', 'twilio',
  'gitlab', 'linear', 'hmac', 'basic', 'bearer', 'none', 'intercom', 'pagerduty', 'bitbucket', 'typeform', 'hubspot',
  'workos', 'discord', 'sendgrid', 'mailgun', 'twitch', 'okta', 'asana', 'lemonsqueezy', 'zendesk', 'calendly',
  'sentry', 'razorpay', 'mux', 'vercel'];

function filterText(filter) {
  if (!filter) return 'everything';
  return (filter.header ? 'header ' + filter.header : 'JSON ' + filter.jsonPointer) + ' = ' + JSON.stringify(filter.equals);
}

/** One endpoint: its URL, scheme, routes, and its request log (live on the first page). */
export class EndpointPage extends Poller {
  interval = 3000;
  state = { endpoint: null, error: null, log: null, logError: null, outcome: '', type: '', from: '', to: '',
    cursors: [], next: null, open: null };
  async load() {
    try {
      const endpoint = this.state.endpoint || await api('/v1/endpoints/' + enc(this.props.id));
      if (!this.state.endpoint) this.setState({ endpoint });
      // Only the first page follows new requests; an older page stays put.
      if (this.state.log === null || this.state.cursors.length === 0) await this.loadLog(null);
    } catch (e) {
      this.setState({ error: e });
    }
  }
  async loadLog(cursor) {
    const { outcome, from, to } = this.state;
    const q = new URLSearchParams({ limit: '50' });
    if (outcome) q.set('outcome', outcome);
    if (from) q.set('from', fromLocalInput(from));
    if (to) q.set('to', fromLocalInput(to));
    if (cursor) q.set('cursor', cursor);
    try {
      const page = await api('/v1/endpoints/' + enc(this.props.id) + '/requests?' + q);
      this.setState({ log: page.items, next: page.nextCursor, logError: null });
    } catch (e) {
      this.setState({ logError: e });
    }
  }
  applyFilters = event => {
    event.preventDefault();
    this.setState({ cursors: [], open: null }, () => this.loadLog(null));
  };
  older = () => {
    this.setState({ cursors: [...this.state.cursors, this.state.next], open: null }, () => this.loadLog(this.state.next));
  };
  newer = () => {
    const cursors = this.state.cursors.slice(0, -1);
    this.setState({ cursors, open: null }, () => this.loadLog(cursors[cursors.length - 1] || null));
  };
  render({ me, id }, { endpoint, error, log, logError, outcome, type, from, to, cursors, next, open }) {
    if (error) return h('div', null, h('h1', null, 'Endpoint'), h(ProblemBox, { error }), link('#/', 'Back to the overview'));
    if (!endpoint) return h('p', null, 'Loading…');
    const v = endpoint.verification;
    const rows = (log || []).filter(r => !type || (r.type || '').includes(type));
    const curl = "curl -X POST '" + endpoint.url + "' -H 'Content-Type: application/json' -d '{\"type\":\"hello\",\"id\":\"1\"}'";
    return h('div', { class: 'endpoint' },
      h('div', { class: 'page-head' },
        h('h1', null, 'Endpoint ', h('span', { class: 'name' }, endpoint.name)),
        me.canWrite ? link('#/endpoints/' + enc(id) + '/edit', 'Edit', { class: 'button secondary', id: 'edit-endpoint' }) : null),
      h('dl', { class: 'facts' },
        h('dt', null, 'Inbound URL'),
        h('dd', null, h('code', { id: 'inbound-url' }, endpoint.url), ' ', h(CopyButton, { value: endpoint.url, label: 'Copy URL' })),
        h('dt', null, 'Scheme'), h('dd', null, v.scheme, v.secretCount !== undefined ? ' — ' + v.secretCount + ' secret(s) active (never shown)' : ''),
        h('dt', null, 'State'), h('dd', null, endpoint.enabled ? h(Badge, { kind: 'ok' }, 'enabled') : h(Badge, { kind: 'warn' }, 'disabled')),
        h('dt', null, 'Dedupe'), h('dd', null, endpoint.dedupe ? JSON.stringify(endpoint.dedupe) : 'the scheme\'s event id, else a hash of the body',
          ', window ', Math.round(endpoint.dedupeWindowSeconds / 3600), ' h'),
        h('dt', null, 'Max body'), h('dd', null, bytes(endpoint.maxBodyBytes))),
      h('h2', null, 'Routes'),
      endpoint.routes.length === 0
        ? h(Empty, { title: 'No routes: accepted events go to no queue.' }, me.canWrite ? 'Edit the endpoint to route it to a queue.' : '')
        : h(Table, { head: ['Queue', 'Filter'], rows: endpoint.routes.map(r => h('tr', null,
          h('td', null, link('#/queues/' + enc(r.queue), r.queue)), h('td', null, filterText(r.filter)))) }),
      h('h2', { id: 'log-h' }, 'Request log'),
      h('form', { class: 'filters', onSubmit: this.applyFilters, 'aria-label': 'Filter the request log' },
        h(Field, { id: 'f-outcome', label: 'Outcome' },
          h('select', { id: 'f-outcome', value: outcome, onChange: e => this.setState({ outcome: e.target.value }) },
            h('option', { value: '' }, 'any'), ['accepted', 'duplicate', 'refused', 'handshake'].map(o => h('option', { value: o }, o)))),
        h(Field, { id: 'f-type', label: 'Type contains' },
          h('input', { id: 'f-type', value: type, onInput: e => this.setState({ type: e.target.value }) })),
        h(Field, { id: 'f-from', label: 'From' },
          h('input', { id: 'f-from', type: 'datetime-local', value: from, onInput: e => this.setState({ from: e.target.value }) })),
        h(Field, { id: 'f-to', label: 'To' },
          h('input', { id: 'f-to', type: 'datetime-local', value: to, onInput: e => this.setState({ to: e.target.value }) })),
        h('button', { type: 'submit' }, 'Apply')),
      h(ProblemBox, { error: logError }),
      log === null ? null : rows.length === 0
        ? h(Empty, { title: outcome || type || from || to ? 'No request matches these filters.' : 'No requests yet.',
          command: outcome || type || from || to ? null : curl },
          outcome || type || from || to ? 'Clear a filter, or widen the time window.'
            : v.scheme === 'none' ? 'Send a first webhook:' : 'Point the provider at the inbound URL, or send a signed request by hand. Unsigned, this one is refused and logged with its reason:')
        : h(Table, { class: 'log', head: ['Received', 'Outcome', 'Reason', 'Type', 'Event', 'From', ''],
          rows: rows.flatMap(r => [
            h('tr', { 'data-request': r.id, class: 'outcome-' + r.outcome },
              h('td', { title: r.receivedAt }, time(r.receivedAt)),
              h('td', null, h(Badge, { kind: r.outcome === 'refused' ? 'bad' : r.outcome === 'duplicate' ? 'warn' : 'ok' }, r.outcome)),
              h('td', { class: 'reason' }, r.reason || ''),
              h('td', null, r.type || ''),
              h('td', null, r.eventId ? link('#/events/' + enc(r.eventId), r.eventId, { class: 'mono' }) : ''),
              h('td', null, (r.method || '') + ' ' + (r.sourceAddress || '')),
              h('td', null, h('button', { type: 'button', class: 'secondary small', 'aria-expanded': open === r.id ? 'true' : 'false',
                onClick: () => this.setState({ open: open === r.id ? null : r.id }) }, open === r.id ? 'Hide' : 'Details'))),
            open === r.id ? h('tr', { class: 'details' }, h('td', { colspan: 7 }, requestDetails(r))) : null]) }),
      h('div', { class: 'pager' },
        cursors.length ? h('button', { type: 'button', class: 'secondary', onClick: this.newer }, 'Newer') : null,
        next ? h('button', { type: 'button', class: 'secondary', onClick: this.older }, 'Older') : null,
        cursors.length === 0 && log !== null ? h('span', { class: 'muted' }, 'Live: new requests appear at the top.') : null));
  }
}

function requestDetails(r) {
  const headers = Object.entries(r.headers || {});
  const preview = r.bodyPreviewBase64 ? text(fromBase64(r.bodyPreviewBase64)) : null;
  return h('div', null,
    r.reason ? h('p', null, 'Refused: ', h('strong', null, r.reason)) : null,
    headers.length ? h('table', { class: 'headers' }, h('tbody', null, headers.map(([k, vs]) =>
      h('tr', null, h('th', { scope: 'row' }, k), h('td', null, vs.join(', ')))))) : h('p', { class: 'muted' }, 'Headers: see the event.'),
    preview !== null ? h('div', null, h('p', null, 'Body (first ', bytes(r.bodySize > 4096 ? 4096 : r.bodySize), ' of ', bytes(r.bodySize), ')'),
      h('pre', { class: 'body' }, preview)) : null);
}

/** Create or edit an endpoint. Secrets are write-only: the form never shows a stored one. */
export class EndpointForm extends Component {
  state = { loaded: !this.props.id, name: '', scheme: 'none', secrets: '', header: '', enabled: true, routes: [],
    queues: [], error: null, busy: false, original: null };
  async componentDidMount() {
    try {
      const queues = await all('/v1/queues');
      const state = { queues: queues.map(q => q.name) };
      if (this.props.id) {
        const e = await api('/v1/endpoints/' + enc(this.props.id));
        Object.assign(state, { loaded: true, original: e, name: e.name, scheme: e.verification.scheme,
          header: e.verification.header || '', enabled: e.enabled,
          routes: e.routes.map(r => ({ queue: r.queue, kind: r.filter ? (r.filter.header ? 'header' : 'jsonPointer') : '',
            key: r.filter ? (r.filter.header || r.filter.jsonPointer) : '', equals: r.filter ? r.filter.equals : '' })) });
      }
      this.setState(state);
    } catch (e) {
      this.setState({ error: e, loaded: true });
    }
  }
  submit = async event => {
    event.preventDefault();
    const { name, scheme, secrets, header, enabled, routes, original } = this.state;
    const secretList = secrets.split('\n').map(s => s.trim()).filter(Boolean);
    const verification = { scheme };
    if (secretList.length) verification.secrets = secretList;
    if (scheme === 'hmac' && header) verification.header = header;
    const body = { name, enabled, routes: routes.filter(r => r.queue).map(r => r.kind && r.key
      ? { queue: r.queue, filter: { [r.kind]: r.key, equals: r.equals } } : { queue: r.queue }) };
    // Editing: the verification (and its secrets) is replaced only when the scheme changes or new secrets are typed.
    if (!original || secretList.length || scheme !== original.verification.scheme
        || (scheme === 'hmac' && header !== (original.verification.header || ''))) body.verification = verification;
    this.setState({ busy: true, error: null });
    try {
      const saved = original
        ? await api('/v1/endpoints/' + enc(original.id), { method: 'PATCH', body })
        : await api('/v1/endpoints', { method: 'POST', body });
      location.hash = '#/endpoints/' + enc(saved.id);
    } catch (e) {
      this.setState({ error: e, busy: false });
    }
  };
  setRoute(i, patch) {
    const routes = this.state.routes.slice();
    routes[i] = { ...routes[i], ...patch };
    this.setState({ routes });
  }
  render({ me, id }, { loaded, name, scheme, secrets, header, enabled, routes, queues, error, busy, original }) {
    if (!me.canWrite) return h('div', null, h('h1', null, 'Endpoint'), h('p', null, 'A read-only (inspect) token cannot change endpoints.'));
    if (!loaded) return h('p', null, 'Loading…');
    return h('div', { class: 'endpoint-form' },
      h('h1', null, original ? 'Edit endpoint ' + original.name : 'New endpoint'),
      h('form', { onSubmit: this.submit, 'aria-label': original ? 'Edit endpoint' : 'New endpoint' },
        h(Field, { id: 'ep-name', label: 'Name', hint: 'Letters, digits, dot, dash, underscore; e.g. stripe-prod.' },
          h('input', { id: 'ep-name', required: true, value: name, onInput: e => this.setState({ name: e.target.value }) })),
        h(Field, { id: 'ep-scheme', label: 'Verification scheme', hint: 'docs/providers.md lists what each needs.' },
          h('select', { id: 'ep-scheme', value: scheme, onChange: e => this.setState({ scheme: e.target.value }) },
            SCHEMES.map(s => h('option', { value: s }, s)))),
        scheme === 'hmac' ? h(Field, { id: 'ep-header', label: 'Signature header' },
          h('input', { id: 'ep-header', value: header, onInput: e => this.setState({ header: e.target.value }) })) : null,
        h(Field, { id: 'ep-secrets', label: 'Signing secrets (one per line)',
          hint: original ? 'Stored secrets are never shown. Leave empty to keep them; type new ones to replace them all.'
            : 'Several while rotating. Write-only: they are sealed at rest and never shown again.' },
          h('textarea', { id: 'ep-secrets', rows: 2, autocomplete: 'off', spellcheck: false, value: secrets,
            placeholder: original ? (original.verification.secretCount || 0) + ' stored — unchanged' : '',
            onInput: e => this.setState({ secrets: e.target.value }) })),
        h('fieldset', null,
          h('legend', null, 'Routes'),
          queues.length === 0 ? h('p', { class: 'hint' }, 'No queues yet: create one (POST /v1/queues) to route events to it.') : null,
          routes.map((r, i) => h('div', { class: 'route-row' },
            h(Field, { id: 'rt-q-' + i, label: 'Queue' },
              h('select', { id: 'rt-q-' + i, value: r.queue, onChange: e => this.setRoute(i, { queue: e.target.value }) },
                h('option', { value: '' }, '—'), queues.map(q => h('option', { value: q }, q)))),
            h(Field, { id: 'rt-k-' + i, label: 'Filter on' },
              h('select', { id: 'rt-k-' + i, value: r.kind, onChange: e => this.setRoute(i, { kind: e.target.value }) },
                h('option', { value: '' }, 'nothing (all events)'), h('option', { value: 'header' }, 'a header'),
                h('option', { value: 'jsonPointer' }, 'a JSON pointer'))),
            r.kind ? h(Field, { id: 'rt-key-' + i, label: r.kind === 'header' ? 'Header' : 'Pointer' },
              h('input', { id: 'rt-key-' + i, value: r.key, onInput: e => this.setRoute(i, { key: e.target.value }) })) : null,
            r.kind ? h(Field, { id: 'rt-eq-' + i, label: 'Equals' },
              h('input', { id: 'rt-eq-' + i, value: r.equals, onInput: e => this.setRoute(i, { equals: e.target.value }) })) : null,
            h('button', { type: 'button', class: 'secondary small', onClick: () => this.setState({ routes: routes.filter((x, j) => j !== i) }) }, 'Remove'))),
          queues.length ? h('button', { type: 'button', class: 'secondary', id: 'add-route',
            onClick: () => this.setState({ routes: [...routes, { queue: queues[0], kind: '', key: '', equals: '' }] }) }, 'Add a route') : null),
        h('div', { class: 'field checkbox' },
          h('input', { id: 'ep-enabled', type: 'checkbox', checked: enabled, onChange: e => this.setState({ enabled: e.target.checked }) }),
          h('label', { for: 'ep-enabled' }, 'Enabled (a disabled endpoint answers 404)')),
        h('div', { class: 'actions' },
          h('button', { type: 'submit', id: 'save-endpoint', disabled: busy }, busy ? 'Saving…' : original ? 'Save' : 'Create endpoint'),
          link(original ? '#/endpoints/' + enc(original.id) : '#/', 'Cancel', { class: 'button secondary' }))),
      h(ProblemBox, { error }));
  }
}
