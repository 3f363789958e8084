// The part of the WebAssembly JS API this package uses. TypeScript declares it only in its DOM
// and web-worker libs, which would bring browser globals into Node code.
declare global {
  namespace WebAssembly {
    interface MemoryDescriptor {
      initial: number;
      maximum?: number;
      shared?: boolean;
    }
    class Memory {
      constructor(descriptor: MemoryDescriptor);
      readonly buffer: ArrayBuffer | SharedArrayBuffer;
      grow(delta: number): number;
    }
    class Module {
      constructor(bytes: ArrayBufferView | ArrayBuffer);
    }
    class Instance {
      constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
      readonly exports: Record<string, unknown>;
    }
    /** Whether `bytes` is a module this runtime compiles (features included). */
    function validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
  }
}

export {};
