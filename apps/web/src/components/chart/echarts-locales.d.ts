// ECharts ships its locale objects as ES modules without declarations.
declare module 'echarts/lib/i18n/langES.js' {
  const locale: Record<string, unknown>;
  export default locale;
}
