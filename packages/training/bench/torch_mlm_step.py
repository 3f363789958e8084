"""PyTorch peer of `nx run training:bench`: the same RoBERTa-style MLM training step on CPU.

Post-LayerNorm encoder (fused QKV, GELU, padding mask), MLM head with a tied decoder computed only
at the masked positions, AdamW; STEPS timed updates after --warmup (default 2); prints JSON
{"tokens_per_second", "seconds_per_step", "threads", "params", "peak_rss_mb"} (peak RSS of this
whole process, Python and torch included; MB of 2^20 bytes).
Usage: python3 torch_mlm_step.py HIDDEN LAYERS HEADS FFN VOCAB BATCH SEQ STEPS
       [--positions N] [--warmup N] [--batch-stdin]
--positions: rows of the learned position table (default SEQ + 2; ksub's maxPositions for the same
parameter count). --batch-stdin: read the batch the TypeScript bench trains on from stdin, JSON
{"inputIds", "attentionMask", "maskedPositions", "labels"} (flat, row-major BATCH × SEQ); without
it, random ids and round(0.15 · BATCH · SEQ) random masked positions.
Threads: KSUB_THREADS, else every core.
"""
import argparse
import json
import os
import resource
import sys
import time

import torch
import torch.nn.functional as F


def whole(minimum):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum:
            kind = "a positive" if minimum == 1 else "a non-negative"
            raise argparse.ArgumentTypeError(f"must be {kind} integer; got {text!r}")
        return value

    return parse


parser = argparse.ArgumentParser(description="PyTorch peer of nx run training:bench")
for name in ["hidden", "layers", "heads", "ffn", "vocab", "batch", "seq", "steps"]:
    parser.add_argument(name, type=whole(1))
parser.add_argument("--positions", type=whole(1))
parser.add_argument("--warmup", type=whole(0), default=2)
parser.add_argument("--batch-stdin", action="store_true")
args = parser.parse_args()
hidden, layers, heads, ffn, vocab, batch, seq, steps = (
    args.hidden, args.layers, args.heads, args.ffn, args.vocab, args.batch, args.seq, args.steps)
positions_rows = args.positions if args.positions is not None else seq + 2
if positions_rows < seq + 2:
    parser.error(f"--positions must be at least SEQ + 2 = {seq + 2}; got {positions_rows}")
if hidden % heads != 0:
    parser.error(f"HIDDEN ({hidden}) must be a multiple of HEADS ({heads})")
torch.set_num_threads(int(os.environ.get("KSUB_THREADS") or os.cpu_count()))
torch.manual_seed(1)


class Layer(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.qkv = torch.nn.Linear(hidden, 3 * hidden)
        self.out = torch.nn.Linear(hidden, hidden)
        self.ln1 = torch.nn.LayerNorm(hidden, eps=1e-5)
        self.ff1 = torch.nn.Linear(hidden, ffn)
        self.ff2 = torch.nn.Linear(ffn, hidden)
        self.ln2 = torch.nn.LayerNorm(hidden, eps=1e-5)
        self.drop = torch.nn.Dropout(0.1)

    def forward(self, x, bias):
        b, s, d = x.shape
        dh = d // heads
        q, k, v = self.qkv(x).view(b, s, 3, heads, dh).permute(2, 0, 3, 1, 4)
        p = self.drop(torch.softmax(q @ k.transpose(-1, -2) / dh**0.5 + bias, dim=-1))
        c = (p @ v).transpose(1, 2).reshape(b, s, d)
        x = self.ln1(x + self.drop(self.out(c)))
        return self.ln2(x + self.drop(self.ff2(F.gelu(self.ff1(x)))))


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.tok = torch.nn.Embedding(vocab, hidden)
        self.pos = torch.nn.Embedding(positions_rows, hidden)
        self.typ = torch.nn.Embedding(1, hidden)  # RoBERTa's one token type, as ksub's model has
        self.ln = torch.nn.LayerNorm(hidden, eps=1e-5)
        self.layers = torch.nn.ModuleList(Layer() for _ in range(layers))
        self.dense = torch.nn.Linear(hidden, hidden)
        self.head_ln = torch.nn.LayerNorm(hidden, eps=1e-5)
        self.bias = torch.nn.Parameter(torch.zeros(vocab))
        self.drop = torch.nn.Dropout(0.1)

    def forward(self, ids, mask, positions, labels):
        x = self.drop(self.ln(self.tok(ids) + self.pos(torch.arange(2, seq + 2)) + self.typ.weight[0]))
        bias = (mask[:, None, None, :].float() - 1) * 1e9
        for layer in self.layers:
            x = layer(x, bias)
        h = x.reshape(-1, hidden)[positions]
        h = self.head_ln(F.gelu(self.dense(h)))
        return F.cross_entropy(h @ self.tok.weight.T + self.bias, labels)


model = Model()
no_decay = [p for n, p in model.named_parameters() if n.endswith("bias") or "ln" in n]
decay = [p for n, p in model.named_parameters() if not (n.endswith("bias") or "ln" in n)]
opt = torch.optim.AdamW(
    [{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
    lr=1e-4, betas=(0.9, 0.98), eps=1e-6,
)
if args.batch_stdin:
    given = json.load(sys.stdin)
    if len(given["inputIds"]) != batch * seq or len(given["attentionMask"]) != batch * seq:
        parser.error(f"the stdin batch must have BATCH × SEQ = {batch * seq} ids and mask entries")
    ids = torch.tensor(given["inputIds"], dtype=torch.long).view(batch, seq)
    mask = torch.tensor(given["attentionMask"], dtype=torch.long).view(batch, seq)
    positions = torch.tensor(given["maskedPositions"], dtype=torch.long)
    labels = torch.tensor(given["labels"], dtype=torch.long)
else:
    g = torch.Generator().manual_seed(2)
    ids = torch.randint(3, vocab, (batch, seq), generator=g)
    mask = torch.ones(batch, seq, dtype=torch.long)
    positions = torch.randperm(batch * seq, generator=g)[: round(0.15 * batch * seq)]
    labels = ids.reshape(-1)[positions]


def step():
    opt.zero_grad(set_to_none=True)
    loss = model(ids, mask, positions, labels)
    loss.backward()
    opt.step()
    return loss.item()


for _ in range(args.warmup):
    step()
start = time.perf_counter()
for _ in range(steps):
    step()
seconds = (time.perf_counter() - start) / steps
print(json.dumps({
    "tokens_per_second": batch * seq / seconds,
    "seconds_per_step": seconds,
    "threads": torch.get_num_threads(),
    "params": sum(p.numel() for p in model.parameters()),
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
