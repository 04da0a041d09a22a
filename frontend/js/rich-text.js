// A message's text as DOM nodes: web addresses become links (opened in a new tab, without
// handing it this page: rel="noopener noreferrer"), mentions of the signed-in user
// (@name, any letter case) are marked. Everything else stays plain text: nothing from the
// text is ever parsed as HTML.
import { el } from './ui.js';

const TOKENS = /(https?:\/\/[^\s<>"']+)|(@[A-Za-z0-9_.-]{3,32})/g;
const TRAILING = /[.,;:!?)\]}'"]+$/; // punctuation after an address is not part of it

/** Whether the text mentions the user as @name. */
export function mentions(text, me) {
  const wanted = `@${me}`.toLowerCase();
  return [...(text || '').matchAll(TOKENS)].some((match) => match[2] && match[2].toLowerCase() === wanted);
}

/** Replace the element's content with the text, its links and mentions of me. */
export function renderText(element, text, me) {
  const nodes = [];
  let last = 0;
  for (const match of (text || '').matchAll(TOKENS)) {
    let token = match[0];
    if (match[1]) {
      token = token.replace(TRAILING, '');
    }
    nodes.push(text.slice(last, match.index));
    last = match.index + token.length;
    nodes.push(match[1] ? link(token) : mention(token, me));
  }
  nodes.push((text || '').slice(last));
  element.replaceChildren(...nodes.filter((node) => node !== ''));
}

function link(address) {
  let url;
  try {
    url = new URL(address);
  } catch {
    return address;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return address;
  }
  return el('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer', className: 'inline' }, address);
}

function mention(token, me) {
  return token.toLowerCase() === `@${me}`.toLowerCase() ? el('mark', { className: 'mention' }, token) : token;
}
