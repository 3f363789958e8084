import { fmaSetting, relaxedSimdSupported } from './relaxed-simd.browser';
import { fmaSetting as nodeFmaSetting, relaxedSimdSupported as nodeSupported } from './relaxed-simd';
import { GEMM_NT_FMA_WASM } from './wasm/gemm-nt-fma-wasm';
import { GEMM_NT_WASM } from './wasm/gemm-nt-wasm';

const bytes = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

describe('relaxed SIMD detection', () => {
  it('Node: turns on V8 relaxed SIMD where needed, so the FMA kernel validates', () => {
    expect(nodeSupported(bytes(GEMM_NT_FMA_WASM))).toBe(true);
    expect(nodeSupported(bytes(GEMM_NT_WASM))).toBe(true);
    expect(nodeSupported(Uint8Array.of(0, 97, 115, 109, 9, 9))).toBe(false); // not a module
  });

  it('browser stand-in: answers with WebAssembly.validate alone and reads no environment', () => {
    expect(relaxedSimdSupported(Uint8Array.of(1, 2, 3))).toBe(false);
    expect(relaxedSimdSupported(bytes(GEMM_NT_WASM))).toBe(true);
    const saved = process.env['KSUB_SIMD_FMA'];
    process.env['KSUB_SIMD_FMA'] = '1';
    try {
      expect(fmaSetting()).toBeUndefined();
      expect(nodeFmaSetting()).toBe('1');
    } finally {
      if (saved === undefined) delete process.env['KSUB_SIMD_FMA'];
      else process.env['KSUB_SIMD_FMA'] = saved;
    }
  });
});
