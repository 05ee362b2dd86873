import type { Manifest } from '../../../core/pipeline/manifest.js';
import { objectKey } from '../../../core/storage/object-store.js';
import { S3Store } from '../../../core/storage/s3-store.js';
import { TargetUnavailableError, type StoreDataset } from '../../target.js';

/**
 * Spark reading a dataset from object storage through Hadoop's s3a:// filesystem. The endpoint,
 * addressing and credentials are the Spark server's own settings (spark.hadoop.fs.s3a.*, see
 * docs/object-storage.md), never sent by the driver: Hadoop caches one filesystem per bucket for the
 * whole server, so a session cannot change them.
 */

/** s3a://bucket/prefix/TABLE/: the folder holding every file of a table (PREFIX/<TABLE>/part-k-of-K.parquet). */
export function s3aTableUrl(store: StoreDataset, table: string): string {
  return `s3a://${store.config.bucket}/${objectKey(store.prefix, table)}/`;
}

/** Names Spark's file listing skips (Hadoop's hidden-file rule): never read, so never compared. */
function hidden(name: string): boolean {
  return name.startsWith('_') || name.startsWith('.');
}

/**
 * Spark reads a table's whole folder: check, through the driver's own S3 client, that it holds exactly
 * the manifest's files of that table with their sizes, so that no stray object is loaded and no
 * file is missing. Throws an error naming the differences.
 */
export async function checkTableFolders(store: StoreDataset, manifest: Manifest): Promise<void> {
  const s3 = new S3Store(store.config);
  const problems: string[] = [];
  for (const table of manifest.tables) {
    const folder = `${objectKey(store.prefix, table)}/`;
    const found = new Map<string, number>();
    for (const o of await s3.list(folder)) {
      const name = o.key.slice(folder.length);
      if (name && !name.includes('/') && !hidden(name)) found.set(name, o.size);
    }
    for (const f of manifest.files.filter((x) => x.table === table)) {
      const name = f.path.slice(table.length + 1);
      const size = found.get(name);
      if (size === undefined) problems.push(`${f.path} is missing`);
      else if (size !== f.bytes) problems.push(`${f.path} has ${size} bytes, the manifest ${f.bytes}`);
      found.delete(name);
    }
    for (const name of found.keys()) problems.push(`${table}/${name} is not in the manifest`);
  }
  if (problems.length) {
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    throw new Error(`${store.url} does not hold exactly the manifest's files, which Spark would read folder by folder: ${problems.slice(0, 5).join('; ')}${more}`);
  }
}

/**
 * A Spark error while reading s3a://, as the bidder can act on it: no s3a filesystem on the server's
 * classpath, credentials refused, the object store unreachable; else the error itself. Any secret
 * the driver knows is taken out of the message.
 */
export function describeS3aError(e: Error, detail: string, store: StoreDataset, where: string): Error {
  const settings = 'the Spark server\'s spark.hadoop.fs.s3a.* settings (docs/object-storage.md)';
  const secrets = [store.config.secretAccessKey, store.config.sessionToken].filter((x): x is string => Boolean(x));
  const redact = (s: string): string => secrets.reduce((t, secret) => t.split(secret).join('***'), s);
  const first = (pattern: RegExp) => redact(pattern.exec(detail)?.[0] ?? '');
  if (/S3AFileSystem not found|No FileSystem for scheme "?s3a/i.test(detail)) {
    return new TargetUnavailableError(`the Spark server at ${where} cannot read ${store.url}: it has no s3a filesystem (${first(/[^:\n]*(S3AFileSystem not found|No FileSystem for scheme "?s3a"?)/i).trim()}); put hadoop-aws of its Hadoop version and the AWS SDK bundle that version declares on its classpath (spark.jars or its jars/ folder), or run with a local --dataset`);
  }
  if (/AccessDenied|Status Code: 403|SignatureDoesNotMatch|InvalidAccessKeyId|InvalidClientTokenId|NoAuthWithAWSException|No AWS Credentials/i.test(detail)) {
    const code = first(/SignatureDoesNotMatch|InvalidAccessKeyId|InvalidClientTokenId|No AWS Credentials provided[^:\n]*|AccessDenied|Status Code: 403/i);
    return new TargetUnavailableError(`the Spark server at ${where} cannot read ${store.url}: the object store refused its credentials (${code}); check ${settings}: fs.s3a.access.key / fs.s3a.secret.key or fs.s3a.aws.credentials.provider, fs.s3a.endpoint and fs.s3a.endpoint.region`);
  }
  if (/UnknownStoreException|NoSuchBucket/i.test(detail)) {
    return new TargetUnavailableError(`the Spark server at ${where} cannot read ${store.url}: its object store has no bucket "${store.config.bucket}"; check fs.s3a.endpoint in ${settings}: it must be the endpoint hdsbench reads (${store.config.endpoint})`);
  }
  if (/Unable to execute HTTP request|Connection refused|UnknownHostException|ConnectTimeout/i.test(detail)) {
    return new TargetUnavailableError(`the Spark server at ${where} cannot reach the object store for ${store.url} (${first(/Unable to execute HTTP request[^\n]*|[^:\n]*(Connection refused|UnknownHostException)[^\n]*/i).slice(0, 200)}); check fs.s3a.endpoint in ${settings}`);
  }
  e.message = redact(e.message);
  return e;
}
