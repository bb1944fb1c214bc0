"""Converts public labelled sets (../shared/data) to `gleaner eval` JSON Lines
for sensitive detection: positives from HolisticBias descriptors (in its
sentence templates), BBQ (Religion, Sexual_orientation), CrowS-Pairs
(race-color, religion, sexual-orientation, disability) and MedQuAD; negatives
from the CLINC150 in-scope test split (minus vaccines, calories,
nutrition_info, insurance, meaning_of_life) and HWU64 test (minus news).

Usage: python3 scripts/eval/public_sensitive.py OUT_DIR
Writes OUT_DIR/pos_shared.jsonl and OUT_DIR/neg.jsonl (fixed seed).
"""
import json, csv, os, random, sys
random.seed(7)
D = os.environ.get("GLEANER_SHARED_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/data")) + "/"
OUT = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(OUT, exist_ok=True)
def item(i, cat, text, kind='positive', lang='en', src=''):
    return {"id":f"{src}-{i}","lang":lang,"split":"x","kind":kind,"turns":[{"role":"user","text":text}],"sensitive":[cat] if cat else [],"topics":[]}
pos=[]
# HolisticBias
hb=json.load(open(D+'holistic_bias/descriptors_v1.1.json'))
tmpl=list(json.load(open(D+'holistic_bias/sentence_templates_v1.1.json')).keys())
nouns=json.load(open(D+'holistic_bias/nouns_v1.1.json'))
nounlist=[n[0] for g in nouns.values() for n in g]
def descs(axis):
    v=hb[axis]; out=[]
    for s,l in (v.items() if isinstance(v,dict) else [('all',v)]):
        for x in l: out.append(x if isinstance(x,str) else x['descriptor'])
    return out
PHIL={'atheist','agnostic','humanist','irreligious','secular'}
SKIP_ABILITY={'neurotypical','able-bodied','nondisabled','non-disabled','glasses-wearing','four-eyed','slow','dumb'}
def hbsent(d):
    t=random.choice(tmpl); g=random.choice([n for gg in nouns.values() for n in gg])
    art='an' if d[0].lower() in 'aeiou' else 'a'
    return t.replace('{noun_phrase}', f"{art} {d} {g[0]}").replace('{plural_noun_phrase}', f"{d} {g[1]}")
cats={'religion':[d for d in descs('religion') if d not in PHIL],
      'philosophy':[d for d in descs('religion') if d in PHIL],
      'sexual_orientation':descs('sexual_orientation'),
      'ethnicity':descs('race_ethnicity'),
      'politics':[d for d in descs('political_ideologies') if d!='apolitical'],
      'health':[d for d in descs('ability') if d not in SKIP_ABILITY]}
k=0
for c,ds in cats.items():
    for d in ds:
        for _ in range(3):
            pos.append(item(k,c,hbsent(d),src='hb-'+c)); k+=1
# BBQ
for fn,c in [('Religion','religion'),('Sexual_orientation','sexual_orientation')]:
    rows=[json.loads(l) for l in open(D+f'bbq/{fn}.jsonl')]
    ctx=sorted(set(r['context'] for r in rows if r['context_condition']=='ambig'))
    for t in random.sample(ctx,min(250,len(ctx))):
        pos.append(item(k,c,t,src='bbq-'+c)); k+=1
# CrowS
m={'race-color':'ethnicity','religion':'religion','sexual-orientation':'sexual_orientation','disability':'health'}
cr=list(csv.DictReader(open(D+'crows_pairs/crows_pairs_anonymized.csv')))
for r in cr:
    if r['bias_type'] in m:
        pos.append(item(k,m[r['bias_type']],r['sent_more'],src='crows-'+m[r['bias_type']])); k+=1
# MedQuAD
mq=list(csv.DictReader(open(D+'medquad/medquad_questions_sample.tsv'),delimiter='\t'))
for r in random.sample(mq,300):
    pos.append(item(k,'health',r['question'],src='medquad')); k+=1
with open(os.path.join(OUT,'pos_shared.jsonl'),'w') as f:
    for p in pos: f.write(json.dumps(p,ensure_ascii=False)+'\n')
# negatives
neg=[]
cl=json.load(open(D+'clinc150/data_full.json'))
SENS={'vaccines','calories','nutrition_info','insurance','meaning_of_life'}
for i,(t,intent) in enumerate(cl['test']):
    if intent in SENS: continue
    neg.append(item(i,None,t,kind='negative',src='clinc-'+intent))
hw=list(csv.DictReader(open(D+'hwu64/hwu64_kfold1_testset.csv'),delimiter=';'))
for i,r in enumerate(hw):
    if r['intent']=='query' and r['scenario']=='news': continue
    if r['scenario']=='news': continue
    neg.append(item(i,None,r['answer_from_anno'],kind='negative',src='hwu-'+r['scenario']+'_'+r['intent']))
with open(os.path.join(OUT,'neg.jsonl'),'w') as f:
    for p in neg: f.write(json.dumps(p,ensure_ascii=False)+'\n')
from collections import Counter
print(Counter(p['sensitive'][0] for p in pos), len(neg))
