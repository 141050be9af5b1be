/* wizard.c: the interview as a state machine over a plan.
 *
 * Pages are built from one static descriptor per page kind; per-site kinds
 * repeat for every site.  Each field has a row in an ops table next to its
 * public description: when it shows, how its value reads as text, and how a
 * new value is checked and applied through the model's setters.  Every
 * check runs before the first change, so a refused value leaves the plan as
 * it was. */
#include "ucplan/wizard.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ucplan/i18n.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Sizes the wizard proposes when a part is switched on; the user changes
 * them on the same page.  Two servers keep a role running while one is down. */
enum {
	WIZARD_DEFAULT_DIRECTORS = 2,
	WIZARD_DEFAULT_MEDIATION_SERVERS = 2,
	WIZARD_DEFAULT_GATEWAYS = 1,
	WIZARD_DEFAULT_SCALED_EDGES = 2,
	WIZARD_DEFAULT_UM_SERVERS = 2,
	/* Product limit of a Front End pool; the plan may hold more (a
	 * second pool's worth), so it is advice, not a refusal. */
	WIZARD_FE_SUPPORTED = 12,
	/* Pages that exist once, and pages that repeat for every site. */
	WIZARD_FIXED_PAGES = 5,
	WIZARD_SITE_PAGES = WIZARD_PAGE_SITE_OTHER - WIZARD_PAGE_FRONTEND + 1,
};

struct wizard {
	struct plan *plan; /* borrowed */
	struct wizard_page *pages;
	size_t n_pages;
	size_t current;
};

/* ---- messages ------------------------------------------------------------ */


/* A copy of s without leading and trailing blanks; caller frees. */
static char *trim_copy(const char *s)
{
	const char *end;

	if (!s)
		return xstrdup("");
	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return xstrndup(s, (size_t)(end - s));
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool ascii_case_eq(const char *a, const char *b)
{
	for (; *a && ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b); a++, b++)
		;
	return ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b);
}

/* ---- field values -------------------------------------------------------- */

/* A value already checked against its field's kind. */
struct field_value {
	const char *text; /* TEXT, FQDN: trimmed; CHOICE: the canonical key */
	unsigned long number;
	bool on;
	struct port_range ports;
};

struct field_ctx {
	struct plan *plan;
	struct site *site; /* NULL on plan-wide pages */
	size_t site_index;
	const struct wizard_field *field;
	char *msg;
	size_t size;
};

struct field_ops {
	/* NULL: always shown; s is NULL on plan-wide pages. */
	bool (*visible)(const struct site *s);
	void (*get)(const struct plan *p, const struct site *s, char *buf, size_t size);
	enum uc_status (*set)(struct field_ctx *c, const struct field_value *v);
};

