/* catalog.h: every port rule as data, loaded from data/catalog.xml.
 *
 * The catalog is validated against data/catalog.rng (when ucplan is built,
 * and again when loaded unless the file is byte for byte the one it was
 * built with) and then checked for meaning on every load: every endpoint,
 * scope, condition and source that a rule names must be known.  No port
 * number lives in C code. */
#ifndef UCPLAN_CATALOG_H
#define UCPLAN_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "ucplan/model.h"
#include "ucplan/util.h"

/* The report's tables.  CATALOG_PROGRAMS holds the Windows Firewall program
 * rules that product setup creates: they name programs, not ports, and are
 * kept apart so that no one reads them as "open every port". */
enum catalog_table {
	CATALOG_FIREWALL,
	CATALOG_LB,
	CATALOG_IPSEC,
	CATALOG_PROGRAMS,
	/* The Planning Tool's other reports: their rows are records built
	 * from the shapes below, not flows. */
	CATALOG_DNS,
	CATALOG_CERTIFICATES,
	CATALOG_SUMMARY,
	CATALOG_TABLE_COUNT
};

/* True for the tables whose rows are records (DNS, certificates, summary). */
#define CATALOG_IS_RECORDS(kind) ((kind) >= CATALOG_DNS && (kind) < CATALOG_TABLE_COUNT)

/* Bit for each table in a set of tables (-t), and the set of all. */
#define CATALOG_TABLE_BIT(kind) (1u << (kind))
#define CATALOG_ALL_TABLES ((1u << CATALOG_TABLE_COUNT) - 1u)

/* One atom of a condition: [!]name[=value|value...].  The condition of a
 * rule holds when every atom holds. */
struct condition_atom {
	char *name;
	char **values; /* NULL-terminated; NULL when the atom has no values */
	bool negated;
	/* resolved when parsed, so that evaluation compares no strings */
	unsigned name_index;
	unsigned mask; /* the answers (value positions) for which the atom holds */
};
struct condition {
	struct condition_atom *atoms;
	size_t n_atoms;
};

/* Where a fact came from: the public Microsoft article (its English title,
 * the table in it and its address), and where we read it: a seed file or a
 * section of ports-reference.md. */
struct catalog_source {
	char *id;
	char *file;    /* seed file name, or NULL */
	char *section; /* reference section ("2.2.1"), or NULL */
	/* the reference document of section when it is not ports-reference.md
	 * ("dns-certificates-reference"), or NULL */
	char *document;
	char *title;   /* the table's title as the seed or reference names it */
	char *article; /* the article's English title */
	char *table;   /* the table's English title in that article */
	char *url;     /* the article's public address */
};

/* A provenance entry: the source and, optionally, the topology for which it
 * is the matching table (shown only when its condition holds). */
struct catalog_ref {
	const struct catalog_source *source; /* borrowed from the catalog */
	struct condition when;
};

/* A symbolic endpoint (frontend-pool, edge-av-external, any, ...) with its
 * English label (a msgid). */
struct catalog_endpoint {
	char *id;
	char *label;
	/* The VIP endpoint of a load-balanced pool (frontend-pool ->
	 * frontend-vip), or NULL: a flow into the pool on a port that the load
	 * balancer table carries for this plan enters through that VIP. */
	const struct catalog_endpoint *lb_vip;
};

struct catalog_scope {
	char *id;
	char *label;
	char *short_label; /* a shorter msgid for table cells ("External"), or NULL */
};

/* How many rows a shape makes in a site: one for the name (pool), one per
 * member of its endpoint (member), one per SIP domain (domain). */
enum catalog_per { CATALOG_PER_POOL, CATALOG_PER_MEMBER, CATALOG_PER_DOMAIN };

/* A subject alternative name of a certificate shape: a name id or a
 * pattern with {domain}, and when it applies. */
struct catalog_san {
	char *name;
	struct condition when;
};

/* What a DNS record, certificate or summary entry is made of.  Names are
 * name ids the engine knows (frontend-pool, edge-access-external, meet,
 * member, ...) or patterns holding {domain} ("_sip._tls.{domain}"): the
 * record's own text lives here, never in C. */
struct catalog_shape {
	enum catalog_per per;
	const struct catalog_endpoint *endpoint; /* addresses, members, holder */
	/* dns */
	char *zone; /* "internal", "external" */
	char *type; /* "A" (AAAA for an IPv6 address), "SRV", "CNAME" */
	char *name; /* dns: the record's name; certificates: the subject;
		     * summary: the FQDN shown instead of the member's */
	char *target; /* SRV, CNAME: the name it points to */
	unsigned port, priority, weight, ttl;
	/* certificates */
	char *ca;  /* "public", "internal" */
	char *eku; /* "server", "server-client" */
	struct catalog_san *sans;
	size_t n_sans;
	/* summary */
	char *network; /* "internal", "perimeter" */
	/* certificates: what it is assigned to; summary: the role (msgid;
	 * NULL: the endpoint's label) */
	char *label;
};
/* What to configure on a load balancer VIP beyond its ports, as Microsoft
 * documents it (dns-certificates-reference.md §4); where Microsoft says
 * nothing the value is "not documented", never a guess. */
