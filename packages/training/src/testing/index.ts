/**
 * Fixtures for the specs of packages that read `@ksub/training`'s results: import them from
 * `@ksub/training/testing` (test code only; not part of the main entry).
 */
export { resultRow } from './result-row';
