// Shared pieces of the console's pages (Preact's h() directly: no build step).
import { h, Component } from '/console/vendor/preact.module.js';

export { h, Component };

/** An API problem as its title and detail, in a live region so screen readers hear it. */
export function ProblemBox({ error }) {
  if (!error) return null;
  const errors = error.errors || [];
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', null, error.title || String(error)),
    error.detail ? h('p', null, error.detail) : null,
    errors.length ? h('ul', null, errors.map(e => h('li', null, (e.pointer || '') + ' ' + (e.detail || '')))) : null);
}

export function Notice({ text: message }) {
  return message ? h('p', { class: 'notice', role: 'status' }, message) : null;
}

/** What a list shows when it is empty: what to do next, and the command for it. */
export function Empty({ title, children, command }) {
  return h('div', { class: 'empty' },
    h('p', null, h('strong', null, title)),
    children ? h('p', null, children) : null,
    command ? h('div', { class: 'command' }, h('pre', null, h('code', null, command)), h(CopyButton, { value: command, label: 'Copy command' })) : null);
}

export function Badge({ kind, children }) {
  return h('span', { class: 'badge badge-' + kind }, children);
}

export class CopyButton extends Component {
  copy = async () => {
    try {
      await navigator.clipboard.writeText(this.props.value);
      this.setState({ done: 'Copied' });
    } catch (e) {
      this.setState({ done: 'Select and copy by hand' });
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.setState({ done: null }), 2000);
  };
  componentWillUnmount() { clearTimeout(this.timer); }
  render({ label = 'Copy' }, { done }) {
    return h('button', { type: 'button', class: 'secondary small', onClick: this.copy, 'aria-live': 'polite' }, done || label);
  }
}

/**
 * A button that asks first: the first click shows what will happen and a confirm button, nothing
 * is sent until that one is pressed.
 */
export class ConfirmButton extends Component {
  state = { asking: false, busy: false };
  confirm = async () => {
    this.setState({ busy: true });
    try {
      await this.props.onConfirm();
    } finally {
      this.setState({ asking: false, busy: false });
    }
  };
  render({ label, question, confirmLabel, danger, disabled }, { asking, busy }) {
    if (!asking) {
      return h('button', { type: 'button', class: danger ? 'danger' : '', disabled,
        onClick: () => this.setState({ asking: true }, () => this.base && this.base.querySelector('.confirm-yes')?.focus()) }, label);
    }
    return h('span', { class: 'confirm', role: 'group', 'aria-label': label },
      h('span', { class: 'question' }, question),
      h('button', { type: 'button', class: 'confirm-yes ' + (danger ? 'danger' : ''), disabled: busy, onClick: this.confirm }, confirmLabel || label),
      h('button', { type: 'button', class: 'secondary', disabled: busy, onClick: () => this.setState({ asking: false }) }, 'Cancel'));
  }
}

/** `nums`: the indexes of the numeric columns (right-aligned, head and cells alike). */
export function Table({ caption, head, rows, class: cls, nums = [] }) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: cls },
      caption ? h('caption', null, caption) : null,
      h('thead', null, h('tr', null, head.map((cell, i) => h('th', { scope: 'col', class: nums.includes(i) ? 'num' : undefined }, cell)))),
      h('tbody', null, rows)));
}

/** A labelled form control: `control` is the input element, given the id. */
export function Field({ id, label, hint, children }) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    children,
    hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null);
}

export function link(href, text, props = {}) {
  return h('a', { href, ...props }, text);
}

/** A component that reloads every `interval` ms while mounted (pauses while the tab is hidden). */
export class Poller extends Component {
  componentDidMount() {
    this.alive = true;
    this.tick();
  }
  componentWillUnmount() {
    this.alive = false;
    clearTimeout(this.timer);
  }
  async tick() {
    if (!this.alive) return;
    // A refresh() while a load is under way starts a new round; the older one then schedules nothing.
    const round = this.round = (this.round || 0) + 1;
    if (!document.hidden) {
      try {
        await this.load();
      } catch (e) {
        // load() reports its own errors in state
      }
    }
    if (this.alive && round === this.round) this.timer = setTimeout(() => this.tick(), this.interval || 5000);
  }
  /** Loads now (after an action), keeping the schedule. */
  refresh() {
    clearTimeout(this.timer);
    this.tick();
  }
}