static enum uc_status refuse(struct field_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static enum uc_status refuse(struct field_ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (c->msg && c->size) {
		va_start(ap, fmt);
		vsnprintf(c->msg, c->size, fmt, ap);
		va_end(ap);
	}
	return UC_ERR_INVALID;
}

/* The generic bounds of a NUMBER field, after the field's own checks. */
static bool number_in_range(struct field_ctx *c, const struct field_value *v)
{
	if (v->number < (unsigned long)c->field->min || v->number > (unsigned long)c->field->max) {
		refuse(c, _("Enter a whole number from %d to %d."), c->field->min, c->field->max);
		return false;
	}
	return true;
}

static void put_text(char *buf, size_t size, const char *s)
{
	snprintf(buf, size, "%s", s ? s : "");
}

static void put_number(char *buf, size_t size, size_t n)
{
	snprintf(buf, size, "%zu", n);
}

static void put_bool(char *buf, size_t size, bool on)
{
	put_text(buf, size, on ? "yes" : "no");
}

static bool plan_has_edge(const struct plan *p)
{
	for (size_t i = 0; i < p->n_sites; i++)
		if (p->sites[i].edge != EDGE_NONE)
			return true;
	return false;
}

static const char *director_advice(void)
{
	return _("A Director is recommended with an Edge: it authenticates remote users before "
		 "their traffic reaches the Front End pool.");
}

/* ---- plan page ----------------------------------------------------------- */

static const char *const version_choices[] = {"lync2013", "sfb2015", NULL};
static const char *const version_labels[] = {N_("Lync Server 2013"),
					     N_("Skype for Business Server 2015"), NULL};

static void get_plan_name(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	put_text(buf, size, p->name);
}

static enum uc_status set_plan_name(struct field_ctx *c, const struct field_value *v)
{
	if (v->text[0] == '\0')
		return refuse(c, _("The plan needs a name; it heads every report."));
	if (!model_is_clean_text(v->text))
		return refuse(c, _("A name holds at most %d characters and no control characters."),
			      PLAN_MAX_NAME);
	free(c->plan->name);
	c->plan->name = xstrdup(v->text);
	return UC_OK;
}

/* A simple URL or XMPP host still named after the old SIP domain
 * (meet.example.com) follows it to the new one (meet.contoso.com). */
static void follow_host(char **slot, const char *old_domain, const char *domain)
{
	size_t n, m;

	if (str_empty(*slot) || str_empty(old_domain))
		return;
	n = strlen(*slot);
	m = strlen(old_domain);
	/* only a single label in front of the domain: what the defaults give */
	if (n > m + 1 && (*slot)[n - m - 1] == '.' && strcmp(*slot + n - m, old_domain) == 0 &&
	    strchr(*slot, '.') == *slot + (n - m - 1)) {
		char *moved = xasprintf("%.*s.%s", (int)(n - m - 1), *slot, domain);
		free(*slot);
		*slot = moved;
	}
}

static void follow_domain(struct plan *p, const char *domain)
{
	follow_host(&p->meet_url, p->sip_domain, domain);
	follow_host(&p->dialin_url, p->sip_domain, domain);
	follow_host(&p->admin_url, p->sip_domain, domain);
	follow_host(&p->xmpp_fqdn, p->sip_domain, domain);
}

static void get_sip_domain(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	put_text(buf, size, p->sip_domain);
}

static enum uc_status set_sip_domain(struct field_ctx *c, const struct field_value *v)
{
	if (v->text[0] == '\0')
		return refuse(c, _("Enter the domain of your users' SIP addresses, for example "
				   "example.com."));
	if (!model_is_clean_text(v->text) || !model_is_fqdn(v->text))
		return refuse(c,
			      _("“%s” is not a domain name: use letters, digits and hyphens in "
				"two or more dot-separated labels, for example example.com."),
			      model_is_clean_text(v->text) ? v->text : "?");
	follow_domain(c->plan, v->text);
	free(c->plan->sip_domain);
	c->plan->sip_domain = xstrdup(v->text);
	if (model_is_placeholder(v->text))
		uc_message(c->msg, c->size, "%s",
		    _("This is a documentation domain; enter your own before you apply the "
		      "tables."));
	return UC_OK;
}

static void get_other_domains(const struct plan *p, const struct site *s, char *buf,
			      size_t size)
{
	size_t len = 0;

	(void)s;
	buf[0] = '\0';
	for (size_t i = 0; i < p->n_domains && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
					p->domains[i].name ? p->domains[i].name : "");
}

/* A list of domains: each one checked, none repeated, none the first SIP
 * domain; the Meet host of a domain kept is kept. */
static enum uc_status set_other_domains(struct field_ctx *c, const struct field_value *v)
{
	struct plan *p = c->plan;
	struct plan staged = {0};
	char *list = xstrdup(v->text), *save = NULL;
	enum uc_status st = UC_OK;

	for (char *t = strtok_r(list, ", \t", &save); t && st == UC_OK;
	     t = strtok_r(NULL, ", \t", &save)) {
		bool again = p->sip_domain && strcasecmp(t, p->sip_domain) == 0;

		for (size_t i = 0; i < staged.n_domains && !again; i++)
			again = strcasecmp(t, staged.domains[i].name) == 0;
		if (!model_is_clean_text(t) || !model_is_fqdn(t))
			st = refuse(c,
				    _("“%s” is not a domain name: use letters, digits and hyphens "
				      "in two or more dot-separated labels, for example "
				      "example.net."),
				    model_is_clean_text(t) ? t : "?");
		else if (again)
			st = refuse(c, _("%s is listed twice; give each SIP domain once."), t);
		else if (!plan_add_domain(&staged, t))
			st = refuse(c, _("A plan holds at most %d more SIP domains."),
				    PLAN_MAX_DOMAINS);
		for (size_t i = 0; st == UC_OK && i < p->n_domains; i++)
			if (str_eq(p->domains[i].name, t)) {
				free(staged.domains[staged.n_domains - 1].meet);
				staged.domains[staged.n_domains - 1].meet =
				    p->domains[i].meet ? xstrdup(p->domains[i].meet) : NULL;
			}
	}
	free(list);
	if (st != UC_OK) {
		while (staged.n_domains)
			plan_remove_domain(&staged, staged.n_domains - 1);
		return st;
	}
	while (p->n_domains)
		plan_remove_domain(p, p->n_domains - 1);
	p->domains = staged.domains;
	p->n_domains = staged.n_domains;
	return UC_OK;
}

static void get_meet_url(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	put_text(buf, size, p->meet_url);
}

static void get_dialin_url(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	put_text(buf, size, p->dialin_url);
}

static void get_admin_url(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	put_text(buf, size, p->admin_url);
}

static void get_xmpp_fqdn(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	put_text(buf, size, p->xmpp_fqdn);
}

/* A host name of the plan; empty clears it (the report then names the
 * default). */
static enum uc_status set_host(struct field_ctx *c, const struct field_value *v, char **slot)
{
	if (v->text[0] != '\0' && (!model_is_clean_text(v->text) || !model_is_fqdn(v->text)))
		return refuse(c,
			      _("“%s” is not a fully qualified domain name; use letters, digits "
				"and hyphens in two or more dot-separated labels, for example "
				"meet.example.com."),
			      model_is_clean_text(v->text) ? v->text : "?");
	free(*slot);
	*slot = v->text[0] ? xstrdup(v->text) : NULL;
	if (*slot && model_is_placeholder(*slot))
		uc_message(c->msg, c->size, "%s",
		    _("This is a documentation name; enter your own before you apply the "
		      "tables."));
	return UC_OK;
}

static enum uc_status set_meet_url(struct field_ctx *c, const struct field_value *v)
{
	return set_host(c, v, &c->plan->meet_url);
}

static enum uc_status set_dialin_url(struct field_ctx *c, const struct field_value *v)
{
	return set_host(c, v, &c->plan->dialin_url);
}

static enum uc_status set_admin_url(struct field_ctx *c, const struct field_value *v)
{
	return set_host(c, v, &c->plan->admin_url);
}

static enum uc_status set_xmpp_fqdn(struct field_ctx *c, const struct field_value *v)
{
	return set_host(c, v, &c->plan->xmpp_fqdn);
}

static void get_version(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	put_text(buf, size, model_version_key(p->version));
}

static enum uc_status set_version(struct field_ctx *c, const struct field_value *v)
{
	enum product_version version;

	if (!model_version_parse(v->text, &version))
		return UC_ERR_INVALID;
	c->plan->version = version;
	return UC_OK;
}

static const struct wizard_field plan_fields[] = {
    {"plan.name", N_("Plan name"), N_("A name for this plan; it heads every report and export."),
     WIZARD_FIELD_TEXT, NULL, NULL, 0, 0},
    {"plan.sip_domain", N_("SIP domain"),
     N_("The domain of your users' SIP addresses. Federated partners and remote clients find "
	"your Access Edge and Front End pools through its DNS records."),
     WIZARD_FIELD_FQDN, NULL, NULL, 0, 0},
    {"plan.other_domains", N_("Other SIP domains"),
     N_("More SIP domains your users sign in with, separated by commas; leave empty when "
	"there is one. Each gets its own DNS records, certificate entries and Meet simple "
	"URL (meet.<domain>)."),
     WIZARD_FIELD_TEXT, NULL, NULL, 0, 0},
    {"plan.meet_url", N_("Meet simple URL"),
     N_("The host of https://<host> that every meeting link of the first SIP domain "
	"starts with, usually meet.<SIP domain>. It needs DNS records and certificate "
	"entries."),
     WIZARD_FIELD_FQDN, NULL, NULL, 0, 0},
    {"plan.dialin_url", N_("Dial-in simple URL"),
     N_("The host of the dial-in conferencing page, one for the organization, usually "
	"dialin.<SIP domain>."),
     WIZARD_FIELD_FQDN, NULL, NULL, 0, 0},
    {"plan.admin_url", N_("Admin simple URL"),
     N_("The host of the Control Panel, reached from inside only, usually "
	"admin.<SIP domain>."),
     WIZARD_FIELD_FQDN, NULL, NULL, 0, 0},
    {"plan.version", N_("Product version"),
     N_("The version of your Front End pools. Both share most ports; the version selects the "
	"matching Edge and load-balancer tables. Choose Skype for Business Server 2015 for a "
	"new deployment."),
     WIZARD_FIELD_CHOICE, version_choices, version_labels, 0, 0},
};
static const struct field_ops plan_ops[] = {
    {NULL, get_plan_name, set_plan_name},
    {NULL, get_sip_domain, set_sip_domain},
    {NULL, get_other_domains, set_other_domains},
    {NULL, get_meet_url, set_meet_url},
    {NULL, get_dialin_url, set_dialin_url},
    {NULL, get_admin_url, set_admin_url},
    {NULL, get_version, set_version},
};

/* ---- Front End page ------------------------------------------------------- */

static const char *const edition_choices[] = {"standard", "enterprise", NULL};
static const char *const edition_labels[] = {N_("Standard Edition"), N_("Enterprise Edition"),
					     NULL};
static const char *const pool_lb_choices[] = {"dns", "hardware", NULL};
static const char *const pool_lb_labels[] = {N_("DNS load balancing"),
					     N_("Hardware load balancer only"), NULL};

static bool fe_is_enterprise(const struct site *s)
{
	return s->edition == EDITION_ENTERPRISE;
}

static void get_edition(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_text(buf, size, model_edition_key(s->edition));
}

static enum uc_status set_edition(struct field_ctx *c, const struct field_value *v)
{
	enum fe_edition edition;
	size_t before = c->site->frontend.n_servers;

	if (!model_edition_parse(v->text, &edition))
		return UC_ERR_INVALID;
	if (edition == c->site->edition)
		return UC_OK;
	plan_set_edition(c->plan, c->site_index, edition);
	if (edition == EDITION_STANDARD && before > 1)
		uc_message(c->msg, c->size, "%s",
		    _("A Standard Edition server stands alone, so the pool now has one server. It "
		      "has no failover inside the site."));
	else if (edition == EDITION_ENTERPRISE)
		uc_message(c->msg, c->size, "%s",
		    _("An Enterprise Edition pool needs a SQL Server back end; three or more Front "
		      "End Servers are recommended."));
	return UC_OK;
}

static void get_fe_count(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_number(buf, size, s->frontend.n_servers);
}

static enum uc_status set_fe_count(struct field_ctx *c, const struct field_value *v)
{
	if (c->site->edition == EDITION_STANDARD && v->number != 1)
		return refuse(c, "%s",
			      _("A Standard Edition server is a pool of one; choose Enterprise "
				"Edition for more servers."));
	if (!number_in_range(c, v))
		return UC_ERR_INVALID;
	plan_set_frontend_count(c->plan, c->site_index, v->number);
	if (v->number > WIZARD_FE_SUPPORTED)
		uc_message(c->msg, c->size,
		    _("A Front End pool is supported with up to %d servers; plan a second pool "
		      "for more."),
		    WIZARD_FE_SUPPORTED);
	else if (c->site->edition == EDITION_ENTERPRISE && v->number == 2)
		uc_message(c->msg, c->size, "%s",
		    _("A pool of two servers needs care when one of them is down; three or more "
		      "are recommended."));
	return UC_OK;
}

static void get_pool_lb(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_text(buf, size, model_pool_lb_key(s->pool_lb));
}

static enum uc_status set_pool_lb(struct field_ctx *c, const struct field_value *v)
{
	enum pool_lb lb;

	if (!model_pool_lb_parse(v->text, &lb))
		return UC_ERR_INVALID;
	plan_set_pool_lb(c->plan, c->site_index, lb);
	return UC_OK;
}

static const struct wizard_field frontend_fields[] = {
    {"frontend.edition", N_("Edition"),
     N_("Standard Edition is one server with its own database and no failover inside the "
	"site. Enterprise Edition is a pool of servers with a SQL Server back end."),
     WIZARD_FIELD_CHOICE, edition_choices, edition_labels, 0, 0},
    {"frontend.servers", N_("Front End Servers"),
     N_("Servers in the pool. Standard Edition always has one; for Enterprise Edition plan "
	"three or more."),
     WIZARD_FIELD_NUMBER, NULL, NULL, 1, PLAN_MAX_POOL_SERVERS},
    {"frontend.lb", N_("Load balancing"),
     N_("DNS load balancing spreads SIP over the servers' own addresses and is recommended. "
	"Either way a hardware load balancer carries the pool's web services."),
     WIZARD_FIELD_CHOICE, pool_lb_choices, pool_lb_labels, 0, 0},
};
static const struct field_ops frontend_ops[] = {
    {NULL, get_edition, set_edition},
    {NULL, get_fe_count, set_fe_count},
    {fe_is_enterprise, get_pool_lb, set_pool_lb},
};

/* ---- Director page ---------------------------------------------------------- */

static bool director_on(const struct site *s)
{
	return s->director;
}

static void get_director(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_bool(buf, size, s->director);
}

static enum uc_status set_director(struct field_ctx *c, const struct field_value *v)
{
	struct site *s = c->site;
	size_t count = s->director_pool.n_servers;

	if (v->on == s->director)
		return UC_OK;
	plan_set_director(c->plan, c->site_index, v->on, count ? count : WIZARD_DEFAULT_DIRECTORS);
	if (!v->on && s->edge != EDGE_NONE)
		uc_message(c->msg, c->size, "%s", director_advice());
	return UC_OK;
}

static void get_director_count(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_number(buf, size, s->director_pool.n_servers);
}

static enum uc_status set_director_count(struct field_ctx *c, const struct field_value *v)
{
	if (!c->site->director)
		return refuse(c, "%s", _("Turn the Director pool on first."));
	if (!number_in_range(c, v))
		return UC_ERR_INVALID;
	plan_set_director(c->plan, c->site_index, true, v->number);
	if (v->number == 1)
		uc_message(c->msg, c->size, "%s",
		    _("With one Director, remote sign-in stops while it is down; two are "
		      "recommended."));
	return UC_OK;
}

static const struct wizard_field director_fields[] = {
    {"director.enabled", N_("Director pool"),
     N_("Deploy a Director pool in this site. Remote users and federated traffic pass "
	"through it on their way to the Front End pools."),
     WIZARD_FIELD_TOGGLE, NULL, NULL, 0, 0},
    {"director.servers", N_("Directors"),
     N_("Servers in the Director pool; two keep remote sign-in working while one is down."),
     WIZARD_FIELD_NUMBER, NULL, NULL, 1, PLAN_MAX_POOL_SERVERS},
};
static const struct field_ops director_ops[] = {
    {NULL, get_director, set_director},
    {director_on, get_director_count, set_director_count},
};

/* ---- Mediation page --------------------------------------------------------- */

static const char *const mediation_choices[] = {"none", "collocated", "standalone", NULL};
static const char *const mediation_labels[] = {N_("No PSTN connection"),
					       N_("Collocated on the Front End Servers"),
					       N_("Stand-alone Mediation pool"), NULL};

static bool mediation_standalone(const struct site *s)
{
	return s->mediation == MEDIATION_STANDALONE;
}

static bool mediation_on(const struct site *s)
{
	return s->mediation != MEDIATION_NONE;
}

static void get_mediation(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_text(buf, size, model_mediation_key(s->mediation));
}

static enum uc_status set_mediation(struct field_ctx *c, const struct field_value *v)
{
	struct site *s = c->site;
	enum mediation_mode mode;
	size_t servers = s->mediation_pool.n_servers;
	size_t gateways = s->n_gateways;

	if (!model_mediation_parse(v->text, &mode))
		return UC_ERR_INVALID;
	if (mode == s->mediation)
		return UC_OK;
	if (s->mediation == MEDIATION_NONE && gateways == 0)
		gateways = WIZARD_DEFAULT_GATEWAYS;
	if (servers == 0)
		servers = WIZARD_DEFAULT_MEDIATION_SERVERS;
	plan_set_mediation(c->plan, c->site_index, mode, servers, gateways);
	if (mode == MEDIATION_COLLOCATED)
		uc_message(c->msg, c->size, "%s",
		    _("Collocated Mediation suits gateways and IP-PBXs; for a SIP trunk a "
		      "stand-alone pool is recommended."));
	return UC_OK;
}

static void get_mediation_count(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_number(buf, size, s->mediation_pool.n_servers);
}

static enum uc_status set_mediation_count(struct field_ctx *c, const struct field_value *v)
{
	if (c->site->mediation != MEDIATION_STANDALONE)
		return refuse(c, "%s",
			      _("Only a stand-alone Mediation pool has servers of its own; choose "
				"it first."));
	if (!number_in_range(c, v))
		return UC_ERR_INVALID;
	plan_set_mediation(c->plan, c->site_index, MEDIATION_STANDALONE, v->number,
			   c->site->n_gateways);
	return UC_OK;
}

static void get_gateways(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_number(buf, size, s->n_gateways);
}

static enum uc_status set_gateways(struct field_ctx *c, const struct field_value *v)
{
	struct site *s = c->site;

	if (s->mediation == MEDIATION_NONE)
		return refuse(c, "%s", _("Choose how Mediation is deployed first."));
	if (!number_in_range(c, v))
		return UC_ERR_INVALID;
	plan_set_mediation(c->plan, c->site_index, s->mediation, s->mediation_pool.n_servers,
			   v->number);
	if (v->number == 0)
		uc_message(c->msg, c->size, "%s",
		    _("Without a gateway or SIP trunk peer, calls cannot reach the PSTN from this "
		      "site."));
	return UC_OK;
}

static const struct wizard_field mediation_fields[] = {
    {"mediation.mode", N_("Mediation"),
     N_("Choose none when the site has no PSTN connection of its own. Collocated runs "
	"Mediation on every Front End Server; a stand-alone pool keeps media transcoding "
	"off them."),
     WIZARD_FIELD_CHOICE, mediation_choices, mediation_labels, 0, 0},
    {"mediation.servers", N_("Mediation Servers"),
     N_("Servers of the stand-alone pool; two keep calls flowing while one is down."),
     WIZARD_FIELD_NUMBER, NULL, NULL, 1, PLAN_MAX_POOL_SERVERS},
    {"mediation.gateways", N_("PSTN gateways"),
     N_("Gateways, IP-PBXs and SIP trunk peers that this site's Mediation talks to."),
     WIZARD_FIELD_NUMBER, NULL, NULL, 0, PLAN_MAX_POOL_SERVERS},
};
static const struct field_ops mediation_ops[] = {
    {NULL, get_mediation, set_mediation},
    {mediation_standalone, get_mediation_count, set_mediation_count},
    {mediation_on, get_gateways, set_gateways},
};

/* ---- Edge page -------------------------------------------------------------- */

static const char *const edge_choices[] = {"none", "single", "scaled-dns", "scaled-hlb", NULL};
static const char *const edge_labels[] = {N_("No Edge"), N_("Single Edge Server"),
					  N_("Scaled Edge, DNS load balancing"),
					  N_("Scaled Edge, hardware load balancer"), NULL};
static const char *const addressing_choices[] = {"public", "nat", NULL};
static const char *const addressing_labels[] = {N_("Public addresses"),
						N_("Private addresses behind NAT"), NULL};

static bool edge_on(const struct site *s)
{
	return s->edge != EDGE_NONE;
}

static bool edge_scaled(const struct site *s)
{
	return s->edge == EDGE_SCALED_DNS || s->edge == EDGE_SCALED_HLB;
}

static void get_edge(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_text(buf, size, model_edge_key(s->edge));
}

static enum uc_status set_edge(struct field_ctx *c, const struct field_value *v)
{
	struct site *s = c->site;
	enum edge_topology topology, before = s->edge;
	enum edge_addressing addressing = s->edge_addressing;
	size_t servers = s->n_edges;

	if (!model_edge_parse(v->text, &topology))
		return UC_ERR_INVALID;
	if (topology == before)
		return UC_OK;
	/* The addressing of a site without an Edge is not on screen, so it
	 * cannot be what blocks the choice: start over with public addresses. */
	if (before == EDGE_NONE)
		addressing = EDGE_ADDR_PUBLIC;
	if (topology == EDGE_SCALED_HLB && addressing == EDGE_ADDR_NAT)
		return refuse(c, "%s",
			      _("An Edge behind a hardware load balancer cannot use NAT: its "
				"external side needs public addresses. Switch the addressing to "
				"public first, or keep DNS load balancing."));
	if (topology == EDGE_SINGLE)
		servers = 1;
	else if (servers < WIZARD_DEFAULT_SCALED_EDGES)
		servers = WIZARD_DEFAULT_SCALED_EDGES;
	plan_set_edge(c->plan, c->site_index, topology, addressing, servers);

	if (before == EDGE_NONE && !s->director)
		uc_message(c->msg, c->size, "%s", director_advice());
	else if (topology == EDGE_NONE && c->plan->federation && !plan_has_edge(c->plan))
		uc_message(c->msg, c->size, "%s",
		    _("Federation needs an Edge and no site has one now; turn federation off or "
		      "keep an Edge in a site."));
	else if (topology == EDGE_SINGLE)
		uc_message(c->msg, c->size, "%s",
		    _("A single Edge Server has no failover; for production a scaled Edge with "
		      "DNS load balancing is recommended."));
	return UC_OK;
}

static void get_edge_addressing(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_text(buf, size, model_edge_addressing_key(s->edge_addressing));
}

static enum uc_status set_edge_addressing(struct field_ctx *c, const struct field_value *v)
{
	struct site *s = c->site;
	enum edge_addressing addressing;

	if (!model_edge_addressing_parse(v->text, &addressing))
		return UC_ERR_INVALID;
	if (s->edge == EDGE_NONE)
		return refuse(c, "%s", _("Choose an Edge topology first."));
	if (addressing == s->edge_addressing)
		return UC_OK;
	if (addressing == EDGE_ADDR_NAT && s->edge == EDGE_SCALED_HLB)
		return refuse(c, "%s",
			      _("NAT works only with DNS load balancing: an Edge behind a hardware "
				"load balancer needs public addresses. Choose the scaled Edge with "
				"DNS load balancing to use NAT."));
	plan_set_edge(c->plan, c->site_index, s->edge, addressing, s->n_edges);
	if (addressing == EDGE_ADDR_NAT)
		uc_message(c->msg, c->size, "%s",
		    _("Under Names and addresses, enter the public address that each external "
		      "Edge address is translated to."));
	return UC_OK;
}

static void get_edge_count(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_number(buf, size, s->n_edges);
}

static enum uc_status set_edge_count(struct field_ctx *c, const struct field_value *v)
{
	struct site *s = c->site;

	if (s->edge == EDGE_NONE)
		return refuse(c, "%s", _("Choose an Edge topology first."));
	if (s->edge == EDGE_SINGLE) {
		if (v->number == 1)
			return UC_OK;
		return refuse(c, "%s",
			      _("A single Edge has exactly one server; choose a scaled Edge for "
				"more."));
	}
	if (v->number > PLAN_MAX_EDGE_SERVERS)
		return refuse(c, _("An Edge pool is supported with at most %d servers."),
			      PLAN_MAX_EDGE_SERVERS);
	if (v->number < WIZARD_DEFAULT_SCALED_EDGES)
		return refuse(c, "%s",
			      _("A scaled Edge pool has at least two servers; choose a single Edge "
				"for one."));
	plan_set_edge(c->plan, c->site_index, s->edge, s->edge_addressing, v->number);
	return UC_OK;
}

static const struct wizard_field edge_fields[] = {
    {"edge.topology", N_("Edge topology"),
     N_("A single Edge Server suits a pilot or a small site; a scaled pool keeps remote "
	"access and federation up when a server fails."),
     WIZARD_FIELD_CHOICE, edge_choices, edge_labels, 0, 0},
    {"edge.addressing", N_("External addressing"),
     N_("Public: the external Edge interfaces hold routable addresses. NAT: they hold "
	"private addresses that the firewall translates; not possible behind a hardware "
	"load balancer."),
     WIZARD_FIELD_CHOICE, addressing_choices, addressing_labels, 0, 0},
    {"edge.servers", N_("Edge Servers"), N_("Servers in the scaled Edge pool, two to twelve."),
     WIZARD_FIELD_NUMBER, NULL, NULL, WIZARD_DEFAULT_SCALED_EDGES, PLAN_MAX_EDGE_SERVERS},
};
static const struct field_ops edge_ops[] = {
    {NULL, get_edge, set_edge},
    {edge_on, get_edge_addressing, set_edge_addressing},
    {edge_scaled, get_edge_count, set_edge_count},
};

/* ---- reverse proxy page ------------------------------------------------------- */

static void get_rp(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_bool(buf, size, s->reverse_proxy);
}

static enum uc_status set_rp(struct field_ctx *c, const struct field_value *v)
{
	if (v->on == c->site->reverse_proxy)
		return UC_OK;
	plan_set_reverse_proxy(c->plan, c->site_index, v->on);
	if (!v->on && c->site->edge != EDGE_NONE)
		uc_message(c->msg, c->size, "%s",
		    _("Without a reverse proxy, remote users lose meeting content, the address "
		      "book and mobile sign-in."));
	return UC_OK;
}

static const struct wizard_field rp_fields[] = {
    {"rp.enabled", N_("Reverse proxy"),
     N_("Publish this site's external web services through a reverse proxy in the "
	"perimeter network."),
     WIZARD_FIELD_TOGGLE, NULL, NULL, 0, 0},
};
static const struct field_ops rp_ops[] = {
    {NULL, get_rp, set_rp},
};

/* ---- Exchange UM page ---------------------------------------------------------- */

static const char *const um_choices[] = {"none", "tcp", "tls", "dual", NULL};
static const char *const um_labels[] = {N_("No Exchange UM"), N_("TCP"), N_("TLS"),
					N_("Dual (TCP and TLS)"), NULL};

static bool um_on(const struct site *s)
{
	return s->um != UM_NONE;
}

static void get_um(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_text(buf, size, model_um_key(s->um));
}

static enum uc_status set_um(struct field_ctx *c, const struct field_value *v)
{
	struct site *s = c->site;
	enum um_mode mode;
	size_t servers = s->n_um_servers;

	if (!model_um_parse(v->text, &mode))
		return UC_ERR_INVALID;
	if (mode == s->um)
		return UC_OK;
	plan_set_um(c->plan, c->site_index, mode, servers ? servers : WIZARD_DEFAULT_UM_SERVERS);
	if (mode == UM_TCP)
		uc_message(c->msg, c->size, "%s",
		    _("Lync and Skype for Business reach Exchange UM only over TLS; choose TLS, or "
		      "dual while gateways still use TCP."));
	return UC_OK;
}

static void get_um_count(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_number(buf, size, s->n_um_servers);
}

static enum uc_status set_um_count(struct field_ctx *c, const struct field_value *v)
{
	if (c->site->um == UM_NONE)
		return refuse(c, "%s", _("Choose a UM startup mode first."));
	if (!number_in_range(c, v))
		return UC_ERR_INVALID;
	plan_set_um(c->plan, c->site_index, c->site->um, v->number);
	return UC_OK;
}

static void get_um_rtp(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	model_port_range_format(&s->um_rtp, buf, size);
}

static enum uc_status set_um_rtp(struct field_ctx *c, const struct field_value *v)
{
	if (c->site->um == UM_NONE)
		return refuse(c, "%s", _("Choose a UM startup mode first."));
	c->site->um_rtp = v->ports;
	return UC_OK;
}

static const struct wizard_field um_fields[] = {
    {"um.mode", N_("UM startup mode"),
     N_("How Exchange UM accepts SIP. TLS is required for Lync and Skype for Business; dual "
	"also accepts TCP from older gateways and IP-PBXs."),
     WIZARD_FIELD_CHOICE, um_choices, um_labels, 0, 0},
    {"um.servers", N_("Exchange UM servers"),
     N_("Exchange 2013 servers with the Client Access and Mailbox roles that answer this "
	"site's calls."),
     WIZARD_FIELD_NUMBER, NULL, NULL, 1, PLAN_MAX_POOL_SERVERS},
    {"um.rtp", N_("UM media ports"),
     N_("The RTP port range of Exchange UM, as N-M. Keep the default unless Exchange was "
	"configured otherwise."),
     WIZARD_FIELD_PORTS, NULL, NULL, 0, 0},
};
static const struct field_ops um_ops[] = {
    {NULL, get_um, set_um},
    {um_on, get_um_count, set_um_count},
    {um_on, get_um_rtp, set_um_rtp},
};

/* ---- other roles page ----------------------------------------------------------- */

static void get_pchat(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_bool(buf, size, s->persistent_chat);
}

static enum uc_status set_pchat(struct field_ctx *c, const struct field_value *v)
{
	if (v->on != c->site->persistent_chat)
		plan_set_persistent_chat(c->plan, c->site_index, v->on);
	return UC_OK;
}

static void get_owas(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)p;
	put_bool(buf, size, s->office_web_apps);
}

