// Formatting helpers: times, sizes, bodies (always as text, never as HTML).

export function ago(iso) {
  if (!iso) return '—';
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  return duration(Math.max(0, seconds)) + ' ago';
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
}

export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function bytes(n) {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
  return (n / 1024 / 1024).toFixed(1) + ' MiB';
}

export function fromBase64(b64) {
  const bin = atob(b64 || '');
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The bytes as UTF-8 text (invalid sequences shown as U+FFFD). */
export function text(bytesArray) {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytesArray);
}

/**
 * JSON re-indented, or null when it is not JSON. Only whitespace changes: numbers and strings keep
 * their text as sent (`1.50` stays `1.50`, `\u00e9` stays escaped), unlike JSON.parse + stringify.
 */
export function prettyJson(source) {
  try {
    JSON.parse(source);
  } catch (e) {
    return null;
  }
  let out = '';
  let depth = 0;
  let inString = false;
  const newline = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      out += c;
      if (c === '\\') out += source[++i];
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (c === '"') { inString = true; out += c; continue; }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let j = i + 1;
      while (j < source.length && /\s/.test(source[j])) j++;
      if (source[j] === close) { out += c + close; i = j; continue; }
      depth++;
      out += c + newline();
      continue;
    }
    if (c === '}' || c === ']') { depth--; out += newline() + c; continue; }
    if (c === ',') { out += ',' + newline(); continue; }
    if (c === ':') { out += ': '; continue; }
    out += c;
  }
  return out;
}

/** `<input type=datetime-local>` value (local time) from a Date, and back to RFC 3339. */
export function localInput(date) {
  const pad = n => String(n).padStart(2, '0');
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T'
    + pad(date.getHours()) + ':' + pad(date.getMinutes());
}

export function fromLocalInput(value) {
  return value ? new Date(value).toISOString() : null;
}
