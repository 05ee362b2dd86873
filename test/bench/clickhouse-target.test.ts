import { describe, expect, it } from 'vitest';
import { parseCompactRows } from '../../src/bench/targets/clickhouse/adapter.js';
import { createTableSql, sortKey } from '../../src/bench/targets/clickhouse/ddl.js';
import { TargetUnavailableError } from '../../src/bench/target.js';
import { resolveTarget } from '../../src/bench/targets/index.js';
import { describeClickHouseError } from '../../src/bench/targets/clickhouse/server.js';
import { parseClickHouseUrl } from '../../src/bench/targets/clickhouse/url.js';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';

/** The ClickHouse target's own pieces: its URL, its DDL from schemas/, its reading of result rows. */
describe('clickhouse:// URLs', () => {
  it('give the HTTP endpoint, the credentials and a redacted form', () => {
    const u = parseClickHouseUrl('clickhouse://bench:s3cr%40t@ch.example.fr:8123/claims');
    expect(u).toEqual({ httpUrl: 'http://ch.example.fr:8123', username: 'bench', password: 's3cr@t', database: 'claims', redacted: 'clickhouse://bench:***@ch.example.fr:8123/claims' });
    expect(parseClickHouseUrl('clickhouses://ch.example.fr').httpUrl).toBe('https://ch.example.fr:8443');
    expect(parseClickHouseUrl('clickhouse://ch.example.fr').database).toBe('default');
  });

  it('refuse what is not a usable URL, naming the problem and never the password', () => {
    expect(() => parseClickHouseUrl('clickhouse://bench:pw@ch/bad-name')).toThrow(/database name "bad-name"/);
    expect(() => resolveTarget('clickhouse://bench:pw@ch/bad-name')).toThrow(/database name/);
    expect(() => parseClickHouseUrl('clickhouse://bench@ch/db?password=hunter2&max_threads=4')).toThrow(/parameters are not supported \(password, max_threads\)/);
    expect(() => parseClickHouseUrl('clickhouse://bench@ch/db?password=hunter2')).not.toThrow(/hunter2/);
    try {
      parseClickHouseUrl('clickhouse://bench:pw@ch/bad-name');
    } catch (e) {
      expect((e as Error).message).not.toContain('pw');
    }
  });
});

describe('ClickHouse tables from schemas/', () => {
  const prs = defaultCatalog().table('ER_PRS_F');

  it('are MergeTree tables sorted by the primary key, every other column Nullable', () => {
    const sql = createTableSql(prs, 'hdsbench_benchmark', sortKey(prs));
    expect(sql).toMatch(/^CREATE TABLE `hdsbench_benchmark`.`ER_PRS_F` \(/);
    expect(sql).toMatch(/ENGINE = MergeTree ORDER BY \(`DCT_ORD_NUM`, `FLX_DIS_DTD`/);
    expect(sql).toContain('`FLX_DIS_DTD` Date32,');
    expect(sql).toContain('`BEN_DCD_DTE` Nullable(Date32)');
    expect(sql).toContain('`PRS_PAI_MNT` Nullable(Float64)');
  });

  it('take the sort key of the tuning profile, and refuse an unknown column', () => {
    expect(createTableSql(prs, 'db', sortKey(prs, ['EXE_SOI_DTD', 'BEN_NIR_PSA']))).toMatch(/ORDER BY \(`EXE_SOI_DTD`, `BEN_NIR_PSA`\)$/);
    expect(() => sortKey(prs, ['EXE_SOI_DTD', 'NOPE'])).toThrow(/order_by of ER_PRS_F names unknown column\(s\) NOPE/);
    expect(createTableSql(defaultCatalog().table('ER_PHA_F'), 'db', sortKey(defaultCatalog().table('ER_PHA_F')))).toMatch(/ORDER BY tuple\(\)$/);
  });
});

describe('ClickHouse result rows', () => {
  it('are numbers for numeric types (64-bit integers arrive quoted), text and dates as given, NULL as null', () => {
    const text = ['["dept","n","total","d","x"]', '["String","UInt64","Nullable(Float64)","Date32","Nullable(Int32)"]', '["075","12",1.5,"2023-01-01",null]', ''].join('\n');
    expect(parseCompactRows(text)).toEqual({ columns: ['dept', 'n', 'total', 'd', 'x'], rows: [['075', 12, 1.5, '2023-01-01', null]] });
  });

  it('refuse a result without its names and types', () => {
    expect(() => parseCompactRows('[1]\n')).toThrow(/unexpected ClickHouse result/);
  });
});

describe('ClickHouse server errors', () => {
  const where = 'clickhouse://bench:***@ch:8123/default';

  it('unreachable or rejected: the target is unavailable (exit 2, no result)', () => {
    const cases: [unknown, RegExp][] = [
      [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), /connection refused/],
      [Object.assign(new Error('getaddrinfo ENOTFOUND ch'), { code: 'ENOTFOUND' }), /unknown host/],
      [Object.assign(new Error('bench: Authentication failed'), { code: '516' }), /authentication failed \(check the user and password\)/],
      [Object.assign(new Error('Database nope does not exist'), { code: '81' }), /the database does not exist/],
      [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), /went away during the run/],
    ];
    for (const [e, message] of cases) {
      const d = describeClickHouseError(e, where);
      expect(d).toBeInstanceOf(TargetUnavailableError);
      expect(d.message).toMatch(message);
      expect(d.message).toContain(where);
    }
  });

  it('a query the server rejects is a query failure, not an unavailable target', () => {
    const d = describeClickHouseError(Object.assign(new Error('Unknown table expression identifier'), { code: '60' }), where);
    expect(d).not.toBeInstanceOf(TargetUnavailableError);
    expect(d.message).toMatch(/Unknown table expression identifier/);
  });
});
