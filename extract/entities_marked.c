/* entities_marked.c - products named with a trade mark sign.
 *
 * "Lomecel-B(TM) ...", "EscharEx(R) Phase II data", "INKmune(TM) Demonstrates":
 * a name followed by (R) or (TM) in the original text is a product, also
 * where no gazetteer, stem or lab-code shape knows it.
 * Folding drops the sign (norm.c), so it is found in the offset map: the
 * kept byte after a dropped sign starts a new piece, and the original bytes
 * just before that piece are the sign. Such a drug (rule pnx_marked_rule,
 * attrs.kind "marked") is the event's product only when its sentence names
 * no other drug or lab code and not for a deal (events_slots.c), joins a
 * list of products only of such names (events_multi.c), and is never the
 * main drug (entities.c). */
#include "entities_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char pnx_marked_rule[] = "entity.drug.marked";

/* s[0..n) is an entry of l (case as written). */
static bool in_words(const pnx_cue_list *l, const char *s, size_t n)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->len[i] == n && memcmp(l->w[i], s, n) == 0)
			return true;
	return false;
}

static bool name_byte(unsigned char c)
{
	return isalnum(c) || c == '-';
}

/* The name ending at folded offset end, or false: a run of letters,
 * digits and inner hyphens with a capital in it ("clonoSEQ", "ATEV"),
 * the word before it too for a tail word ("Truvaga Plus"). */
static bool marked_name_at(const pnx_doc *d, size_t end, size_t *start)
{
	const char *t = d->norm.text;
	size_t s = end;
	while (s > 0 && name_byte((unsigned char)t[s - 1]) && end - s < 40)
		s--;
	while (s < end && t[s] == '-')
		s++;
	/* "AD/PD(TM)", "DeepView AI(R)-Burn": part of a longer name; "in
	 * 2024NexoBrid(R) launched", "Jardiance(R)to treat": words the scraper
	 * glued together */
	if (end - s < 2 || (s > 0 && ((unsigned char)t[s - 1] >= 0x80 || t[s - 1] == '/')) || t[end - 1] == '-' ||
	    isdigit((unsigned char)t[s]) || (end < d->norm.len && (t[end] == '-' || t[end] == '/' || isalnum((unsigned char)t[end]))))
		return false;
	if (in_words(&d->cues->marked_tail, t + s, end - s) && s >= 2 && t[s - 1] == ' ') {
		size_t p = s - 1;
		while (p > 0 && name_byte((unsigned char)t[p - 1]) && s - p < 40)
			p--;
		if (p < s - 1 && isupper((unsigned char)t[p]))
			s = p;
	}
	bool cap = false, alpha = false, plain = isupper((unsigned char)t[s]) != 0;
	for (size_t i = s; i < end; i++) {
		cap |= isupper((unsigned char)t[i]) != 0;
		alpha |= isalpha((unsigned char)t[i]) != 0;
		plain &= i == s || islower((unsigned char)t[i]);
	}
	if (!cap || !alpha || in_words(&d->cues->marked_stop, t + s, end - s))
		return false;
	/* "Thermo Scientific(TM)", "Hp Detect(TM)": an ordinary-looking word
	 * after a capitalised one ends a longer name, not a product's own */
	if (plain && s >= 2 && t[s - 1] == ' ' && isalpha((unsigned char)t[s - 2])) {
		size_t p = s - 1;
		while (p > 0 && isalpha((unsigned char)t[p - 1]))
			p--;
		if (isupper((unsigned char)t[p]))
			return false;
	}
	*start = s;
	return true;
}

/* The sign at end is followed, within three words or a run of capitalised
 * ones, by a word that makes the name a company, trial or platform
 * ("Cytek(R) Biosciences", "CAROLINA(R) outcome trial", "AI-Immunology(TM)
 * powered vaccines", "CardiAMP(R) Heart Failure II Protocol"). */
/* The word ending at end has no lower-case letter ("ALLOHA", "VLN"). */
static bool all_caps(const pnx_doc *d, size_t end)
{
	const char *t = d->norm.text;
	size_t s = end;
	while (s > 0 && name_byte((unsigned char)t[s - 1]))
		s--;
	for (size_t i = s; i < end; i++)
		if (islower((unsigned char)t[i]))
			return false;
	return true;
}

