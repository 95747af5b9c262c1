// The chart process: draws each chart asked of it over IPC, until its parent lets go of it.
import type { ChartSpec } from '../../commands/types.js';
import { drawChart } from './render-chart.js';

interface Request {
  id: number;
  spec: ChartSpec;
}

process.on('message', (message: Request) => {
  drawChart(message.spec).then(
    (png) => process.send?.({ id: message.id, png }),
    (error: unknown) =>
      process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
