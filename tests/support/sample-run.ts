import { runPipeline } from '../../functions/pipeline.ts';
import { type ExpectedArticle, sampleSiteIndex, type Stack, startStack } from './stack.ts';

/** A stack with one whole pipeline run over the sample site done, and what the site holds. */
export async function sampleRun(): Promise<{ stack: Stack; expected: ExpectedArticle[] }> {
  const stack = await startStack();
  try {
    const expected = (await sampleSiteIndex()).articles;
    await runPipeline(stack.config, { store: stack.s3.store });
    return { stack, expected };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
