import { h, Component, ProblemBox, Notice, Badge, Table, link } from '/console/ui.js';
import { api, all, enc } from '/console/api.js';
import { time, bytes, fromBase64, text, prettyJson, duration } from '/console/format.js';

/** One event: headers (credentials already redacted by the API), body as text, deliveries and attempts. */
export class EventPage extends Component {
  state = { event: null, error: null, attempts: {}, raw: false, queues: [], resendTo: '', resent: null, resendError: null, busy: false };
  componentDidMount() {
    this.load();
  }
  async load() {
    try {
      const event = await api('/v1/events/' + enc(this.props.id));
      const attempts = {};
      await Promise.all(event.deliveries.filter(d => d.messageId).map(async d => {
        try {
          attempts[d.messageId] = await all('/v1/messages/' + enc(d.messageId) + '/attempts', 200);
        } catch (e) {
          attempts[d.messageId] = { error: e };
        }
      }));
      this.setState({ event, attempts, error: null });
      if (this.props.me.canWrite && this.state.queues.length === 0) {
        const queues = await all('/v1/queues');
        this.setState({ queues: queues.map(q => q.name) });
      }
    } catch (e) {
      this.setState({ error: e });
    }
  }
  download = async () => {
    try {
      const response = await api('/v1/events/' + enc(this.props.id) + '/body', { raw: true });
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = this.props.id + '.body';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      this.setState({ resendError: e });
    }
  };
  resend = async event => {
    event.preventDefault();
    this.setState({ busy: true, resendError: null, resent: null });
    try {
      const body = this.state.resendTo ? { queue: this.state.resendTo } : {};
      const result = await api('/v1/events/' + enc(this.props.id) + '/resend', { method: 'POST', body });
      this.setState({ busy: false, resent: result.messages.length
        ? 'Resent: ' + result.messages.map(m => m.messageId + ' in ' + m.queue).join(', ')
        : 'No route admits this event now: nothing was enqueued. Pick a queue to send it there anyway.' });
      this.load();
    } catch (e) {
      this.setState({ busy: false, resendError: e });
    }
  };
  render({ me, id }, { event, error, attempts, raw, queues, resendTo, resent, resendError, busy }) {
    if (error) return h('div', null, h('h1', null, 'Event'), h(ProblemBox, { error }), link('#/', 'Back to the overview'));
    if (!event) return h('p', null, 'Loading…');
    const bodyBytes = fromBase64(event.bodyBase64);
    const bodyText = text(bodyBytes);
    const pretty = event.bodyEncoding === 'json' ? prettyJson(bodyText) : null;
    const headers = Object.entries(event.headers || {});
    return h('div', { class: 'event' },
      h('div', { class: 'page-head' }, h('h1', null, 'Event ', h('span', { class: 'mono' }, event.id))),
      h('dl', { class: 'facts' },
        h('dt', null, 'Type'), h('dd', { id: 'event-type' }, event.type || '— (the provider sent none)'),
        h('dt', null, 'Endpoint'), h('dd', null, link('#/endpoints/' + enc(event.endpointId), event.endpointId, { class: 'mono' })),
        h('dt', null, 'Received'), h('dd', null, time(event.receivedAt), ' from ', event.sourceAddress || '—'),
        h('dt', null, 'Request'), h('dd', null, event.method, ' ', h('code', null, event.pathQuery || '')),
        h('dt', null, 'Dedupe key'), h('dd', null, h('code', null, event.dedupeKey)),
        h('dt', null, 'Body'), h('dd', null, bytes(event.size), ', ', event.contentType || 'no content type')),
      h('h2', null, 'Headers'),
      h('p', { class: 'hint' }, 'Credentials (authorization, cookies, API keys) are redacted before they are stored.'),
      h(Table, { class: 'headers', head: ['Header', 'Value'], rows: headers.map(([k, vs]) =>
        h('tr', null, h('th', { scope: 'row' }, k), h('td', null, vs.join(', ')))) }),
      h('div', { class: 'section-head' },
        h('h2', null, 'Body'),
        h('div', { class: 'actions' },
          pretty !== null ? h('button', { type: 'button', class: 'secondary small', 'aria-pressed': raw ? 'true' : 'false',
            onClick: () => this.setState({ raw: !raw }) }, raw ? 'Pretty' : 'Raw') : null,
          h('button', { type: 'button', class: 'secondary small', id: 'download-body', onClick: this.download }, 'Download exact bytes'))),
      // Text content, never markup: a body holding <script> shows as those characters.
      h('pre', { class: 'body', id: 'event-body', tabindex: '0' }, pretty !== null && !raw ? pretty : bodyText),
      h('h2', null, 'Deliveries'),
      event.deliveries.length === 0
        ? h('p', { class: 'empty' }, 'No queue got this event: its endpoint routes nowhere (or no filter matched). Resend it to a queue below.')
        : event.deliveries.map(d => h('section', { class: 'delivery', 'data-queue': d.queue },
          h('h3', null, link('#/queues/' + enc(d.queue), d.queue), ' ', h(Badge, { kind: d.state === 'dead' ? 'bad' : d.state === 'gone' ? 'muted' : 'ok' }, d.state),
            d.attempt ? ' attempt ' + d.attempt : '', d.lastError ? ' — ' + d.lastError : ''),
          d.state === 'gone' ? h('p', { class: 'muted' }, d.messageId ? 'No message left here (acked or purged); its attempts:'
            : 'Purged before any consumer leased it: no attempts.') : null,
          d.messageId ? timeline(attempts[d.messageId]) : null)),
      me.canWrite ? h('form', { class: 'resend', onSubmit: this.resend, 'aria-label': 'Resend to queue' },
        h('h2', null, 'Resend to queue…'),
        h('div', { class: 'field' },
          h('label', { for: 'resend-queue' }, 'Queue'),
          h('select', { id: 'resend-queue', value: resendTo, onChange: e => this.setState({ resendTo: e.target.value }) },
            h('option', { value: '' }, 'every queue its endpoint routes to now'), queues.map(q => h('option', { value: q }, q)))),
        h('button', { type: 'submit', id: 'resend', disabled: busy }, 'Resend'),
        h(Notice, { text: resent }), h(ProblemBox, { error: resendError })) : h(ProblemBox, { error: resendError }));
  }
}

function timeline(list) {
  if (!list) return null;
  if (list.error) return h(ProblemBox, { error: list.error });
  if (list.length === 0) return h('p', { class: 'muted' }, 'Not leased yet: waiting for a consumer.');
  return h('ol', { class: 'timeline' }, list.map(a => h('li', { class: 'attempt outcome-' + a.outcome },
    h('span', { class: 'when' }, time(a.leasedAt)),
    ' attempt ', a.attempt, ' via ', a.via, ' — ',
    h('strong', null, a.outcome),
    a.reason ? ' (' + a.reason + ')' : '',
    a.delaySeconds !== null && a.delaySeconds !== undefined ? ', again in ' + duration(a.delaySeconds) : '',
    a.durationMs !== null && a.durationMs !== undefined ? ', after ' + a.durationMs + ' ms' : '')));
}
