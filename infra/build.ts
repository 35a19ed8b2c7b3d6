import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { settingsFrom } from './config.ts';
import { FeedStack } from './stack.ts';

/**
 * The CDK app: one stack, configured from context, checked by cdk-nag's AWS Solutions rules
 * (synth fails on any finding that is not acknowledged, with its reason, in infra/stack.ts).
 */
export function buildApp(props: AppProps = {}): { app: App; stack: FeedStack } {
  const app = new App(props);
  const settings = settingsFrom(app.node);
  const stack = new FeedStack(app, settings.stackName, {
    settings,
    description: 'Kazinform bilateral-relations feeds: scheduled ingest, SQS-fed processing, debounced publish, CloudFront (kazinform-relations-feed)',
    // Region and account come from the CLI's environment at deploy time; synth needs neither.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
