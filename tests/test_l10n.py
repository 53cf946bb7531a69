"""Translation catalogues: units, PO/XLIFF export and import, round trip, fuzzy units, memory, partial pages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import polib
import pytest

from conftest import ROOT, scripted_fill
from qbank.bank.load import load_bank
from qbank.bank.page import split_page
from qbank.check import check_docs
from qbank.cli import main
from qbank.errors import QbankError
from qbank.graph.build import load_graph
from qbank.l10n.catalogue import read_catalogue
from qbank.l10n.exporter import clusters_of
from qbank.l10n.importer import import_catalogue, markdown_problems
from qbank.l10n.pages import page_template
from qbank.l10n.units import question_template
from qbank.site.listing import translation_state
from qbank.site.untranslated import english_view
from qbank.strings import ui

TRANSLATED = sorted(path.name.removesuffix(".en.md") for path in (ROOT / "docs/articles").glob("*.en.md"))
# pofilter's checks that apply from Chinese to English. The others (capitals, end punctuation, brackets,
# sentence counts, quotes, numbers, repeated words) compare Latin-script conventions Chinese does not share.
POFILTER_CHECKS = ("escapes", "newlines", "tabs", "xmltags", "urls", "emails", "printf", "pythonbraceformat",
                   "variables", "doublespacing", "filepaths", "functions", "validchars", "nplurals")


def run(*argv: str) -> str:
    """Run the CLI, fail on a non-zero exit, return what it printed."""
    out = StringIO()
    with redirect_stdout(out):
        code = main(list(argv))
    assert code == 0, out.getvalue()
    return out.getvalue()


def docs_copy(tmp_path: Path) -> Path:
    """A copy of the real docs folder to change."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    return docs


# -- units ---------------------------------------------------------------------


QUESTION = '''### 2. 如何实现文本分类？ { #c02 .qbank-question data-kind="coding" data-number="2" data-lines="1-9" }

请用 `sklearn` 实现。

??? answer "Answer"

    - **步骤一：** 向量化；
    - **步骤二：** 训练。

    | 方法 | 说明 |
    |---|---|
    | TF-IDF | 词频加权 |

    !!! example "Example code"

        ```python
        # 加载数据
        texts = ["这是正例", "x"]  # 示例输入
        print(f"准确率: {acc:.2f}")
        ```'''


def test_a_question_template_gives_back_its_markdown_and_names_each_unit() -> None:
    template = question_template(QUESTION, "c02")
    assert template.source() == QUESTION
    units = {unit.context: (unit.text, unit.kind) for unit in template.units}
    assert units["c02/title"] == ("如何实现文本分类？", "text")
    assert units["c02/prompt/1"] == ("请用 `sklearn` 实现。", "text")
    assert units["c02/answer/1"] == ("**步骤一：** 向量化；", "text")
    # Table cells are units; the rule row is structure.
    assert ("方法", "text") in units.values() and ("词频加权", "text") in units.values()
    assert ("TF-IDF", "text") in units.values()
    # In code only the Chinese of comments and strings is a unit, never the code.
    code = {text: kind for (text, kind), context in zip(units.values(), units, strict=True) if "/example/" in context}
    assert code == {"加载数据": "comment", "这是正例": "string", "示例输入": "comment", "准确率:": "string"}


def test_a_filled_template_keeps_the_structure_and_matching_reads_the_words_back() -> None:
    template = question_template(QUESTION, "c02")
    english = {unit.context: f"T{number}" for number, unit in enumerate(template.units)}
    filled = template.fill([english[unit.context] for unit in template.units])
    assert 'print(f"T' in filled and "texts = [\"T" in filled and "# T" in filled
    assert "{ #c02 .qbank-question" in filled and '??? answer "Answer"' in filled
    assert template.match(filled) == [english[unit.context] for unit in template.units]
    broken = filled.replace("    - T", "    * T", 1)
    assert isinstance(template.match(broken), int)


