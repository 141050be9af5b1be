/* defaults.c: placeholder defaults: plan_fill_defaults and its helpers
 * (slugs of site names, the first free name and address of a site).
 *
 * Every value comes from the documentation ranges (RFC 2606 names,
 * RFC 5737 and RFC 3849 addresses), so that anything left unedited is easy
 * to spot and can never reach a real host.  Which fields get a default is
 * decided by model_site_fields (sitefields.c). */
#include "ucplan/model.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_private.h"

/* ---- defaults ------------------------------------------------------------ */

/* Latin-1 letters folded to ASCII for slugs (U+00C0..U+00FF); a space
 * drops the character. */
static const char latin1_fold[] = "aaaaaaaceeeeiiiidnooooo ouuuuy s"
				  "aaaaaaaceeeeiiiidnooooo ouuuuy y";

/* A short DNS label from a display name: ASCII letters and digits, lower
 * case, accents dropped; "" when nothing is left. */
void model_slug_make(const char *name, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)(name ? name : "");
	size_t len = 0, max = size - 1 < SLUG_MAX ? size - 1 : SLUG_MAX;

	for (; *p && len < max; p++) {
		char c = 0;

		if (ascii_alnum((char)*p))
			c = ascii_lower((char)*p);
		else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf)
			c = latin1_fold[*++p - 0x80];
		if (c && c != ' ')
			out[len++] = c;
	}
	out[len] = '\0';
}

struct name_counter {
	const char *prefix;
	unsigned next;
};

struct fill_ctx {
	struct plan *plan;
	struct strset names;
	struct strset addresses;
	char **slugs;
	size_t n_slugs;
	/* per site pass */
	struct name_counter counters[16];
	size_t n_counters;
	unsigned v4_next[NET_COUNT];
	unsigned long long v6_next[NET_COUNT];
};

static void fill_ctx_init(struct fill_ctx *ctx, struct plan *plan)
{
	struct strset slugs = {0};

	memset(ctx, 0, sizeof *ctx);
	ctx->plan = plan;
	ctx->n_slugs = plan->n_sites;
	ctx->slugs = plan->n_sites ? xcalloc(plan->n_sites, sizeof *ctx->slugs) : NULL;
	for (size_t i = 0; i < plan->n_sites; i++) {
		struct field_list fl = {0};
		char slug[SLUG_MAX + 1];
		char *candidate;

		model_site_fields(&fl, &plan->sites[i]);
		for (size_t k = 0; k < fl.count; k++) {
			const char *v = *fl.items[k].slot;
			if (str_empty(v))
				continue;
			if (fl.items[k].type == FIELD_NAME)
				model_strset_add(&ctx->names, model_name_key(v), (int)i, NULL);
			else
				model_strset_add(&ctx->addresses, model_address_key(v), (int)i, NULL);
		}
		model_field_list_free(&fl);

		/* Site slugs are unique: a later site with the same slug gets its
		 * number appended, then site<N>. */
		model_slug_make(plan->sites[i].name, slug, sizeof slug);
		candidate = slug[0] ? xstrdup(slug) : xasprintf("site%zu", i + 1);
		if (!model_strset_add(&slugs, xstrdup(candidate), 0, NULL)) {
			free(candidate);
			candidate = xasprintf("%s%zu", slug[0] ? slug : "site", i + 1);
			for (size_t k = i + 1; !model_strset_add(&slugs, xstrdup(candidate), 0, NULL);
			     k++) {
				free(candidate);
				candidate = xasprintf("site%zu-%zu", i + 1, k);
			}
		}
		ctx->slugs[i] = candidate;
	}
	model_strset_free(&slugs);
}

static void fill_ctx_free(struct fill_ctx *ctx)
{
	model_strset_free(&ctx->names);
	model_strset_free(&ctx->addresses);
	for (size_t i = 0; i < ctx->n_slugs; i++)
		free(ctx->slugs[i]);
	free(ctx->slugs);
}

static unsigned *name_counter(struct fill_ctx *ctx, const char *prefix)
{
	for (size_t i = 0; i < ctx->n_counters; i++)
		if (strcmp(ctx->counters[i].prefix, prefix) == 0)
			return &ctx->counters[i].next;
	/* There are fewer numbered prefixes than counters; sharing the last
	 * one would only skip numbers. */
	if (ctx->n_counters == N_ELEMS(ctx->counters))
		return &ctx->counters[ctx->n_counters - 1].next;
	ctx->counters[ctx->n_counters] = (struct name_counter){prefix, 1};
	return &ctx->counters[ctx->n_counters++].next;
}

/* The first free name: prefixNN.slug.example.com, or prefix.slug.example.com
 * then prefix2, prefix3... for a single name.  A numbered name starts at the
 * member's own number (member), so that the fourth Front End Server is fe04
 * even when the first three kept the names of a site since renamed. */
static char *default_name(struct fill_ctx *ctx, const char *prefix, bool numbered, const char *slug,
			  size_t member)
{
	unsigned *counter = numbered ? name_counter(ctx, prefix) : NULL;
	unsigned from = numbered ? *counter : 1;

	if (numbered && member > from && member < 100000)
		from = (unsigned)member;
	for (unsigned i = from;; i++) {
		char *name;

		if (numbered)
			name = xasprintf("%s%02u.%s.%s", prefix, i, slug, DEFAULT_DOMAIN);
		else if (i == 1)
			name = xasprintf("%s.%s.%s", prefix, slug, DEFAULT_DOMAIN);
		else
			name = xasprintf("%s%u.%s.%s", prefix, i, slug, DEFAULT_DOMAIN);
		if (model_strset_add(&ctx->names, model_name_key(name), 0, NULL)) {
			if (counter)
				*counter = i + 1;
			return name;
		}
		free(name);
	}
}

