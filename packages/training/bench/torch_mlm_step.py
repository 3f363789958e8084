"""PyTorch peer of `nx run training:bench`: the same RoBERTa-style MLM training step on CPU.

Post-LayerNorm encoder (fused QKV, GELU, padding mask), MLM head with a tied decoder computed only
at the masked positions, AdamW; prints JSON {"tokens_per_second", "seconds_per_step", "threads",
"peak_rss_mb"}. Usage: python3 torch_mlm_step.py HIDDEN LAYERS HEADS FFN VOCAB BATCH SEQ STEPS
"""
import json
import resource
import sys
import time

import torch
import torch.nn.functional as F

hidden, layers, heads, ffn, vocab, batch, seq, steps = map(int, sys.argv[1:9])
torch.set_num_threads(int(__import__("os").environ.get("KSUB_THREADS", __import__("os").cpu_count())))
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
        self.pos = torch.nn.Embedding(seq + 2, hidden)
        self.ln = torch.nn.LayerNorm(hidden, eps=1e-5)
        self.layers = torch.nn.ModuleList(Layer() for _ in range(layers))
        self.dense = torch.nn.Linear(hidden, hidden)
        self.head_ln = torch.nn.LayerNorm(hidden, eps=1e-5)
        self.bias = torch.nn.Parameter(torch.zeros(vocab))
        self.drop = torch.nn.Dropout(0.1)

    def forward(self, ids, mask, positions, labels):
        x = self.drop(self.ln(self.tok(ids) + self.pos(torch.arange(2, seq + 2))))
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


for _ in range(2):
    step()
start = time.perf_counter()
for _ in range(steps):
    step()
seconds = (time.perf_counter() - start) / steps
print(json.dumps({
    "tokens_per_second": batch * seq / seconds,
    "seconds_per_step": seconds,
    "threads": torch.get_num_threads(),
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
