"""Torch emulation of the int8 graphs that quantize.py writes, for evaluating int8 metrics in Python.

Matches the ONNX semantics: activations DynamicQuantizeLinear (uint8, per tensor, min/max including 0,
round half to even), weights symmetric per output column in 7 bits, integer products accumulated
exactly (all partial sums stay below 2^24, so float32 accumulation is exact), then scaled; the word
embedding table is dequantized per row.
"""
from __future__ import annotations

import copy

import torch
import torch.nn as nn

from quantize import QMAX


def dyn_quant(x: torch.Tensor) -> torch.Tensor:
    lo = torch.clamp(x.min(), max=0.0)
    hi = torch.clamp(x.max(), min=0.0)
    scale = (hi - lo) / 255.0
    scale = torch.where(scale > 0, scale, torch.ones_like(scale))
    zp = torch.clamp(torch.round(-lo / scale), 0, 255)
    q = torch.clamp(torch.round(x / scale) + zp, 0, 255)
    return (q - zp) * scale


def weight_quant(w: torch.Tensor, dim: int) -> torch.Tensor:
    """Symmetric per-slice quantize→dequantize; `dim` is the axis that keeps one scale per entry."""
    amax = w.abs().amax(dim=1 - dim, keepdim=True)
    scale = torch.where(amax > 0, amax / QMAX, torch.ones_like(amax))
    return torch.clamp(torch.round(w / scale), -QMAX, QMAX) * scale


class QLinear(nn.Module):
    def __init__(self, lin: nn.Linear):
        super().__init__()
        # nn.Linear weight is [out, in]; ONNX MatMul weight is its transpose [in, out], scaled per out column
        self.weight = nn.Parameter(weight_quant(lin.weight.data, dim=0), requires_grad=False)
        self.bias = lin.bias

    def forward(self, x):
        return torch.nn.functional.linear(dyn_quant(x), self.weight, self.bias)


class QMlmHead(nn.Module):
    """The tied decoder: its activation is quantized like any MatMul input (the table itself is dequantized)."""

    def __init__(self, head):
        super().__init__()
        self.head = head

    def forward(self, h, emb_weight):
        t = self.head.LayerNorm(torch.nn.functional.gelu(self.head.dense(h)))
        return torch.nn.functional.linear(dyn_quant(t), emb_weight, self.head.bias)


def emulate_int8(model: nn.Module, min_gather_elems: int = 100_000) -> nn.Module:
    from bert import MlmHead

    m = copy.deepcopy(model).eval()
    for name, mod in list(m.named_modules()):
        for cname, child in list(mod.named_children()):
            if isinstance(child, MlmHead):
                setattr(mod, cname, QMlmHead(child))
    for name, mod in list(m.named_modules()):
        for cname, child in list(mod.named_children()):
            if isinstance(child, nn.Linear):
                setattr(mod, cname, QLinear(child))
            elif isinstance(child, nn.Embedding) and child.weight.numel() >= min_gather_elems:
                child.weight.data = weight_quant(child.weight.data, dim=0)
    return m
