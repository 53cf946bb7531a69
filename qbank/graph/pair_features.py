"""What two questions share: sparse text vectors of every question and the features of candidate pairs.

Each feature is a similarity between two questions that needs no hand-made list of this series'
wording: it is weighed by statistics of the bank itself, so new articles bring their own vocabulary.

- `title`: TF-IDF cosine of the title's concept words (jieba plus the genre thesaurus).
- `title_chars`: cosine of character bigrams of those words, so compounds that jieba cuts
  differently (数据集 / 数据, 图像分类器 / 图像分类) still meet.
- `title_contained`: the IDF-weighted share of the lighter title's words found in the other, with
  the words that say what is asked (优化, 描述…) kept, so "optimise X" and "describe X" differ.
- `genre_title`: the title cosine with squared "genre" IDF, counted over questions' whole text
  (title and body), so words the genre uses everywhere (数据, 模型, 开发) weigh little even in
  titles. It is counted on an evenly spread sample of at most GENRE_SAMPLE questions.
- `body`: TF-IDF cosine of the character bigrams of the prompt, answer and analysis (code and
  punctuation left out); bigrams rather than jieba words because answers are long and segmenting
  them all is the slow part. A placeholder body many questions share is left out first.
- `code`: TF-IDF cosine of the identifiers in the code.
- `same_kind`: both interview questions, or both coding questions.
- `coding_head`: for two coding exercises, the share of the lighter one's head-word bigrams (the
  program asked for, `signals.head_words`) in the other's: a CNN image classifier and a deep-learning
  image classification model are one program, a CNN text classifier and a CNN speech recogniser two.
- `key_points`: TF-IDF cosine of the concept words of the answers' points (`signals.key_points`).
- `intent_clash`: 1 − the IDF-weighted Jaccard of the two titles' verbs, 0 where either has none:
  "evaluate X" and "optimise X" share their subject but not what they ask.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from qbank.graph.signals import CODE_BLOCK, head_words, key_points, without_template_answers
from qbank.graph.text import concept_forms, concepts, verbs

FEATURES: tuple[str, ...] = (
    "title", "title_chars", "title_contained", "body", "code", "same_kind", "genre_title", "coding_head",
    "key_points", "intent_clash",
)
# Runs of anything but Chinese, Latin letters and digits become one space before bigrams are counted.
NOT_A_WORD = re.compile(r"[^\u4e00-\u9fffa-z0-9]+")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{2,}")
# Below this many questions, document frequencies are too coarse to call a word "common".
MIN_TEXTS_FOR_MAX_DF = 20
# Questions whose whole text is segmented to count genre frequencies: enough to tell boilerplate
# from subject words, few enough to stay fast on a bank of 30,000 questions.
GENRE_SAMPLE = 600
# Words in more of the questions than this do not, alone, make two questions candidates.
BLOCKING_MAX_DF = 0.1
# …unless they are in this few questions: a small bank keeps every word for gathering.
BLOCKING_MIN_COUNT = 50


@dataclass(frozen=True)
class QuestionText:
    """The parts of a question the detector reads."""

    title: str
    body: str = ""
    code: str = ""
    kind: str = "interview"


@dataclass
class Vectors:
    """Row-per-question sparse vectors, one matrix per kind of evidence."""

    title: sparse.csr_matrix
    title_chars: sparse.csr_matrix
    asked_weighted: sparse.csr_matrix  # IDF weights of the title's words, asking words kept (unnormalised)
    asked_present: sparse.csr_matrix  # 1 where such a word is in the title
    genre_title: sparse.csr_matrix
    body: sparse.csr_matrix
    code: sparse.csr_matrix
    kinds: np.ndarray
    heads: sparse.csr_matrix  # 1 per character bigram of the title's head words
    key_points: sparse.csr_matrix
    verbs_weighted: sparse.csr_matrix  # IDF of each verb of the title (unnormalised)
    verbs_present: sparse.csr_matrix  # 1 where the title has that verb
    # Per question, the first question asked in the same words (same kind, same title words with
    # the asking words kept): one wording, scored once and grouped from the start.
    wording: np.ndarray

    @property
    def size(self) -> int:
        """Number of questions."""
        return self.title.shape[0]


def bigrams(words: list[str]) -> list[str]:
    """Character bigrams of the Chinese in the words joined; Latin words stay whole."""
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[a-z0-9]+", "".join(words).lower()):
        if not re.match(r"[\u4e00-\u9fff]", run) or len(run) < 2:
            out.append(run)
        else:
            out.extend(run[index:index + 2] for index in range(len(run) - 1))
    return out


def tfidf(tokens: list[list[str]], max_df: float = 1.0) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (an empty row for a text without tokens)."""
    if not any(tokens):
        return sparse.csr_matrix((len(tokens), 1))
    try:
        vectoriser = TfidfVectorizer(analyzer=lambda words: words, sublinear_tf=True, max_df=max_df)
        return vectoriser.fit_transform(tokens).tocsr()
    except ValueError:  # every token was too common to tell texts apart
        return sparse.csr_matrix((len(tokens), 1))


