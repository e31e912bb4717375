"""Deterministic synthetic news corpus for the benchmarks.

Articles are built by sampling, shuffling and recombining the paragraphs and sentences of the
five seed articles in ``fixtures/*.txt`` (French news, scraped), plus English news paragraphs
written for this module and English sentences generated from templates ("X said", "according
to", denials, quotations with speech tags). A few lines of page furniture (skip links, share
buttons, cookie banners, "Related Articles") are mixed in the way scraped pages carry them.

Everything is seeded: article ``i`` of seed ``s`` is the same whatever the number of articles
asked for, so ``--quick`` runs use a prefix of the full corpus.

    from corpus import make_articles, write_txt_dir, write_jsonl, big_article
    arts = make_articles(1000, size=4096, seed=1)   # ~4 KB each (UTF-8 bytes)
    write_txt_dir(arts, folder)                     # one .txt per article
    write_jsonl(arts, path)                         # one JSON object per line

Run as a script to look at a sample: ``python bench/corpus.py --n 3 --show``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

DEFAULT_SIZE = 4096  # bytes of UTF-8 text per article (target; actual sizes vary about it)
BIG_SIZE = 100_000

# ---------------------------------------------------------------------------------------------
# English material, written for the benchmarks in wire-service style
# ---------------------------------------------------------------------------------------------

EN_PARAGRAPHS = [
    "The city council voted 7-2 on Tuesday to approve a new budget that raises property taxes by "
    "3 percent, the first increase in six years. Mayor Linda Okafor said the money would go to road "
    "repairs and to hiring more bus drivers.",
    "\"We cannot keep patching the same potholes every spring,\" Okafor told reporters after the vote. "
    "\"This is a long-term fix, and people will see the difference by the end of next year.\"",
    "Opponents of the plan disagreed. Councilman Rick Delaney said the increase would hurt retirees "
    "on fixed incomes and accused the mayor of ignoring cheaper alternatives.",
    "According to the state's transport department, nearly a third of the city's roads are in poor "
    "condition, compared with a national average of about one in five.",
    "Energy prices rose for a third straight month in October, driven by higher costs for natural gas "
    "and heating oil, the statistics office said on Friday.",
    "Analysts at Northbridge Capital said the increase was smaller than expected and predicted that "
    "prices would stabilise over the winter if supplies from Norway held up.",
    "\"Households are still paying far more than they did two years ago,\" said Maria Keller, an "
    "economist at the Institute for Fiscal Research. \"The relief, if it comes, will be slow.\"",
    "The company denied that it had misled investors about the delay, saying in a statement that all "
    "required disclosures had been made on time.",
    "A spokesperson for the ministry declined to comment on the report but said the government "
    "remained committed to the timetable agreed with its partners.",
    "Health officials reported 412 new cases of measles in the region last month, the highest monthly "
    "figure since 2019. Most of the patients were children who had not been vaccinated, according to "
    "the regional health authority.",
    "Dr. Samuel Atkins, who heads the infectious diseases unit at St. Mary's Hospital, said the "
    "outbreak was \"entirely preventable\" and urged parents to check their children's records.",
    "The prime minister insisted on Wednesday that the coalition was stable, despite reports of a "
    "bitter dispute between its two largest parties over pension reform.",
    "\"There is no crisis. There are discussions, as there always are in a coalition,\" he told a "
    "press conference in the capital.",
    "Opposition leader Hannah Price rejected that account. She said the government had \"lost its "
    "majority in all but name\" and called for an early election.",
    "Two people were injured when a delivery van struck a tram stop in the city centre on Monday "
    "morning, police said. The driver was arrested at the scene.",
    "Witnesses said the van appeared to lose control as it turned onto Market Street. One of them, a "
    "shop owner who gave only her first name, Jo, said she heard \"a terrible bang\" and ran outside.",
    "The tech firm said it would cut about 1,200 jobs, or 8 percent of its workforce, as it shifts "
    "investment towards artificial intelligence. Chief executive Paul Moreau told staff in an email "
    "that the decision had been \"painful but necessary.\"",
    "Union representatives disputed the company's figures, claiming that as many as 2,000 positions "
    "could be affected once contractors were counted.",
    "Scientists say the glacier has lost more than 40 percent of its volume since 1980. A study "
    "published on Thursday in the journal Nature Geoscience attributes most of the loss to rising "
    "summer temperatures.",
    "\"What we are seeing is not a gradual decline any more, it is an acceleration,\" said Ingrid "
    "Solberg, a glaciologist at the University of Bergen and one of the study's authors.",
    "The report's conclusions were contested by a group of researchers in Zurich, who argued that the "
    "measurements from the 1980s were too sparse to support a precise comparison.",
    "Officials in Brussels said the agreement, which still needs to be ratified by national "
    "parliaments, would remove tariffs on most industrial goods within seven years.",
    "Farmers' groups have warned that the deal would expose European producers to unfair competition. "
    "\"We will be undercut by imports that do not meet our standards,\" the head of the largest "
    "farmers' union said last week.",
    "The central bank left its main interest rate unchanged at 4.25 percent, as most economists had "
    "expected. In a statement, the bank said inflation was \"moving in the right direction\" but "
    "remained too high.",
    "Governor Elena Varga said at a news conference that it was too early to talk about cuts. \"We "
    "need to see more evidence that price pressures are easing,\" she said.",
    "The airline blamed the cancellations on a shortage of air traffic controllers, but the "
    "controllers' union denied the claim and said the airline had overbooked its schedule.",
    "More than 3,000 passengers were stranded at the airport over the weekend, according to figures "
    "released by the airport operator on Sunday.",
    "The minister acknowledged that the reform had been poorly explained. \"We should have been "
    "clearer from the start about who gains and who pays,\" she said in an interview with the BBC.",
    "Prosecutors allege that the former executive transferred more than $4 million to accounts in "
    "Cyprus between 2017 and 2020. His lawyer said he would plead not guilty.",
    "The court is expected to rule next month. If convicted, he faces up to ten years in prison.",
    "A survey by the Pew Research Center found that 61 percent of adults say they get at least some "
    "of their news from social media, up from 48 percent five years ago.",
    "The findings suggest that trust in traditional outlets continues to erode, the researchers "
    "wrote, although television news remains the most trusted source among older respondents.",
    "Fire crews were still battling the blaze late on Saturday. A fire service spokesman said the "
    "flames had been contained on three sides but that strong winds made the work dangerous.",
    "Residents of two villages were evacuated as a precaution. \"We took what we could carry and "
    "left,\" said Tom Reilly, 67, who spent the night in a school gymnasium.",
]

EN_FURNITURE = [
    "Skip to content",
    "Share this article",
    "Related Articles",
    "Advertisement",
    "Read more",
    "Sign up for our daily newsletter",
    "This website uses cookies to improve your experience. We'll assume you're ok with this, but you "
    "can opt-out if you wish.",
    "Reporting by Anna Lindqvist; Editing by Mark Heinrich",
    "© 2026 Example Media. All rights reserved.",
    "World",
]

FR_FURNITURE_EXTRA = [
    "Partager cet article",
    "Lire aussi",
    "Publicité",
    "Abonnez-vous à notre newsletter",
    "À lire également",
]

# Templates for generated English sentences: varied speakers, cues and contents
_SPEAKERS = [
    "Secretary of State Antony Blinken", "a senior US official", "the Kremlin spokesman",
    "Defence Minister Ana Ruiz", "the company", "a spokeswoman for the European Commission",
    "Police Chief Mark Evans", "the World Health Organization", "Senator Jane Holloway",
    "the union's general secretary", "an adviser to the president", "local officials",
    "Professor David Lin of Stanford University", "the foreign ministry", "analysts",
    "two people familiar with the matter", "the regulator", "President Emmanuel Macron",
]
_PRONOUNS = ["he", "she", "they"]
_VERBS = ["said", "told reporters", "warned", "added", "claimed", "insisted", "noted", "argued",
          "explained", "confirmed", "acknowledged", "stressed"]
_CONTEST = ["denied", "rejected claims", "disputed reports"]
_OUTLETS = ["Reuters", "the Associated Press", "the BBC", "Le Monde", "CNN", "the Financial Times"]
_WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week",
         "in a statement", "at a news conference", "in an interview", "late on Sunday"]
_CLAUSES = [
    "the talks had made real progress", "the ceasefire was holding in most areas",
    "the new rules would take effect in January", "prices were likely to rise again next year",
    "the missiles had been supplied with strict conditions on their use",
    "no decision had been taken on further sanctions", "the investigation was still at an early stage",
    "the factory would reopen within weeks", "more than 200 people had been detained",
    "the budget gap was larger than previously estimated", "the vaccine was safe and effective",
    "the border crossing would remain closed until further notice",
    "the government had underestimated the cost of the project",
    "the strike would continue until wages were raised", "the data had been collected lawfully",
    "the country was ready to resume negotiations", "the drone attack had caused no casualties",
    "the merger would not lead to job losses", "the election had been free and fair",
    "the army had withdrawn from the town", "exports had fallen for a fourth consecutive quarter",
    "the nuclear plant was operating normally", "the aid convoy had been blocked for three days",
    "the report contained serious errors",
]
_QUOTES = [
    "We will not be intimidated", "This is a dangerous escalation", "Nobody wants a wider war",
    "We are looking at all the options", "The numbers speak for themselves",
    "It is simply not true", "We have done everything by the book", "Time is running out",
    "We expect a response within days", "There is no evidence to support that claim",
]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _en_sentence(rng: random.Random) -> str:
    spk, verb, when, cl = rng.choice(_SPEAKERS), rng.choice(_VERBS), rng.choice(_WHEN), rng.choice(_CLAUSES)
    k = rng.randrange(9)
    if k == 0:
        return f"{_cap(spk)} {verb} {when} that {cl}."
    if k == 1:
        return f"According to {spk}, {cl}."
    if k == 2:
        return f"\"{rng.choice(_QUOTES)},\" {spk} {verb}."
    if k == 3:
        return f"\"{rng.choice(_QUOTES)}. {_cap(cl)},\" {rng.choice(_PRONOUNS)} told {rng.choice(_OUTLETS)}."
    if k == 4:
        return f"{_cap(spk)} {rng.choice(_CONTEST)} that {cl}."
    if k == 5:
        return f"{_cap(cl)}, {spk} {verb} {when}."
    if k == 6:
        return f"{_cap(cl)}, {rng.choice(_OUTLETS)} reported, citing {spk}."
    if k == 7:
        return f"{_cap(rng.choice(_PRONOUNS))} {verb} {cl}."
    return f"{_cap(cl)}."  # unsourced assertion


# ---------------------------------------------------------------------------------------------
# Pools built from the fixtures
# ---------------------------------------------------------------------------------------------

_BOUNDARY = re.compile(r"[.!?…]+[»”\"]?(\s+)(?=[«“\"A-ZÀ-ÖØ-Þ0-9])")
_QUOTE_CHARS = "«»“”\""


def _balanced(s: str) -> bool:
    return s.count("«") == s.count("»") and s.count("“") == s.count("”") and s.count('"') % 2 == 0


def split_sentences(par: str) -> list[str]:
    """A simple sentence split that keeps quotations together (not the project's segmenter,
    so that the corpus does not change when the extractor does)."""
    pieces, cur = [], 0
    for m in _BOUNDARY.finditer(par):
        pieces.append(par[cur:m.start(1)])
        cur = m.end(1)
    pieces.append(par[cur:])
    out: list[str] = []
    buf = ""
    for piece in pieces:
        buf = f"{buf} {piece}" if buf else piece
        if _balanced(buf):
            out.append(buf)
            buf = ""
    if buf:
        out.append(buf)
    return out


@dataclass(frozen=True)
class Pools:
    body: tuple[str, ...]  # paragraphs of running text
    sentences: tuple[str, ...]  # whole sentences, quotations balanced
    headlines: tuple[str, ...]
    furniture: tuple[str, ...]


@cache
def fr_pools() -> Pools:
    body, furniture, headlines = [], [], []
    for f in sorted(FIXTURES.glob("*.txt")):
        lines = [ln.strip() for ln in f.read_text("utf-8").splitlines() if ln.strip()]
        for ln in lines:
            if len(ln) < 80 or "cookies" in ln:
                furniture.append(ln)
            elif not ln.endswith((".", "»", "”", "\"", "…", "!")):
                headlines.append(ln)
            else:
                body.append(ln)
    sents = [s for p in body for s in split_sentences(p) if len(s) >= 40 and _balanced(s)]
    return Pools(tuple(body), tuple(sents), tuple(headlines), tuple(furniture + FR_FURNITURE_EXTRA))


@cache
def en_pools() -> Pools:
    sents = [s for p in EN_PARAGRAPHS for s in split_sentences(p) if len(s) >= 40]
    return Pools(tuple(EN_PARAGRAPHS), tuple(sents), (), tuple(EN_FURNITURE))


# ---------------------------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    language: str  # the language the generator used ("fr" / "en")

    @property
    def nbytes(self) -> int:
        return len(self.text.encode("utf-8"))


def _headline(rng: random.Random, pools: Pools, lang: str) -> str:
    if pools.headlines and rng.random() < 0.3:
        return rng.choice(pools.headlines)
    src = rng.choice(pools.sentences) if lang == "fr" or rng.random() < 0.5 else _en_sentence(rng)
    words = [w for w in src.split() if w not in ("«", "»")]
    words = [w.strip(_QUOTE_CHARS) for w in words[: rng.randint(7, 14)]]
    return " ".join(w for w in words if w).rstrip(",.;:") or "Untitled"


def _paragraph(rng: random.Random, pools: Pools, lang: str) -> str:
    r = rng.random()
    if r < 0.5:
        return rng.choice(pools.body)  # a paragraph as published
    n = rng.choice((1, 2, 2, 3, 3, 4))
    if lang == "en":
        parts = [rng.choice(pools.sentences) if rng.random() < 0.4 else _en_sentence(rng) for _ in range(n)]
    else:
        parts = rng.sample(pools.sentences, n)
    return " ".join(parts)


def build_text(rng: random.Random, lang: str, size: int) -> tuple[str, str]:
    """(title, text) of about ``size`` UTF-8 bytes."""
    pools = fr_pools() if lang == "fr" else en_pools()
    title = _headline(rng, pools, lang)
    sep = rng.choice(("\n", "\n", "\n\n"))
    head: list[str] = []
    if rng.random() < 0.25:
        head.append(rng.choice(pools.furniture[:3] if lang == "en" else pools.furniture))
    head.append(title)
    body: list[str] = []
    used: set[str] = set()
    n = sum(len(x.encode()) + len(sep) for x in head)
    misses = 0
    while n < size:
        p = _paragraph(rng, pools, lang)
        if p in used and misses < 50:  # a real page rarely repeats a paragraph
            misses += 1
            continue
        if body and n + len(p.encode()) // 2 > size:
            break  # the article would end further from its target with this paragraph
        used.add(p)
        if rng.random() < 0.06:
            body.append(rng.choice(pools.furniture))  # a share button, a section name...
        body.append(p)
        n += len(p.encode()) + len(sep)
    tail = [rng.choice(pools.furniture)] if rng.random() < 0.3 else []
    return title, sep.join(head + body + tail) + "\n"


def article(i: int, size: int = DEFAULT_SIZE, seed: int = 0, en_share: float = 0.25) -> Article:
    """Article number ``i`` of the corpus ``seed`` (independent of how many are generated)."""
    rng = random.Random(seed * 1_000_003 + i)
    size = max(1200, int(rng.gauss(size, size * 0.2)))
    lang = "en" if rng.random() < en_share else "fr"
    title, text = build_text(rng, lang, size)
    return Article(f"a{seed:02d}-{i:06d}", title, text, lang)


def iter_articles(n: int, size: int = DEFAULT_SIZE, seed: int = 0, en_share: float = 0.25) -> Iterator[Article]:
    for i in range(n):
        yield article(i, size, seed, en_share)


def make_articles(n: int, size: int = DEFAULT_SIZE, seed: int = 0, en_share: float = 0.25,
                  big: bool = False) -> list[Article]:
    """``n`` articles of ~``size`` bytes, plus one of ~100 KB at the end if ``big``."""
    arts = list(iter_articles(n, size, seed, en_share))
    if big:
        arts.append(big_article(seed=seed))
    return arts


def big_article(size: int = BIG_SIZE, seed: int = 0, lang: str = "fr") -> Article:
    """One long article (~``size`` bytes): a long report or a live blog."""
    rng = random.Random(f"big-{seed}-{lang}")
    title, text = build_text(rng, lang, size)
    return Article(f"big{seed:02d}-{lang}", title, text, lang)


def articles_of_total(total_bytes: int, size: int = DEFAULT_SIZE, seed: int = 0,
                      en_share: float = 0.25, big: bool = True) -> list[Article]:
    """Articles of ~``size`` bytes until ``total_bytes`` is reached (the big one counted)."""
    arts = [big_article(seed=seed)] if big else []
    n = sum(a.nbytes for a in arts)
    i = 0
    while n < total_bytes:
        a = article(i, size, seed, en_share)
        arts.append(a)
        n += a.nbytes
        i += 1
    return arts


def write_txt_dir(arts: Iterable[Article], folder: Path) -> tuple[int, int]:
    """One ``<id>.txt`` per article; returns (files, bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = nbytes = 0
    for a in arts:
        data = a.text.encode("utf-8")
        (folder / f"{a.id}.txt").write_bytes(data)
        files += 1
        nbytes += len(data)
    return files, nbytes


def write_jsonl(arts: Iterable[Article], path: Path) -> tuple[int, int]:
    """One JSON object per line ``{"id", "title", "text", "url", "meta"}``; returns (lines, bytes of text)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = nbytes = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for a in arts:
            rec = {"id": a.id, "title": a.title, "text": a.text,
                   "url": f"https://news.example.org/{a.language}/{a.id}",
                   "meta": {"source": "bench-synthetic", "generator_language": a.language}}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            lines += 1
            nbytes += a.nbytes
    return lines, nbytes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=5)
    ap.add_argument("--size", type=int, default=DEFAULT_SIZE)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--en-share", type=float, default=0.25)
    ap.add_argument("--big", action="store_true", help="add one ~100 KB article")
    ap.add_argument("--out", type=Path, help="write here: a folder (.txt files) or a .jsonl file")
    ap.add_argument("--show", action="store_true", help="print the articles")
    args = ap.parse_args(argv)
    arts = make_articles(args.n, args.size, args.seed, args.en_share, args.big)
    if args.out:
        if args.out.suffix == ".jsonl":
            n, b = write_jsonl(arts, args.out)
        else:
            n, b = write_txt_dir(arts, args.out)
        print(f"{n} article(s), {b} bytes written to {args.out}")
    if args.show:
        for a in arts:
            print(f"===== {a.id} ({a.language}, {a.nbytes} bytes)\n{a.text}")
    if not args.out and not args.show:
        sizes = [a.nbytes for a in arts]
        print(f"{len(arts)} article(s), {sum(sizes)} bytes, min {min(sizes)}, max {max(sizes)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
