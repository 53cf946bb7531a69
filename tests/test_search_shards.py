"""The sharded search index: encodings, tokens, and recall against every page whose text holds the query."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from qbank.bank.load import load_bank
from qbank.site.search_shards import (
    RUNS,
    build_index,
    decode,
    encode,
    lookup,
    normalized,
    query_tokens,
    read_index,
    write_index,
)


@given(st.sets(st.integers(min_value=0, max_value=4999)))
def test_posting_lists_decode_to_what_was_encoded(ids: set[int]) -> None:
    assert decode(encode(sorted(ids), 5000), 5000) == sorted(ids)


def test_dense_lists_are_bitmaps_and_sparse_lists_are_gaps() -> None:
    assert encode(list(range(0, 1000)), 1000)[0] == "b"
    assert encode([3, 900], 1000)[0] == "v"


def test_query_tokens_cut_chinese_into_pairs_and_keep_latin_words() -> None:
    assert query_tokens("过拟合") == ["过拟", "拟合"]
    assert query_tokens("数据不平衡 SMOTE") == ["数据", "据不", "不平", "平衡", "smote"]
    assert query_tokens("过") == ["过"] and query_tokens("  ") == []
    assert query_tokens("Ｆ１ 分数") == ["f1", "分数"]  # full-width letters fold as the index folds them


def bank_docs(lang: str) -> list[dict[str, str]]:
    """Index entries of the real bank: one per question, its answer a field of its own."""
    docs = []
    for article in load_bank(ROOT / "docs"):
        edition = article.editions.get(lang, article.zh)
        docs.append({"location": f"articles/{article.slug}/", "title": edition.title, "text": ""})
        docs += [{"location": f"articles/{article.slug}/#{q.anchor}", "title": q.title, "text": q.prompt,
                  "answer": q.answer_markdown()} for q in edition.questions]
    return docs


def queries(docs: list[dict[str, str]], count: int, seed: int) -> list[str]:
    """Substrings of the bank's own words, drawn at random: the index was built for none of them."""
    rng = random.Random(seed)
    runs = [run for doc in docs for field in ("title", "text", "answer") for run in RUNS.findall(normalized(doc.get(field, "")))]
    picked = []
    while len(picked) < count:
        run = rng.choice(runs)
        if run.isascii():
            picked.append(run[:rng.randint(2, max(2, len(run)))])
        elif len(run) >= 2:
            start = rng.randrange(len(run) - 1)
            picked.append(run[start:start + rng.randint(2, 5)])
    return picked


def test_every_document_holding_the_query_is_found(tmp_path: Path) -> None:
    for lang in ("zh", "en"):
        docs = bank_docs(lang)
        folder = tmp_path / lang
        write_index(folder, build_index(docs), {})
        texts = [normalized(" ".join(doc.get(field, "") for field in ("title", "text", "answer"))) for doc in docs]
        for query in queries(docs, 300, seed=len(lang)):
            found, _ = lookup(folder, query)
            holding = [doc for doc, text in enumerate(texts) if normalized(query) in text]
            # A Latin query matches words that start with it; mid-word matches are not asked for.
            if query.isascii():
                holding = [doc for doc in holding if any(word.startswith(query) for word in RUNS.findall(texts[doc]))]
            assert set(holding) <= set(found), (lang, query)
        meta, entries = read_index(folder)
        assert meta["documents"] == len(entries) == len(docs)


def test_a_query_reads_a_small_part_of_the_index(tmp_path: Path) -> None:
    docs = bank_docs("zh") * 20  # a bank twenty times the real one
    write_index(tmp_path, build_index(docs), {})
    total = sum(path.stat().st_size for path in (tmp_path / "qbank/s").iterdir())
    _, read = lookup(tmp_path, "过拟合")
    assert read < total / 4, (read, total)


def test_the_same_pages_give_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Tokens are gathered in sets, whose order follows Python's per-process string hashing."""
    pages = tmp_path / "docs.json"
    pages.write_text(json.dumps(bank_docs("zh"), ensure_ascii=False), encoding="utf-8")
    script = ("import json, sys; from pathlib import Path; from qbank.site.search_shards import build_index, write_index; "
              "write_index(Path(sys.argv[2]), build_index(json.loads(Path(sys.argv[1]).read_text('utf-8'))), {})")
    written = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        subprocess.run([sys.executable, "-c", script, str(pages), str(folder)], check=True, cwd=ROOT,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        written.append({path.relative_to(folder): path.read_bytes() for path in folder.rglob("*.json")})
    assert written[0] == written[1]