bool pnx_marked_not_product(const pnx_doc *d, size_t end)
{
	const char *t = d->norm.text;
	size_t a = end;
	for (int w = 0; w < 6; w++) {
		while (a < d->norm.len && (t[a] == ' ' || t[a] == '-'))
			a++;
		size_t b = a;
		while (b < d->norm.len && isalnum((unsigned char)t[b]))
			b++;
		if (b == a)
			return false;
		/* "WoundEx(R) Phase III Study": a study of the product; an all-capital
		 * name is the trial's own ("ALLOHA(TM) Phase 1 Heme Trial") */
		if (w == 0 && b - a == 5 && strncasecmp(t + a, "phase", 5) == 0 && !all_caps(d, end))
			return false;
		if (in_words(&d->cues->marked_next_stop, t + a, b - a))
			return true;
		/* past the third word, only a name runs on ("CardiAMP(R) Heart
		 * Failure II Protocol", "CAROLINA(R) cardiovascular outcome trial") */
		if (w >= 2 && !isupper((unsigned char)t[a]) && !isdigit((unsigned char)t[a]))
			return false;
		a = b;
	}
	return false;
}

/* A drug whose name starts with the word s[0..n) ("Morph" of "Morph DNA
 * Steerable Introducer", "DeepView" of "DeepView System"), or -1. */
static int longer_drug(const pnx_doc *d, const char *s, size_t n)
{
	for (size_t i = 0; i < d->nents; i++)
		if (strcmp(d->ents[i].type, "drug") == 0 && strncmp(d->ents[i].name, s, n) == 0 &&
		    d->ents[i].name[n] == ' ')
			return (int)i;
	return -1;
}

/* Folded offset where a dropped (R) or (TM) sign stood, for each one: the
 * start of every piece whose original bytes are preceded by the sign. */
void pnx_find_marked(pnx_doc *d)
{
	const pnx_norm *n = &d->norm;
	const unsigned char *o = (const unsigned char *)n->orig;
	/* a name any other rule took (drug, company, trial, target ...) */
	static const char *const types[] = {"drug", "company", "regulator", "indication", "target",
	                                    "modality", "trial", "lab_code", NULL};
	uint16_t taken = 0;
	for (size_t i = 0; types[i]; i++)
		taken |= pnx_ent_type_bit(types[i]);
	size_t first = d->nents;
	for (size_t k = 1; k < n->npieces; k++) {
		size_t f = n->pieces[k].f, oi = n->pieces[k].o;
		bool sign = (oi >= 2 && o[oi - 2] == 0xC2 && o[oi - 1] == 0xAE) ||
		            (oi >= 3 && o[oi - 3] == 0xE2 && o[oi - 2] == 0x84 && o[oi - 1] == 0xA2);
		size_t s;
		if (!sign || f == 0 || !marked_name_at(d, f, &s))
			continue;
		bool held = false;
		for (size_t b = s; b < f && !held; b++)
			held = (d->claimed[b] & taken) != 0;
		/* a company's own short name ("Human Immunology Biosciences (HI-Bio(TM))") */
		if (held || pnx_entity_find(d, "company", n->text + s, f - s) >= 0)
			continue;
		int e = pnx_entity_find(d, "drug", n->text + s, f - s);
		if (e < 0)
			e = longer_drug(d, n->text + s, f - s);
		if (e < 0) {
			e = pnx_ent_new(d, "drug", pn_xstrndup(n->text + s, f - s), pnx_marked_rule);
			json_object_set_new(d->ents[e].attrs, "kind", json_string("marked"));
		}
		pnx_entity *en = &d->ents[e];
		/* a name once followed by "platform" or "trial" is no product anywhere */
		if (en->rule == pnx_marked_rule && pnx_marked_not_product(d, f))
			json_object_set_new(en->attrs, "kind", json_string("not"));
		pnx_ent_add_mention(d, e, s, f);
	}
	/* drop the names found not to be products (new ones are at the end) */
	size_t keep = first;
	for (size_t i = first; i < d->nents; i++) {
		pnx_entity *e = &d->ents[i];
		if (strcmp(json_string_value(json_object_get(e->attrs, "kind")), "not") == 0) {
			for (size_t m = 0; m < e->nmentions; m++)
				for (size_t b = e->mentions[m].start; b < e->mentions[m].end; b++)
					d->claimed[b] &= (uint16_t)~pnx_ent_type_bit("drug");
			pnx_entity_free(e);
			continue;
		}
		d->ents[keep++] = *e;
	}
	d->nents = keep;
}

