import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/postgres/local-cluster.js';

/**
 * A real Apache Spark for the tests: pyspark from PyPI, installed by scripts/test-deps/spark.sh in
 * a virtual environment under the user's cache, running on the machine's Java 17. One Spark
 * Thrift server (HiveServer2 protocol, local mode, 127.0.0.1, a free port) per test file.
 */
const SPARK_SH = join(import.meta.dirname, '..', '..', 'scripts', 'test-deps', 'spark.sh');

export function pysparkVersion(): string {
  const m = /^PYSPARK_VERSION=(\S+)$/m.exec(readFileSync(SPARK_SH, 'utf8'));
  if (!m) throw new Error('scripts/test-deps/spark.sh names no PYSPARK_VERSION');
  return m[1];
}

/** The Python of the pyspark virtual environment, and SPARK_HOME inside it. */
export function sparkInstall(): { python: string; sparkHome: string } {
  const venv = join(process.env.HDSBENCH_CACHE ?? join(homedir(), '.cache', 'hdsbench'), `pyspark-${pysparkVersion()}`);
  const python = join(venv, 'bin', 'python');
  if (!existsSync(python)) throw new Error(`pyspark is not installed in ${venv}: run bash scripts/test-deps/spark.sh (npm test does)`);
  const r = spawnSync(python, ['-c', 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pyspark in ${venv} does not import: ${r.stderr}`);
  return { python, sparkHome: r.stdout.trim() };
}

const HADOOP_AWS_SH = join(import.meta.dirname, '..', '..', 'scripts', 'test-deps', 'conformance-jvm', 'hadoop-aws.sh');

/**
 * Spark's s3a:// filesystem: hadoop-aws and the AWS SDK bundle it declares, downloaded by
 * scripts/test-deps/conformance-jvm/hadoop-aws.sh (`npm run test:conformance-jvm` only), found by its pins.
 */
export function hadoopAwsJars(): string[] {
  const script = readFileSync(HADOOP_AWS_SH, 'utf8');
  const pin = (name: string) => {
    const m = new RegExp(`^${name}=(\\S+)$`, 'm').exec(script);
    if (!m) throw new Error(`scripts/test-deps/conformance-jvm/hadoop-aws.sh names no ${name}`);
    return m[1];
  };
  const dir = join(process.env.HDSBENCH_TEST_DEPS_CACHE ?? join(homedir(), '.cache', 'hdsbench-test-deps'), `hadoop-aws-${pin('HADOOP_VERSION')}`);
  const jars = [join(dir, `hadoop-aws-${pin('HADOOP_VERSION')}.jar`), join(dir, `bundle-${pin('AWS_SDK_VERSION')}.jar`)];
  for (const jar of jars) if (!existsSync(jar)) throw new Error(`${jar} is missing: run bash scripts/install-test-deps.sh conformance-jvm (npm run test:conformance-jvm does)`);
  return jars;
}

export interface SparkServerOptions {
  cores?: number;
  /**
   * Jars added to the server's classpath (--jars: after Spark's own; first, the AWS SDK bundle's
   * copy of the SLF4J 1 API would silence Spark's logging, and the start is read from the log).
   */
  jars?: string[];
  /** More Spark settings (--conf name=value), e.g. spark.hadoop.fs.s3a.*. */
  conf?: Record<string, string>;
  /** Seconds to wait for the server to accept sessions (300 by default). */
  startTimeout?: number;
}

export interface LocalSpark {
  /** hive2://hdsbench:<password>@127.0.0.1:<port> (the server's NONE authentication takes any password). */
  url: string;
  password: string;
  port: number;
  /** Seconds from spawn to the server accepting sessions. */
  startSeconds: number;
  kill(): void;
  stop(): Promise<void>;
}

/** Start a Spark Thrift server in local mode on 127.0.0.1 and wait until it listens. */
export async function startSparkThriftServer(workDir: string, options: SparkServerOptions = {}): Promise<LocalSpark> {
  const { sparkHome } = sparkInstall();
  mkdirSync(workDir, { recursive: true });
  const port = await freePort();
  const log = join(workDir, 'thrift-server.log');
  const out = openSync(log, 'a');
  const t0 = performance.now();
  const child: ChildProcess = spawn(
    join(sparkHome, 'bin', 'spark-submit'),
    [
      '--class', 'org.apache.spark.sql.hive.thriftserver.HiveThriftServer2',
      '--master', `local[${options.cores ?? 2}]`,
      '--driver-memory', '1g',
      '--driver-java-options', `-Dderby.system.home=${workDir}`,
      '--conf', `spark.sql.warehouse.dir=${join(workDir, 'warehouse')}`,
      '--conf', 'spark.ui.enabled=false',
      // Tiny test datasets: 4 shuffle partitions instead of 200 (the server's configuration, not the target's).
      '--conf', 'spark.sql.shuffle.partitions=4',
      ...(options.jars?.length ? ['--jars', options.jars.join(',')] : []),
      ...Object.entries(options.conf ?? {}).flatMap(([name, value]) => ['--conf', `${name}=${value}`]),
      '--hiveconf', `hive.server2.thrift.port=${port}`,
      '--hiveconf', 'hive.server2.thrift.bind.host=127.0.0.1',
      // Its own operation logs (the default, /tmp/<user>/operation_logs, is shared by every server on the machine).
      '--hiveconf', `hive.server2.logging.operation.log.location=${join(workDir, 'operation_logs')}`,
      'spark-internal',
    ],
    { cwd: workDir, env: { ...process.env, SPARK_HOME: sparkHome, SPARK_LOCAL_IP: '127.0.0.1' }, stdio: ['ignore', out, out], detached: true },
  );
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      /* gone */
    }
  };
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const startTimeout = options.startTimeout ?? 300;
  const deadline = Date.now() + startTimeout * 1000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the Spark Thrift server exited during its start: ${readFileSync(log, 'utf8').split('\n').slice(-15).join('\n')}`);
    if (/HiveThriftServer2 started/.test(readFileSync(log, 'utf8'))) break;
    if (Date.now() > deadline) {
      kill('SIGKILL');
      throw new Error(`the Spark Thrift server did not start within ${startTimeout} s (log: ${log})`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const password = `spark-${Math.random().toString(36).slice(2, 12)}`;
  return {
    url: `hive2://hdsbench:${password}@127.0.0.1:${port}`,
    password,
    port,
    startSeconds: (performance.now() - t0) / 1000,
    kill: () => kill('SIGKILL'),
    stop: async () => {
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