static enum uc_status set_owas(struct field_ctx *c, const struct field_value *v)
{
	if (v->on != c->site->office_web_apps)
		plan_set_office_web_apps(c->plan, c->site_index, v->on);
	return UC_OK;
}

static const struct wizard_field other_fields[] = {
    {"pchat.enabled", N_("Persistent Chat"),
     N_("Deploy a Persistent Chat pool in this site for topic-based chat rooms."),
     WIZARD_FIELD_TOGGLE, NULL, NULL, 0, 0},
    {"owas.enabled", N_("Office Web Apps Server"),
     N_("Deploy an Office Web Apps Server farm; meetings need it to present PowerPoint "
	"decks."),
     WIZARD_FIELD_TOGGLE, NULL, NULL, 0, 0},
};
static const struct field_ops other_ops[] = {
    {NULL, get_pchat, set_pchat},
    {NULL, get_owas, set_owas},
};

/* ---- federation page -------------------------------------------------------------- */

static void get_federation_bit(const struct plan *p, unsigned bit, char *buf, size_t size)
{
	put_bool(buf, size, (p->federation & bit) != 0);
}

/* Turning a kind on needs an Edge somewhere; turning it off never fails. */
static enum uc_status set_federation_bit(struct field_ctx *c, const struct field_value *v,
					 unsigned bit, const char *refusal)
{
	if (!v->on) {
		c->plan->federation &= ~bit;
		return UC_OK;
	}
	if (!plan_has_edge(c->plan))
		return refuse(c, "%s", refusal);
	c->plan->federation |= bit;
	return UC_OK;
}

