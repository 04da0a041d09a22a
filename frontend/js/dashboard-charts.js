// The charts of a dashboard page, drawn with uPlot. One chart per entry of the snapshot's
// charts; a chart shows every value whose key starts with its key and a dot, and grows a
// new line when a new such key appears (for example a room that became busy).
//
// The legend names each line as the chart's definition does (its series names, else the
// key after the chart's key) and shows the values under the cursor, or the newest ones
// when the cursor is elsewhere. While the feed is not connected every chart says it is
// stale, until the next snapshot. The time axis spaces its labels by the plot's width.
import uPlot from 'uplot';

const COLORS = ['#4f46e5', '#059669', '#d97706', '#dc2626', '#0891b2', '#7c3aed', '#65a30d', '#db2777'];
const HEIGHT = 190;
const NARROW = 480;

/** All charts of one dashboard. */
export class DashboardCharts {
  constructor(container) {
    this.container = container;
    this.charts = [];
    this.historySize = 120;
    this.lastId = 0;
    addEventListener('resize', () => this.charts.forEach((chart) => chart.resize()));
  }

  /** Show a snapshot, replacing everything shown so far. */
  load(snapshot) {
    this.historySize = snapshot.historySize;
    if (this.charts.length === 0) {
      this.charts = snapshot.charts.map((spec) => new Chart(spec, this.container));
    }
    this.charts.forEach((chart) => chart.clear());
    this.setStale(false);
    this.lastId = 0;
    snapshot.ticks.forEach((tick) => this.append(tick));
    this.charts.forEach((chart) => chart.render());
  }

  /** Add a tick; false (and nothing changes) if it is not newer than the last one shown. */
  add(tick) {
    if (this.charts.length === 0 || tick.id <= this.lastId) {
      return false;
    }
    this.append(tick);
    this.charts.forEach((chart) => chart.render());
    return true;
  }

  /** Whether the charts show old data: set while the feed is not connected. */
  setStale(stale) {
    this.charts.forEach((chart) => chart.setStale(stale));
  }

  /** How many points each chart holds. */
  get points() {
    return this.charts.length ? this.charts[0].xs.length : 0;
  }

  append(tick) {
    this.lastId = tick.id;
    this.charts.forEach((chart) => chart.push(tick.ts / 1000, tick.values, this.historySize));
  }
}

class Chart {
  constructor(spec, container) {
    this.prefix = `${spec.key}.`;
    this.names = spec.series || {};
    this.unit = spec.unit ? ` ${spec.unit}` : '';
    this.element = document.createElement('figure');
    this.element.className = 'chart';
    this.element.dataset.chart = spec.key;
    const title = document.createElement('h2');
    title.textContent = spec.title;
    if (spec.unit) {
      const unit = document.createElement('span');
      unit.className = 'unit';
      unit.textContent = ` (${spec.unit})`;
      title.append(unit);
    }
    this.staleMarker = document.createElement('span');
    this.staleMarker.className = 'stale';
    this.staleMarker.textContent = 'stale';
    this.staleMarker.title = 'Not connected: these values may be out of date';
    this.staleMarker.hidden = true;
    title.append(' ', this.staleMarker);
    this.plotElement = document.createElement('div');
    this.element.append(title, this.plotElement);
    container.append(this.element);
    this.plot = null;
    this.clear();
  }

  setStale(stale) {
    this.staleMarker.hidden = !stale;
    this.element.toggleAttribute('data-stale', stale);
  }

  clear() {
    this.keys = [];
    this.xs = [];
    this.columns = new Map();
    this.changed = true;
  }

  push(x, values, limit) {
    for (const key of Object.keys(values)) {
      if (key.startsWith(this.prefix) && !this.columns.has(key)) {
        this.keys.push(key);
        this.columns.set(key, new Array(this.xs.length).fill(null));
        this.changed = true;
      }
    }
    this.xs.push(x);
    for (const key of this.keys) {
      this.columns.get(key).push(values[key] ?? null);
    }
    while (this.xs.length > limit) {
      this.xs.shift();
      this.columns.forEach((column) => column.shift());
    }
  }

  data() {
    return [this.xs, ...this.keys.map((key) => this.columns.get(key))];
  }

  render() {
    if (this.changed || !this.plot) {
      this.rebuild();
    } else {
      this.plot.setData(this.data());
    }
    this.element.dataset.points = String(this.xs.length);
    this.element.dataset.series = String(this.keys.length);
  }

  rebuild() {
    this.changed = false;
    this.plot?.destroy();
    const options = {
      width: this.width(),
      height: HEIGHT,
      scales: { x: { time: true } },
      legend: { live: true },
      cursor: { sync: { key: 'dashboard' } }, // one time under the cursor for every chart
      axes: [{ space: (u, axis, min, max, size) => (size < NARROW ? 90 : 70), values: timeLabels }, { size: 56 }],
      series: [
        { label: 'Time', value: (u, ts) => (ts == null ? 'latest' : timeOf(ts, true)) },
        ...this.keys.map((key, i) => ({
          label: this.label(key),
          stroke: COLORS[i % COLORS.length],
          width: 2,
          value: (u, value, series, idx) => this.format(idx == null ? newest(u.data[series]) : value),
        })),
      ],
    };
    this.plot = new uPlot(options, this.data(), this.plotElement);
    this.element.uplot = this.plot; // for tests and curious eyes
  }

  label(key) {
    const name = key.slice(this.prefix.length);
    return this.names[name] || name;
  }

  format(value) {
    return value == null ? '–' : `${value.toLocaleString(undefined, { maximumFractionDigits: 1 })}${this.unit}`;
  }

  resize() {
    this.plot?.setSize({ width: this.width(), height: HEIGHT });
  }

  width() {
    return Math.max(200, this.plotElement.clientWidth);
  }
}

/** The time axis' labels: hours and minutes, with seconds when ticks are less than a minute apart. */
function timeLabels(u, splits, axis, space, incr) {
  return splits.map((ts) => timeOf(ts, incr < 60));
}

function timeOf(seconds, withSeconds) {
  return new Date(seconds * 1000).toLocaleTimeString([], {
    hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined, hourCycle: 'h23',
  });
}

function newest(column) {
  for (let i = column.length - 1; i >= 0; i--) {
    if (column[i] != null) {
      return column[i];
    }
  }
  return null;
}
