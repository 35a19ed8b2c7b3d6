import type { Language, Relations } from '../../../schemas/article.ts';
import { decide, fittedModel, type Model } from './decide.ts';
import { gatherEvidence, type Evidence } from './evidence.ts';
import { extractFeatures, type Features } from './features.ts';
import { scanZones } from './scan.ts';
import { chooseTopics } from './topics.ts';
import { buildZones } from './zones.ts';


export interface ClassifyInput {
  language: Language;
  title: string;
  /** The lead; when empty, the first paragraph stands in for it. A leading dateline is ignored. */
  summary: string;
  paragraphs: string[];
}

/**
 * Is the article about the relations of exactly two states, and which two?
 * Pure and synchronous; the gazetteer and cue matchers are built once, at module load.
 */
export function classify(input: ClassifyInput, model: Model = fittedModel()): Relations {
  return classifyAnalysed(analyse(input), model);
}

/** The decision on an article already analysed (training and cross-validation analyse each article once). */
export function classifyAnalysed({ evidence, features }: Analysis, model: Model = fittedModel()): Relations {
  const decision = decide(evidence, features, model);
  return { ...decision, topics: chooseTopics(evidence, decision.kind) };
}

export interface Analysis {
  readonly evidence: Evidence;
  readonly features: Features;
}

/** What the decision rests on: the evidence found and the features drawn from it (for training, too). */
export function analyse(input: ClassifyInput): Analysis {
  const zones = buildZones(input.title, input.summary, input.paragraphs);
  const evidence = gatherEvidence(scanZones(input.language, zones), zones);
  return { evidence, features: extractFeatures(evidence) };
}

/**
 * The input of `kazfeed classify` (one text, paragraphs separated by blank lines) as the
 * classifier reads an article: the first paragraph is the lead.
 */
export function inputFromText(language: Language, title: string, text: string): ClassifyInput {
  const [summary = '', ...paragraphs] = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return { language, title, summary, paragraphs };
}
