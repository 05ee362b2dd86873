import { afterEach, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets, connectionUrlProblem, redactDeep, redactText, registerSecretsOf } from '../../src/bench/redact.js';
import { redact as redactScript } from '../../src/bench/targets/script/process.js';
import { parseSparkThriftUrl, redactSparkUrl } from '../../src/bench/targets/spark/url.js';

/** The one redaction function: a sentinel password in every position a bidder may put it never survives. */
const S = 'S3ntinel-pw';

afterEach(() => clearRegisteredSecrets());

describe('redactText', () => {
  const positions: [string, string][] = [
    ['user-info', `postgres://bench:${S}@db.example:5432/snds`],
    ['password parameter', `postgres://bench@db.example:5432/snds?password=${S}`],
    ['sslpassword and sslkey parameters', `postgres://bench@db.example/snds?sslmode=require&sslpassword=${S}&sslkey=/keys/${S}.pem`],
    ['a mistyped scheme', `postgress://bench:${S}@db.example/snds`],
    ['an unencoded # in the password', `postgres://bench:p#${S}@db.example/snds`],
    ['an unencoded @ in the password', `postgres://bench:p@${S}@db.example/snds`],
    ['an unencoded / in the password', `postgres://bench:p/${S}@db.example/snds`],
    ['a keyword/value connection string', `host=db.example user=bench password=${S} sslpassword='${S}'`],
    ['another scheme', `clickhouse://default:${S}@ch.example:8123/default?access_key=${S}`],
    ['a URL inside an error message', `cannot connect to "postgres://bench:${S}@db.example/snds": refused`],
  ];
  for (const [where, text] of positions) {
    it(`masks a password given as ${where}`, () => {
      const out = redactText(text);
      expect(out).not.toContain(S);
      expect(out).not.toContain(S.slice(1));
      expect(out).toContain('***');
    });
  }

  it('keeps what is not a secret: user, host, port, database, other parameters', () => {
    expect(redactText(`postgres://bench:${S}@db.example:5432/snds?sslmode=require&application_name=x`)).toBe('postgres://bench:***@db.example:5432/snds?sslmode=require&application_name=x');
    expect(redactText('postgres://bench@db.example:5432/snds')).toBe('postgres://bench@db.example:5432/snds');
  });

  it("keeps a usage message's placeholder user[:password]@ readable, and still masks a real password that reads 'password'", () => {
    const usage = 'use postgres://user[:password]@host:port/db or hive2://user[:password]@host:port';
    expect(redactText(usage)).toBe(usage);
    expect(redactText('postgres://bench:password@db.example/snds')).toBe('postgres://bench:***@db.example/snds');
    expect(redactText('postgres://bench[:password]]@db.example/snds')).toBe('postgres://bench[:***@db.example/snds');
  });

  it('masks registered secrets anywhere: a driver error quoting a file name, environment values', () => {
    registerSecretsOf(`postgres://bench@db/snds?sslkey=${S}`, { PGPASSWORD: 'env-Secret-1', HOME: '/home/bench', PWD: '/srv/bench', OLDPWD: '/srv', DB_PWD: 'env-Secret-2' });
    expect(redactText(`ENOENT: no such file or directory, open '${S}'`)).toBe("ENOENT: no such file or directory, open '***'");
    expect(redactText('password env-Secret-1 echoed')).toBe('password *** echoed');
    expect(redactText('/home/bench')).toBe('/home/bench');
    // The shell's working directories are paths, not secrets; other *PWD variables are.
    expect(redactText('/srv/bench/bench/workload/answers.json')).toBe('/srv/bench/bench/workload/answers.json');
    expect(redactText('db env-Secret-2')).toBe('db ***');
    expect(redactDeep({ a: [`x ${S}`], b: 1 })).toEqual({ a: ['x ***'], b: 1 });
  });
});

describe('connectionUrlProblem', () => {
  it('refuses a password with unencoded special characters, without repeating it', () => {
    for (const url of [`postgres://bench:p#${S}@h/db`, `postgres://bench:p@${S}@h/db`, `postgres://bench:p/${S}@h/db`, `postgres://bench:p ${S}@h/db`]) {
      const problem = connectionUrlProblem(url);
      expect(problem, url).toMatch(/must be percent-encoded/);
      expect(problem).not.toContain(S);
    }
  });
  it('accepts well-formed URLs', () => {
    expect(connectionUrlProblem(`postgres://bench:${encodeURIComponent('p@ss#/w')}@h:5432/db?sslmode=disable`)).toBeNull();
    expect(connectionUrlProblem('postgres://bench@h/db?password=x')).toBeNull();
  });
});

describe('every target masks through the shared redaction', () => {
  it("registers hdsbench's own secret variables (the write token), not its paths and settings", () => {
    registerSecretsOf(undefined, { HDSBENCH_WRITE_TOKEN: 'tok-Secret-3', HDSBENCH_SIGNING_KEY: '/home/bench/.hdsbench/signing-key.jwk', HDSBENCH_SETTINGS: 'work_mem=64MB', GCP_PRIVATE: 'priv-Secret-4' });
    expect(redactText('Authorization: Bearer tok-Secret-3')).toBe('Authorization: Bearer ***');
    expect(redactText('key /home/bench/.hdsbench/signing-key.jwk')).toBe('key /home/bench/.hdsbench/signing-key.jwk');
    expect(redactText('work_mem=64MB')).toBe('work_mem=64MB');
    expect(redactText('priv-Secret-4')).toBe('***');
  });

  it('Spark: a password with an unencoded / and a JDBC ;password= never survive, and the password is registered', () => {
    expect(redactSparkUrl(`hive2://bench:p/${S}@spark.example:10000`)).not.toContain(S);
    expect(() => parseSparkThriftUrl(`hive2://bench@spark.example:10000/default;password=${S}`)).toThrow(/no JDBC ;name=value settings \(password\)/);
    try {
      parseSparkThriftUrl(`hive2://bench@spark.example:10000/default;password=${S}`);
    } catch (e) {
      expect((e as Error).message).not.toContain(S);
    }
    expect(parseSparkThriftUrl(`hive2://bench:${S}@spark.example:10000/default`).password).toBe(S);
    expect(redactText(`Peer indicated failure for ${S}`)).not.toContain(S);
  });

  it("script targets: an engine's log and messages are masked like everything else (URLs, secret parameters, registered secrets)", () => {
    expect(redactScript(`psql: error: could not connect to "postgresql://bench:${S}@h/db"`, [])).not.toContain(S);
    expect(redactScript(`conninfo host=h password=${S}`, [])).not.toContain(S);
    expect(redactScript(`token ${S}`, [S])).toBe('token ***');
  });
});
