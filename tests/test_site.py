"""The built site: strict build, questions.json against its schema, collapsed answers, inert HTML."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import zipfile
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from banks import Bank
from conftest import EXPECTED_COUNTS, ROOT, build_site, served_variant
from qbank.bank.load import load_bank
from qbank.cli import main
from qbank.site.search_shards import RUNS, lookup, normalized, read_index

SCHEMA = json.loads((ROOT / "qbank/data/questions.schema.json").read_text())


def content(page: Path) -> str:
    """The page's article body, without navigation."""
    html = page.read_text()
    return html[html.index("<article"):html.index("</article>")]


def pages(bank: Bank) -> list:
    """The bank's articles, read from its canonical pages."""
    return load_bank(bank.project / "docs")


def total(bank: Bank) -> int:
    """Questions in the bank's Chinese pages."""
    return sum(len(article.zh.questions) for article in pages(bank))


def test_questions_json_is_complete_and_valid(site: Path, bank: Bank) -> None:
    published = json.loads((site / "questions.json").read_text())
    jsonschema.validate(published, SCHEMA)
    questions = published["questions"]
    assert len(questions) == total(bank)
    per_source = {}
    for question in questions:
        name = question["source"].removeprefix("sources/")
        per_source[name] = per_source.get(name, 0) + 1
        assert question["answer"]["zh"].strip()
    # The hand-read counts of every source of this bank that the manifest lists.
    listed = {name: count for name, count in EXPECTED_COUNTS.items() if (bank.project / "sources" / name).exists()}
    assert {name: per_source.get(name, 0) for name in listed} == listed
    assert len({q["id"] for q in questions}) == total(bank)