@pytest.mark.parametrize("slug", TRANSLATED)
def test_every_line_of_a_translated_page_is_structure_or_a_unit(slug: str) -> None:
    zh = next(article for article in load_bank(ROOT / "docs") if article.slug == slug).zh
    template = page_template(zh, "zh")
    body = (ROOT / f"docs/articles/{slug}.md").read_text(encoding="utf-8").split("---\n", 2)[2].lstrip("\n")
    assert template.fill({}) == body
    contexts = [unit.context for unit in template.units]
    assert len(contexts) == len(set(contexts))


# -- round trip, formats and checks ------------------------------------------------


@pytest.mark.parametrize("output_format", ["po", "xliff"])
def test_exporting_the_english_pages_and_importing_them_gives_the_same_bytes(tmp_path: Path,
                                                                            output_format: str) -> None:
    docs = docs_copy(tmp_path)
    out = tmp_path / "l10n"
    run("l10n", "export", "--docs", str(docs), "--format", output_format, "-o", str(out))
    for page in (docs / "articles").glob("*.en.md"):
        page.write_text("changed", encoding="utf-8")  # the import must write every byte itself
    run("l10n", "import", "--docs", str(docs), *map(str, sorted(out.iterdir())))
    assert TRANSLATED
    for slug in TRANSLATED:
        assert (docs / f"articles/{slug}.en.md").read_bytes() == (ROOT / f"docs/articles/{slug}.en.md").read_bytes()


def test_catalogues_pass_msgfmt_and_pofilter(tmp_path: Path) -> None:
    out = tmp_path / "l10n"
    run("l10n", "export", "--docs", str(ROOT / "docs"), "-o", str(out))
    pofilter = Path(sys.executable).with_name("pofilter")
    for catalogue in sorted(out.glob("*.po")):
        checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalogue)], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stderr, checked.stderr
        report = tmp_path / f"pofilter-{catalogue.name}"
        args = [arg for check in POFILTER_CHECKS for arg in ("-t", check)]
        subprocess.run([str(pofilter), "--progress=none", *args, "-i", str(catalogue), "-o", str(report)], check=True)
        failures = polib.pofile(str(report)) if report.exists() else []
        assert not [entry.msgctxt for entry in failures], report.read_text(encoding="utf-8")


def test_a_changed_chinese_answer_is_exported_fuzzy_with_its_previous_msgid(tmp_path: Path) -> None:
    docs = docs_copy(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "bank"], cwd=tmp_path, check=True)
    slug = TRANSLATED[0]
    article = next(a for a in load_bank(docs) if a.slug == slug)
    question = article.zh.questions[0]
    unit = next(u for u in page_template(article.zh).units if u.context.startswith(f"{question.anchor}/answer/"))
    zh_page = docs / f"articles/{slug}.md"
    text = zh_page.read_text(encoding="utf-8")
    assert text.count(unit.text) == 1
    old_english = {entry.msgctxt: entry.msgstr for entry in polib.pofile(str(export_one(docs, slug, tmp_path / "a")))}
    zh_page.write_text(text.replace(unit.text, unit.text + "（已修订）"), encoding="utf-8")

    po = polib.pofile(str(export_one(docs, slug, tmp_path / "b")))
    changed = next(entry for entry in po if entry.msgctxt == unit.context)
    assert changed.fuzzy and changed.msgid == unit.text + "（已修订）"
    assert changed.previous_msgid == unit.text and changed.msgstr == old_english[unit.context]
    others = [entry for entry in po if entry.msgctxt.startswith(f"{question.anchor}/") and entry is not changed]
    assert others and not any(entry.fuzzy for entry in others)
    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", po.fpath], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr

    # Imported as it is, the fuzzy unit shows the Chinese; the page says so and `qbank check` passes.
    run("l10n", "import", "--docs", str(docs), po.fpath)
    english = next(a for a in load_bank(docs) if a.slug == slug).editions["en"]
    assert english.partial == (question.anchor,)
    assert unit.text + "（已修订）" in (docs / f"articles/{slug}.en.md").read_text(encoding="utf-8")
    problems, _ = check_docs(docs)
    assert not problems, problems


