/** Version of the generator: with (seed, scale, parts) it determines every byte of a dataset. Kept equal to package.json's (a test checks it). */
export const GENERATOR_VERSION = '0.9.0';
export const GENERATOR_NAME = 'hdsbench';
