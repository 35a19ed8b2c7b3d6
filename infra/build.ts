import { resolve } from 'node:path';
import { Annotations, App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { contextSource, readSettingsFile, resolveSettings, settingsFileContext } from './config.ts';
import { FeedStack } from './stack.ts';

/**
 * The CDK app: one stack, configured from the settings file and context, checked by cdk-nag's AWS
 * Solutions rules (synth fails on any finding that is not acknowledged, with its reason, in
 * infra/stack.ts). `settingsFile` is read when it exists; context `settingsFile` names another one,
 * which must exist.
 */
export function buildApp(props: AppProps = {}, options: { settingsFile?: string } = {}): { app: App; stack: FeedStack } {
  const app = new App(props);
  const named = settingsFileContext(app.node);
  const path = named ?? options.settingsFile;
  const file = path ? readSettingsFile(resolve(path), path, named !== undefined) : undefined;
  const { settings, warnings } = resolveSettings([...(file ? [file] : []), contextSource(app.node)]);
  const stack = new FeedStack(app, settings.stackName, {
    settings,
    description: 'Kazinform bilateral-relations feeds: scheduled ingest, SQS-fed processing, debounced publish, CloudFront (kazinform-relations-feed)',
    // Region and account come from the CLI's environment at deploy time; synth needs neither.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  for (const warning of warnings) Annotations.of(stack).addWarningV2(warning.id, warning.message);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
