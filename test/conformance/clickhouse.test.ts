import { describeConformance } from '../helpers/conformance.js';
import { clickhouse } from '../helpers/engines.js';

describeConformance(clickhouse);
