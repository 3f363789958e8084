/**
 * `@ksub/core/node`: the Node-only pieces of ksub's shared vocabulary — atomic file writes, run
 * directory locks, publishing a finished directory, cleaning up dead runs' leftovers and terminal
 * progress bars. They use `node:fs`, `node:os` and `cli-progress`, so they live behind this subpath
 * and `@ksub/core` itself runs wherever TensorFlow.js runs (browsers included).
 *
 * @packageDocumentation
 */
export { writeFileAtomic, writeFileSynced } from './write-file-atomic';
export { createProgress } from './progress';
export type { ProgressOptions } from './progress';
export type { Progress, ProgressFactory } from './progress-report';
export {
  acquireLock,
  isDeadProcess,
  LockedError,
  lockBeside,
  lockRunDirectory,
  RUN_LOCK_FILE,
} from './dir-lock';
export type { DirLock, LockHolder } from './dir-lock';
export { checkReplaceable, publishDirectory } from './publish-directory';
export type { PublishDirectoryOptions } from './publish-directory';
export { removeDeadLeftovers } from './dead-leftovers';
