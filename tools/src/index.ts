export { allocatorGenerator } from './generators/allocator/generator';
export type { AllocatorGeneratorSchema } from './generators/allocator/schema';
