/* condition.c: the small condition language of the catalog.
 *
 * A condition is a list of atoms [!]name[=value|value...], all of which must
 * hold.  The names are the plan's answers; this table is the one place that
 * maps them to the model, so a typo in the catalog is refused at load time. */
#include "ucplan/catalog.h"

#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"

/* Returns the site's value for a name as a key ("scaled-dns", "true"). */
typedef const char *(*value_fn)(const struct plan *plan, const struct site *site);

static const char *bool_key(bool b)
{
	return b ? "true" : "false";
}

static const char *v_version(const struct plan *p, const struct site *s)
{
	(void)s;
	return model_version_key(p->version);
}
static const char *v_edition(const struct plan *p, const struct site *s)
{
	(void)p;
	return model_edition_key(s->edition);
}
static const char *v_pool_lb(const struct plan *p, const struct site *s)
{
	(void)p;
	return model_pool_lb_key(s->pool_lb);
}
static const char *v_director(const struct plan *p, const struct site *s)
{
	(void)p;
	return bool_key(s->director);
}
static const char *v_mediation(const struct plan *p, const struct site *s)
{
	(void)p;
	return model_mediation_key(s->mediation);
}
static const char *v_edge(const struct plan *p, const struct site *s)
{
	(void)p;
	return model_edge_key(s->edge);
}
static const char *v_edge_addressing(const struct plan *p, const struct site *s)
{
	(void)p;
	return model_edge_addressing_key(s->edge_addressing);
}
static const char *v_reverse_proxy(const struct plan *p, const struct site *s)
{
	(void)p;
	return bool_key(s->reverse_proxy);
}
static const char *v_persistent_chat(const struct plan *p, const struct site *s)
{
	(void)p;
	return bool_key(s->persistent_chat);
}
static const char *v_office_web_apps(const struct plan *p, const struct site *s)
{
	(void)p;
	return bool_key(s->office_web_apps);
}
static const char *v_um(const struct plan *p, const struct site *s)
{
	(void)p;
	return model_um_key(s->um);
}
static const char *v_ocs2007(const struct plan *p, const struct site *s)
{
	(void)s;
	return bool_key(p->ocs2007_federation);
}
static const char *v_ipsec(const struct plan *p, const struct site *s)
{
	(void)s;
	return bool_key(p->ipsec);
}
static const char *v_cms(const struct plan *p, const struct site *s)
{
	(void)p;
	return bool_key(s->cms);
}
static const char *v_branch(const struct plan *p, const struct site *s)
{
	(void)p;
	for (size_t i = 0; i < s->n_branches; i++)
		if (s->branches[i].kind != BRANCH_NONE)
			return "true";
	return "false";
}
static const char *v_gateways(const struct plan *p, const struct site *s)
{
	(void)p;
	return bool_key(s->n_gateways > 0);
}

static const char *const versions[] = {"lync2013", "sfb2015", NULL};
static const char *const editions[] = {"standard", "enterprise", NULL};
static const char *const pool_lbs[] = {"dns", "hardware", NULL};
static const char *const mediations[] = {"none", "collocated", "standalone", NULL};
static const char *const edges[] = {"none", "single", "scaled-dns", "scaled-hlb", NULL};
static const char *const addressings[] = {"public", "nat", NULL};
static const char *const ums[] = {"none", "tcp", "tls", "dual", NULL};
static const char *const federations[] = {"sip", "public-im", "xmpp", NULL};

static const struct condition_name {
	const char *name;
	const char *const *values; /* NULL: a yes/no answer */
	value_fn value;            /* NULL: federation, a set */
} names[] = {
	{"version", versions, v_version},
	{"edition", editions, v_edition},
	{"pool-lb", pool_lbs, v_pool_lb},
	{"director", NULL, v_director},
	{"mediation", mediations, v_mediation},
	{"edge", edges, v_edge},
	{"edge-addressing", addressings, v_edge_addressing},
	{"reverse-proxy", NULL, v_reverse_proxy},
	{"persistent-chat", NULL, v_persistent_chat},
	{"office-web-apps", NULL, v_office_web_apps},
	{"um", ums, v_um},
	{"federation", federations, NULL},
	{"ocs2007-federation", NULL, v_ocs2007},
	{"ipsec", NULL, v_ipsec},
	{"cms", NULL, v_cms},
	{"branch", NULL, v_branch},
	{"gateways", NULL, v_gateways},
};

static const struct condition_name *find_name(const char *name)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].name, name) == 0)
			return &names[i];
	return NULL;
}

static bool in_list(const char *const *list, const char *value)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], value) == 0)
			return true;
	return false;
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
	if (!eq)
		return UC_OK; /* a bare name means "yes", or "anything but none" */
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
			a->values = xreallocarray(a->values, count + 2, sizeof *a->values);
			a->values[count++] = v;
			a->values[count] = NULL;
			if (!in_list(cn->values, v))
				return uc_error_set(err, UC_ERR_SCHEMA, NULL, 0,
						    _("condition \"%s\" has no value \"%s\""),
						    a->name, v);
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
	const struct condition_name *cn = find_name(a->name);
	bool holds = false;

	if (!cn)
		return false;
	if (!cn->value) {
		/* federation: holds when any listed kind (or any kind) is on */
		unsigned want = 0;
		if (!a->values) {
			want = FEDERATION_SIP | FEDERATION_PUBLIC_IM | FEDERATION_XMPP;
		} else {
			for (size_t i = 0; a->values[i]; i++) {
				unsigned bit = 0;
				model_federation_parse(a->values[i], &bit);
				want |= bit;
			}
		}
		holds = (plan->federation & want) != 0;
	} else {
		const char *v = cn->value(plan, site);
		if (!a->values)
			holds = strcmp(v, "true") == 0 ||
				(cn->values && strcmp(v, "none") != 0);
		else
			holds = in_list((const char *const *)a->values, v);
	}
	return a->negated ? !holds : holds;
}

bool condition_holds(const struct condition *c, const struct plan *plan, const struct site *site)
{
	for (size_t i = 0; i < c->n_atoms; i++)
		if (!atom_holds(&c->atoms[i], plan, site))
			return false;
	return true;
}
