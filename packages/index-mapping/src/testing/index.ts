export { describeAllocatorConformance } from './conformance';
export type { ConformanceOptions } from './conformance';
