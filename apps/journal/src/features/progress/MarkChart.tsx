import { useId } from 'react';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = { '5': '#1f6f3a', '4': '#3f8f57', '3': '#b7791f', '2': '#b42318', '1': '#7a1a12' };

/**
 * A bar chart of how many marks of each value (5 … 1) there are, drawn as inline SVG (no chart library). The numbers are written on
 * the bars and repeated in a visually hidden table, so the chart reads without sight too.
 */
export function MarkChart({ counts, title }: { counts: Record<string, number>; title: string }) {
  const { t } = useTranslation();
  const id = useId();
  const values = ['5', '4', '3', '2', '1'];
  const total = values.reduce((n, v) => n + (counts[v] ?? 0), 0);
  const max = Math.max(1, ...values.map((v) => counts[v] ?? 0));
  const W = 360;
  const H = 200;
  const pad = { top: 18, bottom: 34, left: 8, right: 8 };
  const band = (W - pad.left - pad.right) / values.length;
  const barW = band * 0.62;
  const plotH = H - pad.top - pad.bottom;
  return (
    <figure className="mark-chart" aria-labelledby={`${id}-cap`}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-cap`} className="mark-chart__svg">
        <line x1={pad.left} x2={W - pad.right} y1={H - pad.bottom} y2={H - pad.bottom} stroke="#c9d0da" />
        {values.map((v, i) => {
          const n = counts[v] ?? 0;
          const h = (n / max) * plotH;
          const x = pad.left + i * band + (band - barW) / 2;
          const y = H - pad.bottom - h;
          const pct = total ? Math.round((n / total) * 100) : 0;
          return (
            <g key={v}>
              <rect x={x} y={y} width={barW} height={Math.max(h, n ? 1 : 0)} rx={3} fill={COLORS[v]} />
              <text x={x + barW / 2} y={y - 4} textAnchor="middle" fontSize="12" fontWeight="700" fill="#1b1f24">{n}</text>
              <text x={x + barW / 2} y={H - pad.bottom + 15} textAnchor="middle" fontSize="14" fontWeight="700" fill="#1b1f24">«{v}»</text>
              <text x={x + barW / 2} y={H - pad.bottom + 29} textAnchor="middle" fontSize="11" fill="#4a5361">{pct}%</text>
            </g>
          );
        })}
      </svg>
      <figcaption id={`${id}-cap`}>{title} ({t('progress.chart.total', { count: total })})</figcaption>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead><tr><th scope="col">{t('progress.chart.mark')}</th><th scope="col">{t('progress.chart.count')}</th></tr></thead>
        <tbody>{values.map((v) => <tr key={v}><th scope="row">{v}</th><td>{counts[v] ?? 0}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
