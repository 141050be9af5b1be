/* model_private.h: what the files of the plan model share (model.c,
 * sitefields.c, defaults.c, validate.c).  Private to src/core/: not in
 * include/, not installed; nothing here is part of the library's API. */
#ifndef UCPLAN_MODEL_PRIVATE_H
#define UCPLAN_MODEL_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "ucplan/model.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

#define DEFAULT_DOMAIN "example.com"

enum {
	FQDN_MAX = 253,
	LABEL_MAX = 63,
	SLUG_MAX = 20,
	/* Each of the first SITE_BLOCKS sites owns SITE_BLOCK addresses of each
	 * documentation /24; later sites use IPv6 documentation addresses. */
	SITE_BLOCK = 32,
	SITE_BLOCKS = 8,
	DEFAULT_FRONTENDS = 2,
	DEFAULT_SCALED_EDGES = 2,
};

/* ---- small helpers (from the syntax checks and allocation) ------------- */

static inline bool ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static inline char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static inline char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static inline void set_string(char **slot, const char *value)
{
	char *copy = dup_or_null(value);

	free(*slot);
	*slot = copy;
}

static inline void clear_string(char **slot)
{
	free(*slot);
	*slot = NULL;
}

static inline struct port_range default_media_range(void)
{
	return (struct port_range){MODEL_MEDIA_PORT_FIRST, MODEL_MEDIA_PORT_LAST};
}

/* ---- what a site needs a VIP for (the field list and the setters) ------- */

static inline bool frontend_needs_vip(const struct site *s)
{
	/* An Enterprise pool always has a hardware load balancer for its web
	 * services, even when SIP uses DNS load balancing. */
	return s->edition == EDITION_ENTERPRISE;
}

static inline bool director_needs_vip(const struct site *s)
{
	return s->director_pool.n_servers >= 2;
}

static inline bool mediation_needs_vip(const struct site *s)
{
	return s->mediation == MEDIATION_STANDALONE && s->pool_lb == POOL_LB_HARDWARE;
}

static inline bool owas_needs_vip(const struct site *s)
{
	return s->owas_pool.n_servers >= 2;
}

/* ---- documentation ranges ----------------------------------------------- */

/* The documentation networks of RFC 5737, in the order of enum addr_net. */
enum addr_net { NET_INTERNAL, NET_PRIVATE_EXTERNAL, NET_PUBLIC, NET_COUNT };
static const unsigned char doc_nets[NET_COUNT][3] = {
    [NET_INTERNAL] = {192, 0, 2},
    [NET_PRIVATE_EXTERNAL] = {198, 51, 100},
    [NET_PUBLIC] = {203, 0, 113},
};
static const unsigned char doc_net6[4] = {0x20, 0x01, 0x0d, 0xb8};

/* ---- a set of strings (sitefields.c) ------------------------------------ */

struct strset {
	char **keys; /* NULL marks a free slot */
	int *values;
	size_t cap;
	size_t count;
};

bool model_strset_add(struct strset *set, char *key, int value, int *previous);
void model_strset_free(struct strset *set);
bool model_names_equal(const char *a, const char *b);
char *model_name_key(const char *name);
char *model_address_key(const char *address);

/* ---- the names and addresses of a site (sitefields.c) -------------------- */

enum field_type { FIELD_NAME, FIELD_ADDRESS };

/* One name or address of a site, with what the default filler and the
 * validator need to know about it. */
struct field {
	char **slot;
	enum field_type type;
	bool fill;     /* plan_fill_defaults gives it a placeholder when empty */
	bool required; /* plan_validate reports it when empty */
	enum addr_net net;
	const char *prefix; /* first label of a default name: "fe", "pool" */
	bool numbered;	    /* "fe01", "fe02", ... rather than "pool" */
	const char *label;  /* msgid naming the field, with %zu or %s */
	size_t n;	    /* member number (1-based) for the label */
	const char *arg;    /* or a string for it */
	const char *alias;  /* a pool may share its only member's name */
};

struct field_list {
	struct field *items;
	size_t count;
	size_t cap;
	char **owned; /* prefixes built for branches */
	size_t n_owned;
};

void model_site_fields(struct field_list *fl, struct site *s);
void model_field_list_free(struct field_list *fl);
char *model_field_label(const struct field *f);

/* ---- placeholder defaults (defaults.c) ----------------------------------- */

void model_slug_make(const char *name, char *out, size_t size);
void model_plan_fill_site(struct plan *plan, size_t index);

#endif
