import type { ChartSpec } from '../../commands/types.js';
import { createChartRenderer, type ChartRenderer } from './chart-process.js';

export { renderChartSvg } from './render-chart.js';
export { CHART_FILE_NAME, chartAltText } from './chart-file.js';
export { countryColor } from './country-colors.js';
export { createChartRenderer, type ChartRenderer } from './chart-process.js';

let shared: ChartRenderer | undefined;

/**
 * The chart as a PNG, the same bytes on every machine, drawn in the chart process (started on the
 * first chart, ended when idle). Rejects a spec without points, or when the chart process fails.
 */
export function renderChart(spec: ChartSpec): Promise<Buffer> {
  shared ??= createChartRenderer();
  return shared.render(spec);
}
