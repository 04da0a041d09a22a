// The dashboard client: one dashboard's snapshot and ticks, over STOMP (through realtime.js)
// or over Server-Sent Events (EventSource), with the same callbacks either way:
//
//   const feed = openDashboard('sensors', {
//     transport: 'stomp',              // or 'sse'
//     headers: { 'X-CSRF-TOKEN': … },  // CONNECT headers (STOMP only)
//     onSnapshot: (snapshot) => …,     // { name, title, charts, historySize, ticks: [tick…] }
//     onTick: (tick) => …,             // { name, id, ts, values: { 'chart.series': number } }
//     onState: (state) => …,           // connecting | connected | reconnecting | offline
//     onError: (error) => …,           // { code, message }
//   });
//   feed.close();
//
// A snapshot comes first and again after every reconnect; it holds the recent ticks, so it
// replaces what the caller shows. Ticks may repeat ids the snapshot already holds, or skip
// ids when the client was slow (the server keeps only the newest tick for a slow reader):
// ignore a tick whose id is not above the last one shown. Each tick is complete in itself.
//
// STOMP: SUBSCRIBE /topic/dashboard.{name} first, then ask /app/dashboard/{name} for the
// snapshot, so no tick falls between. SSE: GET /api/dashboard/{name}/stream; the browser
// reconnects by itself with Last-Event-ID and gets the snapshot again. A refused stream
// (403, 503) is tried again after a while.
import { connect } from './realtime.js';

const SSE_RETRY = 5000;

/** Open a dashboard feed over the given transport; returns { transport, close() }. */
export function openDashboard(name, options) {
  return options.transport === 'sse' ? openStream(name, options) : openStomp(name, options);
}

function openStomp(name, { headers, onSnapshot, onTick, onState, onError }) {
  let closed = false;
  const rt = connect({ headers });
  rt.on('state', (state) => !closed && onState(state));
  rt.on('error', (error) => !closed && onError(error));
  rt.subscribe(`/topic/dashboard.${name}`, (tick) => !closed && onTick(tick));
  rt.on('connect', () => {
    rt.request(`/app/dashboard/${name}`)
      .then((snapshot) => !closed && onSnapshot(snapshot))
      .catch((error) => !closed && onError(error));
  });
  return {
    transport: 'stomp',
    close() {
      closed = true;
      rt.disconnect();
    },
  };
}

function openStream(name, { onSnapshot, onTick, onState, onError }) {
  let closed = false;
  let source = null;
  let timer = null;
  const open = () => {
    onState('connecting');
    source = new EventSource(`/api/dashboard/${encodeURIComponent(name)}/stream`);
    source.onopen = () => !closed && onState('connected');
    source.addEventListener('snapshot', (event) => !closed && onSnapshot(JSON.parse(event.data)));
    source.addEventListener('tick', (event) => !closed && onTick(JSON.parse(event.data)));
    source.onerror = () => {
      if (closed) {
        return;
      }
      onState('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        onError({ code: 'unavailable', message: 'The event stream was refused; trying again shortly' });
        timer = setTimeout(open, SSE_RETRY);
      }
    };
  };
  open();
  return {
    transport: 'sse',
    close() {
      closed = true;
      clearTimeout(timer);
      source.close();
    },
  };
}
