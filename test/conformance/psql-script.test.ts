import { describeConformance } from '../helpers/conformance.js';
import { psqlScript } from '../helpers/engines.js';

describeConformance(psqlScript);
