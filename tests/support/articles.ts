import type { Article, Figure, Language } from '../../schemas/article.ts';

/** A valid canonical article for store and publish tests: bilateral when a pair is given. */
export function testArticle(id: string, publishedAt: string, options: { language?: Language; pair?: string | null; figures?: Figure[] } = {}): Article {
  const pair = options.pair ?? null;
  const countries = pair ? pair.split('-') : [];
  return {
    schemaVersion: 1, id, url: `https://www.inform.kz/x/${id}`, source: 'kazinform', language: options.language ?? 'en', title: `Title ${id}`, summary: '',
    dateline: null, authors: [], tags: [], imageUrl: null, imageCredit: null, publishedAt, updatedAt: publishedAt, fetchedAt: publishedAt,
    body: { sections: [{ paragraphs: ['Body.'] }] },
    relations: { kind: pair ? 'bilateral' : 'none', countries, pair, kazakhstanInvolved: countries.includes('KZ'), confidence: 0.9, topics: ['diplomacy'], signals: [] },
    figures: options.figures ?? [], contentHash: '0'.repeat(64),
    provenance: { feedUrl: null, extractor: 'test', pipelineVersion: 'test', rawKey: `raw/${id}.html.gz` },
  };
}

/** A trade-turnover figure as figure-meaning states it. */
export function turnoverFigure(value: number, raw: string, period: string | null, paragraph: number): Figure {
  return { kind: 'money', value, unit: 'USD', raw, paragraph, metric: 'trade-turnover', period, direction: null, change: null };
}