enum catalog_lb_persistence { LB_PERSISTENCE_UNDOCUMENTED, LB_PERSISTENCE_SOURCE, LB_PERSISTENCE_NONE };
enum catalog_lb_snat { LB_SNAT_UNDOCUMENTED, LB_SNAT_ALLOWED, LB_SNAT_NOT_ALLOWED };
struct catalog_lb_profile {
	char *id;
	enum catalog_lb_persistence persistence;
	unsigned idle_timeout;   /* TCP idle timeout in seconds; 0: not documented */
	char *monitor_transport; /* health monitor, "TCP"; NULL: not documented */
	unsigned monitor_port;   /* on each pool member */
	enum catalog_lb_snat source_nat;
	char *note; /* English msgid: the details and the choices made */
	const struct catalog_source **sources; /* borrowed */
	size_t n_sources;
};

/* Machine keys of the settings: "source-address", "none", "allowed",
 * "not-allowed", "not-documented" (static). */
const char *catalog_lb_persistence_key(enum catalog_lb_persistence p);
const char *catalog_lb_snat_key(enum catalog_lb_snat s);

struct catalog_rule {
	char *id;
	enum catalog_table table;
	const struct catalog_scope *scope;          /* borrowed */
	const struct catalog_endpoint *source;      /* borrowed; lb: the balanced pool */
	const struct catalog_endpoint *destination; /* borrowed; lb: the VIP */
	char *transport;        /* "TCP", "UDP" */
	char *source_port;      /* "any", "N", "N-M", or a symbol (client-media, um-rtp) */
	char *destination_port; /* same */
	char *service;          /* application protocol, e.g. "SIP/MTLS" */
	char *authentication;   /* ipsec only: msgid, else NULL */
	char *note;             /* English msgid, our own words */
	struct condition when;
	struct catalog_ref *refs;
	size_t n_refs;
	const struct catalog_lb_profile *lb; /* lb rules: the VIP's settings (borrowed), or NULL */
	int line; /* line in catalog.xml, for messages */
	/* DNS, certificates, summary: the shape (scope, endpoints, transport
	 * and ports are NULL); NULL for a port rule */
	struct catalog_shape *shape;
};

struct catalog {
	char *path;
	struct catalog_source *sources;
	size_t n_sources;
	struct catalog_endpoint *endpoints;
	size_t n_endpoints;
	struct catalog_scope *scopes;
	size_t n_scopes;
	struct catalog_rule *rules;
	size_t n_rules;
	/* DNS records, certificates and summary entries, in file order */
	struct catalog_rule *shapes;
	size_t n_shapes;
	struct catalog_lb_profile *lb_profiles;
	size_t n_lb_profiles;
};

/* Loads and checks the catalog at path against the RELAX NG schema at
 * schema_path (skipped for the catalog ucplan was built with, which was
 * checked then).  Entities, DTDs and network access are off.  On success
 * *out receives a catalog the caller frees with catalog_free(). */
enum uc_status catalog_load(const char *path, const char *schema_path, struct catalog **out,
			    struct uc_error *err);
/* Same from size bytes of data (name is used in messages), for tests and
 * fuzzing; the same limits and checks apply. */
enum uc_status catalog_load_memory(const char *data, size_t size, const char *name,
				   const char *schema_path, struct catalog **out,
				   struct uc_error *err);
/* Loads data/catalog.xml with data/catalog.rng from uc_data_dir(). */
enum uc_status catalog_load_default(struct catalog **out, struct uc_error *err);
void catalog_free(struct catalog *catalog);

/* Lookups; borrowed results or NULL. */
const struct catalog_rule *catalog_find_rule(const struct catalog *catalog, const char *id);
/* A DNS record, certificate or summary shape by id. */
const struct catalog_rule *catalog_find_shape(const struct catalog *catalog, const char *id);
const struct catalog_endpoint *catalog_find_endpoint(const struct catalog *catalog,
						     const char *id);

/* Parses a condition string ("edge=single|scaled-dns !edge-addressing=nat").
 * Unknown names are refused with a message in err.  On success the caller
 * releases out with condition_free(). */
enum uc_status condition_parse(const char *text, struct condition *out, struct uc_error *err);
void condition_free(struct condition *c);

/* Appends to out the atom in words, in the current language ("Edge
 * topology: Single Edge Server or Scaled Edge, DNS load balancing"). */
void condition_atom_describe(const struct condition_atom *a, struct strbuf *out);

/* True when every atom of c holds for site of plan (both borrowed). */
bool condition_holds(const struct condition *c, const struct plan *plan, const struct site *site);

/* Machine key of a table ("firewall", "lb", "ipsec", "programs", "dns",
 * "certificates", "summary"). */
const char *catalog_table_key(enum catalog_table t);
bool catalog_table_parse(const char *key, enum catalog_table *out);

#endif
