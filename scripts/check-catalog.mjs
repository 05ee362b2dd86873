#!/usr/bin/env node
// The last step of `npm run build`: checks the bundled catalog's model files (schemas/model/*.json)
// against their schema and the nomenclatures, with the code that checks any other catalog at run
// time. A build whose model files fail stops here; the bundled catalog is not checked again at each
// start (src/core/model/model-context.ts).
import { defaultCatalog } from '../dist/src/core/catalog/catalog.js';
import { checkModel } from '../dist/src/core/model/model-context.js';

try {
  checkModel(defaultCatalog());
} catch (e) {
  console.error(`check-catalog: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
console.log('catalog: model files follow schemas/model/model.schema.json and name only shipped codes');
