/* meta_found.c - the candidate slots of a page (pnp_found). */
#include "meta_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Byline-like elements read per page at most: their text is the only
 * part of the walk whose cost grows with what the page says. */
#define PNP_MAX_HINTS 40

void pnp_slot_str(pnp_str_slot *s, char *v, int rank)
{
	if (v && rank < s->rank) {
		free(s->v);
		s->v = v;
		s->rank = rank;
	} else {
		free(v);
	}
}

void pnp_slot_date(pnp_date_slot *s, const char *v, int rank)
{
	if (rank < s->rank) {
		memcpy(s->v, v, PNP_DATE_MAX);
		s->rank = rank;
	}
}

void pnp_found_init(pnp_found *f)
{
	memset(f, 0, sizeof *f);
	pnp_str_slot *strs[] = {&f->title, &f->h1, &f->title_tag, &f->canonical,
	                        &f->base_href, &f->site_name, &f->lang};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		strs[i]->rank = INT_MAX;
	pnp_date_slot *dates[] = {&f->pub_meta, &f->mod_meta, &f->pub_time,
	                          &f->mod_time, &f->pub_byline, &f->mod_byline};
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
		dates[i]->rank = INT_MAX;
	pnp_jsonld_init(&f->ld);
	f->hints_left = PNP_MAX_HINTS;
}

void pnp_found_free(pnp_found *f)
{
	char *strs[] = {f->title.v, f->h1.v, f->title_tag.v, f->canonical.v,
	                f->base_href.v, f->site_name.v, f->lang.v};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		free(strs[i]);
	pnp_authors *au[] = {&f->au_meta, &f->au_micro, &f->au_rel, &f->au_byline};
	for (size_t i = 0; i < sizeof au / sizeof au[0]; i++)
		pnp_authors_free(au[i]);
	pnp_jsonld_free(&f->ld);
}
