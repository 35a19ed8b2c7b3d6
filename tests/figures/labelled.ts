/**
 * The labelled figure mentions of fixtures/figures (paragraphs written for the project, each
 * with the figures it states and what they measure), and the figures computed on them, for
 * the figures test and `npm run eval:figures`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from '../../schemas/article.ts';
import { describeFigures } from '../../functions/process/normalise/figure-meaning.ts';
import { extractFigures } from '../../functions/process/normalise/figures.ts';
import { resolveLanguage } from '../../functions/process/normalise/language.ts';
import { split } from '../classify/split.ts';

export const FIGURES_DIR = fileURLToPath(new URL('../../fixtures/figures/', import.meta.url));

export interface LabelledParagraph {
  readonly id: string;
  /** As written in the set: `kk` is Kazakh Cyrillic, `zh` simplified Chinese. */
  readonly language: string;
  readonly publishedAt: string;
  readonly pair: string | null;
  readonly text: string;
  /** `planned` is labelled in some sets only (absent where it was not). */
  readonly figures: ReadonlyArray<Pick<Figure, 'raw' | 'kind' | 'value' | 'unit' | 'metric' | 'period' | 'direction' | 'change' | 'planned'>>;
}

export function loadLabelledFigures(dir = FIGURES_DIR): LabelledParagraph[] {
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledParagraph));
}

/**
 * The set a paragraph was written in, by its id: `en-07` the first, `en-b07` the second, `en-t07`
 * the third (tune only), `en-h07` the fourth (held out), `en-u07` the fifth (tune only).
 */
export function setOf(id: string): 'a' | 'b' | 't' | 'h' | 'u' {
  const set = /-([bthu])\d+$/.exec(id)?.[1];
  return set === 'b' || set === 't' || set === 'h' || set === 'u' ? set : 'a';
}

/**
 * The frozen split, made within each set as it was written (`<lang>.jsonl` the first,
 * `<lang>-b.jsonl` the second), so that adding a set never moves a paragraph of an earlier one
 * between its tune and test parts. The third set (`<lang>-t.jsonl`) was written while the rules
 * were being adjusted, by the hand adjusting them, so all of it is tune: none of it could be held
 * out. The fourth (`<lang>-h.jsonl`) was written by a hand that never saw or ran the rules, so all
 * of it is test. The fifth (`<lang>-u.jsonl`) was written by another hand, blind to the rules, for
 * the rules to be adjusted on: all tune.
 */
export function splitLabelledFigures(all: readonly LabelledParagraph[]): { tune: LabelledParagraph[]; test: LabelledParagraph[] } {
  const sets = new Map<string, LabelledParagraph[]>();
  for (const p of all) {
    const set = setOf(p.id);
    sets.set(set, [...(sets.get(set) ?? []), p]);
  }
  const tune: LabelledParagraph[] = [...(sets.get('t') ?? []), ...(sets.get('u') ?? [])];
  const test: LabelledParagraph[] = [...(sets.get('h') ?? [])];
  for (const whole of ['t', 'u', 'h']) sets.delete(whole);
  for (const paragraphs of sets.values()) {
    const parts = split(paragraphs.map((p) => ({ ...p, label: { bilateral: p.figures.length > 0 } })));
    const testIds = new Set(parts.test.map((p) => p.id));
    for (const p of paragraphs) (testIds.has(p.id) ? test : tune).push(p);
  }
  return { tune, test };
}

export function describeParagraph(p: LabelledParagraph): Figure[] {
  const language = resolveLanguage(p.text, p.language);
  return describeFigures(extractFigures([p.text]), [p.text], { language, publishedAt: p.publishedAt, pair: p.pair });
}

export interface FigureScores {
  readonly gold: number;
  readonly found: number;
  /** (metric, period, value) right, matched one to one. */
  readonly right: number;
  readonly precision: number;
  readonly recall: number;
  /** Among matched figures: direction and change as labelled. */
  readonly directionRight: number;
  readonly changeRight: number;
  readonly matched: number;
  /** Among matched figures whose `planned` is labelled: said planned and so labelled, said planned wrongly, missed. */
  readonly planned: PlannedCounts;
}

export interface PlannedCounts {
  readonly labelled: number;
  readonly right: number;
  readonly wrong: number;
  readonly missed: number;
}

const tripleKey = (f: { metric?: string | undefined; period?: string | null | undefined; value: number }) => `${f.metric ?? ''}|${f.period ?? ''}|${f.value}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface Scored {
  readonly paragraph: LabelledParagraph;
  readonly found: Figure[];
  /** Gold figures not found with the right (metric, period, value), and found ones not labelled so. */
  readonly missed: string[];
  readonly wrong: string[];
  /** Figures said planned that are labelled not, and labelled planned that were not said so. */
  readonly plannedErrors: string[];
}

export function scoreParagraph(p: LabelledParagraph): Scored & Omit<FigureScores, 'precision' | 'recall' | 'found'> {
  const found = describeParagraph(p);
  const pool = found.map((f) => ({ f, key: tripleKey(f), used: false }));
  let right = 0;
  let matched = 0;
  let directionRight = 0;
  let changeRight = 0;
  const missed: string[] = [];
  const planned = { labelled: 0, right: 0, wrong: 0, missed: 0 };
  const plannedErrors: string[] = [];
  for (const g of p.figures) {
    const hit = pool.find((x) => !x.used && x.key === tripleKey(g));
    if (hit) {
      hit.used = true;
      right++;
    } else missed.push(`${g.raw} → ${g.metric} ${g.period ?? '-'}`);
    const sameRaw = found.find((f) => f.raw === g.raw && f.value === g.value);
    if (sameRaw) {
      matched++;
      if (same(sameRaw.direction, g.direction)) directionRight++;
      if (same(sameRaw.change, g.change)) changeRight++;
      if (g.planned !== undefined) {
        planned.labelled++;
        if (sameRaw.planned && g.planned) planned.right++;
        else if (sameRaw.planned) {
          planned.wrong++;
          plannedErrors.push(`said planned: ${g.raw}`);
        } else if (g.planned) {
          planned.missed++;
          plannedErrors.push(`missed planned: ${g.raw}`);
        }
      }
    }
  }
  const wrong = pool.filter((x) => !x.used).map((x) => `${x.f.raw} → ${x.f.metric} ${x.f.period ?? '-'}`);
  return { paragraph: p, found, missed, wrong, plannedErrors, gold: p.figures.length, right, matched, directionRight, changeRight, planned };
}

export function totals(scored: ReadonlyArray<ReturnType<typeof scoreParagraph>>): FigureScores {
  const sum = (k: 'gold' | 'right' | 'matched' | 'directionRight' | 'changeRight') => scored.reduce((s, x) => s + x[k], 0);
  const found = scored.reduce((s, x) => s + x.found.length, 0);
  const gold = sum('gold');
  const right = sum('right');
  return {
    gold, found, right,
    precision: found === 0 ? 1 : right / found,
    recall: gold === 0 ? 1 : right / gold,
    matched: sum('matched'), directionRight: sum('directionRight'), changeRight: sum('changeRight'),
    planned: {
      labelled: scored.reduce((s, x) => s + x.planned.labelled, 0),
      right: scored.reduce((s, x) => s + x.planned.right, 0),
      wrong: scored.reduce((s, x) => s + x.planned.wrong, 0),
      missed: scored.reduce((s, x) => s + x.planned.missed, 0),
    },
  };
}
