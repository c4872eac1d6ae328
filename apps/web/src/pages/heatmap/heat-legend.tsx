import { heatGradientCss } from '../../components/heat-layer/heat-palette.js';
import { useI18n } from '../../lib/i18n.js';

/**
 * The heat scale, as a labelled gradient from few nodes to many, and what a wide patch means; all
 * of it as text too (the gradient is an image with a name).
 */
export function HeatLegend() {
  const { t } = useI18n();
  return (
    <section class="heat-legend" aria-labelledby="heat-legend-title">
      <h2 id="heat-legend-title">{t('heatmap', 'legend')}</h2>
      <div class="heat-legend-scale">
        <span>{t('heatmap', 'legend_few')}</span>
        <span
          class="heat-legend-bar"
          role="img"
          aria-label={t('heatmap', 'legend_scale')}
          style={{ backgroundImage: heatGradientCss() }}
        />
        <span>{t('heatmap', 'legend_many')}</span>
      </div>
      <p class="heat-legend-note">{t('heatmap', 'legend_areas')}</p>
    </section>
  );
}