static void get_fed_sip(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	get_federation_bit(p, FEDERATION_SIP, buf, size);
}

static enum uc_status set_fed_sip(struct field_ctx *c, const struct field_value *v)
{
	return set_federation_bit(c, v, FEDERATION_SIP,
				  _("SIP federation runs through the Access Edge: give at least "
				    "one site an Edge first."));
}

static void get_fed_pic(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	get_federation_bit(p, FEDERATION_PUBLIC_IM, buf, size);
}

static enum uc_status set_fed_pic(struct field_ctx *c, const struct field_value *v)
{
	enum uc_status st;
	bool was = c->plan->federation & FEDERATION_PUBLIC_IM;

	st = set_federation_bit(c, v, FEDERATION_PUBLIC_IM,
				_("Public IM connectivity runs through the Access Edge: give at "
				  "least one site an Edge first."));
	if (st == UC_OK && v->on && !was)
		uc_message(c->msg, c->size, "%s",
		    _("Public IM also needs your SIP domain provisioned with Microsoft and a "
		      "public certificate on the Access Edge."));
	return st;
}

static void get_fed_xmpp(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	get_federation_bit(p, FEDERATION_XMPP, buf, size);
}

static enum uc_status set_fed_xmpp(struct field_ctx *c, const struct field_value *v)
{
	enum uc_status st = set_federation_bit(c, v, FEDERATION_XMPP,
					       _("XMPP federation runs through the Edge's XMPP "
						 "gateway: give at least one site an Edge "
						 "first."));

