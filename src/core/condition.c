/* condition.c: the small condition language of the catalog.
 *
 * A condition is a list of atoms [!]name[=value|value...], all of which must
 * hold.  The names are the plan's answers; this table is the one place that
 * maps them to the model, so a typo in the catalog is refused at load time. */
#include "ucplan/catalog.h"

#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"

/* The site's answer to a name, as a position in the name's value list (a
 * yes/no answer: 0 no, 1 yes); for federation, the set of kinds as bits. */
typedef unsigned (*answer_fn)(const struct plan *plan, const struct site *site);

static unsigned a_version(const struct plan *p, const struct site *s)
{
	(void)s;
	return p->version;
}
static unsigned a_edition(const struct plan *p, const struct site *s)
{
	(void)p;
	return s->edition;
}
static unsigned a_pool_lb(const struct plan *p, const struct site *s)
{
	(void)p;
	return s->pool_lb;
}
static unsigned a_director(const struct plan *p, const struct site *s)
{
	(void)p;
	return s->director;
}
static unsigned a_mediation(const struct plan *p, const struct site *s)
{
	(void)p;
	return s->mediation;
}
static unsigned a_edge(const struct plan *p, const struct site *s)
{
	(void)p;
	return s->edge;
}
static unsigned a_edge_addressing(const struct plan *p, const struct site *s)
{
	(void)p;
	return s->edge_addressing;
}
static unsigned a_reverse_proxy(const struct plan *p, const struct site *s)
{
	(void)p;
	return s->reverse_proxy;
}
static unsigned a_persistent_chat(const struct plan *p, const struct site *s)
{
	(void)p;
	return s->persistent_chat;
}
static unsigned a_office_web_apps(const struct plan *p, const struct site *s)
{
	(void)p;
	return s->office_web_apps;
}
static unsigned a_um(const struct plan *p, const struct site *s)
{
	(void)p;
	return s->um;
}
static unsigned a_federation(const struct plan *p, const struct site *s)
{
	(void)s;
	return p->federation;
}
static unsigned a_ocs2007(const struct plan *p, const struct site *s)
{
	(void)s;
	return p->ocs2007_federation;
}
static unsigned a_ipsec(const struct plan *p, const struct site *s)
{
	(void)s;
	return p->ipsec;
}
static unsigned a_cms(const struct plan *p, const struct site *s)
{
	(void)p;
	return s->cms;
}
static unsigned a_branch(const struct plan *p, const struct site *s)
{
	(void)p;
	for (size_t i = 0; i < s->n_branches; i++)
		if (s->branches[i].kind != BRANCH_NONE)
			return 1;
	return 0;
}
static unsigned a_gateways(const struct plan *p, const struct site *s)
{
	(void)p;
	return s->n_gateways > 0;
}

/* Value lists in the order of the model's enums (checked by the tests
 * against the model's own keyword tables). */
static const char *const versions[] = {"lync2013", "sfb2015", NULL};
static const char *const editions[] = {"standard", "enterprise", NULL};
static const char *const pool_lbs[] = {"dns", "hardware", NULL};
static const char *const mediations[] = {"none", "collocated", "standalone", NULL};
static const char *const edges[] = {"none", "single", "scaled-dns", "scaled-hlb", NULL};
static const char *const addressings[] = {"public", "nat", NULL};
static const char *const ums[] = {"none", "tcp", "tls", "dual", NULL};
/* federation values are bits, in the order of the FEDERATION_* constants */
static const char *const federations[] = {"sip", "public-im", "xmpp", NULL};

/* The same answers in words, for the row detail (msgids shared with the
 * interview where it asks the question). */
static const char *const version_words[] = {N_("Lync Server 2013"),
					    N_("Skype for Business Server 2015")};
static const char *const edition_words[] = {N_("Standard Edition"), N_("Enterprise Edition")};
static const char *const pool_lb_words[] = {N_("DNS load balancing"),
					    N_("Hardware load balancer only")};
static const char *const mediation_words[] = {N_("No PSTN connection"),
					      N_("Collocated on the Front End Servers"),
					      N_("Stand-alone Mediation pool")};
static const char *const edge_words[] = {N_("No Edge"), N_("Single Edge Server"),
					 N_("Scaled Edge, DNS load balancing"),
					 N_("Scaled Edge, hardware load balancer")};
static const char *const addressing_words[] = {N_("Public addresses"),
					       N_("Private addresses behind NAT")};
static const char *const um_words[] = {N_("No Exchange UM"), N_("TCP"), N_("TLS"),
				       N_("Dual (TCP and TLS)")};
static const char *const federation_words[] = {N_("SIP federation"), N_("Public IM connectivity"),
					       N_("XMPP federation")};

