import { Aws, Names, Stack } from 'aws-cdk-lib';
import { type OriginBindConfig, type OriginBindOptions, S3OriginAccessControl, Signing } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * An S3 origin behind CloudFront origin access control (OAC) whose bucket-policy grant covers only
 * the given key prefixes. `S3BucketOrigin.withOriginAccessControl` grants `s3:GetObject` on the
 * whole bucket (`bucket/*`), which would publish `raw/`, `rejected/` and `state/` to anyone who
 * guesses a key; here the distribution can read objects under the given prefixes and nothing else.
 * It may also list the bucket, which is what makes S3 answer a missing key with 404 rather than
 * 403; a listing itself is only answered for the bucket's root, which no behaviour forwards.
 */
export class PrefixScopedS3Origin extends S3BucketOrigin {
  readonly #bucket: IBucket;
  readonly #prefixes: readonly string[];

  constructor(bucket: IBucket, prefixes: readonly string[]) {
    super(bucket);
    if (prefixes.length === 0 || prefixes.some((p) => !/^[a-z0-9-]+\/$/.test(p))) {
      throw new Error(`PrefixScopedS3Origin: prefixes must look like "feeds/", got ${JSON.stringify(prefixes)}`);
    }
    this.#bucket = bucket;
    this.#prefixes = prefixes;
  }

  override bind(scope: Construct, options: OriginBindOptions): OriginBindConfig {
    const oac = new S3OriginAccessControl(scope, 'S3OriginAccessControl', {
      // Per account, not per region, like every CloudFront name (64 characters at most; a region's name takes up to 14).
      originAccessControlName: `${Names.uniqueResourceName(scope, { maxLength: 48 })}-${Stack.of(scope).region}`,
      description: 'Signed (SigV4) reads of the public prefixes of the feed bucket',
      signing: Signing.SIGV4_ALWAYS,
    });
    const thisDistribution = {
      StringEquals: { 'AWS:SourceArn': `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/${options.distributionId}` },
    };
    const added = this.#bucket.addToResourcePolicy(new PolicyStatement({
      sid: 'CloudFrontReadsPublicPrefixes',
      effect: Effect.ALLOW,
      principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
      actions: ['s3:GetObject'],
      resources: this.#prefixes.map((prefix) => this.#bucket.arnForObjects(`${prefix}*`)),
      conditions: thisDistribution,
    }));
    if (!added.statementAdded) throw new Error('PrefixScopedS3Origin needs a bucket defined in this app (its policy is updated)');
    this.#bucket.addToResourcePolicy(new PolicyStatement({
      sid: 'CloudFrontSeesMissingKeysAs404',
      effect: Effect.ALLOW,
      principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
      actions: ['s3:ListBucket'],
      resources: [this.#bucket.bucketArn],
      conditions: thisDistribution,
    }));
    const config = this._bind(scope, options);
    if (!config.originProperty) throw new Error('PrefixScopedS3Origin: S3 origin rendered no origin property');
    return { ...config, originProperty: { ...config.originProperty, originAccessControlId: oac.originAccessControlId } };
  }
}