def char_tfidf(texts: list[str], max_df: float = 1.0) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows of character bigrams (scikit-learn's own analyzer: bodies are long)."""
    try:
        vectoriser = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), sublinear_tf=True, max_df=max_df)
        return vectoriser.fit_transform(texts).tocsr()
    except ValueError:  # no text, or every bigram too common
        return sparse.csr_matrix((len(texts), 1))


def weighted(tokens: list[list[str]], weight: dict[str, float]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Per text: a row of the weights of its distinct words, and a row of ones where a word occurs."""
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, words in enumerate(tokens):
        for word in sorted(set(words)):
            rows.append(row)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
            values.append(weight[word])
    shape = (len(tokens), max(len(vocabulary), 1))
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=shape, dtype=np.float64)
    present = matrix.copy()
    present.data[:] = 1.0
    return matrix, present


def inverse_frequency(documents: list[set[str]]) -> dict[str, float]:
    """Smoothed IDF of every word over the documents."""
    frequency = Counter(word for document in documents for word in document)
    total = len(documents)
    return {word: math.log((total + 1) / (count + 1)) + 1.0 for word, count in frequency.items()}


def genre_frequency(titles: list[list[str]], questions: Sequence[QuestionText]):
    """IDF over whole questions (title and body words) of an evenly spread sample of the questions."""
    step = max(1, math.ceil(len(questions) / GENRE_SAMPLE))
    sample = [set(titles[index]) | set(concepts(CODE_BLOCK.sub(" ", questions[index].body)))
              for index in range(0, len(questions), step)]
    known = inverse_frequency(sample)
    unseen = math.log(len(sample) + 1) + 1.0  # a word the sample never used is as rare as can be
    return lambda word: known.get(word, unseen)


def wordings(forms: list[tuple[tuple[str, ...], tuple[str, ...]]], questions: Sequence[QuestionText]) -> np.ndarray:
    """Per question, the index of the first question with the same kind and asking title words.

    Hand-read pairs of this genre whose titles reduce to the same words are the same question; a
    title with no words left stands alone.
    """
    first: dict[tuple[str, tuple[str, ...]], int] = {}
    out = np.arange(len(questions))
    for index, ((_subject, asked), question) in enumerate(zip(forms, questions, strict=True)):
        if asked:
            out[index] = first.setdefault((question.kind, asked), index)
    return out


def vectorise(questions: Sequence[QuestionText]) -> Vectors:
    """Every question's vectors, weighed by the statistics of this set of questions."""
    bodies_read = without_template_answers([question.body for question in questions])
    questions = [replace(question, body=body) for question, body in zip(questions, bodies_read, strict=True)]
    forms = [concept_forms(question.title) for question in questions]
    titles = [list(subject) for subject, _ in forms]
    bodies = [NOT_A_WORD.sub(" ", CODE_BLOCK.sub(" ", question.body).lower()) for question in questions]
    code = [[word.lower() for word in IDENTIFIER.findall(question.code + "\n".join(CODE_BLOCK.findall(question.body)))]
            for question in questions]
    max_df = 0.5 if len(questions) >= MIN_TEXTS_FOR_MAX_DF else 1.0
    asked = [list(words) for _, words in forms]
    asked_weighted, asked_present = weighted(asked, inverse_frequency([set(words) for words in asked]))
    genre_idf = genre_frequency(titles, questions)
    genre_squared = {word: genre_idf(word) ** 2 for words in titles for word in words}
    title_verbs = [list(verbs(question.title)) for question in questions]
    verbs_weighted, verbs_present = weighted(title_verbs, inverse_frequency([set(words) for words in title_verbs]))
    heads = [[gram for head in head_words(question.title) for gram in bigrams([head])] for question in questions]
    return Vectors(
        title=tfidf(titles, max_df), title_chars=tfidf([bigrams(words) for words in titles], max_df),
        asked_weighted=asked_weighted, asked_present=asked_present,
        genre_title=unit_rows(sublinear(titles, genre_squared)),
        body=char_tfidf(bodies, max_df), code=tfidf(code, max_df),
        kinds=np.array([question.kind for question in questions]),
        heads=weighted(heads, dict.fromkeys({gram for row in heads for gram in row}, 1.0))[1],
        key_points=tfidf([key_points(question.body) for question in questions], max_df),
        verbs_weighted=verbs_weighted, verbs_present=verbs_present,
        wording=wordings(forms, questions),
    )


def unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows scaled to length 1 (an empty matrix stays empty)."""
    return normalize(matrix) if matrix.shape[0] else matrix


def sublinear(tokens: list[list[str]], weight: dict[str, float]) -> sparse.csr_matrix:
    """Rows of (1 + log count) × weight per word, in the same columns as `weighted`."""
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, words in enumerate(tokens):
        for word, count in sorted(Counter(words).items()):
            rows.append(row)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
            values.append((1.0 + math.log(count)) * weight[word])
    return sparse.csr_matrix((values, (rows, cols)), shape=(len(tokens), max(len(vocabulary), 1)), dtype=np.float64)


def candidates(
    vectors: Vectors, floor: float, per_question: int, block_rows: int = 2048,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of wordings whose title words reach `floor` cosine, each wording's best few.

    Only word vectors gather candidates: bigrams are shared by too many titles of one genre. X·Xᵀ is
    computed one block of rows at a time, so memory stays bounded and only pairs sharing a word are
    touched. Each wording is scored once (by its first question), and keeping its `per_question` best
    partners bounds the pairs scored in a bank where one question is asked hundreds of times.
    """
    representatives = np.flatnonzero(vectors.wording == np.arange(vectors.size))
    titles = vectors.title[representatives]
    transposed = blocking(titles, vectors.title).T.tocsc()
    left, right = [], []
    for start in range(0, len(representatives), block_rows):
        block = (titles[start:start + block_rows] @ transposed).tocsr()
        # Drop weak pairs in place, before any per-entry index array is made.
        block.data[block.data < floor] = 0.0
        block.eliminate_zeros()
        indptr, indices, data = block.indptr, block.indices, block.data
        for offset in range(block.shape[0]):
            row = start + offset
            cols, values = indices[indptr[offset]:indptr[offset + 1]], data[indptr[offset]:indptr[offset + 1]]
            others = cols != row  # a wording is not its own partner
            cols, values = cols[others], values[others]
            if len(cols) > per_question:
                cols = cols[np.argpartition(-values, per_question)[:per_question]]
            left.append(np.minimum(cols, row))
            right.append(np.maximum(cols, row))
    if not left:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    # One key per unordered pair, so a pair found from both of its wordings is kept once, in order.
    size = len(representatives)
    keys = np.sort(np.concatenate(left).astype(np.int64) * size + np.concatenate(right))
    keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if len(keys) else keys
    return representatives[keys // size], representatives[keys % size]


def blocking(matrix: sparse.csr_matrix, counted: sparse.csr_matrix) -> sparse.csr_matrix:
    """The matrix without its columns present in more than BLOCKING_MAX_DF of the rows of `counted`.

    A pair is gathered only if the two share a word outside the most common ones; that bounds the
    work of X·Xᵀ, while the score of a gathered pair still uses every word (the rows stay whole).
    """
    if counted.shape[0] < MIN_TEXTS_FOR_MAX_DF:
        return matrix
    frequency = np.bincount(counted.indices, minlength=counted.shape[1])
    keep = np.flatnonzero(frequency <= max(BLOCKING_MAX_DF * counted.shape[0], BLOCKING_MIN_COUNT))
    mask = sparse.diags(np.isin(np.arange(matrix.shape[1]), keep).astype(np.float64))
    return (matrix @ mask).tocsr()


def row_dots(matrix: sparse.csr_matrix, first: np.ndarray, second: np.ndarray,
             other: sparse.csr_matrix | None = None) -> np.ndarray:
    """matrix[first[k]] · other[second[k]] for every k (other defaults to matrix)."""
    if len(first) == 0:
        return np.zeros(0)
    right = matrix if other is None else other
    return np.asarray(matrix[first].multiply(right[second]).sum(axis=1)).ravel()


def containment(weights: sparse.csr_matrix, present: sparse.csr_matrix, first: np.ndarray,
                second: np.ndarray) -> np.ndarray:
    """Weight of the shared words over the weight of the lighter title."""
    shared = row_dots(weights, first, second, present)
    totals = np.asarray(weights.sum(axis=1)).ravel()
    lighter = np.minimum(totals[first], totals[second])
    return np.divide(shared, lighter, out=np.zeros_like(shared), where=lighter > 0)


def jaccard(weights: sparse.csr_matrix, present: sparse.csr_matrix, first: np.ndarray,
            second: np.ndarray) -> np.ndarray:
    """Weight of the shared words over the weight of the words of either; -1 where either has none."""
    shared = row_dots(weights, first, second, present)
    totals = np.asarray(weights.sum(axis=1)).ravel()
    union = totals[first] + totals[second] - shared
    both = (totals[first] > 0) & (totals[second] > 0)
    return np.where(both, np.divide(shared, union, out=np.zeros_like(shared), where=union > 0), -1.0)


def pair_features(vectors: Vectors, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """One row of FEATURES per pair."""
    coding = (vectors.kinds[first] == "coding") & (vectors.kinds[second] == "coding")
    verb_overlap = jaccard(vectors.verbs_weighted, vectors.verbs_present, first, second)
    columns = {
        "title": row_dots(vectors.title, first, second),
        "title_chars": row_dots(vectors.title_chars, first, second),
        "title_contained": containment(vectors.asked_weighted, vectors.asked_present, first, second),
        "body": row_dots(vectors.body, first, second),
        "code": row_dots(vectors.code, first, second),
        "same_kind": (vectors.kinds[first] == vectors.kinds[second]).astype(np.float64),
        "genre_title": row_dots(vectors.genre_title, first, second),
        "coding_head": containment(vectors.heads, vectors.heads, first, second) * coding,
        "key_points": row_dots(vectors.key_points, first, second),
        "intent_clash": np.where(verb_overlap >= 0, 1.0 - verb_overlap, 0.0),
    }
    return np.column_stack([np.minimum(columns[name], 1.0) for name in FEATURES]) if len(first) else \
        np.zeros((0, len(FEATURES)))
