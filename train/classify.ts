/**
 * `npm run train:classify`: fits the relations classifier's weights on the tune parts of the
 * shared labelled sample and of the project's own development set (never on a frozen test
 * part), and writes functions/process/classify/weights.json (the bilateral decision) and
 * topic-weights.json (the topics). Deterministic: tests fail when a committed file differs from
 * what this would write.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { once } from '../functions/lib/once.ts';
import { CORPUS_FILE, corpusAvailable, loadCorpus, splitDevSet, type Labelled } from '../tests/classify/corpus.ts';
import { split } from '../tests/classify/split.ts';
import { train } from './fit-classifier.ts';
import { fitTopics, TOPIC_LAMBDA, topicItems } from './fit-topics.ts';

export const WEIGHTS_FILE = fileURLToPath(new URL('../functions/process/classify/weights.json', import.meta.url));
export const TOPIC_WEIGHTS_FILE = fileURLToPath(new URL('../functions/process/classify/topic-weights.json', import.meta.url));

/** The articles the weights are fitted on: the tune parts alone, never a test or held-out article. */
export function trainingSet(): { shared: Labelled[]; own: Labelled[] } {
  return { shared: split(loadCorpus()).tune, own: splitDevSet().tune };
}

/**
 * The bilateral fit on the training set, made once: both weight files are drawn from it (the topic
 * model reads the kind it decides), and loading and analysing the articles is most of its cost.
 */
const fitted = once(() => {
  const { shared, own } = trainingSet();
  const articles = [...shared, ...own];
  return { shared, own, articles, ...train(articles) };
});

/** The weights file's text, as `npm run train:classify` writes it. */
export function weightsFileText(): string {
  const { shared, own, model, lambda, examples } = fitted();
  const file = {
    about: 'Fitted by `npm run train:classify` (train/classify.ts) on the tune parts of ../shared/corpus and fixtures/relations-dev; do not edit by hand.',
    trainedOn: { sharedTune: shared.length, ownTune: own.length, examplesWithTwoStates: examples, lambda },
    ...model,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The topic weights file's text: one logistic regression per topic, fitted on the same articles,
 * each with the kind the bilateral weights fitted on them decide.
 */
export function topicWeightsFileText(): string {
  const { shared, own, articles, model } = fitted();
  const file = {
    about: 'Fitted by `npm run train:classify` (train/classify.ts, train/fit-topics.ts) on the tune parts of ../shared/corpus and fixtures/relations-dev; do not edit by hand.',
    trainedOn: { sharedTune: shared.length, ownTune: own.length, lambda: TOPIC_LAMBDA },
    ...fitTopics(topicItems(articles, model)),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!corpusAvailable()) {
    console.error(`train:classify: the shared labelled sample is missing (${CORPUS_FILE}); the weights are fitted on it and the project's own set together`);
    process.exit(1);
  }
  writeFileSync(WEIGHTS_FILE, weightsFileText());
  console.log(`train:classify: wrote ${WEIGHTS_FILE}`);
  writeFileSync(TOPIC_WEIGHTS_FILE, topicWeightsFileText());
  console.log(`train:classify: wrote ${TOPIC_WEIGHTS_FILE}`);
}
