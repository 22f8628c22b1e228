"""A tiny numpy interpreter for the ONNX operators our exported and quantized graphs use.

Python has no onnxruntime here; the factory tests use this to check exported and quantized graphs
against torch. It follows the ONNX operator definitions (opset 17) for the ops it implements.
"""
from __future__ import annotations

import math

import numpy as np
import onnx
from onnx import numpy_helper

_ERF = np.vectorize(math.erf, otypes=[np.float64])

ONNX_DTYPES = {1: np.float32, 2: np.uint8, 3: np.int8, 6: np.int32, 7: np.int64, 9: np.bool_, 11: np.float64}


def _dql(x):
    qmin, qmax = 0.0, 255.0
    lo, hi = min(0.0, float(x.min())), max(0.0, float(x.max()))
    scale = np.float32((hi - lo) / (qmax - qmin)) if hi > lo else np.float32(1.0)
    zp = np.clip(np.rint(np.float32(qmin - lo / scale)), qmin, qmax)
    y = np.clip(np.rint(x / scale) + zp, qmin, qmax).astype(np.uint8)
    return y, np.array(scale, dtype=np.float32), np.array(zp, dtype=np.uint8)


def run(model: onnx.ModelProto, feeds: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    env: dict[str, np.ndarray] = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    env.update(feeds)
    for n in model.graph.node:
        a = {x.name: helper_attr(x) for x in n.attribute}
        x = [env[i] if i else None for i in n.input]
        op = n.op_type
        if op == "MatMul":
            out = [np.matmul(x[0], x[1])]
        elif op == "MatMulInteger":
            a0 = x[0].astype(np.int32) - (x[2].astype(np.int32) if len(x) > 2 and x[2] is not None else 0)
            b0 = x[1].astype(np.int32) - (x[3].astype(np.int32) if len(x) > 3 and x[3] is not None else 0)
            out = [np.matmul(a0, b0).astype(np.int32)]
        elif op == "DynamicQuantizeLinear":
            out = list(_dql(x[0]))
        elif op == "Add":
            out = [x[0] + x[1]]
        elif op == "Sub":
            out = [x[0] - x[1]]
        elif op == "Mul":
            out = [x[0] * x[1]]
        elif op == "Div":
            out = [x[0] / x[1]]
        elif op == "Pow":
            out = [np.power(x[0], x[1])]
        elif op == "Sqrt":
            out = [np.sqrt(x[0])]
        elif op == "Erf":
            out = [_ERF(x[0]).astype(x[0].dtype)]
        elif op == "Tanh":
            out = [np.tanh(x[0])]
        elif op == "Cast":
            out = [x[0].astype(ONNX_DTYPES[a["to"]])]
        elif op == "Gather":
            out = [np.take(x[0], x[1], axis=a.get("axis", 0))]
        elif op == "Transpose":
            out = [np.transpose(x[0], a.get("perm"))]
        elif op == "Unsqueeze":
            y = x[0]
            for ax in sorted(int(v) for v in x[1]):
                y = np.expand_dims(y, ax if ax >= 0 else y.ndim + 1 + ax)
            out = [y]
        elif op == "Reshape":
            shape = [int(s) for s in x[1]]
            shape = [x[0].shape[i] if s == 0 else s for i, s in enumerate(shape)]
            out = [x[0].reshape(shape)]
        elif op == "Shape":
            out = [np.array(x[0].shape, dtype=np.int64)]
        elif op == "Constant":
            out = [numpy_helper.to_array(a["value"])]
        elif op == "Softmax":
            ax = a.get("axis", -1)
            e = np.exp(x[0] - x[0].max(axis=ax, keepdims=True))
            out = [e / e.sum(axis=ax, keepdims=True)]
        elif op == "LayerNormalization":
            ax = a.get("axis", -1)
            mu = x[0].mean(axis=ax, keepdims=True)
            var = ((x[0] - mu) ** 2).mean(axis=ax, keepdims=True)
            y = (x[0] - mu) / np.sqrt(var + a.get("epsilon", 1e-5))
            out = [y * x[1] + (x[2] if len(x) > 2 and x[2] is not None else 0)]
        elif op == "ReduceMean":
            out = [x[0].mean(axis=tuple(a["axes"]), keepdims=bool(a.get("keepdims", 1)))]
        elif op == "Relu":
            out = [np.maximum(x[0], 0)]
        elif op == "Range":
            out = [np.arange(x[0].item(), x[1].item(), x[2].item()).astype(x[0].dtype)]
        elif op == "Concat":
            out = [np.concatenate([v for v in x], axis=a["axis"])]
        elif op == "Slice":
            y = x[0]
            axes = list(x[3]) if len(x) > 3 and x[3] is not None else list(range(len(x[1])))
            steps = list(x[4]) if len(x) > 4 and x[4] is not None else [1] * len(axes)
            sl = [slice(None)] * y.ndim
            for st, en, ax, sp in zip(x[1], x[2], axes, steps):
                sl[int(ax)] = slice(int(st), int(min(max(en, -2**62), 2**62)), int(sp))
            out = [y[tuple(sl)]]
        elif op == "Expand":
            out = [x[0] * np.ones([int(v) for v in x[1]], dtype=x[0].dtype)]
        elif op == "Squeeze":
            out = [np.squeeze(x[0], axis=tuple(int(v) for v in x[1])) if len(x) > 1 else np.squeeze(x[0])]
        elif op == "ConstantOfShape":
            val = numpy_helper.to_array(a["value"]) if "value" in a else np.zeros(1, np.float32)
            out = [np.full([int(v) for v in x[0]], val.ravel()[0], dtype=val.dtype)]
        elif op == "Equal":
            out = [x[0] == x[1]]
        elif op == "Where":
            out = [np.where(x[0], x[1], x[2])]
        elif op == "Identity":
            out = [x[0]]
        elif op == "ReduceSum":
            axes = tuple(int(v) for v in x[1]) if len(x) > 1 and x[1] is not None else tuple(a.get("axes", range(x[0].ndim)))
            out = [x[0].sum(axis=axes, keepdims=bool(a.get("keepdims", 1))).astype(x[0].dtype)]
        elif op == "Sigmoid":
            out = [1 / (1 + np.exp(-x[0]))]
        elif op == "LSTM":
            out = _lstm(x, a)
        else:
            raise NotImplementedError(op)
        for name, v in zip(n.output, out):
            env[name] = v
    return {o.name: env[o.name] for o in model.graph.output}


def _lstm(x, a):
    """ONNX LSTM (layout 0, default activations, no peepholes): Y [seq, dirs, batch, hidden], Y_h, Y_c.
    With sequence_lens, each row runs over its own length (the reverse direction starts at its last
    valid step) and Y is zero past it, as onnxruntime does."""
    X, W, R = x[0], x[1], x[2]
    B = x[3] if len(x) > 3 and x[3] is not None else None
    seq, batch, _ = X.shape
    dirs, four_h, _ = W.shape
    H = four_h // 4
    lens = x[4].astype(np.int64) if len(x) > 4 and x[4] is not None else np.full(batch, seq, dtype=np.int64)
    h0 = x[5] if len(x) > 5 and x[5] is not None else np.zeros((dirs, batch, H), X.dtype)
    c0 = x[6] if len(x) > 6 and x[6] is not None else np.zeros((dirs, batch, H), X.dtype)
    if a.get("layout", 0) != 0 or (len(x) > 7 and x[7] is not None):
        raise NotImplementedError("LSTM layout 1 / peepholes")
    sig = lambda v: 1 / (1 + np.exp(-v))
    Y = np.zeros((seq, dirs, batch, H), X.dtype)
    Yh = np.zeros((dirs, batch, H), X.dtype)
    Yc = np.zeros((dirs, batch, H), X.dtype)
    reverse = a.get("direction", b"forward")
    reverse = reverse.decode() if isinstance(reverse, bytes) else reverse
    for d in range(dirs):
        back = reverse == "reverse" or (reverse == "bidirectional" and d == 1)
        bias = (B[d, :four_h] + B[d, four_h:]) if B is not None else np.zeros(four_h, X.dtype)
        for b in range(batch):
            h, c = h0[d, b].copy(), c0[d, b].copy()
            n = int(lens[b])
            for t in (range(n - 1, -1, -1) if back else range(n)):
                g = X[t, b] @ W[d].T + h @ R[d].T + bias
                i, o, f, cc = sig(g[:H]), sig(g[H:2 * H]), sig(g[2 * H:3 * H]), np.tanh(g[3 * H:])
                c = f * c + i * cc
                h = o * np.tanh(c)
                Y[t, d, b] = h
            Yh[d, b], Yc[d, b] = h, c
    return [Y, Yh, Yc]


def helper_attr(attr):
    return onnx.helper.get_attribute_value(attr)