/* The first free address of the site's block in net, then IPv6
 * 2001:db8:<site>:<net>::<n> once the block is used up. */
static char *default_address(struct fill_ctx *ctx, size_t site, enum addr_net net)
{
	char text[INET6_ADDRSTRLEN];

	while (site < SITE_BLOCKS && ctx->v4_next[net] < SITE_BLOCK) {
		unsigned host = (unsigned)site * SITE_BLOCK + ctx->v4_next[net]++;

		/* Skip the network and broadcast addresses of the /24. */
		if (host == 0 || host == 255)
			continue;
		snprintf(text, sizeof text, "%u.%u.%u.%u", doc_nets[net][0], doc_nets[net][1],
			 doc_nets[net][2], host);
		if (model_strset_add(&ctx->addresses, xstrdup(text), (int)site, NULL))
			return xstrdup(text);
	}
	for (;;) {
		unsigned char a[16] = {0};
		unsigned long long n = ++ctx->v6_next[net];

		memcpy(a, doc_net6, sizeof doc_net6);
		a[4] = (unsigned char)(site >> 8);
		a[5] = (unsigned char)site;
		/* Past 65535 sites the rest of the index goes into the next
		 * group; the set of used addresses catches any overlap. */
		a[6] = (unsigned char)(site >> 20);
		a[7] = (unsigned char)(((site >> 16) & 0x0f) << 4 | (unsigned)(net + 1));
		for (size_t k = 0; k < 8; k++)
			a[15 - k] = (unsigned char)(n >> (8 * k));
		if (!inet_ntop(AF_INET6, a, text, sizeof text))
			continue;
		if (model_strset_add(&ctx->addresses, xstrdup(text), (int)site, NULL))
			return xstrdup(text);
	}
}

static void fill_site(struct fill_ctx *ctx, size_t index)
{
	struct site *s = &ctx->plan->sites[index];
	struct field_list fl = {0};

	ctx->n_counters = 0;
	memset(ctx->v4_next, 0, sizeof ctx->v4_next);
	memset(ctx->v6_next, 0, sizeof ctx->v6_next);
	if (s->um_rtp.first == 0 && s->um_rtp.last == 0)
		s->um_rtp = default_media_range();
	model_site_fields(&fl, s);
	for (size_t i = 0; i < fl.count; i++) {
		const struct field *f = &fl.items[i];

		if (!f->fill || !str_empty(*f->slot))
			continue;
		free(*f->slot);
		if (f->type == FIELD_NAME)
			*f->slot = default_name(ctx, f->prefix, f->numbered, ctx->slugs[index], f->n);
		else
			*f->slot = default_address(ctx, index, f->net);
	}
	model_field_list_free(&fl);
}

/* Fills one site, knowing every value of the plan. */
void model_plan_fill_site(struct plan *plan, size_t index)
{
	struct fill_ctx ctx;

	fill_ctx_init(&ctx, plan);
	fill_site(&ctx, index);
	fill_ctx_free(&ctx);
}

/* Sets an empty slot to prefix.domain. */
static void fill_host(char **slot, const char *prefix, const char *domain)
{
	if (str_empty(*slot) && !str_empty(domain)) {
		free(*slot);
		*slot = xasprintf("%s.%s", prefix, domain);
	}
}

/* The simple URLs as Microsoft's examples name them (one host per URL,
 * "option 1" of the simple URL planning page), in the SIP domain they
 * serve; the XMPP host likewise.  With example.com they are placeholders
 * like every other default. */
static void fill_plan_names(struct plan *plan)
{
	fill_host(&plan->meet_url, "meet", plan->sip_domain);
	fill_host(&plan->dialin_url, "dialin", plan->sip_domain);
	fill_host(&plan->admin_url, "admin", plan->sip_domain);
	if (plan->federation & FEDERATION_XMPP)
		fill_host(&plan->xmpp_fqdn, "xmpp", plan->sip_domain);
	for (size_t i = 0; i < plan->n_domains; i++)
		fill_host(&plan->domains[i].meet, "meet", plan->domains[i].name);
}

void plan_fill_defaults(struct plan *plan)
{
	struct fill_ctx ctx;

	if (!plan)
		return;
	if (str_empty(plan->sip_domain))
		set_string(&plan->sip_domain, DEFAULT_DOMAIN);
	fill_plan_names(plan);
	if (plan->client_media.first == 0 && plan->client_media.last == 0)
		plan->client_media = default_media_range();
	fill_ctx_init(&ctx, plan);
	for (size_t i = 0; i < plan->n_sites; i++)
		fill_site(&ctx, i);
	fill_ctx_free(&ctx);
}

bool plan_needs_defaults(const struct plan *plan)
{
	if (!plan)
		return false;
	if (str_empty(plan->sip_domain) || str_empty(plan->meet_url) ||
	    str_empty(plan->dialin_url) || str_empty(plan->admin_url) ||
	    ((plan->federation & FEDERATION_XMPP) && str_empty(plan->xmpp_fqdn)))
		return true;
	for (size_t i = 0; i < plan->n_domains; i++)
		if (str_empty(plan->domains[i].meet))
			return true;
	for (size_t i = 0; i < plan->n_sites; i++) {
		struct field_list fl = {0};
		bool missing = false;

		/* model_site_fields only reads through the slots here. */
		model_site_fields(&fl, (struct site *)&plan->sites[i]);
		for (size_t k = 0; k < fl.count && !missing; k++)
			missing = fl.items[k].fill && str_empty(*fl.items[k].slot);
		model_field_list_free(&fl);
		if (missing)
			return true;
	}
	return false;
}