def export_one(docs: Path, slug: str, out: Path) -> Path:
    """Export one article's PO catalogue; its path."""
    run("l10n", "export", slug, "--docs", str(docs), "-o", str(out))
    return out / f"{slug}.po"


# -- import refusals -------------------------------------------------------------


def test_a_catalogue_that_does_not_match_the_chinese_page_is_refused_with_its_line(tmp_path: Path) -> None:
    docs = docs_copy(tmp_path)
    slug = TRANSLATED[0]
    path = export_one(docs, slug, tmp_path / "l10n")
    po = polib.pofile(str(path), wrapwidth=0)
    po[3].msgid += "改"
    po.save(str(path))
    line = polib.pofile(str(path)).find(po[3].msgid, msgctxt=po[3].msgctxt).linenum
    with pytest.raises(QbankError) as error:
        import_page(docs, path)
    assert error.value.path == str(path) and error.value.line == line
    assert po[3].msgctxt in error.value.message and "export" in error.value.hint


@pytest.mark.parametrize(("broken", "problem"), [
    ("`model.fit( without its end", "code span"),
    ("see [the docs(https://example.org)", "link"),
    ("**bold never closed", "emphasis"),
    ("two\nlines", "line"),
])
def test_a_translation_that_breaks_markdown_is_refused_with_its_line(tmp_path: Path, broken: str, problem: str) -> None:
    docs = docs_copy(tmp_path)
    slug = TRANSLATED[0]
    path = export_one(docs, slug, tmp_path / "l10n")
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(entry for entry in po if entry.msgctxt.endswith("/answer/1"))
    entry.msgstr = broken
    po.save(str(path))
    line = polib.pofile(str(path)).find(entry.msgid, msgctxt=entry.msgctxt).linenum
    before = (docs / f"articles/{slug}.en.md").read_bytes()
    with pytest.raises(QbankError) as error:
        import_page(docs, path)
    assert error.value.line == line and problem in error.value.message
    assert main(["l10n", "import", "--docs", str(docs), str(path)]) == 1
    assert (docs / f"articles/{slug}.en.md").read_bytes() == before  # nothing written


def test_markdown_problems_leave_balanced_translations_alone() -> None:
    assert markdown_problems("用 `fit()` 训练，见[文档](https://x.org)。", "Train with `fit()`; see [the docs](https://x.org).") == []
    assert markdown_problems("**加粗**", "**bold**") == []


def import_page(docs: Path, path: Path) -> str:
    """Import one catalogue without writing; the page text."""
    catalogue = read_catalogue(path)
    article = next(a for a in load_bank(docs) if a.slug == catalogue.slug)
    return import_catalogue(catalogue, article, docs / f"articles/{catalogue.slug}.en.md").text


# -- translation memory and partial pages -------------------------------------------


def test_the_memory_fills_identical_chinese_and_offers_duplicates_fuzzy(tmp_path: Path) -> None:
    docs = docs_copy(tmp_path)
    slug = TRANSLATED[0]
    (docs / f"articles/{slug}.en.md").unlink()
    translated_elsewhere: dict[str, str] = {}
    for other in TRANSLATED[1:]:
        for entry in polib.pofile(str(export_one(ROOT / "docs", other, tmp_path / "real"))):
            translated_elsewhere.setdefault(entry.msgid, entry.msgstr)
    graph = load_graph(docs)
    clusters = clusters_of(graph)
    output = run("l10n", "export", slug, "--docs", str(docs), "-o", str(tmp_path / "l10n"))
    po = polib.pofile(str(tmp_path / "l10n" / f"{slug}.po"))
    exact = [entry for entry in po if entry.msgid in translated_elsewhere]
    assert exact, "the article shares no Chinese with the others: pick another"
    for entry in exact:
        assert entry.msgstr == translated_elsewhere[entry.msgid] and not entry.fuzzy
        assert "translation memory: the same Chinese" in entry.comment
    twins = {f"{slug}-{q.anchor}" for q in load_bank(docs)[0].zh.questions} & set(clusters)
    titles = [entry for entry in po if entry.msgctxt.endswith("/title") and f"{slug}-{entry.msgctxt[:-6]}" in twins
              and entry.msgid not in translated_elsewhere]
    for entry in titles:
        assert entry.fuzzy and entry.msgstr and "from the duplicate question" in entry.comment
    filled = len(exact) + sum(1 for entry in po if entry.fuzzy)
    assert f"translation memory filled {filled} of the other {len(po)}" in output