	/* the XMPP host is part of the plan only while XMPP is on */
	if (st == UC_OK && !v->on) {
		free(c->plan->xmpp_fqdn);
		c->plan->xmpp_fqdn = NULL;
	} else if (st == UC_OK) {
		plan_fill_defaults(c->plan);
	}
	return st;
}

static const struct wizard_field federation_fields[] = {
    {"federation.sip", N_("SIP federation"),
     N_("IM, presence and calls with other organizations on Lync, Skype for Business or "
	"Office 365."),
     WIZARD_FIELD_TOGGLE, NULL, NULL, 0, 0},
    {"federation.public_im", N_("Public IM connectivity"),
     N_("IM and presence with Skype consumer users."), WIZARD_FIELD_TOGGLE, NULL, NULL, 0, 0},
    {"federation.xmpp", N_("XMPP federation"),
     N_("IM and presence with XMPP-based services through the Edge's XMPP gateway."),
     WIZARD_FIELD_TOGGLE, NULL, NULL, 0, 0},
    {"federation.xmpp_host", N_("XMPP host"),
     N_("With XMPP federation: the external name partners' _xmpp-server SRV lookups lead "
	"to, on the Access Edge, usually xmpp.<SIP domain>. It also goes into the Edge "
	"certificate."),
     WIZARD_FIELD_FQDN, NULL, NULL, 0, 0},
};
static const struct field_ops federation_ops[] = {
    {NULL, get_fed_sip, set_fed_sip},
    {NULL, get_fed_pic, set_fed_pic},
    {NULL, get_fed_xmpp, set_fed_xmpp},
    {NULL, get_xmpp_fqdn, set_xmpp_fqdn},
};

/* ---- options page ------------------------------------------------------------------ */

static void get_ipsec(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	put_bool(buf, size, p->ipsec);
}

static enum uc_status set_ipsec(struct field_ctx *c, const struct field_value *v)
{
	if (v->on && !c->plan->ipsec)
		uc_message(c->msg, c->size, "%s",
		    _("Exempt the media ports from IPsec: negotiating it delays call setup. The "
		      "IPsec table lists the exceptions."));
	c->plan->ipsec = v->on;
	return UC_OK;
}

static void get_client_media(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	model_port_range_format(&p->client_media, buf, size);
}

static enum uc_status set_client_media(struct field_ctx *c, const struct field_value *v)
{
	c->plan->client_media = v->ports;
	return UC_OK;
}

static void get_ocs2007(const struct plan *p, const struct site *s, char *buf, size_t size)
{
	(void)s;
	put_bool(buf, size, p->ocs2007_federation);
}

static enum uc_status set_ocs2007(struct field_ctx *c, const struct field_value *v)
{
	if (v->on && !c->plan->ocs2007_federation)
		uc_message(c->msg, c->size, "%s",
		    _("The A/V Edge then also accepts media from those partners on an extra port "
		      "range; the firewall table lists it."));
	c->plan->ocs2007_federation = v->on;
	return UC_OK;
}

static const struct wizard_field options_fields[] = {
    {"options.ipsec", N_("IPsec in use"),
     N_("Your network requires IPsec between servers; the IPsec table then lists the traffic "
	"to exempt."),
     WIZARD_FIELD_TOGGLE, NULL, NULL, 0, 0},
    {"options.client_media", N_("Client media ports"),
     N_("Ports clients use for audio, video and sharing, as N-M. The default is every port "
	"above the well-known range; narrow it only if your network team requires it."),
     WIZARD_FIELD_PORTS, NULL, NULL, 0, 0},
    {"options.ocs2007", N_("Partners on OCS 2007"),
     N_("Some federated partners still run Office Communications Server 2007; their audio "
	"and video need an extra port range open on your A/V Edge."),
     WIZARD_FIELD_TOGGLE, NULL, NULL, 0, 0},
};
static const struct field_ops options_ops[] = {
    {NULL, get_ipsec, set_ipsec},
    {NULL, get_client_media, set_client_media},
    {NULL, get_ocs2007, set_ocs2007},
};

