/* validate.c: validation: plan_validate and the findings it reports
 * (errors and warnings, each with a stable code, a site and a translated
 * message).
 *
 * The names and addresses it checks are those model_site_fields lists
 * (sitefields.c), the same list the placeholder defaults fill. */
#include "ucplan/model.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model_private.h"
#include "ucplan/i18n.h"

/* ---- validation ------------------------------------------------------------ */

static void finding_add(struct findings *out, enum finding_severity severity, const char *code,
			int site, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void finding_add(struct findings *out, enum finding_severity severity, const char *code,
			int site, const char *fmt, ...)
{
	struct finding *f;
	char *message;
	va_list ap;

	va_start(ap, fmt);
	message = xvasprintf(fmt, ap);
	va_end(ap);
	out->items = xreallocarray(out->items, out->count + 1, sizeof *out->items);
	f = &out->items[out->count++];
	f->severity = severity;
	f->code = xstrdup(code);
	f->site = site;
	f->message = message;
	if (severity == FINDING_ERROR)
		out->errors++;
	else
		out->warnings++;
}

void findings_free(struct findings *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->count; i++) {
		free(f->items[i].code);
		free(f->items[i].message);
	}
	free(f->items);
	memset(f, 0, sizeof *f);
}

/* "“Dublin”", or "site 3" when the site has no name; caller frees. */
static char *site_label(const struct site *s, size_t index)
{
	if (str_empty(s->name))
		return xasprintf(_("site %zu"), index + 1);
	return xasprintf(_("“%s”"), s->name);
}

struct validate_ctx {
	const struct plan *plan;
	struct findings *out;
	struct strset names;
	struct strset addresses;
};

/* A name the user typed: present, clean, not too long. */
static void check_text_name(struct validate_ctx *v, int site, const char *value, const char *what)
{
	if (str_empty(value))
		finding_add(v->out, FINDING_ERROR, "name-empty", site,
			    _("%s has no name; give it one."), what);
	else if (!model_is_clean_text(value))
		finding_add(v->out, FINDING_ERROR, "name-invalid", site,
			    _("%s: the name is longer than %d characters or holds control "
			      "characters or invalid UTF-8; retype it."),
			    what, PLAN_MAX_NAME);
}

static void check_port_range(struct validate_ctx *v, int site, const struct port_range *r,
			     const char *what)
{
	if (!model_port_range_valid(r))
		finding_add(v->out, FINDING_ERROR, "port-range-invalid", site,
			    _("%s: the range %u-%u is not valid; write N or N-M with %d <= N <= "
			      "M <= %d."),
			    what, r->first, r->last, MODEL_PORT_MIN, MODEL_PORT_MAX);
}

/* Checks each name and address of a site; returns how many are placeholders. */
static size_t check_site_fields(struct validate_ctx *v, size_t index, const char *where)
{
	const struct plan *plan = v->plan;
	struct field_list fl = {0};
	size_t placeholders = 0;
	int si = (int)index;

	/* model_site_fields only reads through the slots here. */
	model_site_fields(&fl, (struct site *)&plan->sites[index]);
	for (size_t i = 0; i < fl.count; i++) {
		const struct field *f = &fl.items[i];
		const char *value = *f->slot;
		bool name = f->type == FIELD_NAME;
		char *label;

		if (str_empty(value) && !f->required)
			continue;
		/* the label is only for a finding: most fields have none */
		label = NULL;
		if (str_empty(value)) {
			label = model_field_label(f);
			finding_add(v->out, FINDING_ERROR,
				    name ? "fqdn-missing" : "address-missing", si,
				    name ? _("Site %s, %s: the name is missing; enter a fully "
					     "qualified domain name.")
					 : _("Site %s, %s: the address is missing; enter an IPv4 "
					     "or IPv6 address."),
				    where, label);
		} else if (name ? !model_is_fqdn(value) : !model_is_ip(value)) {
			label = model_field_label(f);
			if (!model_is_clean_text(value))
				value = "?";
			finding_add(v->out, FINDING_ERROR,
				    name ? "fqdn-invalid" : "address-invalid", si,
				    name ? _("Site %s, %s: “%s” is not a fully qualified domain "
					     "name; use letters, digits and hyphens in two or more "
					     "dot-separated labels.")
					 : _("Site %s, %s: “%s” is not an IPv4 or IPv6 address; "
					     "correct it."),
				    where, label, value);
		} else {
			char *key = name ? model_name_key(value) : model_address_key(value);
			int other;

			if (model_is_placeholder(value))
				placeholders++;
			/* A pool may carry the name of its only member. */
			if (name && f->alias && model_names_equal(value, f->alias)) {
				free(key);
			} else if (!model_strset_add(name ? &v->names : &v->addresses, key, si, &other)) {
				char *first_site = site_label(&plan->sites[other], (size_t)other);
				label = model_field_label(f);
				if (name)
					finding_add(v->out, FINDING_ERROR, "fqdn-duplicate", si,
						    _("Site %s, %s: the name %s is already used "
						      "in site %s; give every server and pool its "
						      "own name."),
						    where, label, value, first_site);
				else
					finding_add(v->out, FINDING_ERROR, "address-duplicate", si,
						    _("Site %s, %s: the address %s is already "
						      "used in site %s; give every server, VIP "
						      "and interface its own address."),
						    where, label, value, first_site);
				free(first_site);
			}
		}
		free(label);
	}
	model_field_list_free(&fl);
	return placeholders;
}

