// A dashboard page: a thin facade over dashboard-client.js (data) and dashboard-charts.js
// (drawing). The transport switch closes the feed and opens it again over STOMP or SSE; the
// page shows the same either way. Values are set with textContent only.
//
// While the feed is not connected the page says its values are stale (each chart, and
// data-stale on #dashboard, which dims the readings); the next snapshot makes it fresh.
//
// For tests and curious eyes, #dashboard carries data-transport, data-ticks (live ticks
// shown since the transport was chosen), data-points (points per chart), data-last-id and
// data-stale.
import { openDashboard } from './dashboard-client.js';
import { DashboardCharts } from './dashboard-charts.js';
import { showBadge, toast } from './ui.js';

const root = document.getElementById('dashboard');
const session = document.getElementById('session').dataset;
const status = document.getElementById('dashboard-status');
const readings = [...document.querySelectorAll('[data-series]')];
const switches = [...document.querySelectorAll('input[name="transport"]')];
const charts = new DashboardCharts(document.getElementById('charts'));

let feed = null;
let ticks = 0;

function start(transport) {
  feed?.close();
  ticks = 0;
  root.dataset.transport = transport;
  feed = openDashboard(root.dataset.name, {
    transport,
    headers: { [session.csrfHeader]: session.csrfToken },
    onSnapshot: (snapshot) => {
      charts.load(snapshot);
      delete root.dataset.stale;
      showReadings(snapshot.ticks[snapshot.ticks.length - 1]);
      update();
    },
    onTick: (tick) => {
      if (charts.add(tick)) {
        ticks += 1;
        showReadings(tick);
        update();
      }
    },
    onState: (state) => {
      showBadge(state);
      if (state !== 'connected') {
        charts.setStale(true);
        root.dataset.stale = '';
      }
      status.textContent = `${transport === 'sse' ? 'Server-Sent Events' : 'STOMP'}: ${state}`;
    },
    onError: (error) => toast(error.message || error.code, 'error'),
  });
}

function update() {
  root.dataset.ticks = String(ticks);
  root.dataset.points = String(charts.points);
  root.dataset.lastId = String(charts.lastId);
}

function showReadings(tick) {
  if (!tick) {
    return;
  }
  for (const element of readings) {
    const value = tick.values[element.dataset.series];
    if (value !== undefined) {
      element.textContent = value.toLocaleString(undefined, { maximumFractionDigits: 1 });
    }
  }
}

for (const input of switches) {
  input.addEventListener('change', () => input.checked && start(input.value));
}
const requested = new URLSearchParams(location.search).get('transport');
const initial = switches.find((input) => input.value === requested) || switches.find((input) => input.checked);
initial.checked = true;
start(initial.value);
