#!/usr/bin/env python3
"""eval-build-drugs.py - regenerates rules/gazetteers/drugs.tsv from the FDA novel approvals
lists and the EMA EPAR export in /work/shared/corpus/regulator (PN_SHARED), plus the drug names
of the gold set (tests/fixtures/extract/gold/events.jsonl) and a short list of corpus brands and
lab codes below. Run it after changing those inputs; review the diff before committing."""
import csv, glob, re, json, collections, sys
import os
ROOT=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
R=os.path.join(os.environ.get('PN_SHARED') or os.path.join(ROOT,'..','shared'),'corpus','regulator')+'/'
csv.field_size_limit(1<<30)
def norm_inn(s):
    s=s.strip().lower()
    s=re.sub(r'\s+',' ',s)
    s=re.sub(r'-[a-z]{4}$','',s)  # fda suffix
    return s
drugs=collections.OrderedDict()   # inn -> {aliases:set, sources:set}
def add(inn, alias, src):
    inn=norm_inn(inn)
    if not inn or len(inn)>60: return
    d=drugs.setdefault(inn,{"aliases":[], "src":set()})
    d["src"].add(src)
    if alias and alias.lower()!=inn and alias not in d["aliases"]:
        d["aliases"].append(alias)
# FDA novel approvals
for p in sorted(glob.glob(R+'fda_novel_drug_approvals_*.csv')):
    for row in csv.reader(open(p,newline='',encoding='utf-8')):
        if len(row)<4 or not re.match(r'\d+/\d+/\d{4}$',row[3].strip()): continue
        brand, ing = row[1].strip(), row[2].strip()
        if not ing or not brand: continue
        if ' and ' in ing or ',' in ing:
            inn=ing  # combination keeps its wording
        else: inn=ing
        add(inn, brand, 'FDA')
        if re.search(r'-[a-z]{4}$', ing.strip()):
            d=drugs[norm_inn(inn)]
            if ing.strip() not in d["aliases"]: d["aliases"].append(ing.strip())
# EMA EPAR (human, not generic, not biosimilar? keep biosimilars: brand names are distinct)
rows=list(csv.reader(open(R+'ema_epar_medicines_export_2023-12.csv',newline='',encoding='utf-8')))
h=rows[0]; ix={k:i for i,k in enumerate(h)}
for r in rows[1:]:
    if r[ix['Category']]!='Human': continue
    if r[ix.get('Generic','Generic')] if 'Generic' in ix else '' == 'yes': pass
    name=r[ix['Medicine name']].strip(); inn=r[ix['International non-proprietary name (INN) / common name']].strip()
    if not inn or not name: continue
    gen = 'Generic' in ix and r[ix['Generic']].strip().lower()=='yes'
    if gen: continue
    if r[ix['Authorisation status']].strip() != 'Authorised': continue   # withdrawn/refused
    # skip product names that are just INN + company ("Leflunomide medac")
    if inn.split(',')[0].split()[0].lower() in name.lower(): 
        add(inn, None, 'EMA'); continue
    add(inn, name, 'EMA')

json.dump({k:{"aliases":v["aliases"],"src":sorted(v["src"])} for k,v in drugs.items()}, open('/tmp/xdata/drugs.json','w'), indent=0)

# ---- second stage: clean, merge gold aliases, write TSV
FORM=r'\s+(for (oral|injectable) (suspension|solution)|for injection|injection|injectable suspension|tablets?|capsules?|extended-release|ophthalmic (solution|suspension|emulsion)|oral solution|nasal spray|topical (cream|foam|gel)|cream|gel|kit for the preparation of [^,]*|and sodium chloride)$'
def canon(inn):
    if re.search(r'\d', inn) and not re.search(r'\s', inn.strip()) or re.match(r'^[A-Z][a-z]+[A-Z]', inn.strip()) or inn.strip() in ("NexoBrid","MicroPine","Mydcombi","Ebola Zaire Vaccine, Live"):
        return inn.strip()   # lab codes and product names keep their case
    s=inn.strip().lower()
    s=re.sub(r'\s+',' ',s)
    for _ in range(3): s=re.sub(FORM,'',s)
    s=re.sub(r'-[a-z]{4}$','',s)
    if 'vaccine' in s or '(' in s:
        return s
    parts=[p.strip() for p in re.split(r'\s*/\s*|,\s*and\s+|\s+and\s+|,\s*',s) if p.strip()]
    return ' / '.join(parts) if len(parts)>1 else s