static void pool_limit_check(struct validate_ctx *v, int si, const char *where,
			     const struct pool *p, const char *pool_label)
{
	if (p->n_servers == 0)
		finding_add(v->out, FINDING_ERROR, "pool-empty", si,
			    _("Site %s: the %s has no servers; add at least one."), where,
			    _(pool_label));
	else if (p->n_servers > PLAN_MAX_POOL_SERVERS)
		finding_add(v->out, FINDING_ERROR, "pool-too-large", si,
			    _("Site %s: the %s has %zu servers, more than the %d a plan can "
			      "hold; remove some."),
			    where, _(pool_label), p->n_servers, PLAN_MAX_POOL_SERVERS);
}

static void check_edge(struct validate_ctx *v, const struct site *s, int si, const char *where)
{
	bool nat = s->edge_addressing == EDGE_ADDR_NAT;

	if (s->edge == EDGE_SCALED_HLB && nat)
		finding_add(v->out, FINDING_ERROR, "edge-nat-hlb", si,
			    _("Site %s: NAT is supported only with DNS load balancing; use public "
			      "addresses or switch the Edge to DNS load balancing."),
			    where);
	if (s->edge == EDGE_SINGLE && s->n_edges != 1)
		finding_add(v->out, FINDING_ERROR, "edge-single-count", si,
			    _("Site %s: a single Edge has exactly one server, but %zu are listed; "
			      "choose a scaled Edge or keep one server."),
			    where, s->n_edges);
	if (s->edge != EDGE_SINGLE && s->n_edges < 2)
		finding_add(v->out, FINDING_ERROR, "edge-scaled-count", si,
			    _("Site %s: a scaled Edge pool needs at least two servers; add a "
			      "server or choose a single Edge."),
			    where);
	if (s->n_edges > PLAN_MAX_EDGE_SERVERS)
		finding_add(v->out, FINDING_ERROR, "edge-pool-too-large", si,
			    _("Site %s: the Edge pool has %zu servers, but at most %d are "
			      "supported; remove servers or split them into two pools."),
			    where, s->n_edges, PLAN_MAX_EDGE_SERVERS);
	if (s->edge == EDGE_SCALED_HLB &&
	    (str_empty(s->edge_vip_internal) || str_empty(s->edge_vip_access) ||
	     str_empty(s->edge_vip_webconf) || str_empty(s->edge_vip_av)))
		finding_add(v->out, FINDING_ERROR, "edge-hlb-vip-missing", si,
			    _("Site %s: an Edge behind hardware load balancers needs four VIPs "
			      "(internal, Access, Web Conferencing, A/V); enter the missing "
			      "ones."),
			    where);
	if (nat && s->edge != EDGE_SCALED_HLB) {
		for (size_t i = 0; i < s->n_edges; i++) {
			const struct edge_server *e = &s->edges[i];
			if (str_empty(e->access_nat) || str_empty(e->webconf_nat) ||
			    str_empty(e->av_nat)) {
				finding_add(v->out, FINDING_ERROR, "edge-nat-missing", si,
					    _("Site %s: with NAT, each Edge server needs the "
					      "public addresses its Access, Web Conferencing and "
					      "A/V addresses are translated to; enter those of "
					      "Edge server %zu."),
					    where, i + 1);
				break;
			}
		}
	}
	if (!s->director)
		finding_add(v->out, FINDING_WARNING, "edge-no-director", si,
			    _("Site %s: a Director is recommended with an Edge: it authenticates "
			      "remote users and shields the Front End pool."),
			    where);
	if (!s->reverse_proxy)
		finding_add(v->out, FINDING_WARNING, "edge-no-reverse-proxy", si,
			    _("Site %s: the Edge has no reverse proxy; add one so that remote "
			      "users reach meeting content, the address book and mobility."),
			    where);
}