def test_a_partly_filled_catalogue_gives_an_honest_english_page(tmp_path: Path) -> None:
    docs = docs_copy(tmp_path)
    slug = TRANSLATED[0]
    (docs / f"articles/{slug}.en.md").unlink()
    path = export_one(docs, slug, tmp_path / "l10n")
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:  # nothing from the memory: only what the script fills below
        entry.msgstr, entry.flags = "", []
    po.save(str(path))
    scripted_fill(path, every=2)
    run("l10n", "import", "--docs", str(docs), str(path))
    article = next(a for a in load_bank(docs) if a.slug == slug)
    english = article.editions["en"]
    assert english.partial and "title" not in english.partial  # the first unit, the title, is filled
    problems, _ = check_docs(docs)
    assert not problems, problems
    strings = ui("en")
    state = translation_state(article, "en")
    translated = sum(1 for q in article.zh.questions if q.anchor not in english.partial)
    assert state == strings["translation_state"]["partial"].format(
        percent=round(100 * translated / len(article.zh.questions)))
    page = split_page((docs / f"articles/{slug}.en.md").read_text(encoding="utf-8"), slug)
    view = english_view(page.body, article, "en", False)
    assert strings["partial_question"] in view
    if "prose" in english.partial:
        assert strings["partial_prose"] in view


def test_an_unreadable_catalogue_is_refused_with_its_line(tmp_path: Path) -> None:
    path = export_one(ROOT / "docs", TRANSLATED[0], tmp_path / "l10n")
    lines = path.read_text(encoding="utf-8").split("\n")
    broken = next(number for number, line in enumerate(lines) if line.startswith("msgstr") and number > 10)
    lines[broken] = "this is not PO"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(QbankError) as error:
        read_catalogue(path)
    assert error.value.line == broken + 1 and "msgfmt" in error.value.hint
    with pytest.raises(QbankError) as error:
        read_catalogue(tmp_path / "missing.po")
    assert error.value.message == "no such file"
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(QbankError, match="not a translation catalogue"):
        read_catalogue(tmp_path / "notes.txt")


def test_check_warns_of_an_english_block_that_leaves_the_chinese_structure(tmp_path: Path) -> None:
    """An English answer with a paragraph the Chinese lacks still builds, but `qbank check` names the
    page and the question: its units would be exported untranslated."""
    docs = docs_copy(tmp_path)
    assert "does not follow" not in run("check", "--docs", str(docs))
    page = docs / f"articles/{TRANSLATED[0]}.en.md"
    text = page.read_text(encoding="utf-8")
    answer = text.index("??? answer")
    first_paragraph_end = text.index("\n\n", text.index("\n\n", answer) + 2)
    anchor = text[:answer].rsplit("{ #", 1)[1].split()[0]
    page.write_text(text[:first_paragraph_end] + "\n\n    A paragraph the Chinese does not have."
                    + text[first_paragraph_end:], encoding="utf-8")
    printed = run("check", "--docs", str(docs))
    warning = next(line for line in printed.splitlines() if "does not follow the Chinese structure" in line)
    assert str(page) in warning and f": {anchor}: " in warning, warning
