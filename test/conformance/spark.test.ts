import { describeConformance } from '../helpers/conformance.js';
import { spark } from '../helpers/engines.js';

describeConformance(spark);
