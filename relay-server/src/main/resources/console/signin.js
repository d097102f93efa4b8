import { h, Component, ProblemBox } from '/console/ui.js';
import { api, session } from '/console/api.js';

/** Sign-in with a tenant token; it stays in this tab's sessionStorage only (no cookie, no URL). */
export class SignIn extends Component {
  state = { token: '', error: null, busy: false };
  componentDidMount() {
    const field = this.base && this.base.querySelector('#token');
    if (field) field.focus();
  }
  submit = async event => {
    event.preventDefault();
    const token = this.state.token.trim();
    if (!token) {
      this.setState({ error: { title: 'Paste a token', detail: 'The relay printed the default tenant\'s admin token when it first started.' } });
      return;
    }
    this.setState({ busy: true, error: null });
    try {
      const me = await api('/v1/me', { token });
      if (me.kind !== 'tenant') {
        throw { title: 'That is the operator token', detail: 'The operator token manages tenants only. Sign in with a tenant token: POST /v1/tenants/{id}/tokens mints an admin token for a tenant.' };
      }
      if (!me.scopes.includes('admin') && !me.scopes.includes('inspect')) {
        throw { title: 'This token cannot read the tenant', detail: 'It has ' + me.scopes.join(', ') + '; the console needs a token with the admin or the inspect scope.' };
      }
      session.signIn(token, me);
      this.props.onSignedIn(me);
    } catch (e) {
      const expired = e.status === 401;
      this.setState({ busy: false, error: expired
        ? { title: e.title, detail: (e.detail || '') + ' The token is wrong, expired or revoked: mint a new one (POST /v1/tokens) and paste it here.' }
        : e });
    }
  };
  render({ reason }, { token, error, busy }) {
    return h('main', { id: 'main', class: 'signin' },
      h('h1', null, 'Inlet console'),
      h('p', null, 'Sign in with a tenant token: ', h('code', null, 'admin'), ' to look and act, ', h('code', null, 'inspect'), ' to look only.'),
      reason ? h('div', { class: 'problem', role: 'alert' }, h('strong', null, 'You were signed out'), h('p', null, reason)) : null,
      h('form', { onSubmit: this.submit, 'aria-label': 'Sign in' },
        h('div', { class: 'field' },
          h('label', { for: 'token' }, 'Token'),
          h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: false,
            value: token, onInput: e => this.setState({ token: e.target.value }), 'aria-describedby': 'token-hint' }),
          h('p', { class: 'hint', id: 'token-hint' }, 'Kept in this browser tab only (sessionStorage), sent as a bearer header; closing the tab forgets it.')),
        h('button', { type: 'submit', id: 'sign-in', disabled: busy }, busy ? 'Signing in…' : 'Sign in')),
      h(ProblemBox, { error }));
  }
}
