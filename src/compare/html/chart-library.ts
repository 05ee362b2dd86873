import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Chart.js (MIT, npm `chart.js`), its minified UMD build, read from node_modules so the report
 * can inline it and open without any network. Its licence header is kept.
 */
let cached: Promise<{ version: string; source: string }> | undefined;

export function chartLibrary(): Promise<{ version: string; source: string }> {
  cached ??= (async () => {
    const require = createRequire(import.meta.url);
    const main = require.resolve('chart.js'); // …/chart.js/dist/chart.cjs
    const source = await readFile(join(dirname(main), 'chart.umd.min.js'), 'utf8');
    const version = (JSON.parse(await readFile(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string }).version;
    if (/<\/script/i.test(source)) throw new Error('the Chart.js build contains "</script": it cannot be inlined');
    return { version, source };
  })();
  return cached;
}
