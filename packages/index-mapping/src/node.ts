/**
 * `@ksub/index-mapping/node`: reading and writing allocation files (`node:fs`). The byte format
 * itself ({@link encodeAllocation}, {@link decodeAllocation}) is in the main entry and runs in
 * browsers too.
 *
 * @packageDocumentation
 */
export { loadAllocation, saveAllocation } from './allocation-file-io';
