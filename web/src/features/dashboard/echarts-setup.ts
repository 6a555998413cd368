/**
 * ECharts with only what the dashboard draws (bar, line and pie charts on a grid, tooltips, the
 * legend, the canvas renderer), loaded by EChart when the first chart mounts. The whole library
 * (`import * as echarts from 'echarts'`) made the dashboard's chunk 1.1 MB; this part is its own chunk,
 * fetched while the KPI cards are already on screen. A new chart type or component goes in here.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { echarts };
