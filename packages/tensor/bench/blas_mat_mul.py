"""OpenBLAS peer of `nx run tensor:bench`: forward + both gradients of sum(op(A)·op(B)) on CPU.

For each case, three products: C = op(A)·op(B), dA and dB (the gradient of sum(C), i.e. with
G = ones like C), timed as the median of REPEATS after one warm-up — as the TypeScript bench times
the backend's matMul and the SIMD kernel. PyTorch (Debian's python3-torch, autograd: the products go
to BLAS with transpose flags, no copies) when it imports, else numpy (the same three products with
transposed views). The BLAS is whichever libblas the library loads (Debian: OpenBLAS with
libopenblas0-pthread); its file is reported so a reference BLAS is not mistaken for OpenBLAS.

Input (stdin): JSON list of cases {"a": [..shape], "b": [..shape], "tA": bool, "tB": bool}.
Output (stdout, one line): JSON {"library", "blas", "threads", "ms": [median ms per case]}.
Usage: python3 blas_mat_mul.py [--threads N] [--repeats N] [--numpy] < cases.json
"""
import argparse
import json
import os
import sys
import time


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1 or str(value) != text.strip():
        raise argparse.ArgumentTypeError(f"must be a positive integer; got {text!r}")
    return value


parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--threads", type=positive_int,
                    default=os.environ.get("KSUB_THREADS") or str(os.cpu_count() or 1))
parser.add_argument("--repeats", type=positive_int, default="3")
parser.add_argument("--numpy", action="store_true", help="use numpy even when torch imports")
args = parser.parse_args()
# OpenBLAS reads its thread count when the library loads, so before torch / numpy import
os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
os.environ["OMP_NUM_THREADS"] = str(args.threads)

cases = json.load(sys.stdin)

torch = None
if not args.numpy:
    try:
        import torch
    except ImportError:
        pass
if torch is None:
    import numpy as np


def swap(x):
    return x.transpose(-1, -2) if torch is not None else np.swapaxes(x, -1, -2)


def make_step(case, seed):
    if torch is not None:
        g = torch.Generator().manual_seed(seed)
        a = torch.randn(case["a"], generator=g).requires_grad_()
        b = torch.randn(case["b"], generator=g).requires_grad_()

        def step():
            a.grad = None
            b.grad = None
            x = swap(a) if case["tA"] else a
            y = swap(b) if case["tB"] else b
            (x @ y).sum().backward()

        return step
    rng = np.random.default_rng(seed)
    a = rng.standard_normal(case["a"], dtype=np.float32)
    b = rng.standard_normal(case["b"], dtype=np.float32)

    def step():
        x = swap(a) if case["tA"] else a
        y = swap(b) if case["tB"] else b
        c = x @ y
        ones = np.ones_like(c)
        dx = ones @ swap(y)  # d sum(x·y) / dx
        dy = swap(x) @ ones
        # dA, dB are views of dx, dy (transposed back where op transposed): no further products
        return c.sum(), (swap(dx) if case["tA"] else dx), (swap(dy) if case["tB"] else dy)

    return step


def loaded_blas():
    """The BLAS library file this process mapped (OpenBLAS preferred in the answer), or None."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.rsplit("/", 1)[-1].lower()}
    files = sorted({os.path.realpath(p) for p in paths})
    return next((f for f in files if "openblas" in os.path.basename(f)), files[0] if files else None)


if torch is not None:
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
ms = []
for i, case in enumerate(cases):
    step = make_step(case, i + 1)
    times = []
    for r in range(args.repeats + 1):
        start = time.perf_counter()
        step()
        if r > 0:
            times.append((time.perf_counter() - start) * 1000)
    ms.append(sorted(times)[len(times) // 2])  # as the TypeScript bench's median
print(json.dumps({
    "library": f"torch {torch.__version__}" if torch is not None else f"numpy {np.__version__}",
    "blas": loaded_blas(),
    "threads": torch.get_num_threads() if torch is not None else args.threads,
    "ms": ms,
}))