def test_export_command_matches_the_published_file(site: Path, bank: Bank, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(bank.project)  # source paths are recorded relative to the project
    assert main(["export", "-o", str(tmp_path / "q.json")]) == 0
    assert (tmp_path / "q.json").read_text() == (site / "questions.json").read_text()


def test_every_url_resolves_to_a_question_heading(site: Path) -> None:
    for question in json.loads((site / "questions.json").read_text())["questions"]:
        path, anchor = question["url"]["zh"].split("#")
        html = (site / path / "index.html").read_text()
        assert f'id="{anchor}"' in html


def test_answers_are_collapsed_details(site: Path, bank: Bank) -> None:
    html = (site / f"articles/{bank.article}/index.html").read_text()
    answers = re.findall(r'<details class="answer"[^>]*>', html)
    assert len(answers) == len(bank.article_questions(bank.article))
    assert not any(re.search(r"\sopen\b", tag) for tag in answers)
    assert 'class="qbank-question"' in html


def test_home_page_lists_articles_with_counts(site: Path, bank: Bank) -> None:
    html = (site / "index.html").read_text()
    listed = html if len(bank.slugs) <= 60 else (site / "articles/index.html").read_text()  # past listed_articles
    for slug in bank.slugs:
        assert f'href="{"" if listed is html else "../"}articles/{slug}/"' in listed or f'href="{slug}/"' in listed
    assert f"共 {len(pages(bank))} 篇文章，{total(bank)} 道题。" in html


def site_of_one_source(tmp_path: Path, source: Path) -> str:
    """Ingest one source into a scratch project, build it strictly, and return its article's HTML."""
    for item in ("mkdocs.yml", "overrides", "hooks", "qbank", "docs/taxonomy"):
        target = tmp_path / item
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if (ROOT / item).is_dir() else shutil.copy)(ROOT / item, target)
    shutil.copy(ROOT / "docs/index.md", tmp_path / "docs/index.md")
    assert main(["ingest", str(source), "--docs", str(tmp_path / "docs")]) == 0
    result = build_site(tmp_path, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return next((tmp_path / "site/articles").glob("*/index.html")).read_text()


def test_raw_html_in_a_source_renders_as_text(tmp_path: Path) -> None:
    html = site_of_one_source(tmp_path, ROOT / "tests/fixtures/parse/code_hash_lines_and_html.txt")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def view_pages(site: Path, first: str) -> list[Path]:
    """A gathering view's built pages: `first/index.html`, then its continuations `first/2/`, `first/3/`…"""
    later = sorted((int(path.name), path / "index.html") for path in (site / first).iterdir() if path.name.isdigit())
    return [site / first / "index.html", *(page for _, page in later)]


def test_generated_topic_and_duplicate_pages(site: Path, bank: Bank) -> None:
    questions = bank.questions
    topic_ids = {topic for question in questions for topic in question["topics"]}
    index = (site / "topics/index.html").read_text()
    for topic in topic_ids:
        assert (site / f"topics/{topic}/index.html").exists()
        assert f'href="{topic}/"' in index
    clusters = Counter(question["cluster"] for question in questions)
    duplicates = "".join(page.read_text() for page in view_pages(site, "duplicates"))
    assert len(set(re.findall(r'id="(c-[^"]+)"', duplicates))) == sum(size > 1 for size in clusters.values())
    # Every asking of the most repeated question folds into one entry, on its topic's pages, listing every place.
    asked = max(questions, key=lambda question: (clusters[question["cluster"]], question["id"]))
    if clusters[asked["cluster"]] < 2:
        pytest.skip(f"the {bank.name} bank asks no question twice")
    link = f'href="{"../" * 2}articles/{asked["article"]}/#{asked["url"]["zh"].split("#")[1]}"'
    topic = asked["topics"][0]
    entries = [entry for page in view_pages(site, f"topics/{topic}")
               for entry in content(page).split('class="qbank-entry"')[1:]]
    entry = next((entry for entry in entries if link in entry or link.replace("../../", "../../../") in entry), None)
    assert entry is not None, (topic, link)
    places = entry[entry.index('class="qbank-places"'):]
    assert len(re.findall(r'href="(?:\.\./)+articles/', places[:places.index("</p>")])) == clusters[asked["cluster"]]


def test_every_question_shows_its_links(site: Path, bank: Bank) -> None:
    repeated = bank.asked_again()
    if not repeated:
        pytest.skip(f"the {bank.name} bank asks no question in two articles")
    asked = repeated[0]
    html = (site / f"articles/{asked['article']}/index.html").read_text()
    assert html.count('class="qbank-links"') == len(bank.article_questions(asked["article"]))
    twin = next(other for other in bank.questions if other["id"] in asked["duplicates"]
                and other["article"] != asked["article"])
    assert "也出现在" in html and f'href="../{twin["article"]}/#{twin["url"]["zh"].split("#")[1]}"' in html


def test_questions_json_graph_fields_are_consistent(site: Path) -> None:
    questions = {q["id"]: q for q in json.loads((site / "questions.json").read_text())["questions"]}
    for question in questions.values():
        for other in question["duplicates"]:
            assert questions[other]["cluster"] == question["cluster"]
            assert question["id"] in questions[other]["duplicates"]
        assert question["cluster"] in questions


def english_topic_names() -> dict[str, str]:
    """Each topic's English name, from the taxonomy."""
    import yaml

    topics = yaml.safe_load((ROOT / "docs/taxonomy/topics.yml").read_text(encoding="utf-8"))
    topics = topics["topics"] if isinstance(topics, dict) else topics
    return {topic["id"]: topic["name"]["en"] for topic in topics}


def test_english_edition_is_built_with_english_names(site: Path, bank: Bank) -> None:
    # A question with a twin anywhere, in its own article or another, links to it.
    repeated = {question["article"] for question in bank.questions if question["duplicates"]}
    for slug in bank.slugs:
        html = (site / f"en/articles/{slug}/index.html").read_text()
        assert '<html lang="en"' in html
        assert ("Also asked in" in html) == (slug in repeated), slug
        assert ("Not yet translated" in html) == (bank.translated(slug) == "none"), slug
    topic = max({t for q in bank.questions for t in q["topics"]},
                key=lambda t: sum(t in q["topics"] for q in bank.questions))
    name = english_topic_names()[topic].replace("&", "&amp;")
    assert name in (site / f"en/topics/{topic}/index.html").read_text()
    assert "Repeated questions" in (site / "en/duplicates/index.html").read_text()
    home = (site / "en/index.html").read_text()
    nav = re.findall(r'md-ellipsis">\s*([^<]*?)\s*<', home)
    assert "Articles" in nav and "Topics" in nav and name in nav
    assert nav.index("AI &amp; Large-Model Interview Questions") < nav.index("Articles") < nav.index("Topics")
    assert f"{total(bank)} questions in all" in home


def test_language_switcher_points_to_the_same_page(site: Path, bank: Bank) -> None:
    for slug in bank.slugs:
        zh = (site / f"articles/{slug}/index.html").read_text()
        assert f'href="../../en/articles/{slug}/" hreflang="en"' in zh
        en = (site / f"en/articles/{slug}/index.html").read_text()
        assert f'href="../../../articles/{slug}/" hreflang="zh"' in en
    topic = bank.questions[0]["topics"][0]
    assert f'href="../../en/topics/{topic}/" hreflang="en"' in (site / f"topics/{topic}/index.html").read_text()


def test_each_language_has_its_own_search_index(site: Path, bank: Bank) -> None:
    _, zh = read_index(site / "search")
    _, en = read_index(site / "en/search")
    assert zh and en
    assert not any(location.startswith("en/") for location, _, _ in zh)
    cjk = re.compile(r"[\u4e00-\u9fff]")
    articles = {location: title for location, title, _ in en if location.startswith("articles/") and "#" not in location}
    article_titles_zh = [title for location, title, _ in zh if location.startswith("articles/") and "#" not in location]
    assert len(articles) == len(article_titles_zh) == len(pages(bank))
    translated = {f"articles/{slug}/" for slug in bank.slugs if bank.translated(slug) != "none"}
    assert translated and translated <= set(articles)
    assert not any(cjk.search(title) for location, title in articles.items() if location in translated)
    assert all(cjk.search(title) for title in article_titles_zh)
    # Material's index file holds no documents: the pages fetch shards (qbank/site/search_shards.py) instead.
    for folder in ("search", "en/search"):
        assert json.loads((site / folder / "search_index.json").read_text())["docs"] == []
    # The English pages load the English index.
    page = (site / f"en/articles/{bank.article}/index.html").read_text()
    assert '"en/"' in page and "config.base" in page and "search-worker.js" in page


def test_questions_json_has_every_english_field(site: Path, bank: Bank) -> None:
    translated = {slug for slug in bank.slugs if bank.translated(slug) != "none"}
    questions = json.loads((site / "questions.json").read_text())["questions"]
    assert any(question["article"] in translated for question in questions)
    for question in questions:
        if question["article"] not in translated:
            # Chinese only: no English is made up.
            assert question["title"]["en"] is None and question["answer"]["en"] is None, question["id"]
            continue
        for field in ("title", "answer", "url"):
            assert question[field]["en"], (question["id"], field)
        assert question["url"]["en"].startswith(f"en/articles/{question['article']}/#")


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    """Generated HTML links bypass MkDocs' link validation, so check every link of every page."""
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = set(re.findall(r'\bid="([^"]+)"', page.read_text()))
        return ids[page]

    broken = []
    for page in site.rglob("*.html"):
        html = page.read_text()
        for target in re.findall(r'<a [^>]*href="([^"]+)"', html):
            if re.match(r"^[a-z]+:|^//|^mailto:", target) or target.startswith("../" * 10):
                continue
            path, _, fragment = target.partition("#")
            path = path.split("?")[0]
            base = site if path.startswith("/") else page.parent  # the 404 page links from the root
            resolved = (base / path.lstrip("/")).resolve() if path else page
            if resolved.is_dir() or path.endswith("/"):
                resolved = resolved / "index.html"
            if not resolved.exists():
                broken.append(f"{page.relative_to(site)} -> {target}")
            elif fragment and resolved.suffix == ".html" and fragment not in anchors(resolved):
                broken.append(f"{page.relative_to(site)} -> {target} (no such anchor)")
    assert not broken, broken[:10]


def test_schema_accepts_every_anchor_form() -> None:
    base = json.loads((ROOT / "qbank/data/questions.schema.json").read_text())
    pattern = re.compile(base["properties"]["questions"]["items"]["properties"]["id"]["pattern"])
    for anchor in ("i01", "c12", "f03", "i01-2", "i-1", "f-12"):
        assert pattern.match(f"some-article-{anchor}")
    assert not pattern.match("some-article-x01")


class LinkTargets(HTMLParser):
    """Every href and src in a page, with the text of each link."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.targets += [value or "" for name, value in attrs if name in ("href", "src", "xlink:href", "formaction")]


def test_script_urls_in_a_source_are_inert_on_the_site(tmp_path: Path, capsys) -> None:
    source = tmp_path / "sources/script_links.md"
    source.parent.mkdir()
    source.write_text(
        "# AI 大模型创业：如何利用安全优势？\n\n"
        "### 1. 如何防范恶意链接？\n\n"
        "**答案：** 不要点击[这个链接](javascript:alert(1))，也不要点[那个](JaVa\tScript:alert(2))"
        "或[脚本](vbscript:msgbox(3))。\n\n"
        "![图](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==) 与 [参考][r]，"
        "而[正常链接](https://example.org/) 保留。\n\n"
        "[r]: javascript:alert(5)\n",
        encoding="utf-8",
    )
    html = site_of_one_source(tmp_path / "project", source)
    # The ingest report names each one with its line.
    assert len(re.findall(r"script_links\.md:\d+: unsafe: link to", capsys.readouterr().out)) == 5
    parser = LinkTargets()
    parser.feed(html)
    plain = [re.sub(r"[\x00-\x20]+", "", unescape(target)).lower() for target in parser.targets]
    assert not [t for t in plain if t.startswith(("javascript:", "vbscript:", "data:"))], parser.targets
    assert "https://example.org/" in parser.targets
    # What the author wrote stays readable as text (ingest escapes it), the script URL with it: no link.
    for text in ("这个链接", "那个", "脚本", "参考", "javascript:alert(1)", "vbscript:msgbox(3)"):
        assert text in unescape(html)


class _Anchors(HTMLParser):
    """The ids of a page's section headings (h2–h6 outside question containers), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if re.fullmatch(r"h[2-6]", tag) and values.get("id") and "qbank-question" not in (values.get("class") or ""):
            self.ids.append(values["id"] or "")


def section_anchors(page: Path) -> list[str]:
    """Section heading ids of a built page's article body."""
    parser = _Anchors()
    parser.feed(content(page))
    return parser.ids


def test_section_anchors_are_the_same_in_both_languages(site: Path) -> None:
    pages = [path.relative_to(site) for path in site.glob("articles/*/index.html")]
    pages += [Path("index.html"), Path("about/index.html")]
    anchors = {page: (section_anchors(site / page), section_anchors(site / "en" / page)) for page in pages}
    assert all(zh == en for zh, en in anchors.values()), anchors
    assert sum(len(zh) for zh, _ in anchors.values()) >= len(pages)  # most pages have sections


def test_chinese_pages_speak_chinese_in_the_theme_strings(site: Path, bank: Bank) -> None:
    zh, en = (site / f"articles/{bank.article}/index.html").read_text(), \
        (site / f"en/articles/{bank.article}/index.html").read_text()
    assert 'title="永久链接"' in zh and "Permanent link" not in zh
    assert 'title="Permanent link"' in en
    assert "本站使用" in zh and "Made with" not in zh and "Made with" in en


def test_home_page_points_to_every_study_tool(site: Path) -> None:
    for prefix in ("", "en/"):
        home = site / prefix / "index.html"
        html = content(home)
        block = html[html.index('class="qbank-tools"'):]
        block = block[:block.index("</ul>")]
        targets = re.findall(r'href="([^"]+)"', block)
        # Guide, sheet, study mode, review, both decks, topics, duplicates: each link resolves to a built file.
        assert len(targets) == 8, targets
        for target in targets:
            page = re.split(r"[?#]", target)[0]
            path = home.parent / page
            assert (path / "index.html" if page.endswith("/") else path).is_file(), target
        assert any("downloads/" in target and target.endswith(".apkg") for target in targets)
        # Study mode opens the guide studying the whole bank, split or not.
        assert "guide/?study=all" in targets
        # The tools come before the article listing.
        assert html.index('class="qbank-tools"') < html.index('href="articles/')


def test_nav_puts_study_pages_first_and_developer_pages_last(site: Path) -> None:
    for prefix in ("", "en/"):
        html = (site / prefix / "index.html").read_text()
        nav = html[html.index("md-sidebar--primary"):html.index("md-sidebar--secondary")]
        tags = re.findall(r'<a [^>]*class="md-nav__link[^"]*"[^>]*>', nav)
        order = [re.sub(r"^(\.\./)*|^\./", "", found.group(1)) for tag in tags if (found := re.search(r'href="([^"]+)"', tag))]
        top = [link for link in order if link.count("/") <= 1 and not link.startswith(("articles/", "topics/"))]
        assert top.index("guide/") < top.index("duplicates/") < top.index("about/") < top.index("translation/"), top
        # The benchmarks are for the site's developers: linked from the about page, not in the nav.
        assert top[-1] == "translation/" and "benchmarks/" not in top, top


def test_developer_pages_are_out_of_search(site: Path) -> None:
    for folder in ("search", "en/search"):
        locations = [location for location, _, _ in read_index(site / folder)[1]]
        assert any(location.startswith("articles/") for location in locations)
        assert not any(location.startswith(("benchmarks/", "translation/")) for location in locations)


def test_search_text_holds_no_answer_but_search_still_matches_it(site: Path, bank: Bank) -> None:
    for folder, lang in (("search", "zh"), ("en/search", "en")):
        _, entries = read_index(site / folder)
        where = {location: doc for doc, (location, _, _) in enumerate(entries)}
        checked = 0
        for article in pages(bank):
            for question in article.editions.get(lang, article.zh).questions:
                doc = where[f"articles/{article.slug}/#{question.anchor}"]
                # The answer's longest run of words: search finds the question by it, its preview never shows it.
                # A code fence's language (```python) is no text of the page.
                answer = re.sub(r"^\s*(?:`{3,}|~{3,}).*$", "", question.answer_markdown(), flags=re.M)
                runs = RUNS.findall(normalized(answer))
                words = max((run for run in runs if len(run) >= 4), key=len, default="")[:12]
                if not words or words in normalized(question.title + question.prompt):
                    continue  # an answer that repeats its question
                assert words not in normalized(entries[doc][2]), (lang, question.anchor)
                assert doc in lookup(site / folder, words)[0], (lang, article.slug, question.anchor, words)
                checked += 1
        assert checked >= total(bank) // 2
        # Each topic is found by its name and description, without its page's questions.
        topics = [entry for entry in entries if re.fullmatch(r"topics/[\w-]+/", entry[0])]
        assert topics and all(title and len(preview) < 400 for _, title, preview in topics)


def test_footer_previous_and_next_follow_the_nav(site: Path) -> None:
    def footer(page: Path) -> dict[str, str]:
        links = re.findall(r'<a href="([^"]+)" class="md-footer__link md-footer__link--(prev|next)"', page.read_text())
        return {kind: href for href, kind in links}

    for prefix in ("", "en/"):
        home = footer(site / prefix / "index.html")
        assert home == {"next": "guide/"}, home  # home, then the study pages
        guide = footer(site / prefix / "guide/index.html")
        assert guide["prev"] in ("../", "..") and guide["next"] == "../sheet/"


# -- one build per language (the Pages workflow's parallel jobs) ----------------------------------


def _site_files(folder: Path) -> set[str]:
    """A built site's files, without `pdf/`: the PDF tests print into the session's site after its build."""
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")
            if path.is_file() and not path.relative_to(folder).as_posix().startswith("pdf/")}


