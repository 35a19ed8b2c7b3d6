import type { Relations, Topic } from '../../../schemas/article.ts';
import type { Evidence } from './evidence.ts';

/** A topic counts when it is at least this share of the strongest one... */
const SHARE = 0.35;
/** ...and at least this zone-weighted score (one mention in the lead). */
const MINIMUM = 2;
/** Visits, talks, ambassadors and summits are diplomacy whatever else they are about. */
const DIPLOMATIC_CUES = 0.5;
/** A match between national teams is "other", however much trade its venue's city has. */
const SPORT = 3;

/** One to three topics, strongest first. */
export function chooseTopics(ev: Evidence, kind: Relations['kind']): Topic[] {
  if ((ev.cues.get('sport')?.front ?? 0) >= SPORT) return ['other'];
  const scores = new Map(ev.topics);
  const diplomatic = (['bilateral', 'meeting', 'multilateral'] as const).reduce((sum, k) => sum + (ev.cues.get(k)?.score ?? 0), 0);
  scores.set('diplomacy', (scores.get('diplomacy') ?? 0) + DIPLOMATIC_CUES * diplomatic);
  const turnover = ev.cues.get('bilateral')?.labels.find((l) => l.label === 'trade turnover')?.score ?? 0;
  // Trade turnover makes an article about trade wherever it stands, without crowding out the rest.
  if (turnover > 0) scores.set('trade', (scores.get('trade') ?? 0) + 0.5 * turnover);
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  // Diplomacy is measured against the strongest topic, the subjects only against each other,
  // so that a visit's trade and energy are not crowded out by the visit itself.
  const top = ranked[0]?.[1] ?? 0;
  const topSubject = ranked.find(([t]) => t !== 'diplomacy')?.[1] ?? 0;
  const chosen = ranked
    .filter(([t, s]) => s >= MINIMUM && s >= SHARE * (t === 'diplomacy' ? top : topSubject))
    .slice(0, 3)
    .map(([t]) => t);
  if (chosen.length > 0) return chosen;
  return [kind === 'none' ? 'other' : 'diplomacy'];
}
