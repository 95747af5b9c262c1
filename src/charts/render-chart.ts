import type * as EChartsCore from 'echarts/core';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ChartSpec } from '../../commands/types.js';
import { CHART_SIZE, chartOption } from './chart-option.js';
import { FONT_FAMILY, fontFile } from './font-file.js';
import { textWidth } from './text-width.js';

interface ChartStack {
  echarts: typeof EChartsCore;
  Resvg: typeof ResvgClass;
  collect: (options: { type: 'minor' }) => void;
}

let stack: Promise<ChartStack> | undefined;

// Loaded on the first chart only, so a service that never draws one keeps its memory.
async function loadStack(): Promise<ChartStack> {
  const [echarts, charts, components, renderers, resvg] = await Promise.all([
    import('echarts/core'),
    import('echarts/charts'),
    import('echarts/components'),
    import('echarts/renderers'),
    import('@resvg/resvg-js'),
  ]);
  echarts.use([
    charts.BarChart,
    components.GridComponent,
    components.LegendComponent,
    components.TitleComponent,
    renderers.SVGRenderer,
  ]);
  echarts.setPlatformAPI({ measureText: textWidth });
  // The rasteriser's memory lives outside V8, which cannot see it and so may not collect its owners
  // for a long time (RSS then grows by the size of each image). A young-generation collection after
  // each chart finalises them at once, for about a millisecond.
  v8.setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as ChartStack['collect'];
  return { echarts, Resvg: resvg.Resvg, collect };
}

/** The chart as SVG text, drawn with the one shipped font. */
export async function renderChartSvg(spec: ChartSpec): Promise<string> {
  const { echarts } = await (stack ??= loadStack());
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...CHART_SIZE });
  try {
    chart.setOption(chartOption(spec));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * The chart as a PNG, drawn in this process, the same bytes on every machine: the SVG is rasterised
 * with the shipped font only (system fonts are never looked at). Throws on a spec without points.
 * The chart process runs it; the service asks that process (see chart-process.ts).
 */
export async function drawChart(spec: ChartSpec): Promise<Buffer> {
  const svg = await renderChartSvg(spec);
  const { Resvg, collect } = await (stack ??= loadStack());
  const font = { loadSystemFonts: false, fontFiles: [fontFile()], defaultFontFamily: FONT_FAMILY };
  const png = new Resvg(svg, { font, background: '#ffffff', fitTo: { mode: 'original' } }).render().asPng();
  collect({ type: 'minor' });
  // Finalisers run after the collection, on a later turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  return png;
}
