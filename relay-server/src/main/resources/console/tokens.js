import { h, Component, ProblemBox, Empty, Badge, Table, Field, CopyButton, ConfirmButton } from '/console/ui.js';
import { api, all, enc, session } from '/console/api.js';
import { time } from '/console/format.js';

const TTLS = [['3600', '1 hour'], ['86400', '1 day'], ['604800', '7 days'], ['2592000', '30 days'], ['31536000', '1 year']];

/** Mint scoped tokens (the text is shown once), list them, revoke them. */
export class TokensPage extends Component {
  state = { tokens: null, queues: [], scope: 'inspect', queue: '', ttl: '86400', minted: null, error: null, listError: null, busy: false };
  componentDidMount() { this.load(); }
  async load() {
    try {
      const [tokens, queues] = await Promise.all([all('/v1/tokens', 500), all('/v1/queues')]);
      this.setState({ tokens, queues: queues.map(q => q.name), listError: null, queue: this.state.queue || (queues[0] ? queues[0].name : '') });
    } catch (e) {
      this.setState({ listError: e });
    }
  }
  mint = async event => {
    event.preventDefault();
    const { scope, queue, ttl } = this.state;
    const scopes = [scope === 'consume' ? 'consume:' + queue : scope];
    this.setState({ busy: true, error: null, minted: null });
    try {
      const minted = await api('/v1/tokens', { method: 'POST', body: { scopes, ttlSeconds: Number(ttl) } });
      this.setState({ minted, busy: false });
      this.load();
    } catch (e) {
      this.setState({ error: e, busy: false });
    }
  };
  revoke = async token => {
    try {
      await api('/v1/tokens/' + enc(token.id), { method: 'DELETE' });
      if (token.id === session.me().tokenId) {
        session.signOut();
        location.reload();
        return;
      }
      this.load();
    } catch (e) {
      this.setState({ listError: e });
    }
  };
  render({ me }, { tokens, queues, scope, queue, ttl, minted, error, listError, busy }) {
    if (!me.canWrite) return h('p', null, 'Tokens are managed with an admin token.');
    return h('div', { class: 'tokens' },
      h('h1', null, 'Tokens'),
      h('form', { class: 'mint', onSubmit: this.mint, 'aria-label': 'Mint a token' },
        h('h2', null, 'Mint a token'),
        h('div', { class: 'filters' },
          h(Field, { id: 'tk-scope', label: 'Scope' },
            h('select', { id: 'tk-scope', value: scope, onChange: e => this.setState({ scope: e.target.value }) },
              h('option', { value: 'inspect' }, 'inspect — look, never act'),
              h('option', { value: 'consume' }, 'consume — one queue\'s consumer'),
              h('option', { value: 'admin' }, 'admin — everything in this tenant'))),
          scope === 'consume' ? h(Field, { id: 'tk-queue', label: 'Queue' },
            h('select', { id: 'tk-queue', value: queue, onChange: e => this.setState({ queue: e.target.value }) },
              queues.map(q => h('option', { value: q }, q)))) : null,
          h(Field, { id: 'tk-ttl', label: 'Expires after' },
            h('select', { id: 'tk-ttl', value: ttl, onChange: e => this.setState({ ttl: e.target.value }) },
              TTLS.map(([v, l]) => h('option', { value: v }, l)))),
          h('button', { type: 'submit', id: 'mint-token', disabled: busy || (scope === 'consume' && !queue) }, 'Mint'))),
      minted ? h('div', { class: 'minted', role: 'status' },
        h('p', null, h('strong', null, 'Token ' + minted.id + ' (' + minted.scopes.join(', ') + ')'),
          ' — copy it now: it is shown only once.'),
        h('div', { class: 'command' }, h('pre', null, h('code', { id: 'minted-token' }, minted.token)), h(CopyButton, { value: minted.token, label: 'Copy token' })),
        h('button', { type: 'button', class: 'secondary small', onClick: () => this.setState({ minted: null }) }, 'Done, hide it')) : null,
      h(ProblemBox, { error }),
      h('h2', null, 'Tokens of this tenant'),
      h(ProblemBox, { error: listError }),
      tokens === null ? null : tokens.length === 0 ? h(Empty, { title: 'No tokens.' }, 'Mint one above.')
        : h(Table, { class: 'token-list', head: ['Token', 'Scopes', 'Created', 'Expires', 'State', ''],
          rows: tokens.map(t => {
            const expired = Date.parse(t.expiresAt) <= Date.now();
            return h('tr', { 'data-token': t.id },
              h('td', { class: 'mono' }, t.id, t.id === me.tokenId ? ' (this one)' : ''),
              h('td', null, t.scopes.join(', ')),
              h('td', null, time(t.createdAt)),
              h('td', null, time(t.expiresAt)),
              h('td', { class: 'token-state' }, t.revokedAt ? h(Badge, { kind: 'bad' }, 'revoked') : expired ? h(Badge, { kind: 'muted' }, 'expired') : h(Badge, { kind: 'ok' }, 'active')),
              h('td', null, t.revokedAt || expired ? null : h(ConfirmButton, { label: 'Revoke', danger: true,
                question: t.id === me.tokenId ? 'This is the token you are signed in with: you will be signed out.' : 'Refused from now on, on every node.',
                confirmLabel: 'Revoke ' + t.id, onConfirm: () => this.revoke(t) })));
          }) }));
  }
}
