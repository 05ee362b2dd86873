import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScriptTargetJson } from '../../src/bench/targets/script/folder.js';

/**
 * A tiny engine for the script-target protocol tests, written as shell and Node scripts: `query`
 * answers from the SQL it reads (SELECT 1, or a misbehaviour named in the SQL: MALFORMED, FAIL,
 * GONE, SLEEP, TIMING), `session` speaks JSON lines the same way. No database: the protocol only.
 */
const QUERY = `#!/usr/bin/env bash
sql=$(cat)
case "$sql" in
  *MALFORMED*) printf 'a,b\\n1,2\\n3\\n' ;;
  *UNCLOSED*) printf 'a\\n"oops\\n' ;;
  *FAIL*) echo "ERROR: relation does not exist" >&2; exit 1 ;;
  *GONE*) echo "could not connect to server: Connection refused" >&2; exit 2 ;;
  *SLEEP*) sleep 30 ;;
  *TIMING*) printf 'n\\n7\\n'; echo 0.25 > "$HDSBENCH_TIMING_FILE" ;;
  *ROWS*) printf 'code,n,empty,missing\\n01,2.50,"",\\n"a ""quoted"", text",-3,x,y\\n' ;;
  *) printf '?column?\\n1\\n' ;;
esac
`;

const SESSION = `#!/usr/bin/env node
const readline = require('node:readline');
console.error('session starting in ' + process.env.HDSBENCH_NAMESPACE);
process.stdout.write(JSON.stringify({ ready: true }) + '\\n');
const send = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, sql } = JSON.parse(line);
  if (sql.includes('CRASH')) { console.error('fatal: out of memory'); process.exit(137); }
  if (sql.includes('MALFORMED')) return send({ id, columns: ['a', 'b'], rows: [[1]] });
  if (sql.includes('FAIL')) return send({ id, error: 'syntax error at or near "FAIL"' });
  if (sql.includes('GONE')) return send({ id, unavailable: 'the cluster went away' });
  if (sql.includes('SLEEP')) return;
  // SLOW answers after the next request: answers may come in any order.
  const delay = sql.includes('SLOW') ? 300 : 0;
  setTimeout(() => send({ id, columns: ['sql'], rows: [[sql]], engine_seconds: 0.001 }), delay);
});
`;

export function fixtureEngine(dir: string, spec: Partial<ScriptTargetJson> = {}, files: Record<string, string | null> = {}): string {
  mkdirSync(dir, { recursive: true });
  const target: ScriptTargetJson = {
    name: 'fixture engine',
    version_command: 'echo 1.0.0',
    format: 'parquet',
    capabilities: { restartable: false, durable: true, concurrent: true },
    rows: 'csv',
    timeouts: { query: 2 },
    ...spec,
  };
  const all: Record<string, string | null> = { load: '#!/bin/sh\nexit 0\n', query: QUERY, size: '#!/bin/sh\necho 1234\n', session: SESSION, ...files };
  for (const [name, text] of Object.entries(all)) {
    if (text === null) continue;
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o755);
  }
  writeFileSync(join(dir, 'target.json'), JSON.stringify(target, null, 2));
  return dir;
}
