/* model.h: the plan an administrator describes.
 *
 * A plan is a list of sites; each site has its pools, servers and answers.
 * Structures are transparent so that the wizard and the plan loader can fill
 * them; every string is a heap-allocated UTF-8 copy owned by the structure
 * that holds it, freed by plan_free().  An absent optional string is NULL. */
#ifndef UCPLAN_MODEL_H
#define UCPLAN_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "ucplan/util.h"

enum product_version { PRODUCT_LYNC2013, PRODUCT_SFB2015 };
enum fe_edition { EDITION_STANDARD, EDITION_ENTERPRISE };
/* How the Front End and Director pools balance SIP: DNS load balancing (a
 * hardware load balancer still carries the web services) or hardware only. */
enum pool_lb { POOL_LB_DNS, POOL_LB_HARDWARE };
enum mediation_mode { MEDIATION_NONE, MEDIATION_COLLOCATED, MEDIATION_STANDALONE };
enum edge_topology { EDGE_NONE, EDGE_SINGLE, EDGE_SCALED_DNS, EDGE_SCALED_HLB };
enum edge_addressing { EDGE_ADDR_PUBLIC, EDGE_ADDR_NAT };
enum um_mode { UM_NONE, UM_TCP, UM_TLS, UM_DUAL };
enum branch_kind { BRANCH_NONE, BRANCH_SBA, BRANCH_SBS };

/* Federation kinds, a bit set. */
enum {
	FEDERATION_SIP = 1u << 0,
	FEDERATION_PUBLIC_IM = 1u << 1,
	FEDERATION_XMPP = 1u << 2,
};

/* A numeric port range, first <= last, both 1..65535. */
struct port_range {
	unsigned first;
	unsigned last;
};

/* Bounds of any port number, and the default range of the client media
 * ports and of Exchange UM RTP (every port above the well-known ones). */
enum {
	MODEL_PORT_MIN = 1,
	MODEL_PORT_MAX = 65535,
	MODEL_MEDIA_PORT_FIRST = 1024,
	MODEL_MEDIA_PORT_LAST = 65535,
};

struct server {
	char *fqdn;
	char *address; /* IPv4 or IPv6 */
};

/* A pool: a DNS name, optionally a load-balancer virtual IP, and members. */
struct pool {
	char *fqdn;
	char *vip; /* NULL when the pool has no hardware load balancer VIP */
	/* The web services FQDNs (Front End and Director pools; the Office Web
	 * Apps farm has only the external one).  NULL: not set, and a Standard
	 * Edition server's internal web services use its own name. */
	char *web_internal;
	char *web_external;
	struct server *servers;
	size_t n_servers;
};

/* An Edge Server: one internal address and, on the external side, the
 * Access, Web Conferencing and A/V Edge addresses.  With NAT the external
 * addresses are private and the *_nat fields hold their public translations. */
struct edge_server {
	char *fqdn;
	char *internal;
	char *access;
	char *webconf;
	char *av;
	char *access_nat;
	char *webconf_nat;
	char *av_nat;
};

struct exchange_um_server {
	char *fqdn;
	char *address;
	bool client_access; /* runs the UM Call Router (Client Access role) */
	bool mailbox;       /* runs the UM service and worker (Mailbox role) */
};

struct branch {
	char *name;
	enum branch_kind kind;
	char *fqdn;    /* the appliance or server; NULL with BRANCH_NONE */
	char *address;
};

struct site {
	char *name;
	bool cms; /* this site's Front End pool holds the Central Management store */

	enum fe_edition edition;
	enum pool_lb pool_lb;
	struct pool frontend;
	char *file_share; /* FQDN of the file store */

	bool director;
	struct pool director_pool;

	enum mediation_mode mediation;
	struct pool mediation_pool; /* stand-alone only */
	struct server *gateways;    /* PSTN gateways */
	size_t n_gateways;

	enum edge_topology edge;
	enum edge_addressing edge_addressing;
	char *edge_fqdn; /* internal pool FQDN */
	/* the external FQDNs of the Access, Web Conferencing and A/V Edge
	 * services, shared by every server of the pool (with hardware load
	 * balancers, the names of the VIPs) */
	char *edge_access_fqdn;
	char *edge_webconf_fqdn;
	char *edge_av_fqdn;
	struct edge_server *edges;
	size_t n_edges;
	/* hardware load balancer virtual IPs (EDGE_SCALED_HLB only) */
	char *edge_vip_internal;
	char *edge_vip_access;
	char *edge_vip_webconf;
	char *edge_vip_av;

