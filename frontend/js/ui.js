// Small DOM helpers shared by the pages. Text is always set as text, never as HTML.

/** Create an element with properties and children (strings become text nodes). */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value !== '' && value !== undefined) {
      element[key] = value;
    }
  }
  for (const child of children) {
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

const BADGE_TEXT = {
  connecting: 'connecting…',
  connected: 'live',
  reconnecting: 'reconnecting…',
  offline: 'offline',
};

/**
 * Show the connection state in the header badge; with reconnectNow, a "reconnect now"
 * button beside it while the connection is being re-established.
 */
export function showBadge(state, reconnectNow) {
  const badge = document.getElementById('connection-badge');
  if (!badge) {
    return;
  }
  badge.hidden = false;
  badge.dataset.state = state;
  badge.textContent = BADGE_TEXT[state] || state;
  const button = document.getElementById('reconnect-now');
  if (button) {
    button.hidden = !(reconnectNow && (state === 'reconnecting' || state === 'connecting'));
    button.onclick = reconnectNow || null;
  }
}

/** Show a short notice in the corner. */
export function toast(text, kind = 'info') {
  const container = document.getElementById('toasts');
  const item = el('div', { className: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
  container.append(item);
  setTimeout(() => item.remove(), 5000);
}

/** Format a timestamp (ms since the epoch) as a local time of day. */
export function timeOf(ts) {
  return new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** The local day of a timestamp, as a person says it: Today, Yesterday, or the date. */
export function dayOf(ts) {
  const date = new Date(ts);
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (date.toDateString() === today.toDateString()) {
    return 'Today';
  }
  if (date.toDateString() === yesterday.toDateString()) {
    return 'Yesterday';
  }
  const sameYear = date.getFullYear() === today.getFullYear();
  return date.toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) });
}
