import type * as SimpleStatistics from 'simple-statistics' with { 'resolution-mode': 'import' };

/**
 * simple-statistics, loaded once for the package. It ships CommonJS for `require`, but its only
 * type declarations sit in an ES-module package, which TypeScript will not let a CommonJS file
 * import as a value: the types come from there, the code through its `require` export.
 */
export const stats = require('simple-statistics') as typeof SimpleStatistics;
