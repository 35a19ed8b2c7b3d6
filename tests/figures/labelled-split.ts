import type { Splittable } from '../classify/split.ts';
import type { LabelledParagraph } from './labelled.ts';

/** A labelled paragraph as the frozen split sees it: stratified by language and by whether it states figures. */
export function splittable(p: LabelledParagraph): Splittable & LabelledParagraph {
  return { ...p, label: { bilateral: p.figures.length > 0 } };
}