def _same_content(path: str, built: Path, assembled: Path) -> bool:
    """Whether a file of the assembled site says what the full build's says (the Anki packages and
    gzip files carry their creation time; JSON key order is free)."""
    first, second = built / path, assembled / path
    if path.endswith(".apkg"):
        with zipfile.ZipFile(first) as one, zipfile.ZipFile(second) as other:
            return one.namelist() == other.namelist()
    if path.endswith(".gz"):
        return gzip.decompress(first.read_bytes()) == gzip.decompress(second.read_bytes())
    if path.endswith(".json"):
        return json.loads(first.read_bytes()) == json.loads(second.read_bytes())
    return first.read_bytes() == second.read_bytes()


@pytest.mark.banks("shipped", "synthetic")  # two more builds each: the shipped bank, and one whose views split
def test_language_builds_assemble_into_the_full_site(site: Path, bank: Bank, tmp_path: Path, capsys) -> None:
    """`QBANK_LANGUAGE=<lang>` builds one language's pages; `qbank assemble` joins them into the full site."""
    parts = {language: tmp_path / language for language in ("zh", "en")}
    for language, folder in parts.items():
        result = build_site(bank.project, folder, language=language)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
    # Each build renders no page of the other language (a stand-in home page aside).
    assert not (parts["zh"] / "en/articles").exists() and not (parts["en"] / "articles").exists()
    assert (parts["zh"] / "index.html").is_file() and (parts["en"] / "en/index.html").is_file()
    out = tmp_path / "site"
    assert main(["assemble", f"zh={parts['zh']}", f"en={parts['en']}", "-o", str(out)]) == 0
    assert _site_files(out) == _site_files(site)
    differing = sorted(path for path in _site_files(site) if not _same_content(path, site, out))
    assert differing == [], differing
    assert "assembled" in capsys.readouterr().out


