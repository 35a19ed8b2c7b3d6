import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOPIC_WEIGHTS_FILE, topicWeightsFileText } from '../../train/classify.ts';
import { CORPUS_FILE, corpusAvailable } from './corpus.ts';

const available = corpusAvailable();
const skipped = available ? '' : ` (skipped: no labelled corpus at ${CORPUS_FILE})`;

describe('the topic model', () => {
  it.skipIf(!available)(`has committed weights that are what npm run train:classify writes${skipped}`, () => {
    expect(readFileSync(TOPIC_WEIGHTS_FILE, 'utf8')).toBe(topicWeightsFileText());
  });
});
