#!/usr/bin/env python3
"""gen-store.py - synthetic enriched JSONL (docs/FORMATS.md section 3) for
bench-store.sh and the store tests.

usage: gen-store.py [-n ARTICLES] [-m EVENTS] [--text BYTES] [--seed S]
                    [--first K] [--rules-version V] [--csv DIR] > out.jsonl

Every article gets M events, six entities with mentions, and about BYTES of
body text drawn from a fixed vocabulary (so FTS5 sees realistic token
counts). Article ids are K, K+1, ... as 16 hex digits. With --csv DIR it also writes DIR/articles.csv and DIR/events.csv
holding the same rows, for the sqlite3 shell .import floor.
"""
import argparse
import csv
import json
import os
import random
import sys

TYPES = ["approval", "acceptance", "submission", "designation", "crl",
         "pdufa_date", "chmp_opinion", "launch", "agreement", "trial_result"]
AGENCIES = [("FDA", "US"), ("EMA", "EU"), ("MHRA", "UK"), ("PMDA", "JP"),
            ("NMPA", "CN"), ("Health Canada", "CA"), ("TGA", "AU"),
            ("Swissmedic", "CH"), ("ANVISA", "BR"), ("CDSCO", "IN")]


def words(rng, n):
    syll = ["pha", "ma", "ti", "no", "xel", "zu", "ab", "mab", "lin", "tor",
            "vi", "ra", "ce", "dex", "on", "sta", "gli", "pro", "ken", "sul"]
    vocab = set()
    while len(vocab) < n:
        vocab.add("".join(rng.choice(syll) for _ in range(rng.randint(2, 4))))
    return sorted(vocab)


def date(rng):
    y = rng.randint(2019, 2026)
    g = rng.choice(["day", "day", "day", "month", "month", "quarter", "half", "year"])
    if g == "day":
        return "%d-%02d-%02d" % (y, rng.randint(1, 12), rng.randint(1, 28)), g
    if g == "month":
        return "%d-%02d" % (y, rng.randint(1, 12)), g
    if g == "quarter":
        return "%d-Q%d" % (y, rng.randint(1, 4)), g
    if g == "half":
        return "%d-H%d" % (y, rng.randint(1, 2)), g
    return str(y), g


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("-m", type=int, default=5)
    ap.add_argument("--text", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first", type=int, default=0, help="number of the first article id")
    ap.add_argument("--rules-version", default="bench-1")
    ap.add_argument("--csv")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    vocab = words(rng, 5000)
    drugs = ["%smab" % w for w in rng.sample(vocab, 500)]
    companies = ["%s Pharma" % w.title() for w in rng.sample(vocab, 200)]
    out = sys.stdout
    acsv = ecsv = None
    if a.csv:
        os.makedirs(a.csv, exist_ok=True)
        af = open(os.path.join(a.csv, "articles.csv"), "w", newline="")
        ef = open(os.path.join(a.csv, "events.csv"), "w", newline="")
        acsv, ecsv = csv.writer(af), csv.writer(ef)
    for i in range(a.n):
        aid = "%016x" % (a.first + i)
        body = []
        size = 0
        while size < a.text:
            w = rng.choice(vocab)
            body.append(w)
            size += len(w) + 1
        text = " ".join(body)
        drug = rng.sample(drugs, 2)
        comp = rng.sample(companies, 2)
        ag, jur = rng.choice(AGENCIES)
        ents = [{"type": "drug", "name": d, "aliases": [d.upper()[:6] + "-1"],
                 "attrs": {"inn": d}, "mentions": [{"start": 0, "end": 5, "text": text[0:5]},
                                                   {"start": 10, "end": 15, "text": text[10:15]}]}
                for d in drug]
        ents += [{"type": "company", "name": c, "aliases": [], "attrs": None,
                  "mentions": [{"start": 20, "end": 25, "text": text[20:25]}]} for c in comp]
        ents.append({"type": "regulator", "name": ag, "aliases": [], "attrs": {"jurisdiction": jur},
                     "mentions": [{"start": 30, "end": 33, "text": text[30:33]}]})
        ents.append({"type": "indication", "name": rng.choice(vocab) + " disease", "aliases": [],
                     "attrs": None, "mentions": [{"start": 40, "end": 47, "text": text[40:47]}]})
        events = []
        for k in range(a.m):
            d, g = date(rng)
            s0 = rng.randint(0, max(0, len(text) - 200))
            events.append({
                "type": rng.choice(TYPES), "status": "completed", "date": d, "date_grain": g,
                "date_text": d, "date_source": "text", "drug": rng.choice(drug),
                "company": rng.choice(comp), "agency": ag, "jurisdiction": jur,
                "indication": None, "designation": None,
                "sentence": text[s0:s0 + 150], "sentence_start": s0, "sentence_end": s0 + 150,
                "rule": "bench.rule%d" % k, "rules_version": a.rules_version})
        art = {"id": aid, "url": "https://bench.example/%d" % i, "canonical_url": None,
               "title": " ".join(rng.sample(vocab, 8)), "published": "2025-%02d-%02d" %
               (rng.randint(1, 12), rng.randint(1, 28)), "published_source": "meta",
               "modified": None, "authors": ["Bench Writer"], "site_name": "Bench",
               "lang": "en", "text": text, "source": {"file": "bench.warc.gz"},
               "entities": ents, "events": events}
        out.write(json.dumps(art, separators=(",", ":")) + "\n")
        if acsv:
            acsv.writerow([aid, art["url"], art["title"], art["published"], text])
            for k, e in enumerate(events):
                ecsv.writerow([aid, k, e["type"], e["status"], e["date"], e["date_grain"],
                               e["drug"], e["company"], e["agency"], e["jurisdiction"],
                               e["sentence"], e["sentence_start"], e["sentence_end"],
                               e["rule"], e["rules_version"]])


if __name__ == "__main__":
    main()