static const struct condition_name {
	const char *name;
	const char *const *values; /* NULL: a yes/no answer */
	answer_fn answer;
	bool is_set; /* the answer is a bit set (federation) */
	const char *label;         /* msgid of the question */
	const char *const *words;  /* msgids of the values, in the same order */
} names[] = {
	{"version", versions, a_version, false, N_("Product version"), version_words},
	{"edition", editions, a_edition, false, N_("Edition"), edition_words},
	{"pool-lb", pool_lbs, a_pool_lb, false, N_("Load balancing"), pool_lb_words},
	{"director", NULL, a_director, false, N_("Director pool"), NULL},
	{"mediation", mediations, a_mediation, false, N_("Mediation"), mediation_words},
	{"edge", edges, a_edge, false, N_("Edge topology"), edge_words},
	{"edge-addressing", addressings, a_edge_addressing, false, N_("External addressing"),
	 addressing_words},
	{"reverse-proxy", NULL, a_reverse_proxy, false, N_("Reverse proxy"), NULL},
	{"persistent-chat", NULL, a_persistent_chat, false, N_("Persistent Chat"), NULL},
	{"office-web-apps", NULL, a_office_web_apps, false, N_("Office Web Apps Server"), NULL},
	{"um", ums, a_um, false, N_("UM startup mode"), um_words},
	{"federation", federations, a_federation, true, N_("Federation"), federation_words},
	{"ocs2007-federation", NULL, a_ocs2007, false, N_("Partners on OCS 2007"), NULL},
	{"ipsec", NULL, a_ipsec, false, N_("IPsec in use"), NULL},
	{"cms", NULL, a_cms, false, N_("Holds the Central Management store"), NULL},
	{"branch", NULL, a_branch, false, N_("Branch sites with an appliance"), NULL},
	{"gateways", NULL, a_gateways, false, N_("PSTN gateways"), NULL},
};

static const struct condition_name *find_name(const char *name)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].name, name) == 0)
			return &names[i];
	return NULL;
}

static int value_position(const char *const *list, const char *value)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], value) == 0)
			return i;
	return -1;
}

void condition_free(struct condition *c)
{
	for (size_t i = 0; i < c->n_atoms; i++) {
		free(c->atoms[i].name);
		if (c->atoms[i].values)
			for (size_t j = 0; c->atoms[i].values[j]; j++)
				free(c->atoms[i].values[j]);
		free(c->atoms[i].values);
	}
	free(c->atoms);
	c->atoms = NULL;
	c->n_atoms = 0;
}

/* Parses one atom of length n at text into a. */
static enum uc_status parse_atom(const char *text, size_t n, struct condition_atom *a,
				 struct uc_error *err)
{
	const struct condition_name *cn;
	const char *eq;
	size_t count = 0;

	memset(a, 0, sizeof *a);
	if (*text == '!') {
		a->negated = true;
		text++;
		n--;
	}
	eq = memchr(text, '=', n);
	a->name = xstrndup(text, eq ? (size_t)(eq - text) : n);
	cn = find_name(a->name);
	if (!cn)
		return uc_error_set(err, UC_ERR_SCHEMA, NULL, 0, _("unknown condition \"%s\""),
				    a->name);
	a->name_index = (unsigned)(cn - names);
	if (!eq) {
		/* a bare name means "yes", "anything but none" (the first value)
		 * or, for a set, "any member" */
		a->mask = cn->is_set ? ~0u : ~1u;
		return UC_OK;
	}
	if (!cn->values)
		return uc_error_set(err, UC_ERR_SCHEMA, NULL, 0,
				    _("condition \"%s\" is a yes/no answer and takes no value"),
				    a->name);
	{
		const char *p = eq + 1, *end = text + n;
		a->values = xcalloc(1, sizeof *a->values);
		while (p <= end) {
			const char *bar = memchr(p, '|', (size_t)(end - p));
			const char *stop = bar ? bar : end;
			char *v = xstrndup(p, (size_t)(stop - p));
			int pos = value_position(cn->values, v);
			a->values = xreallocarray(a->values, count + 2, sizeof *a->values);
			a->values[count++] = v;
			a->values[count] = NULL;
			if (pos < 0)
				return uc_error_set(err, UC_ERR_SCHEMA, NULL, 0,
						    _("condition \"%s\" has no value \"%s\""),
						    a->name, v);
			a->mask |= 1u << pos;
			if (!bar)
				break;
			p = bar + 1;
		}
	}
	return UC_OK;
}

enum uc_status condition_parse(const char *text, struct condition *out, struct uc_error *err)
{
	const char *p = text ? text : "";

	memset(out, 0, sizeof *out);
	while (*p) {
		size_t n;
		enum uc_status s;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		n = strcspn(p, " ");
		out->atoms = xreallocarray(out->atoms, out->n_atoms + 1, sizeof *out->atoms);
		s = parse_atom(p, n, &out->atoms[out->n_atoms], err);
		out->n_atoms++;
		if (s != UC_OK) {
			condition_free(out);
			return s;
		}
		p += n;
	}
	return UC_OK;
}

static bool atom_holds(const struct condition_atom *a, const struct plan *plan,
		       const struct site *site)
{
	const struct condition_name *cn = &names[a->name_index];
	unsigned answer = cn->answer(plan, site);
	bool holds = cn->is_set ? (answer & a->mask) != 0 : (a->mask >> answer) & 1u;

	return a->negated ? !holds : holds;
}

bool condition_holds(const struct condition *c, const struct plan *plan, const struct site *site)
{
	for (size_t i = 0; i < c->n_atoms; i++)
		if (!atom_holds(&c->atoms[i], plan, site))
			return false;
	return true;
}

void condition_atom_describe(const struct condition_atom *a, struct strbuf *out)
{
	const struct condition_name *cn = &names[a->name_index];
	bool first = true;

	strbuf_printf(out, "%s: ", _(cn->label));
	if (!cn->values) {
		strbuf_puts(out, a->negated ? _("no") : _("yes"));
		return;
	}
	if (a->negated)
		strbuf_printf(out, "%s ", _("not"));
	/* the mask holds exactly the values the atom accepts, bare or listed */
	for (unsigned i = 0; cn->values[i]; i++) {
		if (!((a->mask >> i) & 1u))
			continue;
		if (!first)
			strbuf_printf(out, " %s ", _("or"));
		strbuf_puts(out, _(cn->words[i]));
		first = false;
	}
}
