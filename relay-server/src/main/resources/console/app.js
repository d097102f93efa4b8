// The console's shell: sign-in, the header, and a hash router (#/queues/orders …).
import { h, Component, render } from '/console/vendor/preact.module.js';
import { session } from '/console/api.js';
import { SignIn } from '/console/signin.js';
import { Overview } from '/console/overview.js';
import { EndpointPage, EndpointForm } from '/console/endpoint.js';
import { EventPage } from '/console/event.js';
import { QueuePage } from '/console/queue.js';
import { TokensPage } from '/console/tokens.js';
import { duration } from '/console/format.js';

function route(hash) {
  const parts = (hash || '').replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return parts;
}

function page(parts, me) {
  const [kind, id, sub] = parts;
  if (kind === 'endpoints' && id === 'new') return h(EndpointForm, { me });
  if (kind === 'endpoints' && id && sub === 'edit') return h(EndpointForm, { me, id, key: 'edit-' + id });
  if (kind === 'endpoints' && id) return h(EndpointPage, { me, id, key: id });
  if (kind === 'events' && id) return h(EventPage, { me, id, key: id });
  if (kind === 'queues' && id) return h(QueuePage, { me, name: id, key: id });
  if (kind === 'tokens') return h(TokensPage, { me });
  return h(Overview, { me });
}

class App extends Component {
  state = { me: session.me(), parts: route(location.hash), reason: null };
  componentDidMount() {
    window.addEventListener('hashchange', () => {
      this.setState({ parts: route(location.hash) });
      const main = document.getElementById('main');
      if (main) main.focus();
    });
    session.onSignedOut(error => this.setState({ me: null,
      reason: error.title + (error.detail ? ': ' + error.detail : '') + ' — the token expired or was revoked; sign in with a valid one.' }));
  }
  signOut = () => {
    session.signOut();
    this.setState({ me: null, reason: null });
  };
  render(props, { me, parts, reason }) {
    if (!me) return h(SignIn, { reason, onSignedIn: signedIn => this.setState({ me: signedIn, reason: null }) });
    const here = parts[0] || '';
    const nav = (href, label, active) => h('a', { href, 'aria-current': active ? 'page' : undefined }, label);
    return h('div', { class: 'shell' },
      h('header', { class: 'top' },
        h('a', { class: 'brand', href: '#/' }, 'Inlet'),
        h('nav', { 'aria-label': 'Main' },
          nav('#/', 'Overview', here === '' || here === 'overview'),
          me.canWrite ? nav('#/tokens', 'Tokens', here === 'tokens') : null),
        h('div', { class: 'who' },
          h('span', { class: 'tenant', title: me.tenantId }, me.tenantName || me.tenantId),
          h('span', { class: 'badge ' + (me.canWrite ? 'badge-ok' : 'badge-warn'), id: 'scope-badge' },
            me.canWrite ? 'admin' : 'read-only'),
          h('span', { class: 'expiry', title: me.expiresAt }, 'token expires in '
            + duration(Math.max(0, (Date.parse(me.expiresAt) - Date.now()) / 1000))),
          h('button', { type: 'button', class: 'secondary small', id: 'sign-out', onClick: this.signOut }, 'Sign out'))),
      h('main', { id: 'main', tabindex: '-1' }, page(parts, me)));
  }
}

const root = document.getElementById('app');
root.textContent = '';
render(h(App), root);
