// The charts of a dashboard page, drawn with uPlot. One chart per entry of the snapshot's
// charts; a chart shows every value whose key starts with its key and a dot, and grows a
// new line when a new such key appears (for example a room that became busy).
import uPlot from 'uplot';

const COLORS = ['#4f46e5', '#059669', '#d97706', '#dc2626', '#0891b2', '#7c3aed', '#65a30d', '#db2777'];
const HEIGHT = 190;

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
    this.plotElement = document.createElement('div');
    this.element.append(title, this.plotElement);
    container.append(this.element);
    this.plot = null;
    this.clear();
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
      legend: { live: false },
      axes: [{}, { size: 56 }],
      series: [
        {},
        ...this.keys.map((key, i) => ({
          label: key.slice(this.prefix.length),
          stroke: COLORS[i % COLORS.length],
          width: 2,
        })),
      ],
    };
    this.plot = new uPlot(options, this.data(), this.plotElement);
  }

  resize() {
    this.plot?.setSize({ width: this.width(), height: HEIGHT });
  }

  width() {
    return Math.max(240, this.element.clientWidth - 24);
  }
}
