import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsError } from '../../infra/config.ts';
import { SITE_CONTENT_SECURITY_POLICY } from '../../infra/served.ts';
import { DEFAULT_ASSUMPTIONS } from '../../bench/cost.ts';
import { METRIC_NAMESPACE, METRICS } from '../../functions/lib/lambda-env.ts';
import { minutesBetweenRuns, UNVERSIONED_SHARE } from '../../infra/alarms.ts';
import { acknowledgements, cleanOutdirs, grantsOf, nagFindings, README, settingsFile, type Synth, synth, warnings } from './support.ts';

describe('the stack, synthesized with default context', () => {
  let s: Synth;
  let ids: { bucket: string; ingest: string; process: string; publish: string; processQueue: string; processDlq: string; runsDlq: string; publishScheduleRole: string; topic: string; distribution: string };
  beforeAll(() => {
    s = synth();
    ids = {
      bucket: s.logicalId(s.stack.bucket),
      ingest: s.logicalId(s.stack.ingestFunction),
      process: s.logicalId(s.stack.processFunction),
      publish: s.logicalId(s.stack.publishFunction),
      processQueue: s.logicalId(s.stack.processQueue),
      processDlq: s.logicalId(s.stack.processDeadLetterQueue),
      runsDlq: s.logicalId(s.stack.runsDeadLetterQueue),
      publishScheduleRole: s.logicalId(s.stack.publishScheduleRole),
      topic: s.logicalId(s.stack.alarmTopic),
      distribution: s.logicalId(s.stack.distribution),
    };
  });
  afterAll(cleanOutdirs);

  describe('bucket', () => {
    it('blocks every kind of public access and enforces bucket-owner object ownership', () => {
      s.template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    });

    it('is versioned and encrypted, and retained when the stack is deleted (but not when the deploy creating it rolls back)', () => {
      s.template.hasResource('AWS::S3::Bucket', {
        Properties: {
          VersioningConfiguration: { Status: 'Enabled' },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        },
        DeletionPolicy: 'RetainExceptOnCreate',
        UpdateReplacePolicy: 'Retain',
      });
      // The Athena results bucket too.
      const buckets = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::S3::Bucket');
      expect(buckets.map((b) => b.DeletionPolicy)).toEqual(['RetainExceptOnCreate', 'RetainExceptOnCreate']);
    });

    it('refuses requests without TLS (and below TLS 1.2), and allows no public principal', () => {
      const policy = Object.values(s.json.Resources).find((r) => r.Type === 'AWS::S3::BucketPolicy');
      const statements = policy?.Properties?.PolicyDocument.Statement as any[];
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }));
      for (const statement of statements.filter((st) => st.Effect === 'Allow')) {
        expect(statement.Principal).not.toEqual('*');
        expect(statement.Principal?.AWS).toBeUndefined();
      }
    });

    it('moves raw pages to Glacier Instant Retrieval and expires old noncurrent versions', () => {
      const rules = s.json.Resources[ids.bucket]?.Properties?.LifecycleConfiguration.Rules as any[];
      expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'raw/', Status: 'Enabled', Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: DEFAULT_SETTINGS.rawArchiveDays }] }));
      for (const prefix of ['feeds/', 'index/', 'state/', 'archive/']) {
        expect(rules).toContainEqual(expect.objectContaining({ Prefix: prefix, NoncurrentVersionExpiration: { NoncurrentDays: DEFAULT_SETTINGS.derivedNoncurrentVersionDays } }));
      }
      for (const prefix of ['articles/', 'raw/', 'rejected/']) {
        expect(rules).toContainEqual(expect.objectContaining({ Prefix: prefix, NoncurrentVersionExpiration: { NoncurrentDays: DEFAULT_SETTINGS.noncurrentVersionDays } }));
      }
      expect(rules).toContainEqual(expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }));
    });
  });

  describe('CDN', () => {
    it('reads the bucket through origin access control (SigV4), not an origin access identity', () => {
      s.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
      });
      const origins = s.json.Resources[ids.distribution]?.Properties?.DistributionConfig.Origins as any[];
      expect(origins).toHaveLength(1);
      expect(origins[0].OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] });
      expect(origins[0].S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
      s.template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    });

    it("names each of its account-wide CloudFront resources with the region, so that the stack deploys in a second region too", () => {
      const named = Object.entries(s.json.Resources).filter(([, r]) => r.Type.startsWith('AWS::CloudFront::') && r.Type !== 'AWS::CloudFront::Distribution');
      expect(named.map(([, r]) => r.Type).sort()).toEqual(['AWS::CloudFront::CachePolicy', 'AWS::CloudFront::CachePolicy', 'AWS::CloudFront::Function', 'AWS::CloudFront::OriginAccessControl', 'AWS::CloudFront::ResponseHeadersPolicy']);
      const region = s.stack.resolve(s.stack.region) as unknown;
      for (const [id, r] of named) {
        const props = r.Properties as Record<string, { Name?: unknown } | unknown>;
        const config = Object.values(props).find((v): v is { Name: unknown } => typeof v === 'object' && v !== null && 'Name' in v);
        const name = JSON.stringify(config?.Name ?? props.Name);
        expect(name, id).toContain(typeof region === 'string' ? region : 'AWS::Region');
      }
    });

    it('lets the distribution read feeds/, archive/ and site/ only, and list the bucket so a missing key is a 404', () => {
      const policy = Object.values(s.json.Resources).find((r) => r.Type === 'AWS::S3::BucketPolicy');
      const allows = (policy?.Properties?.PolicyDocument.Statement as any[]).filter((st) => st.Effect === 'Allow');
      expect(allows.map((st) => st.Action)).toEqual(['s3:GetObject', 's3:ListBucket']);
      for (const st of allows) {
        expect(st.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
        expect(JSON.stringify(st.Condition)).toContain(ids.distribution);
      }
      const objects = (prefix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [ids.bucket, 'Arn'] }, `/${prefix}*`]] });
      expect(allows[0].Resource).toHaveLength(3);
      expect(allows[0].Resource).toEqual(expect.arrayContaining([objects('feeds/'), objects('archive/'), objects('site/')]));
      expect(allows[1].Resource).toEqual({ 'Fn::GetAtt': [ids.bucket, 'Arn'] });
    });

    it('serves feeds/ at most 5 minutes, archive/ and site/ as the origin\'s Cache-Control says (5 minutes without), over HTTPS, compressed', () => {
      const config = s.json.Resources[ids.distribution]?.Properties?.DistributionConfig;
      const byPath = new Map((config.CacheBehaviors as any[]).map((b) => [b.PathPattern, b]));
      expect([...byPath.keys()].sort()).toEqual(['archive/*', 'feeds/*', 'site/*']);
      const ttl = (behaviour: any) => s.json.Resources[behaviour.CachePolicyId.Ref]?.Properties?.CachePolicyConfig;
      expect(ttl(byPath.get('feeds/*'))).toMatchObject({ MaxTTL: 300, DefaultTTL: 300, MinTTL: 0 });
      expect(ttl(byPath.get('archive/*'))).toMatchObject({ MaxTTL: 365 * 86400, DefaultTTL: 300, MinTTL: 0 });
      expect(byPath.get('site/*').CachePolicyId).toEqual(byPath.get('archive/*').CachePolicyId);
      for (const behaviour of [...byPath.values(), config.DefaultCacheBehavior]) {
        const policy = ttl(behaviour).ParametersInCacheKeyAndForwardedToOrigin;
        expect(policy).toMatchObject({ EnableAcceptEncodingGzip: true, EnableAcceptEncodingBrotli: true });
      }
      for (const behaviour of [...byPath.values(), config.DefaultCacheBehavior]) {
        expect(behaviour.ViewerProtocolPolicy).toBe('redirect-to-https');
        expect(behaviour.Compress).toBe(true);
        expect(behaviour.AllowedMethods).toEqual(['GET', 'HEAD']);
      }
    });

    it('keeps a 403 or 404 from the origin for 30 seconds only: a feed that is missing now may exist after the next publish', () => {
      const config = s.json.Resources[ids.distribution]?.Properties?.DistributionConfig;
      expect(config.CustomErrorResponses).toEqual([{ ErrorCode: 403, ErrorCachingMinTTL: 30 }, { ErrorCode: 404, ErrorCachingMinTTL: 30 }]);
    });

    it('sends site/ pages with a content security policy for self-contained pages, and feeds with CORS', () => {
      const config = s.json.Resources[ids.distribution]?.Properties?.DistributionConfig;
      const byPath = new Map((config.CacheBehaviors as any[]).map((b) => [b.PathPattern, b]));
      const policy = s.json.Resources[byPath.get('site/*').ResponseHeadersPolicyId.Ref]?.Properties?.ResponseHeadersPolicyConfig;
      expect(policy.SecurityHeadersConfig).toMatchObject({
        ContentSecurityPolicy: { ContentSecurityPolicy: SITE_CONTENT_SECURITY_POLICY, Override: true },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        StrictTransportSecurity: { AccessControlMaxAgeSec: 365 * 86400, IncludeSubdomains: true, Override: true },
      });
      expect(SITE_CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; /);
      expect(SITE_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
      // The managed CORS-and-security-headers policy.
      expect(byPath.get('feeds/*').ResponseHeadersPolicyId).toBe('e61eb60c-9c35-4d20-a928-2b84e02af89c');
    });

    it('answers paths outside feeds/, archive/ and site/ at the edge, with a CloudFront function', () => {
      const config = s.json.Resources[ids.distribution]?.Properties?.DistributionConfig;
      expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: expect.anything() }]);
      const fn = Object.values(s.json.Resources).find((r) => r.Type === 'AWS::CloudFront::Function');
      expect(fn?.Properties?.FunctionCode).toContain("statusCode: 404");
      expect(fn?.Properties?.FunctionCode).toContain('/feeds/all.xml');
    });

    it('passes the CloudFront address to publish, for the feeds\' self links', () => {
      const env = s.json.Resources[ids.publish]?.Properties?.Environment.Variables;
      expect(env.KAZFEED_PUBLIC_BASE_URL).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [ids.distribution, 'DomainName'] }]] });
    });
  });

  describe('queues', () => {
    it('send process messages to the dead-letter queue after maxReceiveCount receives', () => {
      s.template.hasResourceProperties('AWS::SQS::Queue', {
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.processDlq, 'Arn'] }, maxReceiveCount: DEFAULT_SETTINGS.maxReceiveCount },
      });
      for (const dlq of [ids.processDlq, ids.runsDlq]) expect(s.json.Resources[dlq]?.Properties?.MessageRetentionPeriod).toBe(14 * 86400);
    });

    it('keep a process message for 14 days, longer than its receives can take, so it reaches the dead-letter queue rather than expiring', () => {
      const processQueue = Object.entries(s.json.Resources).find(([, r]) => r.Type === 'AWS::SQS::Queue' && r.Properties?.RedrivePolicy)?.[1];
      expect(processQueue?.Properties?.MessageRetentionPeriod).toBe(14 * 86400);
      // The most receives allowed leave the dead-letter queue, which counts from the first enqueue too, a week at least.
      expect(14 * 86400 - 300 * (processQueue?.Properties?.VisibilityTimeout as number)).toBeGreaterThanOrEqual(7 * 86400);
      expect(() => synth({ maxReceiveCount: 301 })).toThrow('context "maxReceiveCount": expected a whole number from 1 to 300, got 301');
    });

    it('keep a visibility timeout of six times the consuming function\'s timeout', () => {
      const timeout = s.json.Resources[ids.process]?.Properties?.Timeout as number;
      expect(s.json.Resources[ids.processQueue]?.Properties?.VisibilityTimeout).toBe(timeout * 6);
    });

    it('are three, encrypted, refusing non-TLS requests: process, its dead-letter queue, and the runs dead-letter queue', () => {
      const queues = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::SQS::Queue');
      expect(queues).toHaveLength(3);
      for (const q of queues) expect(q.Properties?.SqsManagedSseEnabled).toBe(true);
      const policies = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::SQS::QueuePolicy');
      expect(policies).toHaveLength(3);
      for (const p of policies) expect(p.Properties?.PolicyDocument.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    });

    it('feed process in small batches with partial-batch failures and bounded concurrency', () => {
      s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [ids.processQueue, 'Arn'] },
        FunctionName: { Ref: ids.process },
        BatchSize: DEFAULT_SETTINGS.processBatchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: DEFAULT_SETTINGS.processMaxConcurrency },
      });
      // At most processMaxConcurrency invocations × fetchConcurrency pages at once.
      const config = JSON.parse(s.json.Resources[ids.process]?.Properties?.Environment.Variables.KAZFEED_CONFIG);
      expect(config.concurrency * DEFAULT_SETTINGS.processMaxConcurrency).toBeLessThanOrEqual(4);
    });

    it('feed only process: no event source polls anything for publish (idle long polling is billed)', () => {
      const mappings = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::Lambda::EventSourceMapping');
      expect(mappings.map((m) => m.Properties?.FunctionName)).toEqual([{ Ref: ids.process }]);
    });

    it('give ingest what it needs to ask for a publish, delayed, once per run, as a one-time schedule', () => {
      const env = s.json.Resources[ids.ingest]?.Properties?.Environment.Variables;
      expect(env).not.toHaveProperty('KAZFEED_PUBLISH_QUEUE_URL');
      expect(env.KAZFEED_PUBLISH_DELAY_SECONDS).toBe(String(DEFAULT_SETTINGS.publishDelaySeconds));
      expect(env.KAZFEED_PUBLISH_WINDOW_MINUTES).toBe(String(DEFAULT_SETTINGS.publishWindowMinutes));
      expect(DEFAULT_SETTINGS.publishWindowMinutes).toBe(30);
      expect(env.KAZFEED_PROCESS_QUEUE_URL).toEqual({ Ref: ids.processQueue });
      expect(env.KAZFEED_SCHEDULE_GROUP).toBe(Object.values(s.json.Resources).find((r) => r.Type === 'AWS::Scheduler::ScheduleGroup')?.Properties?.Name);
      expect(env.KAZFEED_PUBLISH_FUNCTION_ARN).toEqual({ 'Fn::GetAtt': [ids.publish, 'Arn'] });
      expect(env.KAZFEED_PUBLISH_SCHEDULE_ROLE_ARN).toEqual({ 'Fn::GetAtt': [ids.publishScheduleRole, 'Arn'] });
      expect(env.KAZFEED_PUBLISH_DEAD_LETTER_ARN).toEqual({ 'Fn::GetAtt': [ids.runsDlq, 'Arn'] });
    });
  });

  describe('functions', () => {
    it('run Node.js 24 on arm64, bundled as ESM, without --enable-source-maps (it costs every cold start)', () => {
      for (const id of [ids.ingest, ids.process, ids.publish]) {
        const p = s.json.Resources[id]?.Properties;
        expect(p?.Runtime).toBe('nodejs24.x');
        expect(p?.Architectures).toEqual(['arm64']);
        expect(p?.Handler).toBe('index.handler');
        expect(p?.Environment.Variables).not.toHaveProperty('NODE_OPTIONS');
        expect(p?.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe(METRIC_NAMESPACE);
      }
      s.template.resourceCountIs('AWS::Lambda::Function', 3);
    });

    it('reserve no concurrency, so that a new account (quota 10, none reservable) can deploy them', () => {
      for (const id of [ids.ingest, ids.process, ids.publish]) {
        expect(s.json.Resources[id]?.Properties).not.toHaveProperty('ReservedConcurrentExecutions');
      }
    });

    it('log as JSON to their own log groups with explicit retention, START and REPORT lines included', () => {
      for (const id of [ids.ingest, ids.process, ids.publish]) {
        const logging = s.json.Resources[id]?.Properties?.LoggingConfig;
        expect(logging.LogFormat).toBe('JSON');
        expect(logging.SystemLogLevel).toBe('INFO');
        expect(logging.ApplicationLogLevel).toBe('INFO');
        const group = s.json.Resources[logging.LogGroup.Ref];
        expect(group?.Type).toBe('AWS::Logs::LogGroup');
        expect(group?.Properties?.RetentionInDays).toBe(DEFAULT_SETTINGS.logRetentionDays);
        expect(group?.DeletionPolicy).toBe('RetainExceptOnCreate');
      }
    });

    it('have roles without managed policies, each allowed only its own log group', () => {
      for (const role of Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::IAM::Role')) {
        expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
      }
      for (const id of [ids.ingest, ids.process, ids.publish]) {
        const roleId = s.json.Resources[id]?.Properties?.Role['Fn::GetAtt'][0];
        const logGroup = s.json.Resources[id]?.Properties?.LoggingConfig.LogGroup.Ref;
        const logs = grantsOf(s, roleId, {}).filter((g) => g.startsWith('logs:'));
        expect(logs).toEqual([`logs:CreateLogStream ${logGroup}.Arn`, `logs:PutLogEvents ${logGroup}.Arn`]);
      }
    });
  });

  describe('IAM, scoped to the keys and prefixes each stage touches', () => {
    const roleOf = (fn: string) => s.json.Resources[fn]?.Properties?.Role['Fn::GetAtt'][0] as string;
    const grants = (fn: string) => grantsOf(s, roleOf(fn), { [ids.bucket]: 'bucket', [ids.processQueue]: 'processQueue', [ids.runsDlq]: 'runsDlq', [ids.publishScheduleRole]: 'publishScheduleRole' }).filter((g) => !g.startsWith('logs:'));
    const scheduleGroupName = () => Object.values(s.json.Resources).find((r) => r.Type === 'AWS::Scheduler::ScheduleGroup')?.Properties?.Name as string;

    it('ingest: reads and writes its state (and copies an unreadable one aside), holds and gives up the run lease, sends to the process queue (and a failed invocation to the runs dead-letter queue), creates publish schedules in its group and passes them their role', () => {
      expect(grants(ids.ingest)).toEqual([
        'iam:PassRole publishScheduleRole.Arn',
        's3:DeleteObject bucket.Arn/state/lease.json',
        's3:GetObject bucket.Arn/state/ingest.json',
        's3:GetObject bucket.Arn/state/lease.json',
        's3:ListBucket bucket.Arn',
        's3:PutObject bucket.Arn/state/ingest.json',
        's3:PutObject bucket.Arn/state/ingest.unreadable-*',
        's3:PutObject bucket.Arn/state/lease.json',
        `scheduler:CreateSchedule arn:AWS::Partition:scheduler:AWS::Region:AWS::AccountId:schedule/${scheduleGroupName()}/publish-*`,
        'sqs:GetQueueAttributes processQueue.Arn',
        'sqs:GetQueueAttributes runsDlq.Arn',
        'sqs:GetQueueUrl processQueue.Arn',
        'sqs:GetQueueUrl runsDlq.Arn',
        'sqs:SendMessage processQueue.Arn',
        'sqs:SendMessage runsDlq.Arn',
      ]);
      // The role may be handed to Scheduler only.
      const policy = Object.values(s.json.Resources).find((r) => r.Type === 'AWS::IAM::Policy' && r.Properties?.Roles.some((x: { Ref: string }) => x.Ref === roleOf(ids.ingest)));
      expect(policy?.Properties?.PolicyDocument.Statement).toContainEqual(expect.objectContaining({
        Action: 'iam:PassRole',
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }));
    });

    it('the publish schedules\' role may invoke the publish function and dead-letter to its queue, nothing else, and only Scheduler of this account assumes it', () => {
      expect(grantsOf(s, ids.publishScheduleRole, { [ids.publish]: 'publish', [ids.runsDlq]: 'runsDlq' })).toEqual([
        'lambda:InvokeFunction publish.Arn',
        'sqs:SendMessage runsDlq.Arn',
      ]);
      expect(s.json.Resources[ids.publishScheduleRole]?.Properties?.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      })]);
    });

    it('process: writes articles, raw pages, rejections and pending markers; reads back articles and markers, and removes an earlier attempt\'s rejection', () => {
      expect(grants(ids.process).filter((g) => g.startsWith('s3:'))).toEqual([
        's3:DeleteObject bucket.Arn/rejected/*',
        's3:GetObject bucket.Arn/articles/*',
        's3:GetObject bucket.Arn/index/pending/*',
        's3:GetObject bucket.Arn/rejected/*',
        's3:ListBucket bucket.Arn',
        's3:PutObject bucket.Arn/articles/*',
        's3:PutObject bucket.Arn/index/pending/*',
        's3:PutObject bucket.Arn/raw/*',
        's3:PutObject bucket.Arn/rejected/*',
      ]);
      expect(grants(ids.process).filter((g) => g.startsWith('sqs:')).every((g) => g.endsWith(' processQueue.Arn'))).toBe(true);
    });

    it('publish: reads articles, the index, the archive and the feeds (to rebase them), writes feeds, the index, the archive (daily files and their copies for Athena, manifest, series) and the atlas, clears pending markers, holds its lease', () => {
      expect(grants(ids.publish).filter((g) => g.startsWith('s3:'))).toEqual([
        's3:DeleteObject bucket.Arn/index/pending/*',
        's3:DeleteObject bucket.Arn/state/publish-lease.json',
        's3:GetObject bucket.Arn/archive/daily/*',
        's3:GetObject bucket.Arn/archive/manifest.json',
        's3:GetObject bucket.Arn/archive/series/*',
        's3:GetObject bucket.Arn/articles/*',
        's3:GetObject bucket.Arn/feeds/*',
        's3:GetObject bucket.Arn/index/feeds/*',
        's3:GetObject bucket.Arn/index/members.json',
        's3:GetObject bucket.Arn/index/pending/*',
        's3:GetObject bucket.Arn/index/site/*',
        's3:GetObject bucket.Arn/state/publish-lease.json',
        's3:ListBucket bucket.Arn',
        's3:PutObject bucket.Arn/archive/athena/articles/*',
        's3:PutObject bucket.Arn/archive/daily/*',
        's3:PutObject bucket.Arn/archive/manifest.json',
        's3:PutObject bucket.Arn/archive/series/*',
        's3:PutObject bucket.Arn/feeds/*',
        's3:PutObject bucket.Arn/index/feeds/*',
        's3:PutObject bucket.Arn/index/members.json',
        's3:PutObject bucket.Arn/index/site/*',
        's3:PutObject bucket.Arn/site/*',
        's3:PutObject bucket.Arn/state/publish-lease.json',
      ]);
    });

    it('no statement anywhere allows a wildcard action or the whole bucket', () => {
      for (const resource of Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::IAM::Policy')) {
        for (const st of resource.Properties?.PolicyDocument.Statement) {
          for (const action of [st.Action].flat()) expect(action).not.toMatch(/\*/);
          for (const r of [st.Resource].flat()) expect(JSON.stringify(r)).not.toMatch(/"\/\*"|^"\*"$/);
        }
      }
    });

    it('the scheduler may invoke the ingest function and dead-letter a tick it could not deliver, nothing else', () => {
      s.template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: DEFAULT_SETTINGS.schedule,
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: { 'Fn::GetAtt': [ids.ingest, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 300 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [ids.runsDlq, 'Arn'] } },
          Input: Match.serializedJson(Match.objectLike({ source: 'kazfeed.schedule', scheduledTime: '<aws.scheduler.scheduled-time>' })),
        },
      });
      const schedule = Object.values(s.json.Resources).find((r) => r.Type === 'AWS::Scheduler::Schedule');
      const roleId = schedule?.Properties?.Target.RoleArn['Fn::GetAtt'][0];
      expect(grantsOf(s, roleId, { [ids.ingest]: 'ingest', [ids.runsDlq]: 'runsDlq' })).toEqual(['lambda:InvokeFunction ingest.Arn', 'sqs:SendMessage runsDlq.Arn']);
      expect(s.json.Resources[roleId]?.Properties?.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    });
  });

  describe('schedule', () => {
    it('runs enabled, in a schedule group of the stack\'s own (Scheduler\'s metrics are per group)', () => {
      const schedule = Object.values(s.json.Resources).find((r) => r.Type === 'AWS::Scheduler::Schedule');
      const [groupId, group] = Object.entries(s.json.Resources).find(([, r]) => r.Type === 'AWS::Scheduler::ScheduleGroup') ?? [];
      expect(schedule?.Properties?.State).toBe('ENABLED');
      expect(schedule?.Properties?.GroupName).toBe(group?.Properties?.Name);
      // The group is named by a string, so the dependency must be explicit.
      expect(schedule?.DependsOn).toContain(groupId);
    });
  });

  describe('alarms', () => {
    const alarms = () => Object.entries(s.json.Resources).filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm');
    const alarm = (id: string) => alarms().find(([logicalId]) => logicalId.startsWith(id))?.[1].Properties as Record<string, any>;
    const custom = (service: string) => [{ Name: 'deployment', Value: DEFAULT_SETTINGS.stackName }, { Name: 'service', Value: service }];

    it('are exactly these, each on its metric, statistic, period and threshold', () => {
      const expected: Record<string, Record<string, unknown>> = {
        RunsDeadLetterAlarm: { Namespace: 'AWS/SQS', MetricName: 'NumberOfMessagesSent', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.runsDlq, 'QueueName'] } }], Statistic: 'Sum', Period: 300, Threshold: 1, EvaluationPeriods: 3, DatapointsToAlarm: 1 },
        // Six runs an hour on the default rate(10 minutes): five of them with a failing source.
        SourceFailingAlarm: { Namespace: METRIC_NAMESPACE, MetricName: METRICS.feedErrors, Dimensions: custom('ingest'), Statistic: 'SampleCount', Period: 3600, Threshold: 5, EvaluationPeriods: 1, TreatMissingData: 'notBreaching' },
        ProcessQueueAgeAlarm: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.processQueue, 'QueueName'] } }], Statistic: 'Maximum', Period: 300, Threshold: 1800, EvaluationPeriods: 3, DatapointsToAlarm: 3 },
        LayoutBrokenAlarm: {
          Namespace: METRIC_NAMESPACE, MetricName: METRICS.articlesUnversioned, Dimensions: custom('process'), Statistic: 'Average', Period: 3600, Threshold: UNVERSIONED_SHARE,
          ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1,
        },
        ProcessDeadLetterAlarm: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.processDlq, 'QueueName'] } }], Statistic: 'Maximum', Period: 300, Threshold: 1 },
        NoNewArticleAlarm: {
          Namespace: METRIC_NAMESPACE, MetricName: METRICS.articlesUnversioned, Dimensions: custom('process'), Statistic: 'SampleCount', Period: 3600, Threshold: 1,
          ComparisonOperator: 'LessThanThreshold', EvaluationPeriods: DEFAULT_SETTINGS.noNewArticleHours, DatapointsToAlarm: DEFAULT_SETTINGS.noNewArticleHours, TreatMissingData: 'breaching',
        },
      };
      expect(alarms().map(([logicalId]) => logicalId.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(Object.keys(expected).sort());
      for (const [id, properties] of Object.entries(expected)) {
        expect(alarm(id), id).toMatchObject({ ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching', ...properties });
      }
    });

    it('RunsDeadLetterAlarm stays on while runs keep failing: a failure in any five minutes of one run interval and five minutes more', () => {
      // The default rate(10 minutes): three periods, one breaching enough, so a failure every tick never lets it turn OK.
      expect(alarm('RunsDeadLetterAlarm')).toMatchObject({ EvaluationPeriods: 3, DatapointsToAlarm: 1 });
      expect(['rate(1 minute)', 'rate(30 minutes)', 'rate(2 hours)', 'rate(1 day)', 'cron(0 * * * ? *)'].map(minutesBetweenRuns)).toEqual([1, 30, 120, 1440, 60]);
      const hourly = synth({ schedule: 'rate(1 hour)' });
      const props = Object.entries(hourly.json.Resources).find(([id, r]) => r.Type === 'AWS::CloudWatch::Alarm' && id.startsWith('RunsDeadLetterAlarm'))?.[1].Properties;
      expect(props).toMatchObject({ Period: 300, EvaluationPeriods: 13, DatapointsToAlarm: 1 });
      // CloudWatch looks back a day at most.
      const daily = synth({ schedule: 'rate(1 day)' });
      expect(Object.entries(daily.json.Resources).find(([id, r]) => r.Type === 'AWS::CloudWatch::Alarm' && id.startsWith('RunsDeadLetterAlarm'))?.[1].Properties).toMatchObject({ EvaluationPeriods: 288 });
    });

    it('LayoutBrokenAlarm fires when more than a quarter of an hour\'s stored articles fit no extractor version', () => {
      // ArticlesUnversioned is 1 or 0 per stored article: its Average is the share.
      expect(UNVERSIONED_SHARE).toBe(0.25);
      expect(alarm('LayoutBrokenAlarm')).toMatchObject({ Statistic: 'Average', Threshold: 0.25, ComparisonOperator: 'GreaterThanThreshold' });
    });

    it('read two custom metrics in all, the ones the handlers emit', () => {
      const read = alarms().map(([, r]) => r.Properties as Record<string, any>);
      const custom = new Set(read.filter((m) => m.Namespace === METRIC_NAMESPACE).map((m) => m.MetricName));
      expect([...custom].sort()).toEqual(Object.values(METRICS).sort());
    });

    it('each notify the SNS topic when they fire and when they clear, and name their runbook line', () => {
      for (const [logicalId, resource] of alarms()) {
        const properties = resource.Properties as Record<string, any>;
        expect(properties.AlarmActions, logicalId).toEqual([{ Ref: ids.topic }]);
        expect(properties.OKActions, logicalId).toEqual([{ Ref: ids.topic }]);
        expect(properties.AlarmDescription, logicalId).toMatch(new RegExp(`Runbook: README\\.md, "Alarms", ${logicalId.replace(/[0-9A-F]{8}$/, '')}\\.$`));
      }
    });

    it('have a runbook line each in the README', () => {
      const runbook = README.slice(README.indexOf('### Alarms'));
      for (const [logicalId] of alarms()) expect(runbook, logicalId).toContain(`**${logicalId.replace(/[0-9A-F]{8}$/, '')}**`);
    });

    it('are all counted by the cost model, each reading one metric (CloudWatch bills an alarm per metric it reads)', () => {
      for (const [logicalId, r] of alarms()) expect(r.Properties, logicalId).not.toHaveProperty('Metrics');
      expect(alarms()).toHaveLength(DEFAULT_ASSUMPTIONS.inputs.alarmMetrics);
    });

    it('go to a topic that is TLS-only and unencrypted by default (no $1/month key)', () => {
      expect(s.json.Resources[ids.topic]?.Properties?.KmsMasterKeyId).toBeUndefined();
      s.template.resourceCountIs('AWS::KMS::Key', 0);
      s.template.resourceCountIs('AWS::SNS::Subscription', 0);
    });

    it('encrypt the topic with a rotating customer-managed key that only this account\'s CloudWatch may use, when asked', () => {
      const encrypted = synth({ encryptAlarmTopic: 'true' });
      const topic = Object.values(encrypted.json.Resources).find((r) => r.Type === 'AWS::SNS::Topic');
      expect(topic?.Properties?.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/AlarmTopicKey/), 'Arn'] });
      const key = Object.values(encrypted.json.Resources).find((r) => r.Type === 'AWS::KMS::Key');
      expect(key?.Properties?.EnableKeyRotation).toBe(true);
      const forCloudWatch = (key?.Properties?.KeyPolicy.Statement as any[]).filter((st) => JSON.stringify(st.Principal).includes('cloudwatch'));
      expect(forCloudWatch).toEqual([expect.objectContaining({
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      })]);
    });
  });

  describe('outputs', () => {
    it('name the feed and archive URLs and the S3 location of the archive', () => {
      const outputs = s.json.Outputs ?? {};
      expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['FeedRssUrl', 'FeedJsonUrl', 'ArchiveManifestUrl', 'ArchiveS3Uri', 'BucketName', 'AlarmTopicArn', 'IngestFunctionName', 'PublishFunctionName']));
      expect(JSON.stringify(outputs.FeedRssUrl.Value)).toContain('/feeds/all.xml');
      expect(JSON.stringify(outputs.ArchiveS3Uri.Value)).toContain('s3://');
    });

    it('give each dead-letter queue\'s URL and ARN, which the redrive command needs', () => {
      const outputs = s.json.Outputs ?? {};
      expect(outputs.ProcessDeadLetterQueueUrl.Value).toEqual({ Ref: ids.processDlq });
      expect(outputs.ProcessDeadLetterQueueArn.Value).toEqual({ 'Fn::GetAtt': [ids.processDlq, 'Arn'] });
      expect(outputs.RunsDeadLetterQueueUrl.Value).toEqual({ Ref: ids.runsDlq });
      // And the process queue's, to see it empty before a teardown.
      expect(outputs.ProcessQueueUrl.Value).toEqual({ Ref: ids.processQueue });
    });

    it('describe the runs dead-letter queue as where failed runs and publishes go', () => {
      const outputs = s.json.Outputs ?? {};
      expect(outputs.RunsDeadLetterQueueUrl.Description).toMatch(/Ingest runs and publishes that failed or that EventBridge Scheduler could not deliver/);
    });
  });

  describe('failed runs', () => {
    it('ingest and publish send an invocation Lambda gives up on to the runs dead-letter queue: ingest at once (the next tick retries), publish after two retries', () => {
      const configs = Object.values(s.json.Resources).filter((r) => r.Type === 'AWS::Lambda::EventInvokeConfig').map((r) => r.Properties);
      const of = (id: string) => configs.find((c) => c?.FunctionName.Ref === id);
      const onFailure = { OnFailure: { Destination: { 'Fn::GetAtt': [ids.runsDlq, 'Arn'] } } };
      expect(configs).toHaveLength(2);
      expect(of(ids.ingest)).toMatchObject({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 600, DestinationConfig: onFailure });
      expect(of(ids.publish)).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600, DestinationConfig: onFailure });
    });
  });

  describe('cdk-nag AwsSolutionsChecks', () => {
    it('reports nothing unacknowledged', () => {
      expect(nagFindings(s)).toEqual([]);
    });

    it('every acknowledgement carries a real reason and covers a finding that exists', () => {
      const acks = acknowledgements(s);
      expect(acks.length).toBeGreaterThan(0);
      for (const ack of acks) expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThan(60);
      // Without the acknowledgements, exactly the acknowledged findings come back: none is stale.
      expect([...new Set(acks.map((a) => a.id))].sort()).toEqual([...new Set(nagFindings(s, true))].sort());
    });

    it('the IAM5 acknowledgements name single prefixes (of keys, or of publish schedules in the stack\'s group), never the whole bucket or an action wildcard', () => {
      const publishSchedules = `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${Object.values(s.json.Resources).find((r) => r.Type === 'AWS::Scheduler::ScheduleGroup')?.Properties?.Name}/publish-*]`;
      for (const ack of acknowledgements(s).filter((a) => a.id.startsWith('AwsSolutions-IAM5') && a.id !== publishSchedules)) {
        expect(ack.id).toMatch(/^AwsSolutions-IAM5\[Resource::<Bucket[0-9A-F]+\.Arn>\/(?:[a-z]+(\/[a-z]+){0,2}\/\*|state\/ingest\.unreadable-\*)\]$/);
      }
      expect(acknowledgements(s).map((a) => a.id)).toContain(publishSchedules);
    });
  });
});

