import { ProblemBanner } from '@otmetka/ui';
import { useTranslation } from 'react-i18next';
import { useNews } from './useNews';

const SHOWN = 3;

/** R-DIA-13: the school's latest news on the home page; nothing at all while there is none. */
export function LatestNews({ schoolId }: { schoolId: string }) {
  const { t, i18n } = useTranslation();
  const news = useNews(schoolId);
  if (news.error) return <ProblemBanner error={news.error} />;
  const posts = (news.data ?? []).slice(0, SHOWN);
  if (posts.length === 0) return null;
  return (
    <section className="card news" aria-labelledby="news-title">
      <h2 id="news-title">{t('news.title')}</h2>
      <ul className="news__list">
        {posts.map((p) => (
          <li key={p.id} className="news__item">
            <h3 className="news__heading">{p.title}</h3>
            <p className="muted">
              <time dateTime={p.publishedAt}>{new Date(p.publishedAt).toLocaleDateString(i18n.language)}</time>
              {p.gradeFrom != null || p.gradeTo != null ? ` · ${t('news.grades', { from: p.gradeFrom ?? '', to: p.gradeTo ?? '' })}` : null}
            </p>
            <p className="news__body">{p.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
