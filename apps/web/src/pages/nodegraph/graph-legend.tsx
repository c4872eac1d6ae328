import { formatNumber } from '../../lib/format.js';
import { useI18n } from '../../lib/i18n.js';
import { ROLE_GROUPS } from './role-style.js';
import { SNR_BANDS, UNKNOWN_SNR_COLOR } from './snr-scale.js';

/** What the colours, sizes and dashes of the graph mean. */
export function GraphLegend() {
  const { t, lang } = useI18n();
  const dB = (n: number) => formatNumber(n, lang, 0);
  return (
    <section class="graph-legend" aria-labelledby="graph-legend-title">
      <h2 id="graph-legend-title">{t('nodegraph', 'legend')}</h2>
      <div class="graph-legend-groups">
        <ul aria-label={t('nodegraph', 'legend_snr')}>
          {SNR_BANDS.map((band, i) => (
            <li key={band.key}>
              <span class="legend-line" style={{ background: band.color }} aria-hidden="true" />
              {i === 0
                ? t('nodegraph', 'snr_above', { db: dB(band.min) })
                : band.min === -Infinity
                  ? t('nodegraph', 'snr_below', { db: dB(SNR_BANDS[i - 1]!.min) })
                  : t('nodegraph', 'snr_between', {
                      low: dB(band.min),
                      high: dB(SNR_BANDS[i - 1]!.min),
                    })}
            </li>
          ))}
          <li>
            <span
              class="legend-line"
              style={{ background: UNKNOWN_SNR_COLOR }}
              aria-hidden="true"
            />
            {t('nodegraph', 'snr_unknown')}
          </li>
        </ul>
        <ul aria-label={t('nodegraph', 'legend_lines')}>
          <li>
            <span class="legend-line" aria-hidden="true" />
            {t('nodegraph', 'legend_two_way')}
          </li>
          <li>
            <span class="legend-line legend-dashed" aria-hidden="true" />
            {t('nodegraph', 'legend_one_way')}
          </li>
        </ul>
        <ul aria-label={t('nodegraph', 'legend_roles')}>
          {ROLE_GROUPS.map((group) => (
            <li key={group.key}>
              <span
                class={`legend-dot${group.key === 'relay' ? ' legend-dot-big' : ''}`}
                style={{ background: group.color }}
                aria-hidden="true"
              />
              {t('nodegraph', `role_${group.key}`)}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
