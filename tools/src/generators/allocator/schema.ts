/** Options of `nx g @ksub/tools:allocator`. */
export interface AllocatorGeneratorSchema {
  /** Registry name, kebab-case (e.g. `my-method`); also the file name. */
  name: string;
  /** Project that receives the allocator (default `index-mapping`). */
  project?: string;
}
