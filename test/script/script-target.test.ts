import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TargetUnavailableError } from '../../src/bench/target.js';
import { createScriptTarget } from '../../src/bench/targets/script/adapter.js';
import { parseCsvRows, parseJsonLines } from '../../src/bench/targets/script/result-rows.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { fixtureEngine } from './fixture-engine.js';

/**
 * The script target (--target ./engines/<name>/): the protocol on a fixture engine (rows, exit
 * statuses, timeouts, session mode) and bad folders refused before anything runs. The shipped
 * examples (engines/psql/, engines/spark-sql/) pass the conformance suite (test/conformance/).
 */

/** A session that prints, on stderr, a connection URI and an environment secret, as engines do in their logs. */
const SESSION_PRINTING_SECRETS = `#!/usr/bin/env node
console.error('connecting to postgres://bench:Uri-Secret-5@db/snds with ' + process.env.FIXTURE_PASSWORD);
process.stdout.write(JSON.stringify({ ready: true }) + '\\n');
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  process.stdout.write(JSON.stringify({ id: JSON.parse(line).id, columns: ['x'], rows: [[1]] }) + '\\n');
});
`;

function target(folder: string) {
  return createScriptTarget(folder)({ namespace: 'benchmark', workDir: tempDir('script-work') });
}

describe('rows printed by query', () => {
  it('CSV: header, NULL as an empty unquoted field, quotes, codes kept as text', () => {
    expect(parseCsvRows('code,n,empty,missing\n01,2.50,"",\n"a ""quoted"", text",-3,x,y\n')).toEqual({
      columns: ['code', 'n', 'empty', 'missing'],
      rows: [
        ['01', 2.5, '', null],
        ['a "quoted", text', -3, 'x', 'y'],
      ],
    });
    expect(parseCsvRows('a\r\n1\r\n').rows).toEqual([[1]]);
  });

  it('JSON lines: the column names, then one array per row', () => {
    expect(parseJsonLines('["a","b"]\n[1,"2024-01-31"]\n[null,true]\n')).toEqual({ columns: ['a', 'b'], rows: [[1, '2024-01-31'], [null, 1]] });
  });

  it('malformed output is rejected with the line and the problem', () => {
    expect(() => parseCsvRows('')).toThrow(/no header line/);
    expect(() => parseCsvRows('a,b\n1,2\n3\n')).toThrow(/line 3: 1 field\(s\), the header has 2/);
    expect(() => parseCsvRows('a\n"open\n')).toThrow(/never closed/);
    expect(() => parseJsonLines('["a"]\n{"a":1}\n')).toThrow(/line 2: a row must be a JSON array/);
    expect(() => parseJsonLines('["a"]\n[1,2]\n')).toThrow(/line 2: 2 value\(s\), the header has 1/);
    expect(() => parseJsonLines('["a"]\nnot json\n')).toThrow(/line 2: not JSON/);
  });
});

