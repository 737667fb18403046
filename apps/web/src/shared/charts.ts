import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * ECharts, one chart type at a time (issue 19: import per chart type): bar, line and pie
 * on the canvas renderer, with the grid, tooltip, legend and the mark line for 序时进度.
 * Importing `echarts` whole would add every chart type to the first page.
 */
use([CanvasRenderer, BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent]);

/** Light colours as the watchlist names them. */
export const lightColours = { red: '#d93026', yellow: '#e6a23c', green: '#2f9e44' } as const;
export const gradeColours = { excellent: '#2f9e44', good: '#409eff', fair: '#e6a23c', poor: '#d93026' } as const;
