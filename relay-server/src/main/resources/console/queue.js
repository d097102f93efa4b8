import { h, Component, Poller, ProblemBox, Notice, Empty, Badge, Table, Field, ConfirmButton, link } from '/console/ui.js';
import { api, all, enc } from '/console/api.js';
import { RateChart, totals } from '/console/chart.js';
import { time, ago, duration, localInput, fromLocalInput } from '/console/format.js';

/** A queue: depth, rates, its messages by state, a live tail, and the recovery actions. */
export class QueuePage extends Poller {
  interval = 2000;
  state = { queue: null, error: null, notice: null, actionError: null,
    stateFilter: '', messages: null, cursors: [], next: null, listError: null,
    tail: [], tailOn: true, replay: null };
  path(suffix = '') {
    return '/v1/queues/' + enc(this.props.name) + suffix;
  }
  async load() {
    try {
      const queue = await api(this.path());
      this.setState({ queue, error: null });
    } catch (e) {
      this.setState({ error: e });
      return;
    }
    if (this.state.cursors.length === 0) await this.loadMessages(null);
    if (this.state.tailOn) await this.loadTail();
  }
  async loadMessages(cursor) {
    const q = new URLSearchParams({ limit: '25' });
    if (this.state.stateFilter) q.set('state', this.state.stateFilter);
    if (cursor) q.set('cursor', cursor);
    try {
      const page = await api(this.path('/messages?' + q));
      this.setState({ messages: page.items, next: page.nextCursor, listError: null });
    } catch (e) {
      this.setState({ listError: e });
    }
  }
  /** What arrived lately: the newest events routed to this queue. Reads only — nothing is leased. */
  async loadTail() {
    try {
      const page = await api('/v1/events?queue=' + enc(this.props.name) + '&limit=15');
      this.setState({ tail: page.items });
    } catch (e) {
      // the tail is best effort; the queue's own errors show above
    }
  }
  act = async (label, request) => {
    this.setState({ notice: null, actionError: null });
    try {
      const result = await request();
      this.setState({ notice: label(result) });
    } catch (e) {
      this.setState({ actionError: e });
    }
    this.refresh();
  };
  setFilter = value => this.setState({ stateFilter: value, cursors: [] }, () => this.loadMessages(null));
  older = () => this.setState({ cursors: [...this.state.cursors, this.state.next] }, () => this.loadMessages(this.state.next));
  newer = () => {
    const cursors = this.state.cursors.slice(0, -1);
    this.setState({ cursors }, () => this.loadMessages(cursors[cursors.length - 1] || null));
  };
  render({ me, name }, { queue, error, notice, actionError, stateFilter, messages, cursors, next, listError, tail, tailOn }) {
    if (error && !queue) return h('div', null, h('h1', null, 'Queue ' + name), h(ProblemBox, { error }), link('#/', 'Back to the overview'));
    if (!queue) return h('p', null, 'Loading…');
    const s = queue.stats;
    const t = totals(queue.rates);
    return h('div', { class: 'queue' },
      h('div', { class: 'page-head' },
        h('h1', null, 'Queue ', h('span', { class: 'name' }, queue.name)),
        h('span', { id: 'queue-state' }, queue.paused ? h(Badge, { kind: 'warn' }, 'paused') : h(Badge, { kind: 'ok' }, 'active'))),
      h(ProblemBox, { error }),
      h('div', { class: 'stats' },
        stat('Ready', s.ready, 'stat-ready'), stat('Delayed', s.delayed, 'stat-delayed'), stat('Leased', s.leased, 'stat-leased'),
        stat('Dead', s.dead, 'stat-dead'),
        stat('Oldest ready', s.oldestReadyAgeSeconds === null ? '—' : duration(s.oldestReadyAgeSeconds), 'stat-oldest'),
        stat('In / out, last hour', t.in + ' / ' + t.out, 'stat-rates')),
      h(RateChart, { rates: queue.rates, full: true, width: 560, height: 140, label: 'Messages in and out per minute, last hour' }),
      h('p', { class: 'hint' }, 'Lease ', queue.leaseSeconds, ' s, dead after ', queue.maxAttempts, ' attempts, dead messages kept ',
        duration(queue.retentionSeconds), '.'),
      me.canWrite ? h('section', { class: 'actions-panel', 'aria-labelledby': 'actions-h' },
        h('h2', { id: 'actions-h' }, 'Actions'),
        h('div', { class: 'actions' },
          queue.paused
            ? h(ConfirmButton, { label: 'Resume', question: 'Consumers lease again at once.', confirmLabel: 'Resume queue',
              onConfirm: () => this.act(() => 'Resumed: consumers lease again.', () => api(this.path('/resume'), { method: 'POST' })) })
            : h(ConfirmButton, { label: 'Pause', question: 'Consumers get nothing until you resume; ingest goes on.', confirmLabel: 'Pause queue',
              onConfirm: () => this.act(() => 'Paused: nothing is leased until you resume.', () => api(this.path('/pause'), { method: 'POST' })) }),
          h(ConfirmButton, { label: 'Redrive dead', disabled: !s.dead, question: 'All ' + s.dead + ' dead message(s) back to ready, attempts reset?',
            confirmLabel: 'Redrive ' + s.dead,
            onConfirm: () => this.act(r => 'Redriven: ' + r.redriven + ' message(s) ready again.', () => api(this.path('/redrive'), { method: 'POST', body: {} })) }),
          h(ConfirmButton, { label: 'Purge' + (stateFilter ? ' ' + stateFilter : ' all'), danger: true,
            question: 'Delete ' + (stateFilter ? 'the ' + stateFilter : 'all') + ' messages of ' + queue.name + '? Their events stay (replay can bring them back).',
            confirmLabel: 'Purge',
            onConfirm: () => this.act(r => 'Purged: ' + r.purged + ' message(s).', () => api(this.path('/messages' + (stateFilter ? '?state=' + stateFilter : '')), { method: 'DELETE' })) })),
        h(Notice, { text: notice }), h(ProblemBox, { error: actionError }),
        h(ReplayPanel, { queue: queue.name, onChange: () => this.refresh() })) : null,
      h('section', { 'aria-labelledby': 'messages-h' },
        h('h2', { id: 'messages-h' }, 'Messages'),
        h('div', { class: 'tabs', role: 'group', 'aria-label': 'Messages by state' },
          [['', 'all'], ['ready', 'ready'], ['leased', 'leased'], ['dead', 'dead']].map(([value, label]) =>
            h('button', { type: 'button', class: 'tab', 'aria-pressed': stateFilter === value ? 'true' : 'false',
              onClick: () => this.setFilter(value) }, label))),
        h(ProblemBox, { error: listError }),
        messages === null ? null : messages.length === 0
          ? h(Empty, { title: stateFilter ? 'No ' + stateFilter + ' messages.' : 'The queue is empty.' },
            stateFilter ? '' : 'Route an endpoint to it and send a webhook, or replay a time window of stored events below.')
          : h(Table, { class: 'messages', head: ['Message', 'Event', 'State', 'Attempt', 'Visible', 'Enqueued', 'Last error'], nums: [3],
            rows: messages.map(m => h('tr', { 'data-message': m.id },
              h('td', { class: 'mono' }, m.id),
              h('td', null, link('#/events/' + enc(m.eventId), m.eventId, { class: 'mono' })),
              h('td', null, h(Badge, { kind: m.state === 'dead' ? 'bad' : 'ok' }, m.state)),
              h('td', { class: 'num' }, m.attempt),
              h('td', { title: m.visibleAt }, m.state === 'dead' ? '—' : time(m.visibleAt)),
              h('td', { title: m.enqueuedAt }, ago(m.enqueuedAt)),
              h('td', null, m.lastError || ''))) }),
        h('div', { class: 'pager' },
          cursors.length ? h('button', { type: 'button', class: 'secondary', onClick: this.newer }, 'Previous page') : null,
          next ? h('button', { type: 'button', class: 'secondary', onClick: this.older }, 'Next page') : null)),
      h('section', { 'aria-labelledby': 'tail-h' },
        h('div', { class: 'section-head' },
          h('h2', { id: 'tail-h' }, 'Live tail'),
          h('button', { type: 'button', class: 'secondary small', 'aria-pressed': tailOn ? 'true' : 'false',
            onClick: () => this.setState({ tailOn: !tailOn }) }, tailOn ? 'Pause tail' : 'Follow')),
        h('p', { class: 'hint' }, 'The newest events routed to this queue, every 2 s. Reading it leases nothing.'),
        tail.length === 0 ? h(Empty, { title: 'Nothing arrived yet.' }, 'Events routed here show up within seconds.')
          : h('ul', { class: 'tail', 'aria-live': 'polite' }, tail.map(e => h('li', { 'data-event': e.id },
            h('span', { class: 'when' }, time(e.receivedAt)), ' ',
            link('#/events/' + enc(e.id), e.id, { class: 'mono' }), ' ', e.type || '', ' ', h('span', { class: 'muted' }, e.size + ' B'))))));
  }
}