out=collections.OrderedDict()
for inn,v in drugs.items():
    c=canon(inn)
    if not c or len(c)>60 or c.startswith('not applicable'): continue
    d=out.setdefault(c,{"aliases":[], "src":set()})
    d["src"]|=set(v["src"])
    for a in v["aliases"]:
        if a.lower()!=c and a not in d["aliases"]: d["aliases"].append(a)
for l in open(ROOT+'/tests/fixtures/extract/gold/events.jsonl',encoding='utf-8'):
    g=json.loads(l)
    if g.get("split") == "test":
        continue   # held-out documents must not feed the gazetteer
    for e in g["events"]:
        if not e.get("drug"): continue
        c=canon(e["drug"])
        d=out.setdefault(c,{"aliases":[], "src":set()})
        d["src"].add("corpus")
        for a in e.get("drug_aliases",[]):
            if canon(a)==c or a.lower()==c: continue
            # combination partners are not aliases of the drug
            if a.lower() in ("lenvatinib","lenvima","empagliflozin","linagliptin","metformin","relebactam","golimumab","insulin","atropine"): continue
            if a not in d["aliases"]: d["aliases"].append(a)
EXTRA={"pembrolizumab":["Keytruda","MK-3475"],"olaparib":["Lynparza"],"lenvatinib":["Lenvima","E7080"],
 "empagliflozin":["Jardiance"],"dulaglutide":["Trulicity"],"ixekizumab":["Taltz"],"abemaciclib":["Verzenio","Verzenios"],
 "baricitinib":["Olumiant"],"galcanezumab":["Emgality"],"ramucirumab":["Cyramza"],"insulin lispro":["Humalog","Lyumjev"],
 "glucagon":["Baqsimi"],"flortaucipir f 18":["Tauvid"],"tanezumab":[],"sitagliptin":["Januvia"],"letermovir":["Prevymis"],
 "doravirine":["Pifeltro"],"fidaxomicin":["Dificid"],"suvorexant":["Belsomra"],"molnupiravir":["Lagevrio","MK-4482","EIDD-2801"],
 "ceftolozane / tazobactam":["Zerbaxa"],"human papillomavirus 9-valent vaccine, recombinant":["Gardasil 9","Gardasil","V503"],
 "zilovertamab vedotin":["MK-2140"],"sotatercept":["Winrevair","MK-7962"],"tirzepatide":["Mounjaro","Zepbound","LY3298176"],
 "donanemab":["Kisunla","LY3002813"],"lebrikizumab":["Ebglyss"],"mirikizumab":["Omvoh"],"pirtobrutinib":["Jaypirca","LOXO-305"],
 "selpercatinib":["Retevmo","LOXO-292"],"orforglipron":["LY3502970"],"retatrutide":["LY3437943"],"lepodisiran":[],
 "sintilimab":["Tyvyt","IBI308"],"equecabtagene autoleucel":["eque-cel","Fucaso","CT103A"],"semaglutide":["Ozempic","Wegovy","Rybelsus"],
 "enlicitide decanoate":["MK-0616"],"sacituzumab tirumotecan":["sac-TMT","MK-2870","SKB264"],"patritumab deruxtecan":["HER3-DXd","MK-1022","U3-1402"],
 "ifinatamab deruxtecan":["I-DXd","MK-2400"],"raludotatug deruxtecan":["R-DXd","MK-5909"],"tulisokibart":["MK-7240"],"bomedemstat":["MK-3543"],
 "islatravir":["MK-8591"],"clesrovimab":["MK-1654","Enflonsia"],"belzutifan":["Welireg","MK-6482","PT2977"],"vericiguat":["Verquvo"],
 "gefapixant":["Lyfnua","MK-7264"],"efimosfermin":[],"linerixibat":["GSK2330672"],"resmetirom":["Rezdiffra"],"zuranolone":["Zurzuvae"],
 "lecanemab":["Leqembi","BAN2401"],"aducanumab":["Aduhelm"]}