/* ---- pages ---------------------------------------------------------------------- */

struct page_desc {
	const char *title;
	const char *intro;
	const struct wizard_field *fields;
	const struct field_ops *ops;
	size_t n_fields;
};

#define PAGE_FIELDS(f, o) f, o, N_ELEMS(f)

static const struct page_desc page_descs[] = {
    [WIZARD_PAGE_PLAN] = {N_("Plan"),
			  N_("Name the plan and give the SIP domain your users sign in with. "
			     "Skype for Business Server 2015 is recommended for a new "
			     "deployment; choose Lync Server 2013 to plan an existing one."),
			  PAGE_FIELDS(plan_fields, plan_ops)},
    [WIZARD_PAGE_SITES] = {N_("Sites"),
			   N_("Add a central site for each data center that hosts Front End "
			      "pools. Branch sites hang off a central site; a Survivable Branch "
			      "Appliance or Server keeps their phones working when the WAN is "
			      "down."),
			   NULL, NULL, 0},
    [WIZARD_PAGE_FRONTEND] = {N_("Front End pool"),
			      N_("The Front End pool registers users and runs presence, IM, "
				 "conferencing and the web services. Enterprise Edition with "
				 "three or more servers is recommended; Standard Edition is a "
				 "single server without failover. DNS load balancing is "
				 "recommended for SIP."),
			      PAGE_FIELDS(frontend_fields, frontend_ops)},
    [WIZARD_PAGE_DIRECTOR] = {N_("Director"),
			      N_("A Director authenticates remote users before their traffic "
				 "reaches a Front End pool. It is optional, but recommended "
				 "whenever the site has an Edge."),
			      PAGE_FIELDS(director_fields, director_ops)},
    [WIZARD_PAGE_MEDIATION] = {N_("Mediation Server"),
			       N_("Mediation connects Enterprise Voice to the PSTN through "
				  "gateways, IP-PBXs or a SIP trunk. Collocated on the Front End "
				  "Servers is simplest; a stand-alone pool is recommended for SIP "
				  "trunking and for many concurrent calls."),
			       PAGE_FIELDS(mediation_fields, mediation_ops)},
    [WIZARD_PAGE_EDGE] = {N_("Edge Server"),
			  N_("The Edge lets remote users, federated partners and public IM "
			     "contacts in. A scaled Edge with DNS load balancing is "
			     "recommended; NAT works only with DNS load balancing, so an Edge "
			     "behind a hardware load balancer needs public addresses."),
			  PAGE_FIELDS(edge_fields, edge_ops)},
    [WIZARD_PAGE_REVERSE_PROXY] = {N_("Reverse proxy"),
				   N_("A reverse proxy publishes the external web services: "
				      "meeting content, the address book, dial-in pages and "
				      "mobility. Recommended whenever the site has an Edge; mobile "
				      "clients cannot sign in without it."),
				   PAGE_FIELDS(rp_fields, rp_ops)},
    [WIZARD_PAGE_EXCHANGE_UM] = {N_("Exchange Unified Messaging"),
				 N_("Exchange 2013 UM gives users voice mail and auto "
				    "attendants. TLS is what Lync and Skype for Business "
				    "integration uses; choose dual only while gateways still "
				    "connect over TCP."),
				 PAGE_FIELDS(um_fields, um_ops)},
    [WIZARD_PAGE_SITE_OTHER] = {N_("Other server roles"),
				N_("Persistent Chat keeps topic-based chat rooms on a pool of "
				   "its own. Office Web Apps Server is needed to present "
				   "PowerPoint decks in meetings."),
				PAGE_FIELDS(other_fields, other_ops)},
    [WIZARD_PAGE_FEDERATION] = {N_("Federation"),
				N_("Federation lets your users reach people in other "
				   "organizations, always through an Access Edge, so at least "
				   "one site needs an Edge. SIP federation is the usual choice; "
				   "add public IM and XMPP only when users ask for them."),
				PAGE_FIELDS(federation_fields, federation_ops)},
    [WIZARD_PAGE_OPTIONS] = {N_("Network options"),
			     N_("Settings that change the tables of the whole plan. Keep the "
				"default media port ranges unless your network team needs them "
				"narrower; if IPsec is in use, exempt the media traffic from it."),
			     PAGE_FIELDS(options_fields, options_ops)},
    [WIZARD_PAGE_REVIEW] = {N_("Review"),
			    N_("Check the findings, then open the tables. Errors mark what the "
			       "products do not support; warnings mark what is unwise or still "
			       "uses example names and addresses."),
			    NULL, NULL, 0},
};

/* Position of a page in the list; the list is plan, sites, the per-site
 * groups, then federation, options and review. */
static size_t page_position(size_t n_sites, enum wizard_page_kind kind, size_t site)
{
	switch (kind) {
	case WIZARD_PAGE_PLAN:
		return 0;
	case WIZARD_PAGE_SITES:
		return 1;
	case WIZARD_PAGE_FEDERATION:
		return 2 + n_sites * WIZARD_SITE_PAGES;
	case WIZARD_PAGE_OPTIONS:
		return 3 + n_sites * WIZARD_SITE_PAGES;
	case WIZARD_PAGE_REVIEW:
		return 4 + n_sites * WIZARD_SITE_PAGES;
	default:
		return 2 + site * WIZARD_SITE_PAGES + (size_t)(kind - WIZARD_PAGE_FRONTEND);
	}
}

size_t wizard_page_find(const struct wizard *w, enum wizard_page_kind kind, int site)
{
	size_t n_sites = w->plan->n_sites;
	bool per_site = kind >= WIZARD_PAGE_FRONTEND && kind <= WIZARD_PAGE_SITE_OTHER;

	if (per_site && (site < 0 || (size_t)site >= n_sites))
		return 0;
	return page_position(n_sites, kind, per_site ? (size_t)site : 0);
}

static void page_fill(struct wizard_page *page, enum wizard_page_kind kind, int site)
{
	const struct page_desc *d = &page_descs[kind];

	*page = (struct wizard_page){kind, site, d->title, d->intro, d->fields, d->n_fields};
}

static void pages_build(struct wizard *w)
{
	size_t n_sites = w->plan->n_sites;
	size_t n = WIZARD_FIXED_PAGES + n_sites * WIZARD_SITE_PAGES;
	struct wizard_page *p;

	free(w->pages);
	w->pages = p = xcalloc(n, sizeof *p);
	w->n_pages = n;
	page_fill(p++, WIZARD_PAGE_PLAN, -1);
	page_fill(p++, WIZARD_PAGE_SITES, -1);
	for (size_t s = 0; s < n_sites; s++)
		for (int k = WIZARD_PAGE_FRONTEND; k <= WIZARD_PAGE_SITE_OTHER; k++)
			page_fill(p++, (enum wizard_page_kind)k, (int)s);
	page_fill(p++, WIZARD_PAGE_FEDERATION, -1);
	page_fill(p++, WIZARD_PAGE_OPTIONS, -1);
	page_fill(p, WIZARD_PAGE_REVIEW, -1);
}

/* Rebuilds the list and puts the position back on the page of kind for
 * site; a site page whose site is gone falls back to the sites page. */
static void pages_rebuild(struct wizard *w, enum wizard_page_kind kind, long site)
{
	pages_build(w);
	if (site >= 0 && (size_t)site >= w->plan->n_sites)
		kind = WIZARD_PAGE_SITES;
	w->current = page_position(w->plan->n_sites, kind, site < 0 ? 0 : (size_t)site);
	if (w->current >= w->n_pages)
		w->current = 0;
}

struct wizard *wizard_new(struct plan *plan)
{
	struct wizard *w = xcalloc(1, sizeof *w);

	w->plan = plan;
	pages_build(w);
	return w;
}

void wizard_free(struct wizard *w)
{
	if (!w)
		return;
	free(w->pages);
	free(w);
}

void wizard_refresh(struct wizard *w)
{
	const struct wizard_page *p = &w->pages[w->current];

	pages_rebuild(w, p->kind, p->site);
}

