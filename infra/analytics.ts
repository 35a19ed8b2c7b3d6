import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * Columns of the canonical article an analyst queries (Hive types; the JSON reader ignores the
 * rest). `kazfeed query` declares the same in DuckDB's types (cli/query/views.ts): a test holds them alike.
 */
const DIRECTION = 'struct<from:string,to:string>';
export const ARTICLE_COLUMNS: ReadonlyArray<CfnTable.ColumnProperty> = [
  { name: 'id', type: 'string' },
  { name: 'url', type: 'string' },
  { name: 'language', type: 'string' },
  { name: 'title', type: 'string' },
  { name: 'summary', type: 'string' },
  { name: 'publishedat', type: 'string', comment: 'ISO 8601, UTC' },
  { name: 'updatedat', type: 'string', comment: 'ISO 8601, UTC' },
  { name: 'tags', type: 'array<string>' },
  { name: 'authors', type: 'array<string>' },
  { name: 'relations', type: 'struct<kind:string,countries:array<string>,pair:string,kazakhstaninvolved:boolean,confidence:double,topics:array<string>>' },
  { name: 'figures', type: `array<struct<kind:string,value:double,unit:string,raw:string,paragraph:int,metric:string,period:string,direction:${DIRECTION},change:double,planned:boolean>>` },
];

export const SERIES_COLUMNS: ReadonlyArray<CfnTable.ColumnProperty> = [
  { name: 'pair', type: 'string' },
  { name: 'updatedat', type: 'string' },
  {
    name: 'entries',
    type: `array<struct<metric:string,period:string,direction:${DIRECTION},values:array<struct<value:double,unit:string,kind:string,change:double,articleid:string,url:string,paragraph:int,raw:string,publishedat:string>>>>`,
  },
];

export interface AnalyticsProps {
  /** The pipeline's bucket: its archive/ is what the tables read. */
  readonly bucket: IBucket;
  /** Glue database name: letters, digits and underscores, unique in the account and region. */
  readonly databaseName: string;
  /** A query that would scan more than this is cancelled (Athena bills by bytes scanned). */
  readonly scanLimitBytes: number;
  readonly removalPolicy: RemovalPolicy;
}

/** JSON Lines, gzip or not, read with the OpenX JSON SerDe (field names matched case-insensitively). */
function jsonStorage(location: string, columns: ReadonlyArray<CfnTable.ColumnProperty>): CfnTable.StorageDescriptorProperty {
  return {
    location,
    columns: [...columns],
    inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', parameters: { 'ignore.malformed.json': 'true' } },
  };
}

/**
 * The archive for Athena, once it outgrows a laptop's `kazfeed query`: a Glue database with the
 * tables `articles` (the daily files, partitioned by day through partition projection: no crawler,
 * no partition to add) and `series`, and a workgroup whose results go to a bucket of their own
 * and whose queries stop at a scan limit.
 */
export class ArchiveAnalytics extends Construct {
  readonly database: CfnDatabase;
  readonly articles: CfnTable;
  readonly series: CfnTable;
  readonly workGroup: CfnWorkGroup;
  readonly resultsBucket: Bucket;

  constructor(scope: Construct, id: string, props: AnalyticsProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    const archive = `s3://${props.bucket.bucketName}/archive`;
    this.database = new CfnDatabase(this, 'Database', {
      catalogId: account,
      databaseInput: { name: props.databaseName, description: 'Kazinform relations archive: articles by day, figure series by pair (kazinform-relations-feed)' },
    });
    this.articles = new CfnTable(this, 'Articles', {
      catalogId: account,
      databaseName: props.databaseName,
      tableInput: {
        name: 'articles',
        description: 'Every processed article, one canonical article JSON per line; partition day = UTC publication day',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: 'day', type: 'string', comment: 'UTC publication day, YYYY-MM-DD' }],
        parameters: {
          classification: 'json',
          'projection.enabled': 'true',
          'projection.day.type': 'date',
          'projection.day.format': 'yyyy-MM-dd',
          'projection.day.range': '2010-01-01,NOW',
          'projection.day.interval': '1',
          'projection.day.interval.unit': 'DAYS',
          'storage.location.template': `${archive}/athena/articles/day=\${day}/`,
        },
        storageDescriptor: jsonStorage(`${archive}/athena/articles/`, ARTICLE_COLUMNS),
      },
    });
    this.series = new CfnTable(this, 'Series', {
      catalogId: account,
      databaseName: props.databaseName,
      tableInput: {
        name: 'series',
        description: 'Per country pair, the figures its articles state by metric, period and direction, with their sources',
        tableType: 'EXTERNAL_TABLE',
        parameters: { classification: 'json' },
        storageDescriptor: jsonStorage(`${archive}/series/`, SERIES_COLUMNS),
      },
    });
    for (const table of [this.articles, this.series]) table.node.addDependency(this.database);

    this.resultsBucket = new Bucket(this, 'Results', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: props.removalPolicy === RemovalPolicy.DESTROY,
      // Query results are a cache of answers: a week is enough to download one.
      lifecycleRules: [{ id: 'expire-results', expiration: Duration.days(7), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
    Validations.of(this.resultsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: "Holds only Athena's own query results for a week; who ran which query is already in CloudTrail's Athena events.",
    });
    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: props.databaseName.replaceAll('_', '-'),
      description: 'Queries over the Kazinform relations archive, with a scan limit per query',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: false,
        bytesScannedCutoffPerQuery: props.scanLimitBytes,
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
  }
}

/** A Glue database name from a stack name: lower case, underscores (KazinformRelationsFeed → kazinform_relations_feed). */
export function databaseNameOf(stackName: string): string {
  return stackName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();
}
