"""Dynamic int8 quantization of an ONNX graph, written here because there is no Python onnxruntime.

Same scheme as onnxruntime's `quantize_dynamic`, with per-column weight scales:
- MatMul with a constant 2-D weight W[K, N] becomes
  A → DynamicQuantizeLinear → (A_u8, a_scale, a_zp);  MatMulInteger(A_u8, W_s8, a_zp) → int32
  → Cast(float) → Mul(a_scale · w_scale[N]).
  Weights are symmetric per output column in 7 bits (|q| ≤ 63, "reduce_range") so the u8×s8 kernels
  of x86 CPUs without VNNI cannot saturate their 16-bit pair sums.
- Gather on a large constant table (word embeddings) becomes Gather on an int8 table plus a Gather of
  the per-row scales and a Mul, so only the rows used are dequantized.
- A MatMul weight that is the transpose of an already-quantized table (tied MLM decoder) reuses the
  table through a Transpose node instead of storing a second copy.
"""
from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

QMAX = 63  # 7-bit symmetric weights


def quantize_columns(w: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric per-slice int8: scale[k] = max|w| over the other axis / QMAX."""
    amax = np.abs(w).max(axis=1 - axis)
    scale = np.where(amax > 0, amax / QMAX, 1.0).astype(np.float32)
    q = np.clip(np.rint(w / (scale[None, :] if axis == 1 else scale[:, None])), -QMAX, QMAX).astype(np.int8)
    return q, scale


def quantize_model(model: onnx.ModelProto, min_gather_elems: int = 100_000) -> onnx.ModelProto:
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    consumers: dict[str, int] = {}
    for n in g.node:
        for x in n.input:
            consumers[x] = consumers.get(x, 0) + 1
    new_nodes = []
    new_inits: list[onnx.TensorProto] = []
    drop: set[str] = set()
    gather_tables: dict[str, tuple[str, str, np.ndarray]] = {}  # fp32 name -> (q name, scale name, fp32 array)
    counter = [0]

    def uid(prefix: str) -> str:
        counter[0] += 1
        return f"{prefix}_{counter[0]}"

    # first pass: quantize big Gather tables (so tied MatMuls can find them)
    for n in g.node:
        if n.op_type == "Gather" and n.input[0] in inits and n.input[0] not in gather_tables:
            w = numpy_helper.to_array(inits[n.input[0]])
            if w.ndim == 2 and w.size >= min_gather_elems and w.dtype == np.float32:
                q, s = quantize_columns(w, axis=0)
                qn, sn = n.input[0] + "_quantized", n.input[0] + "_scale"
                new_inits += [numpy_helper.from_array(q, qn), numpy_helper.from_array(s, sn)]
                gather_tables[n.input[0]] = (qn, sn, w)

    for n in g.node:
        if n.op_type == "Gather" and n.input[0] in gather_tables:
            qn, sn, _ = gather_tables[n.input[0]]
            rows, sc, scf = uid("gq_rows"), uid("gq_scale"), uid("gq_rowsf")
            unsq = uid("gq_scale_u")
            axes = uid("gq_axes")
            new_inits.append(numpy_helper.from_array(np.array([-1], dtype=np.int64), axes))
            new_nodes += [
                helper.make_node("Gather", [qn, n.input[1]], [rows], axis=0),
                helper.make_node("Gather", [sn, n.input[1]], [sc], axis=0),
                helper.make_node("Cast", [rows], [scf], to=TensorProto.FLOAT),
                helper.make_node("Unsqueeze", [sc, axes], [unsq]),
                helper.make_node("Mul", [scf, unsq], [n.output[0]]),
            ]
            drop.add(n.input[0])
            continue
        if n.op_type == "MatMul" and n.input[1] in inits:
            w = numpy_helper.to_array(inits[n.input[1]])
            if w.ndim != 2 or w.dtype != np.float32:
                new_nodes.append(n)
                continue
            tied = next((t for t in gather_tables.values() if t[2].shape == w.T.shape and np.array_equal(t[2], w.T)), None)
            wq_name, ws_name = uid("mm_w"), uid("mm_wscale")
            if tied is not None:
                new_nodes.append(helper.make_node("Transpose", [tied[0]], [wq_name], perm=[1, 0]))
                ws_name = tied[1]
            else:
                q, s = quantize_columns(w, axis=1)
                new_inits += [numpy_helper.from_array(q, wq_name), numpy_helper.from_array(s, ws_name)]
            drop.add(n.input[1])
            aq, asc, azp = uid("a_q"), uid("a_scale"), uid("a_zp")
            acc, accf, scale = uid("mm_i32"), uid("mm_f"), uid("mm_scale")
            new_nodes += [
                helper.make_node("DynamicQuantizeLinear", [n.input[0]], [aq, asc, azp]),
                helper.make_node("MatMulInteger", [aq, wq_name, azp], [acc]),
                helper.make_node("Cast", [acc], [accf], to=TensorProto.FLOAT),
                helper.make_node("Mul", [asc, ws_name], [scale]),
                helper.make_node("Mul", [accf, scale], [n.output[0]]),
            ]
            continue
        new_nodes.append(n)

    still_used = {x for nd in new_nodes for x in nd.input}
    kept = [i for i in g.initializer if not (i.name in drop and i.name not in still_used)]
    del g.node[:]
    g.node.extend(new_nodes)
    del g.initializer[:]
    g.initializer.extend(kept + new_inits)
    # MatMulInteger / DynamicQuantizeLinear live in the default domain from opset 10/11
    onnx.checker.check_model(model)
    return model


def quantize_file(src: str, dst: str) -> None:
    m = onnx.load(src)
    quantize_model(m)
    onnx.save(m, dst)
