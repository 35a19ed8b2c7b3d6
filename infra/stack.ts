import { join } from 'node:path';
import { CfnOutput, Duration, Names, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  type IResponseHeadersPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type BundlingOptions, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import { ContextAttribute, type IScheduleTarget, Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DEFAULT_CONFIG } from '../functions/lib/config.ts';
import { ENV, METRIC_NAMESPACE } from '../functions/lib/lambda-env.ts';
import { PUBLISH_SCHEDULE_PREFIX } from '../functions/ingest/publish-schedule.ts';
import { createAlarms } from './alarms.ts';
import { ArchiveAnalytics, databaseNameOf } from './analytics.ts';
import { SettingsError, type StackSettings } from './config.ts';
import { PrefixScopedS3Origin } from './scoped-s3-origin.ts';
import { PUBLIC_PREFIXES, ROOT_REDIRECT, SITE_CONTENT_SECURITY_POLICY } from './served.ts';

const REPO_ROOT = join(import.meta.dirname, '..');

/** How long CloudFront remembers that an object is missing (a new pair's feed appears after a publish). */
const ERROR_CACHE_TTL = Duration.seconds(30);

/** Function timeouts; the process queue's visibility timeout is six times its (AWS's advice for SQS sources). */
const TIMEOUTS = { ingest: Duration.minutes(5), process: Duration.minutes(5), publish: Duration.minutes(5) };

export interface FeedStackProps extends StackProps {
  settings: StackSettings;
}

/** Lambda's limit on a function's environment variables, names and values together. */
const LAMBDA_ENVIRONMENT_BYTES = 4096;
/**
 * Room kept for the variables beside the configuration: their names and fixed values (about 400
 * bytes for ingest) and what the tokens resolve to at deploy (queue URL, function and role ARNs,
 * the bucket: about 450 more), with a margin.
 */
const OTHER_VARIABLES_BYTES = 1_100;

/**
 * The whole pipeline in one stack:
 *
 *   EventBridge Scheduler ─▶ ingest ─▶ process queue ─▶ process ─▶ S3 (articles/, index/pending/)
 *                              │            └─▶ DLQ after maxReceiveCount receives
 *                              └─▶ one-time schedule (at now + delay) ─▶ publish (one at a time: S3 lease) ─▶ S3 (feeds/, archive/)
 *                                        └─▶ publish DLQ if Scheduler cannot deliver it
 *   CloudFront (OAC) ─▶ S3 feeds/, archive/ and site/ only
 *   CloudWatch alarms ─▶ SNS topic ─▶ e-mail
 */

export class FeedStack extends Stack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly processQueue: Queue;
  readonly processDeadLetterQueue: Queue;
  readonly runsDeadLetterQueue: Queue;
  readonly publishScheduleRole: Role;
  readonly ingestFunction: NodejsFunction;
  readonly processFunction: NodejsFunction;
  readonly publishFunction: NodejsFunction;
  readonly alarmTopic: Topic;
  readonly alarms: Alarm[];
  readonly schedule: Schedule;
  readonly analytics: ArchiveAnalytics;
  readonly publicBaseUrl: string;

  constructor(scope: Construct, id: string, props: FeedStackProps) {
    super(scope, id, props);
    const s = props.settings;
    // Retained, except when the deploy that creates them fails and rolls back (a new account's
    // first CloudFront distribution often does): then nothing of the failed attempt is left over.
    const removalPolicy = s.removalPolicy === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;

    // ── Storage ────────────────────────────────────────────────────────────────────────────────
    const derived = ['feeds/', 'index/', 'state/', 'archive/', 'site/'];
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      removalPolicy,
      autoDeleteObjects: s.removalPolicy === 'destroy',
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        // Raw pages are read again only by `kazfeed reprocess`: Glacier Instant Retrieval keeps
        // them readable in milliseconds at a sixth of the Standard price. (S3 does not transition
        // objects under 128 KB by default, so small pages simply stay in Standard.)
        ...(s.rawArchiveDays > 0
          ? [{ id: 'raw-to-glacier-ir', prefix: 'raw/', transitions: [{ storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(s.rawArchiveDays) }] }]
          : []),
        // Feeds, the index, state and archive files are rewritten on every publish and can be
        // rebuilt: old versions of them go quickly. Articles, raw pages and rejections keep theirs longer.
        ...derived.map((prefix) => ({
          id: `noncurrent-${prefix.slice(0, -1)}`,
          prefix,
          noncurrentVersionExpiration: Duration.days(s.derivedNoncurrentVersionDays),
        })),
        ...['articles/', 'raw/', 'rejected/', 'runs/'].map((prefix) => ({
          id: `noncurrent-${prefix.slice(0, -1)}`,
          prefix,
          noncurrentVersionExpiration: Duration.days(s.noncurrentVersionDays),
        })),
        // Publish deletes each pending marker: once the marker's old version has expired, its
        // delete marker is left alone and goes too.
        { id: 'expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Server access logs would need a second bucket (itself unlogged) and would record mostly the pipeline\'s own reads and writes: only the three function roles write here and readers come through CloudFront. Where an audit trail is required, CloudTrail data events on this bucket give one with the caller\'s identity.',
    });

    // ── CDN ────────────────────────────────────────────────────────────────────────────────────
    // Publish sets Cache-Control on every object by kind (functions/lib/cache-control.ts): feeds
    // 5 minutes, the manifest and daily archive files 1 minute. The feeds' policy caps that at 5
    // minutes; the other prefixes follow the origin, and objects without Cache-Control (written
    // before it was set) are kept 5 minutes, not an hour.
    const feedsCache = new CachePolicy(this, 'FeedsCachePolicy', {
      comment: 'Feeds: short-lived, at most 5 minutes at the edge',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(5),
      maxTtl: Duration.minutes(5),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
      queryStringBehavior: CacheQueryStringBehavior.none(),
    });
    const originCache = new CachePolicy(this, 'ArchiveCachePolicy', {
      comment: 'Archive and site pages: as long as the origin Cache-Control allows, 5 minutes without one',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(5),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
      queryStringBehavior: CacheQueryStringBehavior.none(),
    });
    const sitePages = new ResponseHeadersPolicy(this, 'SitePagesHeadersPolicy', {
      // CloudFront's names are per account, not per region: CDK's default name would collide with the same stack deployed in another region.
      responseHeadersPolicyName: `${Names.uniqueResourceName(this, { maxLength: 90 })}-SitePages-${this.region}`,
      comment: 'Atlas pages: CSP for self-contained static pages, and the usual security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: SITE_CONTENT_SECURITY_POLICY, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });
    // Anything outside the public prefixes is answered at the edge (the bucket policy would refuse
    // it anyway): "/" redirects to the all-in-one feed, everything else is a 404.
    const notServed = new CloudFrontFunction(this, 'NotServedFunction', {
      comment: 'Redirect / to the main feed; 404 for paths outside feeds/, archive/ and site/',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline([
        'function handler(event) {',
        `  if (event.request.uri === '/') return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '${ROOT_REDIRECT}' } } };`,
        "  return { statusCode: 404, statusDescription: 'Not Found', headers: { 'content-type': { value: 'text/plain; charset=utf-8' } }, body: { encoding: 'text', data: 'not found: only /feeds/, /archive/ and /site/ are served' } };",
        '}',
      ].join('\n')),
    });
    // The origin may list the bucket, so a key that does not exist (yet) is S3's 404, not its 403;
    // no viewer request reaches the bucket's root, where a listing would be answered.
    const origin = new PrefixScopedS3Origin(this.bucket, PUBLIC_PREFIXES);
    const behaviour = (cachePolicy: CachePolicy, responseHeadersPolicy: IResponseHeadersPolicy = ResponseHeadersPolicy.CORS_ALLOW_ALL_ORIGINS_AND_SECURITY_HEADERS) => ({
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy,
      compress: true,
      responseHeadersPolicy,
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${s.stackName}: Kazinform bilateral-relations feeds and archive`.slice(0, 128),
      defaultBehavior: {
        ...behaviour(feedsCache),
        functionAssociations: [{ function: notServed, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        'feeds/*': behaviour(feedsCache),
        'archive/*': behaviour(originCache),
        'site/*': behaviour(originCache, sitePages),
      },
      // A feed that does not exist yet may exist after the next publish: the 404 is not kept long.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, ttl: ERROR_CACHE_TTL })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: s.priceClass === 'All' ? PriceClass.PRICE_CLASS_ALL : s.priceClass === '200' ? PriceClass.PRICE_CLASS_200 : PriceClass.PRICE_CLASS_100,
      // With the default *.cloudfront.net certificate the viewer TLS policy is fixed by CloudFront;
      // with a certificate of our own, TLS 1.2 at least.
      ...(s.domainName && s.certificateArn
        ? {
            domainNames: [s.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', s.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'The feeds are public news metadata meant for readers everywhere; there is no country to block.' },
      { id: 'AwsSolutions-CFR2', reason: 'Read-only, cached, public static files with no forms or query strings; a WAF web ACL (from 5 USD/month plus rules) would cost more than the whole pipeline, and Shield Standard already covers the distribution.' },
      { id: 'AwsSolutions-CFR3', reason: 'Standard access logs of anonymous public reads are not needed to run the service, and each delivered log costs storage or log ingestion; the free CloudFront metrics (requests, bytes, 4xx and 5xx rates) cover operations, and logging can be enabled later without redeploying the origin.' },
    );
    if (!s.domainName) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose viewer TLS policy CloudFront fixes at TLSv1; set the domainName and certificateArn settings to get TLSv1.2_2021.',
      });
    }
    this.publicBaseUrl = s.domainName ? `https://${s.domainName}` : `https://${this.distribution.distributionDomainName}`;

    // ── Queues ─────────────────────────────────────────────────────────────────────────────────
    const queue = (id: string, props: { visibilityTimeout?: Duration; deadLetter?: Queue; maxReceiveCount?: number; retention?: Duration }) =>
      new Queue(this, id, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        ...(props.visibilityTimeout ? { visibilityTimeout: props.visibilityTimeout } : {}),
        ...(props.retention ? { retentionPeriod: props.retention } : {}),
        ...(props.deadLetter ? { deadLetterQueue: { queue: props.deadLetter, maxReceiveCount: props.maxReceiveCount ?? 5 } } : {}),
        removalPolicy: RemovalPolicy.DESTROY,
      });
    // Dead-letter queues keep messages for the SQS maximum, 14 days, to give time to look at them.
    this.processDeadLetterQueue = queue('ProcessDeadLetterQueue', { retention: Duration.days(14) });
    // Every ingest run and publish that did not happen or failed for good ends here: an invocation
    // Scheduler could not deliver (its DeadLetterConfig), and an asynchronous invocation Lambda
    // gave up on (the functions' on-failure destination: errors, timeouts, throttling beyond the
    // event's maximum age). One alarm on what arrives covers both functions and both schedules, as
    // five alarms on Errors, Throttles and Scheduler's TargetErrorCount did. Nothing polls it, so
    // it costs nothing idle, and nothing needs a redrive: the next tick runs again.
    this.runsDeadLetterQueue = queue('RunsDeadLetterQueue', { retention: Duration.days(14) });
    Validations.of(this.runsDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is a dead-letter queue: EventBridge Scheduler\'s (each schedule\'s DeadLetterConfig) and the Lambda functions\' on-failure destination, which the SQS3 check cannot see, not an SQS redrive policy.',
    });
    // A message that failed (Kazinform down, 5xx, timeout) comes back after the visibility
    // timeout: with six times the function timeout, an item is retried every 30 minutes and moves
    // to the dead-letter queue after maxReceiveCount receives (5 by default: about 2.5 hours). The
    // longest retention SQS allows, so that no message expires before its last receive; the
    // dead-letter queue counts from the same first enqueue, so it keeps a message for what is left
    // of the 14 days (at least 7.75 days at the most receives allowed, 300).
    this.processQueue = queue('ProcessQueue', {
      retention: Duration.days(14),
      visibilityTimeout: Duration.minutes(TIMEOUTS.process.toMinutes() * 6),
      deadLetter: this.processDeadLetterQueue,
      maxReceiveCount: s.maxReceiveCount,
    });

    // ── Functions ──────────────────────────────────────────────────────────────────────────────
    const bundling: BundlingOptions = {
      format: OutputFormat.ESM,
      target: 'node24',
      mainFields: ['module', 'main'],
      minify: true,
      // The map ships beside the bundle but is not loaded: --enable-source-maps parses it at every
      // cold start (7-8 ms of a 45-65 ms own init, bench/bundles.ts) for stack traces the handlers
      // rarely log (they log errors by message and name what failed). To read a crash's minified
      // stack, download the function's code and map it offline with index.mjs.map.
      sourceMap: true,
      sourcesContent: false,
      // Some CommonJS dependencies call require(): give the ESM bundle one.
      banner: "import { createRequire as __kazfeedRequire } from 'node:module'; const require = __kazfeedRequire(import.meta.url);",
      // The Node.js 24 runtime ships the AWS SDK v3.
      externalModules: ['@aws-sdk/*'],
      // The lexicons are Cyrillic, Arabic and Chinese: as UTF-8 they take a third of the bytes of \u
      // escapes. (Passed as an esbuild flag: this aws-cdk-lib does not forward its `charset` option.)
      // Bundled packages' legal comments go to index.mjs.LEGAL.txt beside the bundle, not into the code.
      esbuildArgs: { '--charset': 'utf8', '--legal-comments': 'external' },
      forceDockerBundling: false,
      logLevel: LogLevel.ERROR,
    };
    const pipelineConfig = {
      feeds: s.feeds,
      allowHosts: s.allowHosts,
      feedSize: s.feedSize,
      concurrency: s.fetchConcurrency,
      maxAttempts: s.maxReceiveCount,
      userAgent: DEFAULT_CONFIG.userAgent,
    };
    // Lambda refuses a function whose environment exceeds 4 KB in all, at deploy time; the
    // pipeline settings are most of it.
    const configBytes = Buffer.byteLength(JSON.stringify(pipelineConfig), 'utf8');
    if (configBytes > LAMBDA_ENVIRONMENT_BYTES - OTHER_VARIABLES_BYTES) {
      throw new SettingsError(`settings "feeds" and "allowHosts": the functions' configuration would take ${configBytes} bytes of Lambda's 4 KB environment (at most ${LAMBDA_ENVIRONMENT_BYTES - OTHER_VARIABLES_BYTES} fit beside the other variables); list fewer sources or hosts, or shorter URLs`);
    }
    const lambda = (id: 'Ingest' | 'Process' | 'Publish', props: { memorySize: number; timeout: Duration; environment: Record<string, string>; async?: { retryAttempts: number; maxEventAge: Duration }; description: string }) => {
      const service = id.toLowerCase();
      const logGroup = new LogGroup(this, `${id}Logs`, { retention: s.logRetentionDays as RetentionDays, removalPolicy });
      // A role of our own, without the AWSLambdaBasicExecutionRole managed policy: the function may
      // write to its own log group and nothing else unless granted below.
      const role = new Role(this, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `${s.stackName} ${service} function` });
      logGroup.grantWrite(role);
      return new NodejsFunction(this, id, {
        description: props.description,
        entry: join(REPO_ROOT, 'functions', service, 'handler.ts'),
        handler: 'handler',
        projectRoot: REPO_ROOT,
        depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: props.memorySize,
        timeout: props.timeout,
        role,
        logGroup,
        loggingFormat: LoggingFormat.JSON,
        applicationLogLevelV2: ApplicationLogLevel.INFO,
        // INFO keeps the platform's START and REPORT lines: duration, memory used, init time.
        systemLogLevelV2: SystemLogLevel.INFO,
        bundling,
        ...(props.async ? { ...props.async, onFailure: new SqsDestination(this.runsDeadLetterQueue) } : {}),
        environment: {
          POWERTOOLS_SERVICE_NAME: service,
          POWERTOOLS_METRICS_NAMESPACE: METRIC_NAMESPACE,
          [ENV.deployment]: s.stackName,
          [ENV.bucket]: this.bucket.bucketName,
          [ENV.config]: JSON.stringify(pipelineConfig),
          ...props.environment,
        },
      });
    };

    // No function reserves concurrency: a new account's quota of 10 leaves none to reserve. Ingest
    // and publish each run one at a time by their S3 leases instead.
    // Publish, debounced: ingest, which knows when a burst starts (a run that queued items), asks
    // for ONE one-time schedule at the end of the publishWindowMinutes window that now +
    // publishDelaySeconds falls in (named by that time, so the window's later runs find it there),
    // long enough for the process function to drain the burst. publish then folds every pending
    // marker at once.
    // Articles that finish later (SQS retries) are picked up by the next run: ingest also asks
    // when index/pending/ still holds markers. So there is one publish per window with new
    // articles, not one per article or per run. Two publishes never race on the index and the manifest: one takes the publish
    // lease, and one that finds it held returns at once, leaving the markers it saw for the next.
    // A failed publish is retried twice by Lambda (asynchronous invocation), then dead-lettered; the
    // next run asks again while markers wait.
    this.publishFunction = lambda('Publish', {
      description: 'Folds new articles into the index and rewrites the feeds and daily archives',
      memorySize: 1024,
      timeout: TIMEOUTS.publish,
      async: { retryAttempts: 2, maxEventAge: Duration.hours(1) },
      environment: { [ENV.publicBaseUrl]: this.publicBaseUrl },
    });
    // A group of its own, holding the ingest schedule and the one-time publish schedules: ingest
    // may create and name schedules in this group only.
    const scheduleGroup = new ScheduleGroup(this, 'ScheduleGroup', { removalPolicy: RemovalPolicy.DESTROY });
    // The role Scheduler invokes publish with: that function (its exact ARN) and the DLQ, nothing else.
    this.publishScheduleRole = new Role(this, 'PublishScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
      description: `${s.stackName}: EventBridge Scheduler invokes the publish function once per ingest run`,
    });
    this.publishScheduleRole.addToPolicy(new PolicyStatement({ sid: 'InvokePublish', actions: ['lambda:InvokeFunction'], resources: [this.publishFunction.functionArn] }));
    this.publishScheduleRole.addToPolicy(new PolicyStatement({ sid: 'DeadLetter', actions: ['sqs:SendMessage'], resources: [this.runsDeadLetterQueue.queueArn] }));
    // Ingest: one run per schedule tick; async retries are off because the next tick retries, so a
    // failed run is dead-lettered (and alarmed) at once, and a tick throttled past the next is too.
    this.ingestFunction = lambda('Ingest', {
      description: 'Polls the Kazinform feeds (conditional GET) and queues new items',
      memorySize: 512,
      timeout: TIMEOUTS.ingest,
      async: { retryAttempts: 0, maxEventAge: Duration.minutes(10) },
      environment: {
        [ENV.processQueueUrl]: this.processQueue.queueUrl,
        [ENV.publishDelaySeconds]: String(s.publishDelaySeconds),
        [ENV.publishWindowMinutes]: String(s.publishWindowMinutes),
        [ENV.scheduleGroup]: scheduleGroup.scheduleGroupName,
        [ENV.publishFunctionArn]: this.publishFunction.functionArn,
        [ENV.publishScheduleRoleArn]: this.publishScheduleRole.roleArn,
        [ENV.publishDeadLetterArn]: this.runsDeadLetterQueue.queueArn,
      },
    });
    // Process: small batches; at most processMaxConcurrency invocations × fetchConcurrency pages
    // at once (2 × 2 = 4 by default, the CLI's own concurrency), so Kazinform is never hammered.
    // 512 MB: it mostly waits for Kazinform (~0.8 s a page from us-east-1) and spends ~10 ms of CPU
    // a page at this size, so more memory would buy speed it cannot use; a batch of five
    // full-size pages peaks far below it (the whole pipeline runs in a 192 MB heap, bench/).
    this.processFunction = lambda('Process', {
      description: 'Fetches, extracts, classifies, validates and stores queued articles',
      memorySize: 512,
      timeout: TIMEOUTS.process,
      environment: {},
    });

    this.processFunction.addEventSource(new SqsEventSource(this.processQueue, {
      batchSize: s.processBatchSize,
      reportBatchItemFailures: true,
      maxConcurrency: s.processMaxConcurrency,
    }));

    // ── IAM: each function gets exactly the keys and prefixes its stage touches ───────────────
    const bucketArn = this.bucket.bucketArn;
    const objects = (...keys: string[]) => keys.map((k) => this.bucket.arnForObjects(k));
    const allow = (fn: IFunction, sid: string, actions: string[], resources: string[]) =>
      fn.addToRolePolicy(new PolicyStatement({ sid, effect: Effect.ALLOW, actions, resources }));
    // s3:ListBucket (on the bucket, no objects) makes S3 answer 404 rather than 403 for a missing
    // key; the stages read objects that do not exist yet (first run) and treat 404 as "none".
    allow(this.ingestFunction, 'ListForNotFound', ['s3:ListBucket'], [bucketArn]);
    allow(this.ingestFunction, 'IngestState', ['s3:GetObject', 's3:PutObject'], objects('state/ingest.json'));
    // A state that cannot be read is copied aside (state/ingest.unreadable-<time>.json) before it is rebuilt.
    allow(this.ingestFunction, 'SetAsideIngestState', ['s3:PutObject'], objects('state/ingest.unreadable-*'));
    // The run lease is deleted when a run gives it up.
    allow(this.ingestFunction, 'RunLease', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], objects('state/lease.json'));
    this.processQueue.grantSendMessages(this.ingestFunction);
    // Ingest creates the one-time publish schedules, in the stack's group only, and may hand
    // Scheduler the publish schedule role and no other.
    const publishSchedules = this.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${scheduleGroup.scheduleGroupName}/${PUBLISH_SCHEDULE_PREFIX}*` });
    allow(this.ingestFunction, 'CreatePublishSchedule', ['scheduler:CreateSchedule'], [publishSchedules]);
    // cdk-nag names the resource as synthesized: pseudo parameters (left unresolved when the stack
    // has no explicit environment) as <AWS::...>.
    const resolved = this.resolve(publishSchedules) as string | { 'Fn::Join': [string, (string | { Ref: string })[]] };
    const nagResource = typeof resolved === 'string' ? resolved : resolved['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : `<${part.Ref}>`)).join('');
    Validations.of(this.ingestFunction.role as Role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResource}]`,
      reason: 'Each ingest run creates one publish schedule named after its request id, unknown in advance: scoped to that name prefix in the stack\'s own schedule group.',
    });
    this.ingestFunction.addToRolePolicy(new PolicyStatement({
      sid: 'PassPublishScheduleRole',
      actions: ['iam:PassRole'],
      resources: [this.publishScheduleRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }));

    allow(this.processFunction, 'WriteArticles', ['s3:PutObject'], objects('articles/*', 'raw/*', 'rejected/*', 'index/pending/*'));
    // An item's pending marker (stored by an interrupted attempt) and an already-stored article are read back.
    allow(this.processFunction, 'ListForNotFound', ['s3:ListBucket'], [bucketArn]);
    allow(this.processFunction, 'ReadStoredArticles', ['s3:GetObject'], objects('articles/*', 'index/pending/*', 'rejected/*'));
    // A stored item's rejection from an earlier attempt (given up, then redriven) is removed.
    allow(this.processFunction, 'ClearEarlierRejections', ['s3:DeleteObject'], objects('rejected/*'));

    allow(this.publishFunction, 'ListForNotFoundAndPending', ['s3:ListBucket'], [bucketArn]);
    // feeds/*: read back when the deployment's address changed, to rewrite only the feeds that name the old one.
    allow(this.publishFunction, 'ReadArticlesIndexArchive', ['s3:GetObject'], objects('articles/*', 'index/pending/*', 'index/feeds/*', 'index/members.json', 'index/site/*', 'archive/daily/*', 'archive/manifest.json', 'archive/series/*', 'feeds/*'));
    allow(this.publishFunction, 'WriteFeedsIndexArchive', ['s3:PutObject'], objects('feeds/*', 'index/feeds/*', 'index/members.json', 'index/site/*', 'archive/daily/*', 'archive/athena/articles/*', 'archive/manifest.json', 'archive/series/*', 'site/*'));
    allow(this.publishFunction, 'ClearPendingMarkers', ['s3:DeleteObject'], objects('index/pending/*'));
    allow(this.publishFunction, 'PublishLease', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], objects('state/publish-lease.json'));

    const bucketRef = `<${this.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>`;
    const prefixReason: Record<string, string> = {
      'articles/*': 'articles are keyed articles/YYYY/MM/DD/<id>.json by publication day and id, unknown until the page is read',
      'raw/*': 'raw pages are keyed raw/YYYY/MM/DD/<id>.html.gz by day and id, unknown until the page is read',
      'rejected/*': 'rejection records are keyed rejected/YYYY/MM/DD/<id>.json by day and id, unknown in advance',
      'index/pending/*': 'one pending marker per stored article, index/pending/<id>.json',
      'feeds/*': 'feed files are per language and per country pair (feeds/lang/<lang>.xml, feeds/pair/<a-b>.json), created as new pairs appear',
      'index/feeds/*': "each feed's own index beside its key (index/feeds/pair/<a-b>.json), created as new pairs appear",
      'archive/daily/*': 'one archive file per publication day, archive/daily/YYYY-MM-DD.ndjson.gz',
      'archive/series/*': "one figure series per country pair, archive/series/<a-b>.json, created as new pairs appear",
      'archive/athena/articles/*': "the daily archive file again in a folder per day for Athena's partition projection, archive/athena/articles/day=YYYY-MM-DD/articles.ndjson.gz",
      'site/*': 'the atlas pages, one per pair and per language (site/pair/<a-b>.html, site/lang/<lang>.html), created as new pairs appear',
      'index/site/*': "what the atlas pages are rendered from, one state per pair (index/site/pairs/<a-b>.json), created as new pairs appear",
      'state/ingest.unreadable-*': 'an unreadable ingest state is copied aside under a name with the time it was found, state/ingest.unreadable-<time>.json, before it is rebuilt',
    };
    const acknowledgePrefixes = (fn: NodejsFunction, prefixes: string[]) => {
      for (const prefix of prefixes) {
        Validations.of(fn.role as Role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${bucketRef}/${prefix}]`,
          reason: `Scoped to the one prefix this function writes or reads: ${prefixReason[prefix]}.`,
        });
      }
    };
    acknowledgePrefixes(this.ingestFunction, ['state/ingest.unreadable-*']);
    acknowledgePrefixes(this.processFunction, ['articles/*', 'raw/*', 'rejected/*', 'index/pending/*']);
    acknowledgePrefixes(this.publishFunction, ['articles/*', 'index/pending/*', 'index/feeds/*', 'index/site/*', 'feeds/*', 'archive/daily/*', 'archive/athena/articles/*', 'archive/series/*', 'site/*']);

    // ── Analytics ──────────────────────────────────────────────────────────────────────────────
    this.analytics = new ArchiveAnalytics(this, 'Analytics', {
      bucket: this.bucket,
      databaseName: databaseNameOf(this.stackName),
      scanLimitBytes: s.athenaScanLimitMb * 1024 * 1024,
      removalPolicy,
    });

    // ── Schedule ───────────────────────────────────────────────────────────────────────────────
    // The scheduler's role may invoke the ingest function itself: its exact ARN, not `ARN:*`
    // (versions and aliases) as the LambdaInvoke target's grantInvoke would add.
    const schedulerRole = new Role(this, 'IngestScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
      description: `${s.stackName}: EventBridge Scheduler invokes the ingest function`,
    });
    schedulerRole.addToPolicy(new PolicyStatement({ sid: 'InvokeIngest', actions: ['lambda:InvokeFunction'], resources: [this.ingestFunction.functionArn] }));
    schedulerRole.addToPolicy(new PolicyStatement({ sid: 'DeadLetter', actions: ['sqs:SendMessage'], resources: [this.runsDeadLetterQueue.queueArn] }));
    const ingestTarget: IScheduleTarget = {
      bind: () => ({
        arn: this.ingestFunction.functionArn,
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({
          source: 'kazfeed.schedule',
          scheduleArn: ContextAttribute.scheduleArn,
          scheduledTime: ContextAttribute.scheduledTime,
          executionId: ContextAttribute.executionId,
          attemptNumber: ContextAttribute.attemptNumber,
        }),
        // A missed tick is not worth retrying (the next one polls the same feeds), but it is worth
        // knowing about: it is dead-lettered, and the runs alarm fires.
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 300 },
        deadLetterConfig: { arn: this.runsDeadLetterQueue.queueArn },
      }),
    };
    this.schedule = new Schedule(this, 'IngestSchedule', {
      description: `${s.stackName}: poll the Kazinform feeds`,
      schedule: ScheduleExpression.expression(s.schedule),
      scheduleGroup,
      // A setting, so that a pause survives the next deploy (a change in the console would not).
      enabled: s.scheduleEnabled,
      timeWindow: TimeWindow.off(),
      target: ingestTarget,
    });
    // The schedule names its group by a plain string: without this, CloudFormation could create
    // the schedule before the group exists.
    this.schedule.node.addDependency(scheduleGroup);

    // ── Alarms ─────────────────────────────────────────────────────────────────────────────────
    let masterKey: Key | undefined;
    if (s.encryptAlarmTopic) {
      masterKey = new Key(this, 'AlarmTopicKey', {
        description: `${s.stackName} alarm topic encryption`,
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.DESTROY,
        pendingWindow: Duration.days(7),
      });
      // CloudWatch publishes alarm notifications to the encrypted topic: it needs the key, for
      // this account's alarms only.
      masterKey.addToResourcePolicy(new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }));
    }
    this.alarmTopic = new Topic(this, 'AlarmTopic', { displayName: `${s.stackName} alarms`, masterKey, enforceSSL: true });
    this.alarmTopic.addToResourcePolicy(new PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.alarmTopic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
    }));
    if (s.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(s.alarmEmail));
    this.alarms = createAlarms(this, {
      settings: s,
      topic: this.alarmTopic,
      processQueue: this.processQueue,
      processDeadLetterQueue: this.processDeadLetterQueue,
      runsDeadLetterQueue: this.runsDeadLetterQueue,
    });

    // ── Outputs ────────────────────────────────────────────────────────────────────────────────
    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    out('FeedRssUrl', `${this.publicBaseUrl}/feeds/all.xml`, 'All bilateral articles, RSS 2.0');
    out('FeedJsonUrl', `${this.publicBaseUrl}/feeds/all.json`, 'All bilateral articles, JSON Feed 1.1');
    out('FeedBaseUrl', `${this.publicBaseUrl}/feeds/`, 'Per-language feeds under lang/<lang>.xml|json, per-pair feeds under pair/<a-b>.xml|json');
    out('ArchiveManifestUrl', `${this.publicBaseUrl}/archive/manifest.json`, 'Daily NDJSON archive manifest (HTTPS)');
    out('ArchiveS3Uri', `s3://${this.bucket.bucketName}/archive/`, 'Daily NDJSON archive in S3 (aws s3 sync)');
    out('BucketName', this.bucket.bucketName, 'The pipeline bucket (private)');
    out('DistributionDomainName', this.distribution.distributionDomainName, 'CloudFront domain; point a custom domain\'s CNAME here');
    out('AlarmTopicArn', this.alarmTopic.topicArn, 'SNS topic the alarms notify');
    out('ProcessQueueUrl', this.processQueue.queueUrl, 'Feed items waiting to be fetched and processed (empty when the pipeline is idle)');
    out('ProcessDeadLetterQueueUrl', this.processDeadLetterQueue.queueUrl, 'Feed items that failed maxReceiveCount times');
    out('ProcessDeadLetterQueueArn', this.processDeadLetterQueue.queueArn, 'The same queue, for aws sqs start-message-move-task --source-arn');
    out('RunsDeadLetterQueueUrl', this.runsDeadLetterQueue.queueUrl, 'Ingest runs and publishes that failed or that EventBridge Scheduler could not deliver');
    out('IngestFunctionName', this.ingestFunction.functionName, 'Invoke to poll the sources now (aws lambda invoke)');
    out('PublishFunctionName', this.publishFunction.functionName, 'Invoke to publish now (aws lambda invoke)');
    out('AthenaDatabase', this.analytics.database.ref, 'Glue database with the tables articles (partitioned by day) and series');
    out('AthenaWorkGroup', this.analytics.workGroup.ref, 'Athena workgroup to query them in (results bucket and scan limit set)');
  }
}