for k,al in EXTRA.items():
    c=canon(k); d=out.setdefault(c,{"aliases":[], "src":set()}); d["src"].add("corpus")
    for a in al:
        if a not in d["aliases"]: d["aliases"].append(a)
# merge rows that share an alias (a corpus name for an EMA/FDA product): keep the regulator's name
owner={}
for c in list(out.keys()):
    for a in out[c]["aliases"]:
        k=a.lower()
        if k in owner and owner[k]!=c and owner[k] in out:
            o=owner[k]
            keep,drop=(o,c) if (out[o]["src"]-{"corpus"}) or not (out[c]["src"]-{"corpus"}) else (c,o)
            for b in [drop]+out[drop]["aliases"]:
                if b.lower()!=keep and b not in out[keep]["aliases"]: out[keep]["aliases"].append(b)
            out[keep]["src"]|=out[drop]["src"]; del out[drop]
            for b in out[keep]["aliases"]: owner[b.lower()]=keep
            if drop==c: break
        else:
            owner[k]=c
COMMON={w.strip().lower() for w in open('/tmp/xdata/common.txt')} if False else set()
with open(ROOT+'/rules/gazetteers/drugs.tsv','w',encoding='utf-8') as f:
    f.write("""# drugs.tsv - medicines: INN (canonical) with brand names and lab codes.
# Sources: FDA CDER novel drug approvals 2015-2023 (/work/shared/corpus/regulator/fda_novel_drug_approvals_*:
# brand + active ingredient), the EMA EPAR export of 2023-12 (medicine name + INN/common name; human,
# non-generic products; product names that merely repeat the INN, e.g. "Leflunomide medac", are not
# aliases), and names seen in /work/shared/corpus releases (Lilly, Merck, GlobeNewswire, FDA press,
# Fierce): brands, company lab codes (MK-3475, LY3298176, V116).
# Columns: name (INN or common name, lowercase; combinations as "a / b / c"; FDA four-letter suffixes
# removed) | aliases ('|'-separated: brand names as written (Keytruda), lab codes, FDA-suffixed
# proper names) | source (FDA, EMA, corpus). EMA products withdrawn or refused, and EMA-only
# combinations or descriptive names ("amlodipine / valsartan", vaccines "(...)"), are left out.
# Press releases write brands in capitals (KEYTRUDA): match brands case-insensitively (an ALL-CAPS
# copy of every brand would push the {@drugs} alternation past PCRE2's compiled-size limit, about
# 64 kB, i.e. ~30 kB of names; tests/extract-eval-gazetteers.t keeps every gazetteer under 26 kB).
# A few brands are ordinary words in other contexts; rules should still want a drug context.
""")
    f.write("name\taliases\tsource\n")
    n=0
    for c,d in sorted(out.items()):
        if d["src"]=={"EMA"} and (' / ' in c or '(' in c or ',' in c):
            continue   # EMA-only combinations and descriptive names: long, never written so
        al=[]
        for a in d["aliases"]:
            a=a.strip().replace('\t',' ')
            a=re.sub(r'[®™]','',a).strip()
            m=re.match(r'^(.*?)\s*\((?:previously|in Italy:)\s+(?:known as\s+)?(.*?)\)$',a)
            if m:
                for b in (m.group(1),m.group(2)):
                    if b and b not in al and b.lower()!=c: al.append(b)
                continue
            if not a or a.lower()==c: continue
            if a not in al: al.append(a)
        al=[a for a in al if '|' not in a and not (a.lower() in out and a.lower()!=c)]
        f.write("%s\t%s\t%s\n"%(c,'|'.join(al),','.join(sorted(d["src"])))); n+=1
print(n,"drugs", file=sys.stderr)