static void check_site(struct validate_ctx *v, size_t index)
{
	const struct site *s = &v->plan->sites[index];
	int si = (int)index;
	char *where = site_label(s, index);
	size_t placeholders;

	if (str_empty(s->name)) {
		finding_add(v->out, FINDING_ERROR, "name-empty", si,
			    _("Site %zu has no name; give it one."), index + 1);
	} else {
		char *what = xasprintf(_("Site %s"), where);
		check_text_name(v, si, s->name, what);
		free(what);
	}

	pool_limit_check(v, si, where, &s->frontend, N_("Front End pool"));
	if (s->edition == EDITION_STANDARD && s->frontend.n_servers > 1)
		finding_add(v->out, FINDING_ERROR, "fe-standard-count", si,
			    _("Site %s: a Standard Edition server stands alone, but %zu Front End "
			      "servers are listed; choose Enterprise Edition or keep one "
			      "server."),
			    where, s->frontend.n_servers);
	if (s->director)
		pool_limit_check(v, si, where, &s->director_pool, N_("Director pool"));
	if (s->mediation == MEDIATION_STANDALONE)
		pool_limit_check(v, si, where, &s->mediation_pool, N_("Mediation pool"));
	if (s->mediation != MEDIATION_NONE && s->n_gateways == 0)
		finding_add(v->out, FINDING_WARNING, "mediation-no-gateway", si,
			    _("Site %s: the Mediation Server has no PSTN gateway; add a gateway "
			      "or the SIP trunk's peer."),
			    where);
	if (s->n_gateways > PLAN_MAX_POOL_SERVERS)
		finding_add(v->out, FINDING_ERROR, "pool-too-large", si,
			    _("Site %s: %zu gateways are more than the %d a plan can hold; "
			      "remove some."),
			    where, s->n_gateways, PLAN_MAX_POOL_SERVERS);
	if (s->edge != EDGE_NONE)
		check_edge(v, s, si, where);
	if (s->persistent_chat)
		pool_limit_check(v, si, where, &s->pchat_pool, N_("Persistent Chat pool"));
	if (s->office_web_apps)
		pool_limit_check(v, si, where, &s->owas_pool, N_("Office Web Apps farm"));
	if (s->um != UM_NONE) {
		char *what = xasprintf(_("Site %s, Exchange UM RTP ports"), where);

		if (s->n_um_servers == 0)
			finding_add(v->out, FINDING_ERROR, "pool-empty", si,
				    _("Site %s: Exchange UM has no servers; add at least one."),
				    where);
		else if (s->n_um_servers > PLAN_MAX_POOL_SERVERS)
			finding_add(v->out, FINDING_ERROR, "pool-too-large", si,
				    _("Site %s: %zu Exchange UM servers are more than the %d a "
				      "plan can hold; remove some."),
				    where, s->n_um_servers, PLAN_MAX_POOL_SERVERS);
		check_port_range(v, si, &s->um_rtp, what);
		free(what);
		if (s->um == UM_TCP)
			finding_add(v->out, FINDING_WARNING, "um-tcp", si,
				    _("Site %s: Exchange UM is in TCP mode, but Lync and Skype for "
				      "Business integrate over TLS; we recommend TLS mode (or Dual "
				      "while older systems still need TCP)."),
				    where);
		for (size_t i = 0; i < s->n_um_servers; i++) {
			if (!s->um_servers[i].client_access && !s->um_servers[i].mailbox) {
				finding_add(v->out, FINDING_WARNING, "um-no-role", si,
					    _("Site %s: Exchange UM server %zu has neither the "
					      "Client Access nor the Mailbox role; give it at "
					      "least one."),
					    where, i + 1);
			}
		}
	}
	if (s->n_branches > PLAN_MAX_BRANCHES)
		finding_add(v->out, FINDING_ERROR, "too-many-branches", si,
			    _("Site %s: %zu branches are more than the %d a plan can hold; "
			      "remove some."),
			    where, s->n_branches, PLAN_MAX_BRANCHES);
	for (size_t i = 0; i < s->n_branches; i++) {
		const struct branch *b = &s->branches[i];
		if (str_empty(b->name)) {
			finding_add(v->out, FINDING_ERROR, "name-empty", si,
				    _("Site %s: branch %zu has no name; give it one."), where,
				    i + 1);
		} else {
			char *what = xasprintf(_("Site %s, branch %zu"), where, i + 1);
			check_text_name(v, si, b->name, what);
			free(what);
		}
	}

	placeholders = check_site_fields(v, index, where);
	if (placeholders)
		finding_add(v->out, FINDING_WARNING, "placeholders", si,
			    P_("Site %s: %zu name or address is still a placeholder "
			       "(example.com or a documentation address); replace it with "
			       "your own before you apply the tables.",
			       "Site %s: %zu names or addresses are still placeholders "
			       "(example.com or documentation addresses); replace them with "
			       "your own before you apply the tables.",
			       placeholders),
			    where, placeholders);
	free(where);
}