struct plan *wizard_plan(struct wizard *w)
{
	return w->plan;
}

size_t wizard_page_count(const struct wizard *w)
{
	return w->n_pages;
}

size_t wizard_page_index(const struct wizard *w)
{
	return w->current;
}

const struct wizard_page *wizard_page(const struct wizard *w)
{
	return &w->pages[w->current];
}

bool wizard_next(struct wizard *w)
{
	if (w->current + 1 >= w->n_pages)
		return false;
	w->current++;
	return true;
}

bool wizard_back(struct wizard *w)
{
	if (w->current == 0)
		return false;
	w->current--;
	return true;
}

bool wizard_goto(struct wizard *w, size_t index)
{
	if (index >= w->n_pages)
		return false;
	w->current = index;
	return true;
}

void wizard_progress(const struct wizard *w, size_t *current, size_t *total)
{
	if (current)
		*current = w->current + 1;
	if (total)
		*total = w->n_pages;
}

/* ---- fields ---------------------------------------------------------------------- */

/* The site of the current page, or NULL on plan-wide pages and when the
 * plan lost the site behind the wizard's back. */
static struct site *page_site(const struct wizard *w)
{
	int site = w->pages[w->current].site;

	if (site < 0 || (size_t)site >= w->plan->n_sites)
		return NULL;
	return &w->plan->sites[site];
}

static const struct field_ops *field_ops_at(const struct wizard *w, size_t field)
{
	const struct wizard_page *page = &w->pages[w->current];

	if (field >= page->n_fields)
		return NULL;
	return &page_descs[page->kind].ops[field];
}

static bool page_needs_site(const struct wizard_page *page)
{
	return page->site >= 0;
}

bool wizard_field_visible(const struct wizard *w, size_t field)
{
	const struct field_ops *ops = field_ops_at(w, field);
	const struct site *s = page_site(w);

	if (!ops)
		return false;
	if (page_needs_site(&w->pages[w->current]) && !s)
		return false;
	return !ops->visible || !s || ops->visible(s);
}

void wizard_field_get(const struct wizard *w, size_t field, char *buf, size_t size)
{
	const struct field_ops *ops = field_ops_at(w, field);
	const struct site *s = page_site(w);

	if (!buf || size == 0)
		return;
	buf[0] = '\0';
	if (!ops || (page_needs_site(&w->pages[w->current]) && !s))
		return;
	ops->get(w->plan, s, buf, size);
}

static bool parse_toggle(const char *text, bool *on)
{
	static const char *const yes[] = {"yes", "y", "on", "true", "1"};
	static const char *const no[] = {"no", "n", "off", "false", "0"};

	for (size_t i = 0; i < N_ELEMS(yes); i++) {
		if (ascii_case_eq(text, yes[i])) {
			*on = true;
			return true;
		}
		if (ascii_case_eq(text, no[i])) {
			*on = false;
			return true;
		}
	}
	return false;
}

/* Digits only; values beyond any field's range saturate so that they
 * still get the field's own message. */
static bool parse_number(const char *text, unsigned long *out)
{
	unsigned long n = 0;
	const unsigned long cap = 1000000;

	if (*text == '\0')
		return false;
	for (; *text; text++) {
		if (*text < '0' || *text > '9')
			return false;
		if (n < cap)
			n = n * 10 + (unsigned long)(*text - '0');
	}
	*out = n;
	return true;
}

/* Checks text against the field's kind; fills v or writes the refusal. */
static bool value_parse(struct field_ctx *c, const char *text, struct field_value *v)
{
	const struct wizard_field *f = c->field;
	struct strbuf keys = {0};

	v->text = text;
	switch (f->kind) {
	case WIZARD_FIELD_TEXT:
	case WIZARD_FIELD_FQDN:
		return true;
	case WIZARD_FIELD_CHOICE:
		for (size_t i = 0; f->choices[i]; i++) {
			if (ascii_case_eq(text, f->choices[i])) {
				v->text = f->choices[i];
				return true;
			}
		}
		for (size_t i = 0; f->choices[i]; i++)
			strbuf_printf(&keys, "%s%s", i ? ", " : "", f->choices[i]);
		refuse(c, _("Choose one of: %s."), keys.data);
		strbuf_free(&keys);
		return false;
	case WIZARD_FIELD_NUMBER:
		if (parse_number(text, &v->number))
			return true;
		refuse(c, _("Enter a whole number from %d to %d."), f->min, f->max);
		return false;
	case WIZARD_FIELD_TOGGLE:
		if (parse_toggle(text, &v->on))
			return true;
		refuse(c, "%s", _("Answer yes or no."));
		return false;
	case WIZARD_FIELD_PORTS:
		if (model_port_range_parse(text, &v->ports))
			return true;
		refuse(c,
		       _("Enter a port or a range N-M with %d <= N <= M <= %d; numbers only, "
			 "without spaces."),
		       MODEL_PORT_MIN, MODEL_PORT_MAX);
		return false;
	}
	return false;
}

enum uc_status wizard_field_set(struct wizard *w, size_t field, const char *value, char *message,
				size_t size)
{
	const struct wizard_page *page = &w->pages[w->current];
	const struct field_ops *ops = field_ops_at(w, field);
	struct field_ctx c = {w->plan, page_site(w), 0, NULL, message, size};
	struct field_value v = {0};
	enum uc_status st;
	char *text;

	uc_message(message, size, "%s", "");
	if (!ops)
		return refuse(&c, "%s", _("This page has no such field."));
	if (page_needs_site(page) && !c.site)
		return refuse(&c, "%s",
			      _("This site no longer exists; go back to the sites page."));
	c.site_index = page->site < 0 ? 0 : (size_t)page->site;
	c.field = &page->fields[field];
	text = trim_copy(value);
	st = value_parse(&c, text, &v) ? ops->set(&c, &v) : UC_ERR_INVALID;
	free(text);
	return st;
}

/* ---- sites ------------------------------------------------------------------------ */

/* True when name is taken by a central or branch site other than the
 * one being renamed.  Topology Builder wants every site name unique. */
static bool site_name_used(const struct plan *p, const char *name, long skip_site)
{
	for (size_t i = 0; i < p->n_sites; i++) {
		const struct site *s = &p->sites[i];

		if ((long)i != skip_site && s->name && ascii_case_eq(s->name, name))
			return true;
		for (size_t b = 0; b < s->n_branches; b++)
			if (s->branches[b].name && ascii_case_eq(s->branches[b].name, name))
				return true;
	}
	return false;
}

/* Checks a typed site name; returns the trimmed copy or NULL with the
 * refusal in message. */
static char *site_name_check(const struct plan *p, const char *name, long skip_site, char *message,
			     size_t size)
{
	char *text = trim_copy(name);

	if (text[0] == '\0')
		uc_message(message, size, "%s", _("Enter a name for the site."));
	else if (!model_is_clean_text(text))
		uc_message(message, size,
		    _("A name holds at most %d characters and no control characters."),
		    PLAN_MAX_NAME);
	else if (site_name_used(p, text, skip_site))
		uc_message(message, size,
		    _("A site named “%s” already exists; site names must be unique."), text);
	else
		return text;
	free(text);
	return NULL;
}

enum uc_status wizard_site_add(struct wizard *w, const char *name, char *message, size_t size)
{
	const struct wizard_page *p = &w->pages[w->current];
	char *text;

	uc_message(message, size, "%s", "");
	if (w->plan->n_sites >= PLAN_MAX_SITES) {
		uc_message(message, size, _("A plan holds at most %d sites."), PLAN_MAX_SITES);
		return UC_ERR_INVALID;
	}
	text = site_name_check(w->plan, name, -1, message, size);
	if (!text)
		return UC_ERR_INVALID;
	plan_add_site(w->plan, text);
	free(text);
	pages_rebuild(w, p->kind, p->site);
	return UC_OK;
}

enum uc_status wizard_site_rename(struct wizard *w, size_t site, const char *name, char *message,
				  size_t size)
{
	struct site *s;
	char *text;

	uc_message(message, size, "%s", "");
	if (site >= w->plan->n_sites) {
		uc_message(message, size, "%s", _("There is no such site."));
		return UC_ERR_INVALID;
	}
	text = site_name_check(w->plan, name, (long)site, message, size);
	if (!text)
		return UC_ERR_INVALID;
	s = &w->plan->sites[site];
	free(s->name);
	s->name = text;
	return UC_OK;
}

