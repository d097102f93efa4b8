// In/out per minute of the last hour, drawn by uPlot (canvas; no inline styles needed).
import uPlot from '/console/vendor/uPlot.esm.js';
import { h, Component } from '/console/ui.js';

/** Minutes of the window (oldest first) with in/out, zeros where the API listed none. */
export function series(rates) {
  const minutes = (rates && rates.windowMinutes) || 60;
  const now = Math.floor(Date.now() / 60000) * 60;
  const byMinute = new Map(((rates && rates.perMinute) || []).map(m => [Math.floor(Date.parse(m.minute) / 1000), m]));
  const xs = [], ins = [], outs = [];
  for (let i = minutes - 1; i >= 0; i--) {
    const t = now - i * 60;
    const m = byMinute.get(t);
    xs.push(t);
    ins.push(m ? m.in : 0);
    outs.push(m ? m.out : 0);
  }
  return [xs, ins, outs];
}

export function totals(rates) {
  const list = (rates && rates.perMinute) || [];
  return { in: list.reduce((a, m) => a + m.in, 0), out: list.reduce((a, m) => a + m.out, 0) };
}

export class RateChart extends Component {
  componentDidMount() {
    const { width = 160, height = 36, full = false } = this.props;
    const opts = {
      width, height,
      legend: { show: full, live: false },
      cursor: { show: full },
      scales: { x: { time: true } },
      axes: full ? [{}, { size: 40 }] : [{ show: false }, { show: false }],
      series: [{}, { label: 'in', stroke: '#1d4ed8', width: 1.5 }, { label: 'out', stroke: '#15803d', width: 1.5 }],
      padding: full ? [8, 24, 0, 0] : [2, 2, 2, 2],
    };
    this.plot = new uPlot(opts, series(this.props.rates), this.base);
  }
  componentDidUpdate() {
    if (this.plot) this.plot.setData(series(this.props.rates));
  }
  componentWillUnmount() {
    if (this.plot) this.plot.destroy();
  }
  shouldComponentUpdate(next) {
    if (this.plot) this.plot.setData(series(next.rates));
    return false;
  }
  render({ label }) {
    return h('div', { class: 'chart', role: 'img', 'aria-label': label });
  }
}
