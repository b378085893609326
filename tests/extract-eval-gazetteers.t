#!/usr/bin/env bash
# extract-eval-gazetteers.t - the gazetteers of rules/gazetteers/*.tsv are well formed
# (rules/README.md "Gazetteers"): header line, same column count on every row, a source
# comment, unique canonical names, no empty or duplicated aliases, known jurisdictions,
# dates and parents in regulators.tsv, designations naming known regulators.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"
GAZ="$PN_RULES_DIR/gazetteers"
[ -d "$GAZ" ] || skip_all "no $GAZ"

out=$(python3 - "$GAZ" <<'PY'
import os, re, sys
gaz = sys.argv[1]
n = 0
def ok(cond, msg):
    global n
    n += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (n, msg))
    return cond
tables = {}
for fn in sorted(os.listdir(gaz)):
    if not fn.endswith(".tsv") or fn.startswith("timex_"):
        continue
    path = os.path.join(gaz, fn)
    lines = open(path, encoding="utf-8").read().split("\n")
    comments = [l for l in lines if l.startswith("#")]
    ok(any("ource" in l for l in comments), "%s: a comment names its sources" % fn)
    rows, hdr, bad = [], None, []
    for i, l in enumerate(lines, 1):
        if not l or l.startswith("#"):
            continue
        cols = l.split("\t")
        if hdr is None:
            hdr = cols
            continue
        if len(cols) != len(hdr):
            bad.append("%d: %d columns, header has %d" % (i, len(cols), len(hdr)))
        rows.append(dict(zip(hdr, cols)))
    key = hdr[0] if hdr else None
    ok(hdr is not None and key in ("name", "stem"), "%s: header line, first column name/stem" % fn)
    ok(not bad, "%s: every row has %d columns %s" % (fn, len(hdr or []), "; ".join(bad[:3])))
    names = [r[key] for r in rows]
    dups = sorted({x for x in names if names.count(x) > 1})
    if fn == "stems.tsv":
        dups = sorted({(r["stem"], r["kind"]) for r in rows if [(q["stem"], q["kind"]) for q in rows].count((r["stem"], r["kind"])) > 1})
    ok(not dups, "%s: canonical names unique %s" % (fn, dups[:5]))
    emp = [r[key] for r in rows if "aliases" in r and (r["aliases"].startswith("|") or r["aliases"].endswith("|") or "||" in r["aliases"])]
    ok(not emp, "%s: no empty alias %s" % (fn, emp[:5]))
    ws = [r[key] for r in rows if any(v != v.strip() for v in r.values())]
    ok(not ws, "%s: no leading/trailing blanks %s" % (fn, ws[:5]))
    tables[fn] = rows
    if "aliases" in (hdr or []):
        size = sum(len(x) + 1 for r in rows for x in [r[key]] + [a for a in r["aliases"].split("|") if a])
        # {@name} expands to one PCRE2 alternation; its compiled form must stay under the
        # library's 64 kB limit (LINK_SIZE 2), i.e. roughly 30 kB of names
        ok(size < 26000, "%s: %d chars of names and aliases (< 26000, PCRE2 size limit)" % (fn, size))
regs = tables.get("regulators.tsv", [])
if regs:
    names = {r["name"] for r in regs}
    J = re.compile(r"^([A-Z]{2}|EU|INT)$")
    ok(all(J.match(r["jurisdiction"]) for r in regs), "regulators.tsv: jurisdictions are ISO alpha-2, EU or INT")
    D = re.compile(r"^(\d{4}(-\d\d(-\d\d)?)?)?$")
    ok(all(D.match(r["valid_from"]) and D.match(r["valid_to"]) for r in regs), "regulators.tsv: valid_from/valid_to are YYYY[-MM[-DD]]")
    ok(all(not r["parent"] or r["parent"] in names for r in regs), "regulators.tsv: every parent is a regulator")
    badp = []
    for r in regs:
        als = set(r["aliases"].split("|"))
        for p in filter(None, r["alias_periods"].split("|")):
            m = re.match(r"^(.+)=(\d{4}(?:-\d\d(?:-\d\d)?)?)\.\.(\d{4}(?:-\d\d(?:-\d\d)?)?)?$", p)
            if not m or m.group(1) not in als:
                badp.append(r["name"] + ": " + p)
    ok(not badp, "regulators.tsv: alias_periods name aliases of their row %s" % badp[:3])
    must = ["FDA", "EMA", "European Commission", "CHMP", "NMPA", "PMDA", "MHLW", "MHRA", "Health Canada", "TGA",
            "Swissmedic", "HSA", "Hong Kong DoH", "ISAF", "ANVISA", "MFDS", "CDSCO", "TFDA", "Medsafe", "SAHPRA",
            "COFEPRIS", "ANMAT", "Roszdravnadzor", "Saudi FDA", "EDA", "Israel MoH", "CDER", "CBER", "CDE"]
    ok(all(m in names for m in must), "regulators.tsv: the regulators the brief lists are present %s" % [m for m in must if m not in names])
    surf = {}
    for r in regs:
        for s in [r["name"]] + [a for a in r["aliases"].split("|") if a]:
            surf.setdefault(s, set()).add(r["name"])
    amb = sorted(s for s, v in surf.items() if len(v) > 1)
    ok(amb == ["SFDA"], "regulators.tsv: only SFDA is ambiguous (documented) %s" % amb)
    alias_of = {s: v for s, v in surf.items()}
    for s, want in [("Pharmaceutical Administration Bureau of the Macao Special Administrative Region", "ISAF"),
                    ("Department of Health of the Hong Kong Special Administrative Region", "Hong Kong DoH"),
                    ("Health Sciences Authority", "HSA"), ("National Medical Products Administration", "NMPA"),
                    ("CFDA", "NMPA"), ("KFDA", "MFDS"), ("DCGI", "CDSCO"), ("U.S. Food and Drug Administration", "FDA")]:
        ok(alias_of.get(s) == {want}, "regulators.tsv: %r -> %s" % (s, want))
des = tables.get("designations.tsv", [])
if des and regs:
    names = {r["name"] for r in regs}
    badd = [r["name"] for r in des if any(a not in names for a in r["agency"].split("|"))]
    ok(not badd, "designations.tsv: agencies are regulators.tsv names %s" % badd[:5])
print("1..%d" % n)
PY
)
echo "$out"
! printf '%s\n' "$out" | grep -q '^not ok'
