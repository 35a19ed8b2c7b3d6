/**
 * `node train/topics-cv.ts`: the topic model measured by 5-fold cross-validation repeated over
 * the fixed seeds, on the tune parts only (train/fit-topics.ts): the hand-set rule it replaced
 * against the fitted model, overall and per topic. `--grid`: the penalties the constant was
 * chosen among, and a plain probability threshold as the decision rule instead, for comparison.
 */
import { TOPICS } from '../schemas/article.ts';
import { trainingSet } from './classify.ts';
import { REPEAT_SEEDS } from './fit-classifier.ts';
import type { TopicFigures } from '../tests/classify/corpus.ts';
import { compareTopics, EXPECTED_OVERLAP, FOLDS, thresholdTopics, TOPIC_LAMBDA, type TopicRule } from './fit-topics.ts';

const f3 = (x: number) => x.toFixed(3);

function row(name: string, f: TopicFigures): string {
  return `${name.padEnd(36)} ${f3(f.jaccard)}   ${f3(f.exact)}  ${f3(f.precision)}  ${f3(f.recall)}  ${f3(f.f1)}    ${f3(f.firstRight)}  ${f.meanTopics.toFixed(2)}`;
}

const HEADER = `${''.padEnd(36)} jaccard exact  micro-P micro-R micro-F1 first  topics`;

{
  const { shared, own } = trainingSet();
  const articles = [...shared, ...own];
  const grid = process.argv.includes('--grid');
  const lambdas = grid ? [0.1, 0.3, 1, 3, 10, 30] : [TOPIC_LAMBDA];
  const thresholds = grid ? [0.25, 0.3, 0.35, 0.4, 0.45, 0.5] : [];
  const rules = [EXPECTED_OVERLAP, ...thresholds.map((h): TopicRule => ({ name: `threshold ${h}`, pick: (p) => thresholdTopics(p, h) }))];
  const { handSet, fitted, perSeed } = compareTopics(articles, lambdas, rules);
  console.log(`topics: repeated ${FOLDS}-fold cross-validation over the tune parts (${articles.length} articles, ${REPEAT_SEEDS.length} seeds, held-out outcomes pooled)`);
  console.log(HEADER);
  console.log(row('hand-set rule (before)', handSet));
  for (const { lambda, rule, figures } of fitted) console.log(row(`fitted, λ=${lambda}, ${rule}`, figures));
  const after = (fitted[0] as { figures: TopicFigures }).figures;
  const gains = perSeed.map((s) => (s.fitted[0] as number) - s.handSet);
  console.log(`\n${fitted[0]?.rule}, λ=${fitted[0]?.lambda}, against the hand-set rule, split by split: mean Jaccard higher on ${gains.filter((g) => g > 0).length} of ${gains.length} splits, by ${f3(gains.reduce((a, b) => a + b, 0) / gains.length)} on average (${f3(Math.min(...gains))} to ${f3(Math.max(...gains))})`);
  if (!grid) {
    const n = REPEAT_SEEDS.length;
    console.log(`\nper topic, a split's mean: gold; chosen, right (before → after)`);
    for (const t of TOPICS) {
      const [b, a] = [handSet.perTopic[t], after.perTopic[t]];
      const pair = (x: { chosen: number; right: number }) => `${(x.chosen / n).toFixed(1).padStart(6)} ${(x.right / n).toFixed(1).padStart(6)}`;
      console.log(`${t.padEnd(12)} ${String(b.gold / n).padStart(4)}  ${pair(b)}  →  ${pair(a)}`);
    }
  }
}
