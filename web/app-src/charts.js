// Chart.js, registered with only the parts the dashboard draws, plus the annotation plugin for campaign
// windows. Animation is off: figures appear at once and screenshots are stable.
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement,
  LogarithmicScale, PointElement, Tooltip
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement,
  LogarithmicScale, PointElement, Tooltip, annotationPlugin);
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = 'system-ui, sans-serif';
// Counts are whole numbers: no 0.5 ticks on a small axis.
Chart.defaults.scales.linear.ticks.precision = 0;

// Colours that stay apart for the common colour-vision deficiencies (Okabe–Ito).
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

const drawn = new Set();

export function draw(canvas, configuration) {
  const chart = new Chart(canvas, configuration);
  drawn.add(chart);
  canvas.addEventListener('destroy', () => {
    chart.destroy();
    drawn.delete(chart);
  }, { once: true });
  canvas.dataset.drawn = 'true';
  canvas.dataset.points = String(configuration.data.datasets.reduce(
    (sum, dataset) => sum + dataset.data.filter((v) => v !== null && v !== undefined).length, 0));
  return chart;
}

export function destroyAll() {
  drawn.forEach((chart) => chart.destroy());
  drawn.clear();
}
