/**
 * Registers ECharts' pie series for the stats page's packet types: here rather than in the
 * shared chart module, so the pages without a pie (the node page is near its weight budget) do
 * not carry it.
 */
import { PieChart } from 'echarts/charts';
import { echarts } from '../../components/chart/echarts.js';

echarts.use([PieChart]);