static void check_plan(struct validate_ctx *v)
{
	const struct plan *plan = v->plan;
	size_t cms = 0;
	bool edge = false;
	struct strset site_names = {0};

	check_text_name(v, -1, plan->name, _("The plan"));
	if (str_empty(plan->sip_domain))
		finding_add(v->out, FINDING_ERROR, "fqdn-missing", -1,
			    _("The plan has no SIP domain; enter the domain of your users' SIP "
			      "addresses."));
	else if (!model_is_fqdn(plan->sip_domain))
		finding_add(v->out, FINDING_ERROR, "fqdn-invalid", -1,
			    _("The SIP domain “%s” is not a valid domain name; correct it."),
			    model_is_clean_text(plan->sip_domain) ? plan->sip_domain : "?");
	else if (model_is_placeholder(plan->sip_domain))
		finding_add(v->out, FINDING_WARNING, "placeholders", -1,
			    _("The SIP domain %s is a placeholder; enter your own domain."),
			    plan->sip_domain);
	if (!str_empty(plan->lang) && !model_is_clean_text(plan->lang))
		finding_add(v->out, FINDING_ERROR, "name-invalid", -1,
			    _("The plan's language setting is not valid; choose a language "
			      "again."));
	check_port_range(v, -1, &plan->client_media, _("The client media ports"));

	if (plan->n_sites == 0)
		finding_add(v->out, FINDING_ERROR, "no-site", -1,
			    _("The plan has no site; add a central site."));
	if (plan->n_sites > PLAN_MAX_SITES)
		finding_add(v->out, FINDING_ERROR, "too-many-sites", -1,
			    _("The plan has %zu sites, more than the %d a plan can hold; remove "
			      "some."),
			    plan->n_sites, PLAN_MAX_SITES);
	for (size_t i = 0; i < plan->n_sites; i++) {
		const struct site *s = &plan->sites[i];
		if (s->cms)
			cms++;
		if (s->edge != EDGE_NONE)
			edge = true;
		if (!str_empty(s->name) &&
		    !model_strset_add(&site_names, model_name_key(s->name), (int)i, NULL))
			finding_add(v->out, FINDING_ERROR, "site-name-duplicate", (int)i,
				    _("Two sites are named “%s”; give each site its own name."),
				    model_is_clean_text(s->name) ? s->name : "?");
	}
	model_strset_free(&site_names);
	if (plan->n_sites > 0 && cms == 0)
		finding_add(v->out, FINDING_ERROR, "cms-none", -1,
			    _("No site holds the Central Management store; choose the site "
			      "whose Front End pool will hold it."));
	if (cms > 1)
		finding_add(v->out, FINDING_ERROR, "cms-multiple", -1,
			    _("%zu sites hold the Central Management store; a deployment has "
			      "exactly one, so keep it in one site."),
			    cms);
	if (plan->federation && !edge)
		finding_add(v->out, FINDING_ERROR, "federation-no-edge", -1,
			    _("Federation and public IM need an Edge Server, but no site has "
			      "one; add an Edge to a site or turn federation off."));
}

/* One plan-wide name (a SIP domain, a simple URL host, the XMPP host):
 * well formed, not the name of a server or pool nor another of these.
 * Returns true when it is a placeholder. */
static bool check_plan_name(struct validate_ctx *v, const char *value, const char *what,
			    bool required, struct strset *seen)
{
	int other;

	if (str_empty(value)) {
		if (required)
			finding_add(v->out, FINDING_ERROR, "fqdn-missing", -1,
				    _("%s: the name is missing; enter a fully qualified domain "
				      "name."),
				    what);
		return false;
	}
	if (!model_is_fqdn(value)) {
		finding_add(v->out, FINDING_ERROR, "fqdn-invalid", -1,
			    _("%s: “%s” is not a fully qualified domain name; use letters, "
			      "digits and hyphens in two or more dot-separated labels."),
			    what, model_is_clean_text(value) ? value : "?");
		return false;
	}
	if (!model_strset_add(seen, model_name_key(value), 0, NULL))
		finding_add(v->out, FINDING_ERROR, "fqdn-duplicate", -1,
			    _("%s: the name %s is given twice; each SIP domain and simple URL "
			      "needs its own."),
			    what, value);
	else if (model_strset_add(&v->names, model_name_key(value), -1, &other) == false &&
		 other >= 0)
		/* Simple URLs must not name a pool (Topology Builder refuses it). */
		finding_add(v->out, FINDING_ERROR, "fqdn-duplicate", -1,
			    _("%s: %s is already the name of a server or pool; choose a name "
			      "of its own."),
			    what, value);
	return model_is_placeholder(value);
}