def test_assemble_refuses_a_part_built_for_another_language(site: Path, tmp_path: Path, capsys) -> None:
    """A folder that holds no build of the language it is given for is refused, with the fix."""
    assert main(["assemble", f"zh={site}", f"en={tmp_path / 'missing'}", "-o", str(tmp_path / 'out')]) == 1
    assert "the en build folder does not exist" in capsys.readouterr().err
    (tmp_path / "zh-only").mkdir()
    shutil.copyfile(site / "index.html", tmp_path / "zh-only/index.html")
    assert main(["assemble", f"zh={site}", f"en={tmp_path / 'zh-only'}", "-o", str(tmp_path / 'out')]) == 1
    assert "QBANK_LANGUAGE=en" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_precompress_writes_gzip_copies_that_hold_the_files(site: Path, tmp_path: Path, capsys) -> None:
    """`qbank precompress`: a gzip copy beside each text file worth it, equal to it once unpacked; re-runs
    keep fresh copies, rewrite stale ones and never compress a copy."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    assert main(["precompress", "--site", str(copy)]) == 0
    assert "less to send" in capsys.readouterr().out
    copies = sorted(copy.rglob("*.gz"))
    pages = [path for path in copy.rglob("*.html") if path.stat().st_size >= 1024]
    assert pages and all(page.with_name(page.name + ".gz") in copies for page in pages)
    for packed in copies:
        original = packed.with_name(packed.name.removesuffix(".gz"))
        assert gzip.decompress(packed.read_bytes()) == original.read_bytes(), packed
        assert len(packed.read_bytes()) < len(original.read_bytes())
    assert not any(path.suffix in {".png", ".woff2", ".apkg", ".pdf"} for path in
                   (packed.with_name(packed.name.removesuffix(".gz")) for packed in copies))
    home = copy / "index.html"
    home.write_text(home.read_text("utf-8").replace("</body>", "<p>changed</p></body>"), "utf-8")
    assert main(["precompress", "--site", str(copy)]) == 0
    assert sorted(copy.rglob("*.gz")) == copies  # no copy of a copy
    assert gzip.decompress((copy / "index.html.gz").read_bytes()) == home.read_bytes()
    assert main(["precompress", "--site", str(tmp_path / "nowhere")]) == 1
    assert "no built site here" in capsys.readouterr().err


def test_pages_workflow_builds_every_site_language_and_assembles_them() -> None:
    """The Pages workflow's matrix covers the languages of mkdocs.yml, each build job writes one language,
    `qbank assemble` gets every part, and nothing is deployed before the tests pass."""
    import yaml

    from qbank.site.settings import read_site_config

    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    i18n = next(plugin["i18n"] for plugin in read_site_config(ROOT / "mkdocs.yml")["plugins"]
                if isinstance(plugin, dict) and "i18n" in plugin)
    languages = [language["locale"] for language in i18n["languages"]]
    assert jobs["build"]["strategy"]["matrix"]["language"] == languages
    build_env = next(step["env"] for step in jobs["build"]["steps"] if step.get("run") == "make build")
    assert build_env["QBANK_LANGUAGE"] == "${{ matrix.language }}" and "QBANK_SITE_URL" in build_env
    script = "\n".join(step.get("run", "") for step in jobs["assemble"]["steps"])
    assert all(f"{language}=parts/site-{language}" in script for language in languages)
    assert "qbank pdf" in script
    assert set(jobs["deploy"]["needs"]) == {"test", "assemble"}


def test_the_404_page_speaks_both_languages_and_leads_home(site: Path) -> None:
    """The one 404 page at the root (hosts serve it for every missing address): the default language's
    chrome, a message in each language, and home links, its language switcher's too."""
    html = (site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="zh"', html)
    assert re.search(r'<p lang="zh">[^<]*<a href="/" hreflang="zh">', html)
    assert re.search(r'<p lang="en">[^<]*<a href="/en/" hreflang="en">', html)
    switcher = dict((lang, href) for href, lang in re.findall(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link"', html))
    assert switcher == {"zh": "/", "en": "/en/"}, switcher
    assert not (site / "en/404.html").exists()


def _primary_nav_links(html: str) -> list[str]:
    """The hrefs of the primary (left) nav of a built page."""
    start = html.index("md-nav md-nav--primary")
    return re.findall(r'href="([^"]*)"', html[start:html.index("md-sidebar md-sidebar--secondary", start)])


@pytest.mark.banks("shipped", "corpus")  # one more build each; both hold fewer articles than listed_articles
def test_past_the_listed_articles_the_nav_and_home_lead_to_the_articles_index(site: Path, bank: Bank,
                                                                              tmp_path: Path) -> None:
    """A bank past `listed_articles` keeps its nav small: the articles index stands for every article, in
    the nav and on the home page, in both languages; each article is still built and listed there."""
    with served_variant(tmp_path, config_extra="extra:\n  qbank:\n    listed_articles: 3\n", project=bank.project):
        pass
    large = tmp_path / "site"
    slugs = sorted(article.slug for article in pages(bank))
    assert len(slugs) > 3
    for prefix in ("", "en/"):
        page = (large / prefix / "articles" / slugs[0] / "index.html").read_text(encoding="utf-8")
        nav = _primary_nav_links(page)
        assert "../" in nav and not any(slug in link for slug in slugs for link in nav), nav
        index = (large / prefix / "articles/index.html").read_text(encoding="utf-8")
        listed = re.findall(r'<td><a href="([^"]+)/">', index)
        assert sorted(listed) == slugs, listed  # each once, in content order
        assert all((large / prefix / "articles" / slug / "index.html").is_file() for slug in listed)
        home = (large / prefix / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<a href="articles/">[^<]+</a>', home) and "<table>" not in home.split("md-content")[1]
    # The real site, within the limit, lists every article in the nav and on the home page; no index.
    nav = _primary_nav_links((site / "articles" / slugs[0] / "index.html").read_text(encoding="utf-8"))
    assert all(any(slug in link for link in nav) for slug in slugs[1:]), nav
    home = (site / "index.html").read_text(encoding="utf-8")
    assert all(f'href="articles/{slug}/"' in home for slug in slugs) and not (site / "articles/index.html").exists()


class _Ids(HTMLParser):
    """Every id of a page, with repeats."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [value for name, value in attrs if name == "id" and value]


def test_no_page_repeats_an_id(site: Path) -> None:
    """Valid HTML (as the Nu checker reads it): gathered pages take code and headings from many articles."""
    repeated = {}
    for page in site.rglob("*.html"):
        parser = _Ids()
        parser.feed(page.read_text(encoding="utf-8"))
        if twice := sorted(name for name, count in Counter(parser.ids).items() if count > 1):
            repeated[page.relative_to(site).as_posix()] = twice[:3]
    assert not repeated, (len(repeated), dict(list(repeated.items())[:5]))