	bool reverse_proxy;
	char *rp_fqdn;
	char *rp_internal;
	char *rp_external;

	bool persistent_chat;
	struct pool pchat_pool;

	bool office_web_apps;
	struct pool owas_pool;

	enum um_mode um;
	struct port_range um_rtp;
	struct exchange_um_server *um_servers;
	size_t n_um_servers;

	struct branch *branches;
	size_t n_branches;

	int line; /* of <site> in the file it was read from; 0 when unknown */
};

/* A SIP domain beyond the plan's first, with the host of its Meet simple
 * URL (every SIP domain has its own). */
struct sip_domain {
	char *name;
	char *meet;
};

struct plan {
	char *name;
	char *sip_domain; /* the first SIP domain */
	struct sip_domain *domains; /* the others */
	size_t n_domains;
	/* Simple URL hosts (https://<host>): Meet of the first SIP domain,
	 * Dial-in and Admin for the whole organization; the host the
	 * _xmpp-server SRV record points to when XMPP federation is on. */
	char *meet_url;
	char *dialin_url;
	char *admin_url;
	char *xmpp_fqdn;
	char *lang; /* language remembered by the TUI; NULL = follow the environment */
	enum product_version version;
	unsigned federation;     /* FEDERATION_* bits */
	bool ocs2007_federation; /* partners still on Office Communications Server 2007 */
	bool ipsec;
	struct port_range client_media;
	struct site *sites;
	size_t n_sites;
	int line; /* of <plan> in the file it was read from; 0 when unknown */
};

/* Limits that keep hostile input bounded and match the product's support. */
enum {
	PLAN_MAX_SITES = 5000,
	PLAN_MAX_POOL_SERVERS = 64,
	PLAN_MAX_EDGE_SERVERS = 12, /* supported maximum of an Edge pool */
	PLAN_MAX_BRANCHES = 1000,
	PLAN_MAX_DOMAINS = 100, /* SIP domains beyond the first */
	PLAN_MAX_NAME = 256,
};

/* Keyword tables: machine keys used in plan files, the CLI and the catalog's
 * conditions.  *_key returns a static string; *_parse returns false for an
 * unknown key and leaves *out unchanged. */
const char *model_version_key(enum product_version v);
bool model_version_parse(const char *key, enum product_version *out);
const char *model_edition_key(enum fe_edition e);
bool model_edition_parse(const char *key, enum fe_edition *out);
const char *model_pool_lb_key(enum pool_lb lb);
bool model_pool_lb_parse(const char *key, enum pool_lb *out);
const char *model_mediation_key(enum mediation_mode m);
bool model_mediation_parse(const char *key, enum mediation_mode *out);
const char *model_edge_key(enum edge_topology e);
bool model_edge_parse(const char *key, enum edge_topology *out);
const char *model_edge_addressing_key(enum edge_addressing a);
bool model_edge_addressing_parse(const char *key, enum edge_addressing *out);
const char *model_um_key(enum um_mode m);
bool model_um_parse(const char *key, enum um_mode *out);
const char *model_branch_key(enum branch_kind k);
bool model_branch_parse(const char *key, enum branch_kind *out);
/* Parses a comma- or space-separated list of sip, public-im, xmpp, or "none". */
bool model_federation_parse(const char *list, unsigned *out);
/* Writes the space-separated keys of bits into buf ("" for none). */
void model_federation_format(unsigned bits, char *buf, size_t size);

/* Parses "N" or "N-M" (1..65535, N <= M). */
bool model_port_range_parse(const char *text, struct port_range *out);
/* Formats "N" or "N-M" into buf. */
void model_port_range_format(const struct port_range *r, char *buf, size_t size);
/* True when 1 <= first <= last <= 65535. */
bool model_port_range_valid(const struct port_range *r);

/* Syntax checks used by the loader, the validator and the forms. */
bool model_is_ipv4(const char *s);
bool model_is_ipv6(const char *s);
bool model_is_ip(const char *s);
bool model_is_fqdn(const char *s);
/* True for names and addresses from the documentation ranges ucplan uses as
 * defaults (example.com/.net/.org, 192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24, 2001:db8::/32): values the user still has to replace. */
bool model_is_placeholder(const char *value);
/* True when s is valid UTF-8 of at most PLAN_MAX_NAME characters without
 * control characters: what a plan file can hold in a name or address.
 * NULL is clean (an absent value). */
bool model_is_clean_text(const char *s);

/* Allocates a plan with one default site ("Site 1"): an Enterprise Edition
 * Front End pool of two servers behind DNS load balancing, nothing else.
 * Names and addresses are placeholders.  Caller frees with plan_free(). */
