/* doc.c - reuse and release of the per-article state. */
#include "doc.h"

#include <stdlib.h>

#include "pn.h"

void pnx_entity_free(pnx_entity *e)
{
	free(e->name);
	for (size_t j = 0; j < e->naliases; j++)
		free(e->aliases[j]);
	free(e->aliases);
	free(e->mentions);
	json_decref(e->attrs);
}

static void clear_entities(pnx_doc *d)
{
	for (size_t i = 0; i < d->nents; i++)
		pnx_entity_free(&d->ents[i]);
	d->nents = 0;
	for (size_t i = 0; i < d->nevs; i++) {
		free(d->evs[i].designation);
		free(d->evs[i].jurisdiction);
	}
	d->nevs = 0;
}

void pnx_doc_reset(pnx_doc *d)
{
	clear_entities(d);
	d->tx = NULL;
	d->ntx = 0;
	d->news_from[0] = '\0';
	d->nsents = 0;
	d->published[0] = '\0';
	d->main_drug = d->main_company = -1;
}

void pnx_doc_free(pnx_doc *d)
{
	pnx_doc_reset(d);
	pnx_norm_free(&d->norm);
	free(d->sents);
	free(d->words);
	free(d->gl.idx);
	free(d->gl.marked);
	free(d->gl.ends);
	free(d->claimed);
	free(d->claims);
	free(d->ents);
	free(d->evs);
}

size_t pnx_doc_sentence_at(const pnx_doc *d, size_t pos)
{
	size_t lo = 0, hi = d->nsents;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->sents[mid].end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->nsents ? lo : (d->nsents ? d->nsents - 1 : 0);
}