function stat(label, value, id) {
  return h('div', { class: 'stat', id }, h('span', { class: 'label' }, label), h('span', { class: 'value' }, value));
}

/** Replay a time window into the queue, with a progress bar that follows the job to its end. */
class ReplayPanel extends Component {
  state = { from: localInput(new Date(Date.now() - 3600 * 1000)), to: localInput(new Date(Date.now() + 60 * 1000)),
    type: '', job: null, error: null, busy: false };
  componentWillUnmount() { clearTimeout(this.timer); }
  start = async event => {
    event.preventDefault();
    this.setState({ busy: true, error: null, job: null });
    try {
      const body = { from: fromLocalInput(this.state.from), to: fromLocalInput(this.state.to) };
      if (this.state.type) body.type = this.state.type;
      const job = await api('/v1/queues/' + enc(this.props.queue) + '/replays', { method: 'POST', body });
      this.setState({ job, busy: false }, this.follow);
    } catch (e) {
      this.setState({ error: e, busy: false });
    }
  };
  follow = async () => {
    clearTimeout(this.timer);
    const job = this.state.job;
    if (!job || ['done', 'cancelled', 'failed'].includes(job.state)) {
      this.props.onChange();
      return;
    }
    try {
      this.setState({ job: await api('/v1/replays/' + enc(job.id)) });
    } catch (e) {
      this.setState({ error: e });
    }
    this.timer = setTimeout(this.follow, 500);
  };
  cancel = async () => {
    try {
      this.setState({ job: await api('/v1/replays/' + enc(this.state.job.id) + '/cancel', { method: 'POST' }) });
    } catch (e) {
      this.setState({ error: e });
    }
  };
  render(props, { from, to, type, job, error, busy }) {
    const finished = job && ['done', 'cancelled', 'failed'].includes(job.state);
    const handled = job ? job.done + job.skipped : 0;
    const total = job && job.total !== null ? job.total : null;
    const percent = total ? Math.min(100, Math.round(100 * handled / total)) : finished ? 100 : 0;
    return h('form', { class: 'replay', onSubmit: this.start, 'aria-label': 'Replay a time window' },
      h('h3', null, 'Replay a time window'),
      h('div', { class: 'filters' },
        h(Field, { id: 'rp-from', label: 'From' }, h('input', { id: 'rp-from', type: 'datetime-local', required: true, value: from, onInput: e => this.setState({ from: e.target.value }) })),
        h(Field, { id: 'rp-to', label: 'To' }, h('input', { id: 'rp-to', type: 'datetime-local', required: true, value: to, onInput: e => this.setState({ to: e.target.value }) })),
        h(Field, { id: 'rp-type', label: 'Only type (optional)' }, h('input', { id: 'rp-type', value: type, onInput: e => this.setState({ type: e.target.value }) })),
        h('button', { type: 'submit', id: 'start-replay', disabled: busy || (job && !finished) }, 'Replay')),
      job ? h('div', { class: 'replay-job', id: 'replay-job', 'data-state': job.state },
        h('label', { for: 'replay-progress' }, 'Replay ', h('span', { class: 'mono' }, job.id), ': ', h('strong', { id: 'replay-state' }, job.state),
          ' — ', job.done, ' enqueued, ', job.skipped, ' skipped', total !== null ? ' of ' + total : ''),
        h('progress', { id: 'replay-progress', max: 100, value: percent }, percent + '%'),
        job.error ? h('p', { class: 'problem' }, job.error) : null,
        !finished ? h('button', { type: 'button', class: 'secondary', id: 'cancel-replay', onClick: this.cancel }, 'Cancel replay') : null) : null,
      h(ProblemBox, { error }));
  }
}
