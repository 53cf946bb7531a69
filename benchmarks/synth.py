"""Synthetic articles of the series: every marker style, repeats and paraphrases, both languages."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

SUBJECTS = [
    ("数据不平衡", "类别不平衡"), ("过拟合", "模型过拟合"), ("模型性能", "评估指标"), ("计算资源", "计算资源不足"),
    ("推理速度", "推理效率"), ("数据隐私", "隐私保护"), ("可解释性", "解释性"), ("模型漂移", "数据分布变化"),
    ("数据质量", "数据清洗"), ("泛化能力", "泛化误差"), ("训练速度", "训练时间过长"), ("模型部署", "模型落地"),
    ("模型安全", "对抗攻击"), ("数据标注", "标注成本"), ("分布式训练", "并行计算"), ("模型压缩", "模型量化"),
]
DOMAINS = ["医疗", "金融", "教育", "零售", "制造", "能源", "交通", "法律", "游戏", "农业", "物流", "保险", "电商", "安防",
           "气象", "化工", "航空", "旅游", "传媒", "体育", "政务", "地产", "通信", "汽车"]
ADVANTAGES = ["科技", "资源", "创新", "资本", "渠道", "品牌", "人才", "数据", "政策", "生态", "市场", "用户", "技术", "平台"]
ANSWER = ("可以采用{a}、{b}、{c}等方法来处理{s}问题。在{d}场景中，还需要结合业务特点持续监控模型表现，"
          "并根据反馈迭代优化训练数据与模型结构。")
METHODS = ["重采样", "正则化", "数据增强", "交叉验证", "迁移学习", "模型剪枝", "知识蒸馏", "混合精度训练", "差分隐私",
           "联邦学习", "早停", "学习率调整", "集成学习", "主动学习"]
CODE = '''```python
import numpy as np

# 生成示例数据
x = np.random.rand(100, {n})
# 计算均值
print("均值：", x.mean())
```'''


class QuestionPool:
    """Fresh questions (subject × domain), with a share asked again, paraphrased, in later articles."""

    def __init__(self, rng: random.Random, repeat_share: float = 0.2) -> None:
        self.rng = rng
        self.repeat_share = repeat_share
        self.asked: list[tuple[tuple[str, str], str, int]] = []

    def next(self, domain: str) -> tuple[str, str]:
        """A title and answer; about one in five repeats an earlier question (at most five times)."""
        rng = self.rng
        candidates = [entry for entry in self.asked if entry[2] < 5]
        if candidates and rng.random() < self.repeat_share:
            index = self.asked.index(rng.choice(candidates))
            subject, where, count = self.asked[index]
            self.asked[index] = (subject, where, count + 1)
        else:
            subject, where = rng.choice(SUBJECTS), f"{rng.choice(DOMAINS)}{rng.choice(SCENES)}"
            self.asked.append((subject, where, 1))
        wording = subject[rng.random() < 0.4]
        title = rng.choice([f"如何处理{where}中大模型训练的{wording}问题？", f"{where}中大模型如何解决{wording}？",
                            f"在{where}中，如何应对大模型的{wording}？"])
        a, b, c = rng.sample(METHODS, 3)
        return title, ANSWER.format(a=a, b=b, c=c, s=wording, d=domain)


SCENES = ["风控场景", "客服场景", "推荐场景", "质检场景", "预测场景", "搜索场景", "审核场景", "诊断场景", "调度场景", "营销场景"]


def article(rng: random.Random, pool: QuestionPool, index: int, questions: int = 30) -> str:
    """One source article in one of the genre's marker styles."""
    domain = rng.choice(DOMAINS)
    advantage = rng.choice(ADVANTAGES)
    title = f"### AI 大模型创业：如何利用{advantage}优势？（{index}）"
    intro = f"在{domain}领域，大模型创业者需要把握{advantage}优势。以下是相关面试题与解析。"
    style = index % 4
    lines = [" " * 17, "", title, "", intro, ""]
    if style == 0:
        lines += ["#### 一、挑战", "", "**1. 数据：** 数据获取困难。", "", "**2. 算力：** 成本较高。", "",
                  "#### 二、典型面试题和算法编程题库", ""]
        for n in range(1, questions + 1):
            t, a = pool.next(domain)
            kind = "算法编程题" if n % 5 == 0 else "面试题"
            lines += [f"**{n}. {kind}：** {t}", "", f"- **答案：** {a}", ""]
    elif style == 1:
        for n in range(1, questions + 1):
            t, a = pool.next(domain)
            lines += [f"#### {n}. {t}", "", f"**题目：** 请描述{t.rstrip('？')}。", "", "**答案：**", "",
                      f"1. **方法一：** {a}", "", f"**解析：** {a[:40]}", ""]
    elif style == 2:
        lines += ["#### 面试题", ""]
        for n in range(1, questions + 1):
            t, a = pool.next(domain)
            lines += [f"**{n}. {t}**", "", f"**答案：** {a}", ""]
            if n % 6 == 0:
                lines += [CODE.format(n=n), ""]
    else:
        lines += ["#### 3. 典型面试题与算法编程题库解析", ""]
        for n in range(1, questions + 1):
            t, a = pool.next(domain)
            lines += [f"##### 面试题 {n}：{t}", "", "**答案解析：**", "", a, "", "**示例代码：**", "", CODE.format(n=n), ""]
    lines += ["### 总结", "", f"希望本文对{domain}领域的创业者有所帮助。<|user|>", ""]
    return "\n".join(lines)


