import { describeConformance } from '../helpers/conformance.js';
import { duckdb } from '../helpers/engines.js';

describeConformance(duckdb);