describe('a script target folder is checked before anything runs (exit 2, no result)', () => {
  const cases: [string, (dir: string) => void, RegExp][] = [
    ['a missing folder', () => undefined, /no such folder/],
    ['no target.json', (dir) => fixtureEngine(dir) && writeFileSync(join(dir, 'target.json'), ''), /not valid JSON/],
    ['a target.json that does not match its schema', (dir) => {
      fixtureEngine(dir);
      writeFileSync(join(dir, 'target.json'), JSON.stringify({ name: 'x', version_command: 'true', format: 'xlsx', capabilities: { restartable: false }, rows: 'csv', colour: 'blue' }));
    }, /does not match bench\/script-target.schema.json: .*additional properties \(colour\).*\/format must be equal to one of the allowed values.*\/capabilities must have required property 'durable'/],
    ['a missing query executable', (dir) => fixtureEngine(dir, {}, { query: null }), /query is missing/],
    ['a load that is not executable', (dir) => {
      fixtureEngine(dir);
      chmodSync(join(dir, 'load'), 0o644);
    }, /load is not executable \(chmod \+x load\)/],
    ['a restartable engine with no way to restart', (dir) => fixtureEngine(dir, { capabilities: { restartable: true, durable: true, concurrent: true } }), /declares the engine restartable but there is no restart executable/],
  ];
  for (const [what, make, message] of cases) {
    it(what, async () => {
      const dir = join(tempDir('script-bad'), 'engine');
      make(dir);
      const out = tempDir('script-bad-out');
      const r = await runCli(['run', '--target', dir, '--scale', '0.005', '--out', out, '--data', tempDir('script-bad-data')]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(readdirSync(out)).toEqual([]);
    });
  }
});

describe('the protocol, on a fixture engine', () => {
  it('start runs the version command and measures what starting a query process costs', async () => {
    const t = target(fixtureEngine(join(tempDir('script-fx'), 'e')));
    const info = await t.start();
    expect(info).toMatchObject({ product: 'fixture engine', version: '1.0.0', endpoint: 'script e', script: { folder: 'e', query_mode: 'process' } });
    expect(info.script?.process_round_trip_ms).toBeGreaterThan(0);
    expect(await t.size()).toBe(1234);
    await t.stop();
  });

  it('query: rows parsed, the engine time read from HDSBENCH_TIMING_FILE, wall time around the process', async () => {
    const t = target(fixtureEngine(join(tempDir('script-fx'), 'e')));
    const rows = await t.query('SELECT ROWS');
    expect(rows.rows).toEqual([['01', 2.5, '', null], ['a "quoted", text', -3, 'x', 'y']]);
    const timed = await t.query('SELECT TIMING');
    expect(timed.engineSeconds).toBe(0.25);
    expect(timed.seconds).toBeGreaterThan(0);
  });

  it('a failing, malformed, timed-out or unreachable query is an error with its reason', async () => {
    const t = target(fixtureEngine(join(tempDir('script-fx'), 'e')));
    await expect(t.query('SELECT MALFORMED')).rejects.toThrow(/query printed malformed rows \(csv expected\): line 3: 1 field\(s\), the header has 2/);
    await expect(t.query('SELECT UNCLOSED')).rejects.toThrow(/never closed/);
    await expect(t.query('SELECT FAIL')).rejects.toThrow(/query exited with status 1: ERROR: relation does not exist/);
    await expect(t.query('SELECT SLEEP')).rejects.toThrow(/query timed out after 2 s \(timeouts.query in target.json\)/);
    const gone = t.query('SELECT GONE');
    await expect(gone).rejects.toThrow(TargetUnavailableError);
    await expect(gone).rejects.toThrow(/cannot reach the engine: could not connect/);
  });

  it('a version command that fails means the engine cannot be reached', async () => {
    const t = target(fixtureEngine(join(tempDir('script-fx'), 'e'), { version_command: 'echo "cannot connect to engine" >&2; exit 1' }));
    await expect(t.start()).rejects.toThrow(TargetUnavailableError);
  });

  it('secrets in the environment never reach a message', async () => {
    process.env.FIXTURE_PASSWORD = 'hunter2-secret';
    try {
      const t = target(fixtureEngine(join(tempDir('script-fx'), 'e'), {}, { query: '#!/bin/sh\necho "auth failed for password $FIXTURE_PASSWORD" >&2\nexit 2\n' }));
      const e = await t.query('SELECT 1').catch((x: Error) => x);
      expect(String(e)).toMatch(/auth failed for password \*\*\*/);
      expect(String(e)).not.toContain('hunter2-secret');
    } finally {
      delete process.env.FIXTURE_PASSWORD;
    }
  });

  it("the session's log (a file the run leaves) holds no secret the engine printed", async () => {
    process.env.FIXTURE_PASSWORD = 'hunter2-secret';
    try {
      const workDir = tempDir('script-work');
      const t = createScriptTarget(fixtureEngine(join(tempDir('script-fx'), 'e'), { session: true }, { session: SESSION_PRINTING_SECRETS }))({ namespace: 'benchmark', workDir });
      await t.start();
      await t.stop();
      const log = readFileSync(join(workDir, 'script-benchmark', 'session.log'), 'utf8');
      expect(log).toMatch(/connecting to postgres:\/\/bench:\*\*\*@db\/snds with \*\*\*/);
      expect(log).not.toContain('hunter2-secret');
      expect(log).not.toContain('Uri-Secret-5');
    } finally {
      delete process.env.FIXTURE_PASSWORD;
    }
  });

  it('session mode: one process, requests in flight together, answers in any order, errors per request', async () => {
    const t = target(fixtureEngine(join(tempDir('script-fx'), 'e'), { session: true }));
    const info = await t.start();
    expect(info.script).toMatchObject({ query_mode: 'session' });
    expect(info.script?.session_round_trip_ms).toBeGreaterThan(0);
    const [slow, fast] = await Promise.all([t.query('SELECT SLOW'), t.query('SELECT 2')]);
    expect(slow.rows).toEqual([['SELECT SLOW']]);
    expect(fast.rows).toEqual([['SELECT 2']]);
    expect(fast.engineSeconds).toBe(0.001);
    await expect(t.query('SELECT FAIL')).rejects.toThrow(/syntax error at or near "FAIL"/);
    await expect(t.query('SELECT MALFORMED')).rejects.toThrow(/session printed a malformed answer: row 1: 1 value\(s\), the header has 2/);
    await expect(t.query('SELECT GONE')).rejects.toThrow(TargetUnavailableError);
    // A query past its timeout stops the session; the next query starts a new one.
    await expect(t.query('SELECT SLEEP')).rejects.toThrow(/timed out after 2 s/);
    expect((await t.query('SELECT 3')).rows).toEqual([['SELECT 3']]);
    // A session that dies is a lost engine, with the last lines it printed on stderr.
    await expect(t.query('SELECT CRASH')).rejects.toThrow(/session process exited \(status 137\): .*fatal: out of memory/);
    await t.stop();
  });
});
