/**
 * The conformance suite on Spark (the Thrift server target), outside `npm test`: each run starts a JVM and loads
 * every table through Spark, about half an hour on a loaded 2-core machine, which CI's time budget
 * cannot take; the portability suite runs Spark SQL in `npm test`. Run: `npm run test:conformance-jvm`.
 */
import { describeConformance } from '../helpers/conformance.js';
import { spark } from '../helpers/engines.js';

describeConformance(spark);