describe('the stack with settings', () => {
  afterAll(cleanOutdirs);

  it('subscribes the alarm e-mail and serves a custom domain with TLS 1.2 and its certificate', () => {
    const s = synth({
      alarmEmail: 'ops@example.org',
      domainName: 'Feeds.Example.org',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1234-5678-9abc-def012345678',
    });
    s.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
    s.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['feeds.example.org'],
        ViewerCertificate: Match.objectLike({ AcmCertificateArn: Match.stringLikeRegexp('certificate/0f0e0d0c'), MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
      }),
    });
    expect(s.json.Resources[s.logicalId(s.stack.publishFunction)]?.Properties?.Environment.Variables.KAZFEED_PUBLIC_BASE_URL).toBe('https://feeds.example.org');
    expect(nagFindings(s)).toEqual([]);
    // With a certificate of its own the distribution needs no TLS acknowledgement.
    expect(acknowledgements(s).map((a) => a.id)).not.toContain('AwsSolutions-CFR4');
  });

  it('takes feeds, hosts, schedule and sizes from context, as JSON or comma-separated text', () => {
    const s = synth({
      feeds: 'https://www.inform.kz/rss/eng.xml, https://cn.inform.kz/rss/chn.xml',
      allowHosts: '["www.inform.kz","cn.inform.kz"]',
      schedule: 'rate(30 minutes)',
      feedSize: '50',
      maxReceiveCount: 3,
      noNewArticleHours: '24',
      logRetentionDays: 90,
    });
    const env = s.json.Resources[s.logicalId(s.stack.ingestFunction)]?.Properties?.Environment.Variables;
    const config = JSON.parse(env.KAZFEED_CONFIG);
    expect(config.feeds).toEqual([{ url: 'https://www.inform.kz/rss/eng.xml' }, { url: 'https://cn.inform.kz/rss/chn.xml' }]);
    expect(config.allowHosts).toEqual(['www.inform.kz', 'cn.inform.kz']);
    expect(config.feedSize).toBe(50);
    s.template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(30 minutes)' });
    s.template.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }) });
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: METRICS.articlesUnversioned, EvaluationPeriods: 24 });
    s.template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('removalPolicy=destroy deletes the bucket (emptying it first) and the log groups', () => {
    const s = synth({ removalPolicy: 'destroy' });
    s.template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
    // The pipeline's bucket and Athena's results bucket.
    s.template.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    s.template.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
    expect(nagFindings(s)).toEqual([]);
  });

  it('scheduleEnabled=false deploys the schedule disabled, and the no-new-article alarm then does not count silence', () => {
    const s = synth({ scheduleEnabled: 'false' });
    s.template.hasResourceProperties('AWS::Scheduler::Schedule', { State: 'DISABLED' });
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: METRICS.articlesUnversioned, TreatMissingData: 'notBreaching' });
  });

  it('warns on synth when no alarm e-mail is set, and not when one is', () => {
    expect(warnings(synth())).toEqual([expect.stringMatching(/^no alarmEmail is set: the alarms notify an SNS topic nobody is subscribed to/)]);
    expect(warnings(synth({ alarmEmail: 'ops@example.org' }))).toEqual([]);
  });

  it('ignores the retired publishReservedConcurrency, with a warning, and reserves nothing', () => {
    const s = synth({ alarmEmail: 'ops@example.org', publishReservedConcurrency: 1 });
    expect(warnings(s)).toEqual([expect.stringMatching(/^context "publishReservedConcurrency" is no longer used and is ignored: .*lease/)]);
    expect(s.json.Resources[s.logicalId(s.stack.publishFunction)]?.Properties).not.toHaveProperty('ReservedConcurrentExecutions');
  });

  it('reads the settings file that context settingsFile names, context winning key by key', () => {
    const file = settingsFile({ alarmEmail: 'file@example.org', feedSize: 40, scheduleEnabled: false });
    const s = synth({ settingsFile: file, feedSize: '60' });
    s.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'file@example.org' });
    s.template.hasResourceProperties('AWS::Scheduler::Schedule', { State: 'DISABLED' });
    expect(JSON.parse(s.json.Resources[s.logicalId(s.stack.ingestFunction)]?.Properties?.Environment.Variables.KAZFEED_CONFIG).feedSize).toBe(60);
  });

  it('refuses a settings file that is missing, not JSON, or has a key it does not know', () => {
    expect(() => synth({ settingsFile: join(tmpdir(), 'no-such-kazfeed.deploy.json') })).toThrow(/^settings file .*no-such-kazfeed\.deploy\.json does not exist$/);
    const broken = settingsFile({});
    writeFileSync(broken, '{ "alarmEmail": ');
    expect(() => synth({ settingsFile: broken })).toThrow(/: not valid JSON: /);
    expect(() => synth({ settingsFile: settingsFile({ alarmEmial: 'ops@example.org' }) })).toThrow(/: unknown setting "alarmEmial" \(known: stackName, feeds, /);
    expect(() => synth({ settingsFile: settingsFile({ alarmEmail: 'nobody' }) })).toThrow(/kazfeed\.deploy\.json "alarmEmail": is not an e-mail address, got "nobody"$/);
  });

  it('refuses bad context with a message naming the key', () => {
    const expected = 'expected rate(N minutes|hours|days), rate(1 minute|hour|day) or a six-field cron(...); a one-time at(...) would run the pipeline once';
    for (const schedule of ['every 10 minutes', 'rate(banana)', 'rate(5 minute)', 'rate(1 hours)', 'rate(0 minutes)', 'cron(0 * * * *)', 'at(2026-12-24T09:00:00)']) {
      expect(() => synth({ schedule }), schedule).toThrow(`context "schedule": ${expected}, got "${schedule}"`);
    }
    for (const schedule of ['rate(1 minute)', 'rate(15 minutes)', 'rate(12 hours)', 'cron(0/20 * * * ? *)']) expect(() => synth({ schedule }), schedule).not.toThrow();
    expect(() => synth({ feedSize: 'many' })).toThrow('context "feedSize": expected a whole number from 1 to 1000, got "many"');
    expect(() => synth({ domainName: 'feeds.example.org' })).toThrow(/context "certificateArn": is required/);
    expect(() => synth({ certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x', domainName: 'a.example.org' })).toThrow(/us-east-1/);
    expect(() => synth({ feeds: 'not a url' })).toThrow(/context "feeds"/);
    // Lambda's 4 KB environment: refused at synth, not by CloudFormation mid-deploy.
    const many = Array.from({ length: 60 }, (_, i) => `https://www.inform.kz/rss/section-number-${i}-with-a-long-name.xml`);
    expect(() => synth({ feeds: many.join(',') })).toThrow(/settings "feeds" and "allowHosts": the functions' configuration would take \d+ bytes of Lambda's 4 KB environment \(at most 2996 fit/);
    expect(() => synth({ feeds: many.join(',') })).toThrow(SettingsError);
    expect(() => synth({ logRetentionDays: 10 })).toThrow(/context "logRetentionDays"/);
    expect(() => synth({ processMaxConcurrency: 1 })).toThrow(/context "processMaxConcurrency"/);
    expect(() => synth({ removalPolicy: 'snapshot' })).toThrow(/context "removalPolicy"/);
    expect(() => synth({ alarmEmail: 'nobody' })).toThrow(/context "alarmEmail"/);
    expect(() => synth({ encryptAlarmTopic: 'yes' })).toThrow(/context "encryptAlarmTopic"/);
  });
});

describe('the archive for Athena', () => {
  const s = synth({});

  it('defines the articles table over the per-day copies, partitioned by day with partition projection', () => {
    s.template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'kazinform_relations_feed' } });
    s.template.hasResourceProperties('AWS::Glue::Table', {
      DatabaseName: 'kazinform_relations_feed',
      TableInput: Match.objectLike({
        Name: 'articles',
        PartitionKeys: [{ Name: 'day', Type: 'string', Comment: Match.anyValue() }],
        Parameters: Match.objectLike({
          'projection.enabled': 'true',
          'projection.day.type': 'date',
          'projection.day.format': 'yyyy-MM-dd',
          'projection.day.range': '2010-01-01,NOW',
          'storage.location.template': Match.objectLike({ 'Fn::Join': ['', ['s3://', Match.anyValue(), '/archive/athena/articles/day=${day}/']] }),
        }),
        StorageDescriptor: Match.objectLike({
          SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', Parameters: { 'ignore.malformed.json': 'true' } },
          Columns: Match.arrayWith([
            { Name: 'relations', Type: 'struct<kind:string,countries:array<string>,pair:string,kazakhstaninvolved:boolean,confidence:double,topics:array<string>>' },
            { Name: 'figures', Type: 'array<struct<kind:string,value:double,unit:string,raw:string,paragraph:int,metric:string,period:string,direction:struct<from:string,to:string>,change:double,planned:boolean>>' },
          ]),
        }),
      }),
    });
  });

  it('defines the series table over archive/series/', () => {
    s.template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        Name: 'series',
        StorageDescriptor: Match.objectLike({ Location: { 'Fn::Join': ['', ['s3://', Match.anyValue(), '/archive/series/']] } }),
      }),
    });
  });

  it('runs queries in a workgroup that writes results to a bucket of their own and stops at the scan limit', () => {
    s.template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 1024 * 1024 * 1024,
        ResultConfiguration: Match.objectLike({ EncryptionConfiguration: { EncryptionOption: 'SSE_S3' } }),
      }),
    });
    expect(synth({ athenaScanLimitMb: 100 }).template.findResources('AWS::Athena::WorkGroup')).toSatisfy((r: Record<string, { Properties: { WorkGroupConfiguration: { BytesScannedCutoffPerQuery: number } } }>) =>
      Object.values(r)[0]?.Properties.WorkGroupConfiguration.BytesScannedCutoffPerQuery === 100 * 1024 * 1024);
    expect(nagFindings(s)).toEqual([]);
  });
});