/* The SIP domains beyond the first, the simple URLs and the XMPP host. */
static void check_plan_names(struct validate_ctx *v)
{
	const struct plan *plan = v->plan;
	struct strset seen = {0}, domains = {0};
	size_t placeholders = 0;

	if (!str_empty(plan->sip_domain))
		model_strset_add(&domains, model_name_key(plan->sip_domain), 0, NULL);
	if (plan->n_domains > PLAN_MAX_DOMAINS)
		finding_add(v->out, FINDING_ERROR, "too-many-domains", -1,
			    _("The plan has %zu more SIP domains, more than the %d a plan can "
			      "hold; remove some."),
			    plan->n_domains, PLAN_MAX_DOMAINS);
	for (size_t i = 0; i < plan->n_domains; i++) {
		const char *name = plan->domains[i].name;
		char *what = xasprintf(_("SIP domain %zu"), i + 2);

		if (str_empty(name) || !model_is_fqdn(name)) {
			check_plan_name(v, name, what, true, &seen);
		} else if (!model_strset_add(&domains, model_name_key(name), 0, NULL)) {
			finding_add(v->out, FINDING_ERROR, "fqdn-duplicate", -1,
				    _("%s: the SIP domain %s is listed twice; remove one."), what,
				    name);
		} else if (model_is_placeholder(name)) {
			placeholders++;
		}
		free(what);
	}
	placeholders += check_plan_name(v, plan->meet_url, _("Meet simple URL"), false, &seen);
	for (size_t i = 0; i < plan->n_domains; i++) {
		char *what = xasprintf(_("Meet simple URL of %s"),
				       model_is_clean_text(plan->domains[i].name) &&
					       !str_empty(plan->domains[i].name)
					   ? plan->domains[i].name
					   : "?");
		placeholders += check_plan_name(v, plan->domains[i].meet, what, false, &seen);
		free(what);
	}
	placeholders += check_plan_name(v, plan->dialin_url, _("Dial-in simple URL"), false, &seen);
	placeholders += check_plan_name(v, plan->admin_url, _("Admin simple URL"), false, &seen);
	if (plan->federation & FEDERATION_XMPP)
		placeholders += check_plan_name(v, plan->xmpp_fqdn, _("XMPP host"), false, &seen);
	/* Microsoft's simple URL page asks for a domain of their own; the
	 * examples only keep the host apart from the SIP domain itself. */
	{
		const char *urls[] = {plan->meet_url, plan->dialin_url, plan->admin_url};
		for (size_t i = 0; i < N_ELEMS(urls); i++) {
			char *key;
			if (str_empty(urls[i]))
				continue;
			key = model_name_key(urls[i]);
			if (!model_strset_add(&domains, key, 0, NULL))
				finding_add(v->out, FINDING_WARNING, "simple-url-is-domain", -1,
					    _("The simple URL host %s is a SIP domain itself; "
					      "give it a host name of its own, such as meet.%s."),
					    urls[i], urls[i]);
		}
	}
	if (placeholders)
		finding_add(v->out, FINDING_WARNING, "placeholders", -1,
			    P_("%zu SIP domain or simple URL is still a placeholder "
			       "(example.com); replace it with your own.",
			       "%zu SIP domains or simple URLs are still placeholders "
			       "(example.com); replace them with your own.",
			       placeholders),
			    placeholders);
	model_strset_free(&seen);
	model_strset_free(&domains);
}

void plan_validate(const struct plan *plan, struct findings *out)
{
	struct validate_ctx v = {.plan = plan, .out = out};

	memset(out, 0, sizeof *out);
	if (!plan)
		return;
	check_plan(&v);
	for (size_t i = 0; i < plan->n_sites; i++)
		check_site(&v, i);
	check_plan_names(&v);
	if (plan_needs_defaults(plan))
		finding_add(out, FINDING_WARNING, "names-missing", -1,
			    _("Some names the DNS and certificate tables need are not set (a plan "
			      "from an older ucplan?); the tables show placeholders for them until "
			      "you enter them in the interview or the names screen."));
	model_strset_free(&v.names);
	model_strset_free(&v.addresses);
}
