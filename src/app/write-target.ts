import type { ObjectStore } from '../core/storage/object-store.js';
import { R2Store, type R2BucketLike } from '../core/storage/r2-store.js';
import { S3Store } from '../core/storage/s3-store.js';

/**
 * Where the part-writing route writes, and the secret a caller must present: read from the
 * runtime's environment (a Worker's bindings and secrets, or process.env in Node).
 *
 *  HDSBENCH_WRITE_TOKEN   shared secret; without it the route is disabled (never an open write endpoint)
 *  DATASETS               an R2 bucket binding (Workers), used when present; otherwise an S3 bucket:
 *  HDSBENCH_S3_BUCKET, HDSBENCH_S3_ENDPOINT, HDSBENCH_S3_REGION (default us-east-1),
 *  HDSBENCH_S3_ADDRESSING (path | virtual; default path), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
 */
export interface WriteTarget {
  token: string | undefined;
  /** Undefined when no bucket is configured. */
  store: ObjectStore | undefined;
}

type Env = Record<string, unknown>;

const text = (env: Env, name: string) => (typeof env[name] === 'string' && env[name] !== '' ? (env[name] as string) : undefined);

export function writeTargetFromEnv(env: Env): WriteTarget {
  const token = text(env, 'HDSBENCH_WRITE_TOKEN');
  const binding = env.DATASETS as R2BucketLike | undefined;
  if (binding && typeof binding.createMultipartUpload === 'function') return { token, store: new R2Store(binding) };
  const bucket = text(env, 'HDSBENCH_S3_BUCKET');
  const endpoint = text(env, 'HDSBENCH_S3_ENDPOINT');
  const accessKeyId = text(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = text(env, 'AWS_SECRET_ACCESS_KEY');
  if (!bucket || !endpoint || !accessKeyId || !secretAccessKey) return { token, store: undefined };
  const store = new S3Store({
    endpoint,
    bucket,
    region: text(env, 'HDSBENCH_S3_REGION') ?? 'us-east-1',
    pathStyle: text(env, 'HDSBENCH_S3_ADDRESSING') !== 'virtual',
    accessKeyId,
    secretAccessKey,
    sessionToken: text(env, 'AWS_SESSION_TOKEN'),
  });
  return { token, store };
}
