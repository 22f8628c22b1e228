"""A BERT WordPiece tokenizer (normalizer, pre-tokenizer, model, post-processor) and its trainer.

It mirrors the Hugging Face `tokenizers` pipeline that transformers.js runs from `tokenizer.json`:
BertNormalizer(clean_text, handle_chinese_chars, strip_accents=lowercase, lowercase) →
BertPreTokenizer (split on whitespace, isolate punctuation) → WordPiece (greedy longest match,
"##" continuation, [UNK] for a word with any unknown piece or over 100 chars) →
TemplateProcessing ([CLS] A [SEP] / [CLS] A [SEP] B [SEP], type ids 0/1).
"""
from __future__ import annotations

import collections
import heapq
import json
import unicodedata

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PREFIX = "##"
MAX_CHARS_PER_WORD = 100

_CJK_RANGES = (
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F), (0x2B920, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F),
)


def is_chinese_char(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def is_whitespace(ch: str) -> bool:
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Cn", "Co", "Cs")


def is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def normalize(text: str, lowercase: bool = True) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or is_control(ch):
            continue
        if is_whitespace(ch):
            out.append(" ")
        elif is_chinese_char(cp):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    text = "".join(out)
    if lowercase:
        text = unicodedata.normalize("NFD", text)
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        text = text.lower()
    return text


def pre_tokenize(text: str) -> list[str]:
    words, cur = [], []
    for ch in text:
        if is_whitespace(ch):
            if cur:
                words.append("".join(cur))
                cur = []
        elif is_punctuation(ch):
            if cur:
                words.append("".join(cur))
                cur = []
            words.append(ch)
        else:
            cur.append(ch)
    if cur:
        words.append("".join(cur))
    return words


class WordPieceTokenizer:
    def __init__(self, vocab: list[str], lowercase: bool = True):
        self.vocab = vocab
        self.ids = {t: i for i, t in enumerate(vocab)}
        self.lowercase = lowercase
        self.unk = self.ids["[UNK]"]
        self.cls, self.sep = self.ids["[CLS]"], self.ids["[SEP]"]
        self.pad, self.mask = self.ids["[PAD]"], self.ids["[MASK]"]
        self._cache: dict[str, list[int]] = {}

    def word_ids(self, word: str) -> list[int]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        if len(word) > MAX_CHARS_PER_WORD:
            res = [self.unk]
        else:
            res, start, n = [], 0, len(word)
            while start < n:
                end, found = n, None
                while start < end:
                    piece = word[start:end] if start == 0 else PREFIX + word[start:end]
                    i = self.ids.get(piece)
                    if i is not None:
                        found = i
                        break
                    end -= 1
                if found is None:
                    res = [self.unk]
                    break
                res.append(found)
                start = end
        if len(self._cache) < 2_000_000:
            self._cache[word] = res
        return res

    def tokenize_words(self, text: str) -> list[str]:
        return pre_tokenize(normalize(text, self.lowercase))

    def encode_plain(self, text: str) -> list[int]:
        out: list[int] = []
        for w in self.tokenize_words(text):
            out.extend(self.word_ids(w))
        return out

    def encode_with_words(self, words: list[str]) -> tuple[list[int], list[int]]:
        """Ids for pre-split words (NER), with the index of the word each id came from."""
        ids, owner = [], []
        for wi, w in enumerate(words):
            for sub in pre_tokenize(normalize(w, self.lowercase)):
                for t in self.word_ids(sub):
                    ids.append(t)
                    owner.append(wi)
        return ids, owner

    def encode(self, a: str, b: str | None = None, max_len: int | None = None) -> tuple[list[int], list[int]]:
        ia = self.encode_plain(a)
        ib = self.encode_plain(b) if b is not None else None
        if max_len is not None:
            budget = max_len - (3 if ib is not None else 2)
            if ib is None:
                ia = ia[:budget]
            else:
                while len(ia) + len(ib) > budget:
                    if len(ia) >= len(ib):
                        ia.pop()
                    else:
                        ib.pop()
        ids = [self.cls] + ia + [self.sep]
        types = [0] * len(ids)
        if ib is not None:
            ids += ib + [self.sep]
            types += [1] * (len(ib) + 1)
        return ids, types

    def decode(self, ids: list[int]) -> str:
        out = []
        for i in ids:
            t = self.vocab[i]
            if t in SPECIALS:
                continue
            if t.startswith(PREFIX) and out:
                out[-1] += t[len(PREFIX):]
            else:
                out.append(t)
        return " ".join(out)

    # --------------------------------------------------------------- serialisation
    def to_tokenizer_json(self, model_max_length: int) -> dict:
        added = [
            {"id": self.ids[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}
            for t in SPECIALS
        ]
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added,
            "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                           "strip_accents": None, "lowercase": self.lowercase},
            "pre_tokenizer": {"type": "BertPreTokenizer"},
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                           {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                         {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                         {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                "special_tokens": {
                    "[CLS]": {"id": "[CLS]", "ids": [self.cls], "tokens": ["[CLS]"]},
                    "[SEP]": {"id": "[SEP]", "ids": [self.sep], "tokens": ["[SEP]"]},
                },
            },
            "decoder": {"type": "WordPiece", "prefix": PREFIX, "cleanup": True},
            "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": PREFIX,
                      "max_input_chars_per_word": MAX_CHARS_PER_WORD,
                      "vocab": {t: i for i, t in enumerate(self.vocab)}},
        }

    def tokenizer_config(self, model_max_length: int) -> dict:
        return {
            "tokenizer_class": "BertTokenizer",
            "do_lower_case": self.lowercase,
            "tokenize_chinese_chars": True,
            "strip_accents": None,
            "clean_up_tokenization_spaces": True,
            "model_max_length": model_max_length,
            "unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
            "mask_token": "[MASK]",
        }

    def save(self, folder: str, model_max_length: int) -> None:
        import os

        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "tokenizer.json"), "w", encoding="utf-8") as fh:
            json.dump(self.to_tokenizer_json(model_max_length), fh, ensure_ascii=False)
        with open(os.path.join(folder, "tokenizer_config.json"), "w", encoding="utf-8") as fh:
            json.dump(self.tokenizer_config(model_max_length), fh, ensure_ascii=False, indent=2)
        with open(os.path.join(folder, "vocab.txt"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(self.vocab) + "\n")

    @classmethod
    def load(cls, folder: str) -> "WordPieceTokenizer":
        import os

        with open(os.path.join(folder, "tokenizer.json"), encoding="utf-8") as fh:
            tj = json.load(fh)
        vocab_map = tj["model"]["vocab"]
        vocab = [""] * len(vocab_map)
        for t, i in vocab_map.items():
            vocab[i] = t
        return cls(vocab, lowercase=tj["normalizer"]["lowercase"])


def train_wordpiece(texts, vocab_size: int, min_char_freq: int = 3, min_pair_freq: int = 2,
                    lowercase: bool = True, max_cjk: int = 5000, progress=None) -> WordPieceTokenizer:
    """WordPiece vocabulary by BPE-style merges over word counts (as the HF WordPieceTrainer does).

    Every character seen at least `min_char_freq` times enters the alphabet (word-initial and, for
    non-CJK characters, "##" continuation forms) — of the CJK characters only the `max_cjk` most
    frequent, so English word pieces keep most of the vocabulary; then the most frequent adjacent pair is merged
    until the vocabulary reaches `vocab_size`. Ties break on the lexicographically smaller pair so
    the result is deterministic.
    """
    word_freq: collections.Counter[str] = collections.Counter()
    for t in texts:
        word_freq.update(pre_tokenize(normalize(t, lowercase)))
    char_freq: collections.Counter[str] = collections.Counter()
    for w, f in word_freq.items():
        for ch in w:
            char_freq[ch] += f
    cjk = sorted((c for c, f in char_freq.items() if f >= min_char_freq and is_chinese_char(ord(c))),
                 key=lambda c: (-char_freq[c], c))[:max_cjk]
    alphabet = sorted([c for c, f in char_freq.items() if f >= min_char_freq and not is_chinese_char(ord(c))] + cjk)
    alpha_set = set(alphabet)
    vocab: list[str] = list(SPECIALS)
    seen = set(vocab)

    def add(tok: str) -> None:
        if tok not in seen:
            seen.add(tok)
            vocab.append(tok)

    for c in alphabet:
        add(c)
    for c in alphabet:
        if not is_chinese_char(ord(c)) and not is_punctuation(c):
            add(PREFIX + c)

    # words as symbol lists; words with an out-of-alphabet char are left out of merging
    words: list[list[str]] = []
    freqs: list[int] = []
    for w, f in sorted(word_freq.items()):
        if len(w) > MAX_CHARS_PER_WORD or len(w) < 2 or any(c not in alpha_set for c in w):
            continue
        words.append([w[0]] + [PREFIX + c for c in w[1:]])
        freqs.append(f)

    pair_count: collections.Counter[tuple[str, str]] = collections.Counter()
    where: dict[tuple[str, str], set[int]] = collections.defaultdict(set)
    for wi, syms in enumerate(words):
        f = freqs[wi]
        for a, b in zip(syms, syms[1:]):
            pair_count[(a, b)] += f
            where[(a, b)].add(wi)

    def merged(a: str, b: str) -> str:
        return a + (b[len(PREFIX):] if b.startswith(PREFIX) else b)

    heap = [(-c, p) for p, c in pair_count.items()]
    heapq.heapify(heap)
    while len(vocab) < vocab_size and heap:
        negc, pair = heapq.heappop(heap)
        c = pair_count.get(pair, 0)
        if c != -negc:
            if c > 0:
                heapq.heappush(heap, (-c, pair))
            continue
        if c < min_pair_freq:
            break
        a, b = pair
        new = merged(a, b)
        add(new)
        touched: dict[tuple[str, str], int] = {}
        for wi in list(where.get(pair, ())):
            syms = words[wi]
            f = freqs[wi]
            i = 0
            changed = False
            while i < len(syms) - 1:
                if syms[i] == a and syms[i + 1] == b:
                    if i > 0:
                        left = (syms[i - 1], a)
                        pair_count[left] -= f
                        touched[left] = 1
                    if i + 2 < len(syms):
                        right = (b, syms[i + 2])
                        pair_count[right] -= f
                        touched[right] = 1
                    syms[i:i + 2] = [new]
                    if i > 0:
                        nl = (syms[i - 1], new)
                        pair_count[nl] += f
                        where[nl].add(wi)
                        touched[nl] = 1
                    if i + 1 < len(syms):
                        nr = (new, syms[i + 1])
                        pair_count[nr] += f
                        where[nr].add(wi)
                        touched[nr] = 1
                    changed = True
                else:
                    i += 1
            if changed:
                pass
        pair_count.pop(pair, None)
        where.pop(pair, None)
        for p in touched:
            cnt = pair_count.get(p, 0)
            if cnt > 0:
                heapq.heappush(heap, (-cnt, p))
        if progress is not None:
            progress(len(vocab))
    return WordPieceTokenizer(vocab, lowercase=lowercase)