WORDS = ["model", "training", "data", "large", "resource", "method", "handle", "improve", "optimize", "evaluate", "performance", "scenario", "business", "feedback", "structure", "iterate", "monitor", "combine", "industry"]


def english(zh_page: str, rng: random.Random) -> str:
    """A stand-in English page: same structure and code, Chinese runs replaced by English words."""
    out, in_code = [], False
    for line in zh_page.split("\n"):
        if line.strip().startswith("```"):
            in_code = not in_code
        if in_code and "#" not in line and '"' not in line:
            out.append(line)
            continue
        out.append(re.sub(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]+",
                          lambda m: " ".join(rng.choice(WORDS) for _ in range(max(1, len(m.group(0)) // 3))), line))
    return "\n".join(out)


def write_sources(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` synthetic source articles."""
    rng = random.Random(seed)
    pool = QuestionPool(rng)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"{index:04d}_synthetic.txt"
        path.write_text(article(rng, pool, index), encoding="utf-8")
        paths.append(path)
    return paths


def questions(count: int, seed: int = 11) -> list[tuple[str, str]]:
    """(title, answer) of the questions `count` articles of 30 questions would ask (for detection alone)."""
    rng = random.Random(seed)
    pool = QuestionPool(rng)
    return [pool.next(rng.choice(DOMAINS)) for _ in range(count * 30)]


# What a synthetic bank copies from a real one: the home, about and benchmarks pages (the about page links
# to the benchmarks) and the taxonomy.
BANK_PAGES = ("index.md", "index.en.md", "about.md", "about.en.md", "benchmarks.md", "benchmarks.en.md")


def write_bank(folder: Path, real_docs: Path, articles: int, translated: float = 1.0, seed: int = 7) -> None:
    """A synthetic bank in `folder`: `articles` sources ingested into `folder/docs`, and stand-in English
    pages (stamped) for the first `translated` share of them."""
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name in BANK_PAGES:
        shutil.copy(real_docs / name, docs / name)
    shutil.copytree(real_docs / "taxonomy", docs / "taxonomy", dirs_exist_ok=True)
    write_sources(folder / "sources", articles, seed)
    qbank = [sys.executable, "-m", "qbank.cli"]
    subprocess.run([*qbank, "ingest"], cwd=folder, check=True, capture_output=True)
    rng = random.Random(articles)
    pages = sorted(page for page in (docs / "articles").glob("*.md") if not page.name.endswith(".en.md"))
    for page in pages[:round(len(pages) * translated)]:
        page.with_name(f"{page.stem}.en.md").write_text(english(page.read_text(encoding="utf-8"), rng),
                                                        encoding="utf-8")
    subprocess.run([*qbank, "stamp"], cwd=folder, check=True, capture_output=True)
