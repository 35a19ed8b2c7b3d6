import { describe, expect, it } from 'vitest';
import type { Language } from '../../schemas/article.ts';
import { analyse } from '../../functions/process/classify/index.ts';
import { featureVector, type FeatureName } from '../../functions/process/classify/model.ts';

/** One named feature of a short article written for the test: its value and signals, or null when absent. */
function feature(name: FeatureName, language: Language, title: string, summary: string, ...paragraphs: string[]) {
  const { evidence, features } = analyse({ language, title, summary, paragraphs });
  const v = featureVector(evidence, features).find((x) => x.name === name);
  return v ? { value: v.value, signals: v.signals } : null;
}

describe('leaders\' gestures', () => {
  it('a state order conferred on the other state\'s president counts, like a message', () => {
    expect(feature('leadersGesture', 'ru', 'Президент Монголии удостоен казахстанского ордена «Достык»',
      'Токаев вручил Президенту Монголии Ухнаагийну Хурэлсуху орден «Достык» I степени.')).toEqual({
      value: 1,
      signals: ['cue: state award «ордена»'],
    });
    expect(feature('leadersGesture', 'en', 'Tokayev sends condolences to Pakistan', 'The President sent a telegram of condolences to Shehbaz Sharif.')).toEqual({
      value: 1,
      signals: ['cue: message «condolences»'],
    });
  });

  it('in the body only, it is not what the article is about', () => {
    expect(feature('leadersGesture', 'en', 'Kazakhstan and Pakistan discuss trade', 'The ministers met in Astana.', 'Trade grew.', 'Earlier, the President sent a telegram.')).toBeNull();
  });
});
