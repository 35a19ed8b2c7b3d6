import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from '../../infra/build.ts';
import type { FeedStack } from '../../infra/stack.ts';

export interface Synth {
  app: App;
  stack: FeedStack;
  template: Template;
  /** The template as JSON, for checks the assertions library does not express. */
  json: { Resources: Record<string, { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string; DependsOn?: string[] }>; Outputs?: Record<string, any> };
  logicalId(construct: { node: { defaultChild?: unknown } } | object): string;
}

const outdirs: string[] = [];

export const REPO_ROOT = join(import.meta.dirname, '../..');

export const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** The context of cdk.json (feature flags included), which the CLI passes to the app. */
export const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')).context;

/** Synthesizes the app as `cdk synth` would, with the given context, bundling skipped. */
export function synth(context: Record<string, unknown> = {}): Synth {
  const outdir = mkdtempSync(join(tmpdir(), 'kazfeed-cdk-'));
  outdirs.push(outdir);
  const { app, stack } = buildApp({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context }, outdir });
  const template = Template.fromStack(stack);
  const json = template.toJSON() as Synth['json'];
  return {
    app,
    stack,
    template,
    json,
    logicalId(construct) {
      const child = (construct as { node: { defaultChild?: unknown } }).node?.defaultChild ?? construct;
      return stack.resolve((child as { logicalId: string }).logicalId) as string;
    },
  };
}

/** The warnings synth prints for the stack, without the "[ack: ...]" suffix. */
export function warnings(s: Synth): string[] {
  return Annotations.fromStack(s.stack).findWarning('*', Match.anyValue()).map((m) => String(m.entry.data).replace(/ \[ack: [^\]]+\]$/, ''));
}

/** A settings file with these contents, `kazfeed.deploy.json` in a directory of its own (removed by cleanOutdirs). */
export function settingsFile(values: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kazfeed-settings-'));
  outdirs.push(dir);
  const path = join(dir, 'kazfeed.deploy.json');
  writeFileSync(path, JSON.stringify(values));
  return path;
}

export function cleanOutdirs(): void {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `{ "Fn::GetAtt": [id, "Arn"] }` joined with a suffix, as CDK renders bucket object ARNs. */
export function render(value: unknown, names: Record<string, string>): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => render(v, names)).join(',');
  if (value && typeof value === 'object') {
    const v = value as Record<string, any>;
    if (v['Fn::GetAtt']) return `${names[v['Fn::GetAtt'][0]] ?? v['Fn::GetAtt'][0]}.${v['Fn::GetAtt'][1]}`;
    if (v.Ref) return `${names[v.Ref] ?? v.Ref}`;
    if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map((p) => render(p, names)).join(v['Fn::Join'][0]);
  }
  return JSON.stringify(value);
}

/** Every (action, resource) pair a role's inline policies allow, resources rendered with `names`. */
export function grantsOf(s: Synth, roleId: string, names: Record<string, string>): string[] {
  const pairs: string[] = [];
  for (const resource of Object.values(s.json.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = (resource.Properties?.Roles ?? []) as { Ref: string }[];
    if (!roles.some((r) => r.Ref === roleId)) continue;
    for (const statement of resource.Properties?.PolicyDocument.Statement ?? []) {
      if (statement.Effect !== 'Allow') continue;
      const actions = [statement.Action].flat() as string[];
      const resources = [statement.Resource].flat();
      for (const action of actions) for (const r of resources) pairs.push(`${action} ${render(r, names)}`);
    }
  }
  return pairs.sort();
}

/** Findings cdk-nag's AWS Solutions pack reports for the app, after acknowledgements. */
export function nagFindings(s: Synth, ignoreAcknowledgements = false): string[] {
  const pack = new AwsSolutionsChecks();
  // The pack's check of acknowledgements, switched off to list what they cover.
  if (ignoreAcknowledgements) (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return pack.validateScope(s.app).violations.map((v) => v.ruleName).sort();
}

export function acknowledgements(s: Synth): { path: string; id: string; reason: string }[] {
  const found = [];
  for (const construct of s.app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return found;
}
