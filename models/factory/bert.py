"""A small BERT encoder in PyTorch whose forward pass exports cleanly to ONNX.

Attention is written out (MatMul → scale → add mask → Softmax → MatMul) so the attention
probabilities after softmax can be returned as `attentions.{i}` outputs, shape [batch, heads, seq, seq].
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class BertConfig:
    vocab_size: int = 16000
    hidden_size: int = 256
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 1024
    max_position_embeddings: int = 256
    type_vocab_size: int = 2
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    layer_norm_eps: float = 1e-12
    initializer_range: float = 0.02
    pad_token_id: int = 0
    # pre-LN (LayerNorm before attention / feed-forward, plus one after the last layer): trains stably at a
    # higher learning rate, which matters on a CPU budget of a few thousand steps. False = original BERT.
    pre_layernorm: bool = False

    def to_hf(self) -> dict:
        d = asdict(self)
        d.update({"model_type": "bert", "hidden_act": "gelu", "position_embedding_type": "absolute",
                  "use_cache": False})
        return d


class Embeddings(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=c.pad_token_id)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, input_ids, token_type_ids):
        seq = input_ids.shape[1]
        pos = torch.arange(seq, device=input_ids.device).unsqueeze(0)
        x = self.word_embeddings(input_ids) + self.position_embeddings(pos) + self.token_type_embeddings(token_type_ids)
        return self.dropout(self.LayerNorm(x))


class SelfAttention(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.pre_ln = c.pre_layernorm
        self.h = c.num_attention_heads
        self.d = c.hidden_size // c.num_attention_heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.dropout = nn.Dropout(c.attention_probs_dropout_prob)
        self.out_dropout = nn.Dropout(c.hidden_dropout_prob)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)

    def split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.h, self.d).transpose(1, 2)

    def forward(self, x, mask_bias):
        hx = self.LayerNorm(x) if self.pre_ln else x
        q, k, v = self.split(self.query(hx)), self.split(self.key(hx)), self.split(self.value(hx))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.d) + mask_bias
        probs = F.softmax(scores, dim=-1)
        ctx = torch.matmul(self.dropout(probs), v)
        b, _, t, _ = ctx.shape
        ctx = ctx.transpose(1, 2).reshape(b, t, self.h * self.d)
        y = x + self.out_dropout(self.dense(ctx))
        return (y if self.pre_ln else self.LayerNorm(y)), probs


class Layer(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.attention = SelfAttention(c)
        self.intermediate = nn.Linear(c.hidden_size, c.intermediate_size)
        self.output = nn.Linear(c.intermediate_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)
        self.pre_ln = c.pre_layernorm

    def forward(self, x, mask_bias):
        x, probs = self.attention(x, mask_bias)
        if self.pre_ln:
            return x + self.dropout(self.output(F.gelu(self.intermediate(self.LayerNorm(x))))), probs
        y = self.output(F.gelu(self.intermediate(x)))
        return self.LayerNorm(x + self.dropout(y)), probs


class BertEncoder(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.config = c
        self.embeddings = Embeddings(c)
        self.layers = nn.ModuleList([Layer(c) for _ in range(c.num_hidden_layers)])
        self.final_LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps) if c.pre_layernorm else None
        self.apply(self._init)

    def _init(self, m):
        std = self.config.initializer_range
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=std)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, std=std)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)

    def forward(self, input_ids, attention_mask, token_type_ids):
        mask_bias = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * -1e4
        x = self.embeddings(input_ids, token_type_ids)
        atts = []
        for layer in self.layers:
            x, p = layer(x, mask_bias)
            atts.append(p)
        if self.final_LayerNorm is not None:
            x = self.final_LayerNorm(x)
        return x, atts


class MlmHead(nn.Module):
    """transform (dense → gelu → LayerNorm) then the tied decoder (word embeddings^T) + bias."""

    def __init__(self, c: BertConfig):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.bias = nn.Parameter(torch.zeros(c.vocab_size))

    def forward(self, h, emb_weight):
        return F.linear(self.LayerNorm(F.gelu(self.dense(h))), emb_weight, self.bias)


class BertForMaskedLM(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.bert = BertEncoder(c)
        self.cls = MlmHead(c)
        nn.init.normal_(self.cls.dense.weight, std=c.initializer_range)
        nn.init.zeros_(self.cls.dense.bias)

    def forward(self, input_ids, attention_mask, token_type_ids, positions=None):
        h, atts = self.bert(input_ids, attention_mask, token_type_ids)
        if positions is not None:  # training: only the masked positions go through the vocab projection
            h = h[positions]
        return self.cls(h, self.bert.embeddings.word_embeddings.weight), h, atts


class BertForTokenClassification(nn.Module):
    """Encoder → (optional bidirectional LSTM over the token states) → linear tag scores.

    With `lstm_hidden` > 0, each direction has that many units; padded rows are packed, so a
    sentence's tags never depend on the padding after it (the ONNX export passes each row's length
    to the LSTM as `sequence_lens`, see export.py).
    """

    def __init__(self, c: BertConfig, num_labels: int, dropout: float = 0.1, lstm_hidden: int = 0):
        super().__init__()
        self.bert = BertEncoder(c)
        self.dropout = nn.Dropout(dropout)
        self.lstm = nn.LSTM(c.hidden_size, lstm_hidden, batch_first=True, bidirectional=True) if lstm_hidden > 0 else None
        self.classifier = nn.Linear(2 * lstm_hidden if lstm_hidden > 0 else c.hidden_size, num_labels)
        nn.init.normal_(self.classifier.weight, std=c.initializer_range)
        nn.init.zeros_(self.classifier.bias)

    def forward(self, input_ids, attention_mask, token_type_ids):
        h, atts = self.bert(input_ids, attention_mask, token_type_ids)
        h = self.dropout(h)
        if self.lstm is not None:
            if torch.onnx.is_in_onnx_export():
                h, _ = self.lstm(h)  # export.py adds sequence_lens from attention_mask to the LSTM node
            else:
                lengths = attention_mask.sum(1).clamp(min=1).cpu()
                packed = nn.utils.rnn.pack_padded_sequence(h, lengths, batch_first=True, enforce_sorted=False)
                out, _ = self.lstm(packed)
                h, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=h.shape[1])
            h = self.dropout(h)
        return self.classifier(h), atts


def mean_pool(h: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    m = attention_mask.unsqueeze(-1).to(h.dtype)
    return (h * m).sum(1) / m.sum(1).clamp(min=1e-9)


def count_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())
