import { describeConformance } from '../helpers/conformance.js';
import { sparkSqlScript } from '../helpers/engines.js';

describeConformance(sparkSqlScript);