struct plan *plan_new_default(void);
/* Frees a plan and everything it holds; NULL is a no-op. */
void plan_free(struct plan *plan);
/* Deep copy; caller frees with plan_free(). */
struct plan *plan_clone(const struct plan *plan);

/* Appends a default site named name (a copy) and returns it (borrowed; valid
 * until the next change to plan->sites). */
struct site *plan_add_site(struct plan *plan, const char *name);
/* Removes site index (no-op when out of range).  When it held the Central
 * Management store, the first remaining site takes it over. */
void plan_remove_site(struct plan *plan, size_t index);
/* Appends a branch named name (a copy; NULL gives "Branch N") of kind to
 * site site_index, with placeholder names and addresses for its appliance.
 * Returns it (borrowed; valid until the next change to the site's
 * branches), or NULL when site_index is out of range. */
struct branch *plan_add_branch(struct plan *plan, size_t site_index, const char *name,
			       enum branch_kind kind);
/* Removes a branch (no-op when out of range). */
void plan_remove_branch(struct plan *plan, size_t site_index, size_t branch_index);
/* True when both plans hold the same values, field by field (for unsaved
 * changes and for round-trip tests).  Two NULL plans are equal. */
bool plan_equal(const struct plan *a, const struct plan *b);

/* Setters that also keep the site's servers and addresses consistent with
 * the choice: turning an Edge on creates servers with placeholder
 * addresses, a scaled Edge gets at least two, an HLB Edge gets VIPs, NAT
 * gets public translations, and so on.  Existing names and addresses are
 * kept.  Turning a part off frees its names and addresses, so that the plan
 * holds only what a plan file records.  Server counts are capped at
 * PLAN_MAX_POOL_SERVERS (what a plan file may hold); an Edge pool larger
 * than PLAN_MAX_EDGE_SERVERS is kept and reported by plan_validate().
 * site_index is the site's position in plan->sites; out of range is a
 * no-op. */
void plan_set_edition(struct plan *plan, size_t site_index, enum fe_edition edition);
void plan_set_frontend_count(struct plan *plan, size_t site_index, size_t count);
void plan_set_pool_lb(struct plan *plan, size_t site_index, enum pool_lb lb);
void plan_set_director(struct plan *plan, size_t site_index, bool on, size_t count);
void plan_set_mediation(struct plan *plan, size_t site_index, enum mediation_mode mode,
			size_t servers, size_t gateways);
void plan_set_edge(struct plan *plan, size_t site_index, enum edge_topology topology,
		   enum edge_addressing addressing, size_t servers);
void plan_set_reverse_proxy(struct plan *plan, size_t site_index, bool on);
void plan_set_persistent_chat(struct plan *plan, size_t site_index, bool on);
void plan_set_office_web_apps(struct plan *plan, size_t site_index, bool on);
void plan_set_um(struct plan *plan, size_t site_index, enum um_mode mode, size_t servers);
/* Adds a SIP domain (a copy) with the default Meet host meet.<name>;
 * removes one (no-op when out of range).  Refuses (false) beyond
 * PLAN_MAX_DOMAINS. */
bool plan_add_domain(struct plan *plan, const char *name);
void plan_remove_domain(struct plan *plan, size_t index);
/* Fills every missing (NULL or empty) name or address of the plan with a
 * placeholder, and the SIP domain, the simple URLs (meet., dialin. and
 * admin. of the SIP domain, as Microsoft's examples name them) and port
 * ranges when unset.  Deterministic:
 * the same plan always gets the same values; set values are never changed.
 * Plan, site and branch names are the user's and are not filled. */
void plan_fill_defaults(struct plan *plan);
/* True when plan_fill_defaults would fill something: a plan saved before
 * ucplan knew some names, or one with names left empty. */
bool plan_needs_defaults(const struct plan *plan);

/* Validation findings. */
enum finding_severity { FINDING_ERROR, FINDING_WARNING };
struct finding {
	enum finding_severity severity;
	char *code;    /* stable machine key, e.g. "edge-nat-hlb" */
	int site;      /* site index, or -1 for the whole plan */
	char *message; /* translated sentence saying what to change */
};
struct findings {
	struct finding *items;
	size_t count;
	size_t errors;
	size_t warnings;
};

/* Checks the plan: errors for what the product does not support or what is
 * malformed, warnings for what is allowed but unwise or unfinished.  Fills
 * out (caller frees with findings_free). */
void plan_validate(const struct plan *plan, struct findings *out);
void findings_free(struct findings *f);

#endif
