export { renderChart, renderChartSvg } from './render-chart.js';
export { CHART_FILE_NAME, chartAltText } from './chart-file.js';
export { countryColor } from './country-colors.js';
