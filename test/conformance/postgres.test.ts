import { describeConformance } from '../helpers/conformance.js';
import { postgres } from '../helpers/engines.js';

describeConformance(postgres);