enum uc_status wizard_site_remove(struct wizard *w, size_t site, char *message, size_t size)
{
	const struct wizard_page *p = &w->pages[w->current];
	enum wizard_page_kind kind = p->kind;
	long at = p->site;
	bool had_cms;

	uc_message(message, size, "%s", "");
	if (site >= w->plan->n_sites) {
		uc_message(message, size, "%s", _("There is no such site."));
		return UC_ERR_INVALID;
	}
	if (w->plan->n_sites == 1) {
		uc_message(message, size, "%s",
		    _("A plan needs at least one central site; add another before you remove "
		      "this one."));
		return UC_ERR_INVALID;
	}
	had_cms = w->plan->sites[site].cms;
	plan_remove_site(w->plan, site);
	if (had_cms && w->plan->sites[0].cms)
		uc_message(message, size, _("The Central Management store moves to site “%s”."),
		    w->plan->sites[0].name ? w->plan->sites[0].name : "");
	if (at == (long)site)
		at = w->plan->n_sites; /* gone: falls back to the sites page */
	else if (at > (long)site)
		at--;
	pages_rebuild(w, kind, at);
	return UC_OK;
}

enum uc_status wizard_branch_add(struct wizard *w, size_t site, const char *name,
				 enum branch_kind kind, char *message, size_t size)
{
	char *text = NULL;

	uc_message(message, size, "%s", "");
	if (site >= w->plan->n_sites) {
		uc_message(message, size, "%s", _("There is no such site."));
		return UC_ERR_INVALID;
	}
	if (kind != BRANCH_NONE && kind != BRANCH_SBA && kind != BRANCH_SBS) {
		uc_message(message, size, "%s", _("Choose none, SBA or SBS for the branch."));
		return UC_ERR_INVALID;
	}
	if (w->plan->sites[site].n_branches >= PLAN_MAX_BRANCHES) {
		uc_message(message, size, _("A central site holds at most %d branch sites."),
		    PLAN_MAX_BRANCHES);
		return UC_ERR_INVALID;
	}
	/* NULL lets the model number the branch; typed names are checked. */
	if (name) {
		text = site_name_check(w->plan, name, -1, message, size);
		if (!text)
			return UC_ERR_INVALID;
	}
	plan_add_branch(w->plan, site, text, kind);
	free(text);
	return UC_OK;
}

enum uc_status wizard_branch_remove(struct wizard *w, size_t site, size_t branch, char *message,
				    size_t size)
{
	uc_message(message, size, "%s", "");
	if (site >= w->plan->n_sites || branch >= w->plan->sites[site].n_branches) {
		uc_message(message, size, "%s", _("There is no such branch site."));
		return UC_ERR_INVALID;
	}
	plan_remove_branch(w->plan, site, branch);
	return UC_OK;
}

/* ---- findings --------------------------------------------------------------------- */

void wizard_page_findings(const struct wizard *w, struct findings *out)
{
	const struct wizard_page *page = &w->pages[w->current];
	struct findings all, rest = {0};
	size_t keep = 0;

	plan_validate(w->plan, &all);
	if (page->kind == WIZARD_PAGE_REVIEW) {
		*out = all;
		return;
	}
	/* Kept findings move to the front; the others go to rest, which
	 * findings_free() releases. */
	rest.items = all.count ? xcalloc(all.count, sizeof *rest.items) : NULL;
	for (size_t i = 0; i < all.count; i++) {
		struct finding *f = &all.items[i];

		if (f->site == page->site) {
			all.items[keep++] = *f;
		} else {
			rest.items[rest.count++] = *f;
			if (f->severity == FINDING_ERROR)
				all.errors--;
			else
				all.warnings--;
		}
	}
	all.count = keep;
	findings_free(&rest);
	*out = all;
}

/* ---- SIP domains and simple URLs, on the names screen ---------------------------- */

/* The other SIP domains as the interview's comma list, with the one at
 * index replaced by with (left out when with is NULL); index n_domains
 * adds with at the end.  Caller frees. */
static char *domain_list(const struct plan *p, size_t index, const char *with)
{
	struct strbuf sb = {0};
	char *list;

	strbuf_add(&sb, "", 0);
	for (size_t i = 0; i <= p->n_domains; i++) {
		const char *name = i == index ? with : i < p->n_domains ? p->domains[i].name : NULL;

		if (!str_empty(name))
			strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", name);
	}
	list = xstrdup(sb.data);
	strbuf_free(&sb);
	return list;
}

/* The other SIP domains set from list through the interview's own field. */
static enum uc_status set_domain_list(struct field_ctx *c, char *list)
{
	struct field_value v = {.text = list};
	enum uc_status st = set_other_domains(c, &v);

	free(list);
	return st;
}

/* A domain typed on its own: one name, checked as the interview checks
 * each one of its list (a comma would make two). */
static bool domain_typed_ok(struct field_ctx *c, const char *text)
{
	if (text[0] == '\0') {
		refuse(c, _("Enter a domain name, for example example.net; Delete removes the "
			    "domain."));
		return false;
	}
	if (!model_is_clean_text(text) || !model_is_fqdn(text)) {
		refuse(c,
		       _("“%s” is not a domain name: use letters, digits and hyphens in two or "
			 "more dot-separated labels, for example example.net."),
		       model_is_clean_text(text) ? text : "?");
		return false;
	}
	return true;
}

enum uc_status wizard_plan_name_set(struct plan *plan, const struct address_entry *entry,
				    const char *value, char *message, size_t size)
{
	struct field_ctx c = {plan, NULL, 0, NULL, message, size};
	char *text = trim_copy(value ? value : "");
	struct field_value v = {.text = text};
	char **hosts[] = {&plan->meet_url, &plan->dialin_url, &plan->admin_url, &plan->xmpp_fqdn};
	enum uc_status st = UC_ERR_INVALID;
	bool done = false;

	uc_message(message, size, "%s", "");
	if (entry->value == &plan->sip_domain) {
		bool again = false;

		for (size_t i = 0; i < plan->n_domains && !again; i++)
			again = plan->domains[i].name && strcasecmp(text, plan->domains[i].name) == 0;
		st = again ? refuse(&c, _("%s is listed twice; give each SIP domain once."), text)
			   : set_sip_domain(&c, &v);
		done = true;
	}
	for (size_t i = 0; i < plan->n_domains && !done; i++) {
		if (entry->value == &plan->domains[i].name) {
			st = domain_typed_ok(&c, text)
				 ? set_domain_list(&c, domain_list(plan, i, text))
				 : UC_ERR_INVALID;
			done = true;
		} else if (entry->value == &plan->domains[i].meet) {
			st = set_host(&c, &v, &plan->domains[i].meet);
			done = true;
		}
	}
	for (size_t i = 0; i < sizeof hosts / sizeof hosts[0] && !done; i++)
		if (entry->value == hosts[i]) {
			st = set_host(&c, &v, hosts[i]);
			done = true;
		}
	if (!done)
		st = refuse(&c, "%s", _("This name is no longer in the plan; list the names again."));
	free(text);
	return st;
}

enum uc_status wizard_domain_add(struct plan *plan, const char *name, char *message, size_t size)
{
	struct field_ctx c = {plan, NULL, 0, NULL, message, size};
	char *text = trim_copy(name ? name : "");
	enum uc_status st = UC_ERR_INVALID;

	uc_message(message, size, "%s", "");
	if (domain_typed_ok(&c, text))
		st = set_domain_list(&c, domain_list(plan, plan->n_domains, text));
	free(text);
	return st;
}

enum uc_status wizard_domain_remove(struct plan *plan, size_t index, char *message, size_t size)
{
	struct field_ctx c = {plan, NULL, 0, NULL, message, size};

	uc_message(message, size, "%s", "");
	if (index >= plan->n_domains)
		return refuse(&c, "%s", _("This name is no longer in the plan; list the names again."));
	return set_domain_list(&c, domain_list(plan, index, NULL));
}
