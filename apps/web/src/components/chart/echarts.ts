/**
 * ECharts, with only the parts the pages draw: line, bar and scatter series on a grid, with
 * tooltip, legend and zoom, rendered as SVG (crisp at any size, and text a test can read).
 * Imported by module so the bundle carries nothing else (issue 12: no library from a CDN).
 */
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import langES from 'echarts/lib/i18n/langES.js';

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  SVGRenderer,
]);
// ECharts names months and weekdays on time axes itself; English is built in.
echarts.registerLocale('ES', langES as Parameters<typeof echarts.registerLocale>[1]);

/** The ECharts locale for one of the app's languages (`es` → `ES`), English otherwise. */
export function echartsLocale(lang: string): string {
  return lang.toLowerCase().startsWith('es') ? 'ES' : 'EN';
}

export { echarts };
