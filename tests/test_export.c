/* test_export.c: the text, CSV, XML and JSON exporters on a report built
 * by hand.
 *
 * The report holds awkward content on purpose: formulas (= + - @) in a
 * note, an endpoint label, a member name, a service and a site name; a
 * comma, a double quote and a newline in one note; Chinese text (two
 * columns per character); accented Spanish; a plan name with & and <; a
 * port range, an "any" port, a VIP, members behind NAT and a row tied to
 * no site. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "ucplan/export.h"
#include "ucplan/fields.h"
#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/view.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define BOM "\xEF\xBB\xBF"
#define FFFD "\xEF\xBF\xBD"

/* ---- the report ---- */

/* Only what the exporters read of the catalog: ids, scopes (the text
 * shows the scope's label) and the public sources. */
static struct catalog_scope scope_internal = {"internal-firewall", "Internal firewall", NULL};
static struct catalog_scope scope_external = {"external-firewall", "External firewall", NULL};
static struct catalog_scope scope_lb = {"load-balancer", "Load balancer", NULL};
static struct catalog_scope scope_server = {"server", "Server", NULL};

static const struct catalog_rule rule_sip = {
    .id = "fw-sip", .table = CATALOG_FIREWALL, .scope = &scope_internal};
static const struct catalog_rule rule_media = {
    .id = "fw-media", .table = CATALOG_FIREWALL, .scope = &scope_external};
/* the lb row's VIP settings: some documented, source NAT not */
static const struct catalog_source src_lb_affinity = {.id = "lb-affinity",
						      .section = "4.2",
						      .document = "dns-certificates-reference",
						      .title = "Web services",
						      .article = "Load balancing",
						      .table = "Affinity",
						      .url = "https://example.com/lb-affinity"};
static const struct catalog_source *lb_settings_sources[] = {&src_lb_affinity};
static const struct catalog_lb_profile lb_web_settings = {
    .id = "web",
    .persistence = LB_PERSISTENCE_SOURCE,
    .idle_timeout = 1800,
    .monitor_transport = "TCP",
    .monitor_port = 5061,
    .source_nat = LB_SNAT_UNDOCUMENTED,
    .note = "Keep a client on one server.",
    .sources = lb_settings_sources,
    .n_sources = 1};
static const struct catalog_rule rule_lb = {
    .id = "lb-web", .table = CATALOG_LB, .scope = &scope_lb, .lb = &lb_web_settings};
static const struct catalog_rule rule_program = {
    .id = "prog-replica", .table = CATALOG_PROGRAMS, .scope = &scope_server};

/* A seed and the reference section that transcribes the same table: one
 * reference in text and CSV, two <source> elements in XML. */
static const struct catalog_source src_seed = {.id = "seed-servers",
					       .file = "002_ports.txt",
					       .title = "Puertos de servidor",
					       .article = "Ports",
					       .table = "Servers",
					       .url = "https://example.com/ports"};
static const struct catalog_source src_section = {.id = "ref-2.1.1",
						  .section = "2.1.1",
						  .title = "Required Server Ports",
						  .article = "Ports",
						  .table = "Servers",
						  .url = "https://example.com/ports"};
static const struct catalog_source src_edge = {.id = "ref-2.2.1",
					       .section = "2.2.1",
					       .title = "Edge external",
					       .article = "Edge",
					       .table = "External",
					       .url = "https://example.com/edge"};
static const struct catalog_source src_lb = {.id = "seed-hlb",
					     .file = "002_ports.txt",
					     .title = "HLB",
					     .article = "Load balancing",
					     .table = "Ports",
					     .url = "https://example.com/lb"};

static const struct catalog_source *const sip_sources[] = {&src_seed, &src_section};
static const struct catalog_source *const media_sources[] = {&src_seed, &src_edge};
static const struct catalog_source *const lb_sources[] = {&src_lb};
static const struct catalog_source *const program_sources[] = {&src_seed};

static const struct report_member edge_internal_members[] = {
    {"edge01.contoso.com", "172.16.0.5", NULL},
};
static const struct report_member fe_members[] = {
    {"fe01.contoso.com", "10.0.0.11", NULL},
    {"fe02.contoso.com", "10.0.0.12", NULL},
};
/* Behind NAT, and the first name looks like a formula. */
static const struct report_member edge_av_members[] = {
    {"-1", "172.16.1.5", "203.0.113.5"},
    {"edge02.contoso.com", "172.16.1.6", "203.0.113.6"},
};
static const struct report_member mlg_members[] = {
    {"fe01.mlg.contoso.com", "10.1.0.11", NULL},
    {"fe02.mlg.contoso.com", "10.1.0.12", NULL},
};
/* A file share has a name and no address. */
static const struct report_member server_members[] = {
    {"fe01.contoso.com", "10.0.0.11", NULL},
    {"file01.contoso.com", NULL, NULL},
};

static const struct report_endpoint ep_edge_internal = {.role = "edge-internal",
							.label = "Edge internal interface",
							.members = edge_internal_members,
							.n_members = COUNT(edge_internal_members)};
/* A pool entered through its load balancer: the VIP before the members. */
static const struct report_endpoint ep_fe_pool = {.role = "frontend-pool",
						  .label = "前端池",
						  .pool = "pool.contoso.com",
						  .vip = "10.0.0.10",
						  .members = fe_members,
						  .n_members = COUNT(fe_members)};
static const struct report_endpoint ep_external = {
    .role = "external-users", .label = "@SUM(1)", .special = true};
static const struct report_endpoint ep_edge_av = {.role = "edge-av-external",
						  .label = "Dirección IP pública",
						  .members = edge_av_members,
						  .n_members = COUNT(edge_av_members)};
static const struct report_endpoint ep_mlg_pool = {.role = "frontend-pool",
						   .label = "Front End pool",
						   .pool = "pool.mlg.contoso.com",
						   .members = mlg_members,
						   .n_members = COUNT(mlg_members)};
static const struct report_endpoint ep_mlg_vip = {.role = "frontend-vip",
						  .label = "Front End VIP",
						  .pool = "pool.mlg.contoso.com",
						  .vip = "10.1.0.10",
						  .vip_only = true};
static const struct report_endpoint ep_any = {.role = "any", .label = "Any", .special = true};
static const struct report_endpoint ep_servers = {.role = "all-servers",
						  .label = "All servers",
						  .members = server_members,
						  .n_members = COUNT(server_members)};

/* clang-format off */
#define ANY_PORT {REPORT_PORT_ANY, 0, 0}
#define ONE_PORT(n) {REPORT_PORT_SINGLE, (n), (n)}
#define PORT_RANGE(a, b) {REPORT_PORT_RANGE, (a), (b)}
/* clang-format on */

#define SIP_NOTE "=HYPERLINK(\"http://evil.example/\")"
#define MEDIA_NOTE "a, \"b\"\nc — media for audio and video between the Edge and the clients"
/* The same note as the text and CSV exports write it. */
#define MEDIA_NOTE_SHOWN                                                                           \
	"a, \"b\"\\u000Ac — media for audio and video between the Edge and the clients"

static struct report_flow fw_flows[] = {
    {.rule = &rule_sip,
     .rule_id = "fw-sip",
     .scope = "internal-firewall",
     .site = 0,
     .source = &ep_edge_internal,
     .destination = &ep_fe_pool,
     .transport = "TCP",
     .source_port = ANY_PORT,
     .destination_port = ONE_PORT(5061),
     .service = "SIP/MTLS",
     .note = SIP_NOTE,
     .sources = sip_sources,
     .n_sources = COUNT(sip_sources)},
    {.rule = &rule_media,
     .rule_id = "fw-media",
     .scope = "external-firewall",
     .site = -1,
     .source = &ep_external,
     .destination = &ep_edge_av,
     .transport = "UDP",
     .source_port = PORT_RANGE(50000, 59999),
     .destination_port = ONE_PORT(3478),
     .service = "+RTP",
     .note = MEDIA_NOTE,
     .sources = media_sources,
     .n_sources = COUNT(media_sources)},
};
/* lb: the balanced pool and its VIP. */
static struct report_flow lb_flows[] = {
    {.rule = &rule_lb,
     .rule_id = "lb-web",
     .scope = "load-balancer",
     .site = 1,
     .source = &ep_mlg_pool,
     .destination = &ep_mlg_vip,
     .transport = "TCP",
     .source_port = ANY_PORT,
     .destination_port = ONE_PORT(443),
     .service = "HTTPS",
     .note = "Web services, 前端",
     .sources = lb_sources,
     .n_sources = COUNT(lb_sources)},
};
/* programs: any to the servers, the rule's name as the service. */
static struct report_flow program_flows[] = {
    {.rule = &rule_program,
     .rule_id = "prog-replica",
     .scope = "server",
     .site = 2,
     .source = &ep_any,
     .destination = &ep_servers,
     .transport = "TCP",
     .source_port = ANY_PORT,
     .destination_port = ANY_PORT,
     .service = "Replica Replicator Agent",
     .note = "Created by setup.",
     .sources = program_sources,
     .n_sources = COUNT(program_sources)},
};

static char plan_name[] = "Contoso & Co <test>";
static char site_dublin[] = "Dublin", site_malaga[] = "Málaga", site_lab[] = "@Lab";
static char *site_names[] = {site_dublin, site_malaga, site_lab};

static struct report test_report = {
    .tables =
	{
	    {CATALOG_FIREWALL, "firewall", "Firewall rules", fw_flows, COUNT(fw_flows)},
	    {CATALOG_LB, "lb", "Load balancing", lb_flows, COUNT(lb_flows)},
	    {CATALOG_IPSEC, "ipsec", "IPsec exceptions", NULL, 0},
	    {CATALOG_PROGRAMS, "programs", "Windows Firewall program rules", program_flows,
	     COUNT(program_flows)},
	    /* the record tables, empty here (test_records has its own) */
	    {CATALOG_DNS, "dns", "DNS records", NULL, 0},
	    {CATALOG_CERTIFICATES, "certificates", "Certificates", NULL, 0},
	    {CATALOG_SUMMARY, "summary", "Summary", NULL, 0},
	},
    .plan_name = plan_name,
    .site_names = site_names,
    .n_sites = COUNT(site_names),
};

/* An IPsec row whose member and texts carry what XML cannot: control
 * characters (\001, \002, \037), a stray byte (\377) and a UTF-8 sequence
 * cut short (\344\270, two of the three bytes of 与). */
static const struct catalog_rule rule_ipsec = {
    .id = "ipsec-bad", .table = CATALOG_IPSEC, .scope = &scope_server};
static const struct report_member bad_members[] = {{"a\001b\377", "ok\344\270", NULL}};
static const struct report_endpoint ep_bad = {.role = "edge-internal",
					      .label = "Edge\002",
					      .members = bad_members,
					      .n_members = COUNT(bad_members)};
static struct report_flow bad_flows[] = {
    {.rule = &rule_ipsec,
     .rule_id = "ipsec-bad",
     .scope = "server",
     .site = -1,
     .source = &ep_any,
     .destination = &ep_bad,
     .transport = "UDP",
     .source_port = ANY_PORT,
     .destination_port = ONE_PORT(5062),
     .note = "Exception\037",
     .authentication = "None",
     .sources = program_sources,
     .n_sources = COUNT(program_sources)},
};

/* ---- helpers ---- */

static struct export_options options(unsigned tables, char sep, bool bom)
{
	struct export_options o = {.tables = tables, .separator = sep, .bom = bom};

	return o;
}

/* Runs an exporter into memory; the caller frees the result. */
static char *export_string(const struct exporter *e, const struct report *r,
			   const struct export_options *o, size_t *len)
{
	struct uc_error err = {0};
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	assert_non_null(f);
	assert_int_equal(e->write(r, o, f, &err), UC_OK);
	assert_int_equal(fclose(f), 0);
	if (len)
		*len = size;
	return buf;
}

/* Splits text at '\n' in place; the last line must end with a newline. */
static size_t split_lines(char *text, char **lines, size_t max)
{
	size_t n = 0;
	char *p = text, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		*nl = '\0';
		assert_in_range(n, 0, max - 1);
		lines[n++] = p;
		p = nl + 1;
	}
	return n;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Switches to a translated language and makes sure its catalog is found:
 * a test of what follows the language proves nothing in English. */
static void set_translated_language(const char *lang)
{
	assert_true(i18n_set_language(lang));
	if (strcmp(_("Any"), "Any") == 0)
		fail_msg("no %s translations in %s: build them (make all) or set UCPLAN_LOCALEDIR",
			 lang, i18n_localedir());
}

static int setup_english(void **state)
{
	(void)state;
	assert_true(i18n_set_language("en"));
	return 0;
}

/* ---- registry and defaults ---- */

static void test_find(void **state)
{
	(void)state;
	assert_ptr_equal(export_find("text"), &export_text);
	assert_ptr_equal(export_find("csv"), &export_csv);
	assert_ptr_equal(export_find("xml"), &export_xml);
	assert_ptr_equal(export_find("json"), &export_json);
	assert_ptr_equal(export_find("xlsx"), &export_xlsx);
	assert_null(export_find("ods"));
	assert_null(export_find("JSON"));
	assert_null(export_find(""));
	assert_null(export_find(NULL));
	assert_string_equal(export_text.extension, "txt");
	assert_string_equal(export_csv.extension, "csv");
	assert_string_equal(export_xml.extension, "xml");
	assert_string_equal(export_json.extension, "json");
	assert_string_equal(export_xlsx.extension, "xlsx");
	/* only the workbook holds every table in one file */
	assert_true(export_xlsx.one_file);
	assert_false(export_csv.one_file || export_text.one_file || export_xml.one_file ||
		     export_json.one_file);
}

static void check_defaults(const char *lang, char sep, bool bom)
{
	struct export_options o;

	assert_true(i18n_set_language(lang));
	memset(&o, 0x5a, sizeof o);
	export_default_options(&o);
	assert_int_equal(o.separator, sep);
	assert_int_equal(o.bom, bom);
	assert_int_equal(o.tables, EXPORT_ALL_TABLES);
	assert_int_equal(o.width, 0);
	assert_false(o.ascii);
	assert_false(o.header_keys);
}

static void test_default_options(void **state)
{
	(void)state;
	check_defaults("en", ',', false);
	check_defaults("es", ';', true);
	check_defaults("it", ';', true);
	check_defaults("zh_CN", ',', true);
	assert_true(i18n_set_language("en"));
}

static void test_neutralize(void **state)
{
	const char *plain = "5061";
	char buf[64], small[4];

	(void)state;
	assert_ptr_equal(export_neutralize(plain, buf, sizeof buf), plain);
	assert_string_equal(export_neutralize("", buf, sizeof buf), "");
	assert_string_equal(export_neutralize(NULL, buf, sizeof buf), "");
	assert_string_equal(export_neutralize("50000-59999", buf, sizeof buf), "50000-59999");
	assert_string_equal(export_neutralize("=1+1", buf, sizeof buf), "'=1+1");
	assert_string_equal(export_neutralize("+x", buf, sizeof buf), "'+x");
	assert_string_equal(export_neutralize("-1", buf, sizeof buf), "'-1");
	assert_string_equal(export_neutralize("@SUM(1)", buf, sizeof buf), "'@SUM(1)");
	assert_string_equal(export_neutralize("\tx", buf, sizeof buf), "'\tx");
	assert_string_equal(export_neutralize("\rx", buf, sizeof buf), "'\rx");
	/* What spreadsheets skip before a formula, or what a reader cannot
	 * see, and the fullwidth forms. */
	assert_string_equal(export_neutralize(" =1", buf, sizeof buf), "' =1");
	assert_string_equal(export_neutralize("  \t+1", buf, sizeof buf), "'  \t+1");
	assert_string_equal(export_neutralize("\xc2\xa0=1", buf, sizeof buf), "'\xc2\xa0=1");
	assert_string_equal(export_neutralize("\xe3\x80\x80-1", buf, sizeof buf),
			    "'\xe3\x80\x80-1");
	assert_string_equal(export_neutralize("\xe2\x80\x8b@x", buf, sizeof buf),
			    "'\xe2\x80\x8b@x");
	assert_string_equal(export_neutralize("\xef\xbb\xbf=1", buf, sizeof buf),
			    "'\xef\xbb\xbf=1");
	assert_string_equal(export_neutralize("\n=1", buf, sizeof buf), "'\n=1");
	assert_string_equal(export_neutralize("\xef\xbc\x9d"
					      "1",
					      buf, sizeof buf),
			    "'\xef\xbc\x9d"
			    "1");
	assert_string_equal(export_neutralize("\xef\xbc\xa0x", buf, sizeof buf),
			    "'\xef\xbc\xa0x");
	/* Spaces before ordinary text are left alone. */
	assert_string_equal(export_neutralize("  5061", buf, sizeof buf), "  5061");
	/* Truncated, still neutral, never half a character. */
	assert_string_equal(export_neutralize("=abcdef", small, sizeof small), "'=a");
	assert_string_equal(export_neutralize("=é", small, sizeof small), "'=");
	assert_string_equal(export_neutralize("=x", small, 1), "'");
}

/* ---- CSV ---- */

/* The expected files, written by hand from the field definitions
 * (src/export/fields.c); S is the separator.  Q() quotes a field as the
 * exporter does (always).  One line per group of columns. */
#define Q(s) "\"" s "\""

/* clang-format off */
#define FW_HEADER(S)                                                                               \
	Q("Site") S Q("Rule") S Q("Scope") S                                                       \
	Q("Source role") S Q("Source name") S Q("Source addresses") S                              \
	Q("Destination role") S Q("Destination name") S Q("Destination addresses") S               \
	Q("Transport") S Q("Source port") S Q("Destination port") S Q("Service") S                 \
	Q("Note") S Q("Reference") "\r\n"
#define FW_KEYS(S)                                                                                 \
	Q("site") S Q("rule") S Q("scope") S                                                       \
	Q("source_role") S Q("source_name") S Q("source_addresses") S                              \
	Q("destination_role") S Q("destination_name") S Q("destination_addresses") S               \
	Q("transport") S Q("source_port") S Q("destination_port") S Q("service") S                 \
	Q("note") S Q("reference") "\r\n"
#define FW_ROWS(S)                                                                                 \
	Q("Dublin") S Q("fw-sip") S Q("internal-firewall") S                                       \
	Q("edge-internal") S Q("edge01.contoso.com") S Q("172.16.0.5") S                           \
	Q("frontend-pool") S Q("pool.contoso.com") S Q("vip:10.0.0.10 10.0.0.11 10.0.0.12") S      \
	Q("TCP") S Q("any") S Q("5061") S Q("SIP/MTLS") S                                          \
	Q("'=HYPERLINK(\"\"http://evil.example/\"\")") S                                           \
	Q("Ports — Servers <https://example.com/ports>") "\r\n"                                    \
	Q("") S Q("fw-media") S Q("external-firewall") S                                           \
	Q("external-users") S Q("") S Q("") S                                                      \
	Q("edge-av-external") S Q("'-1 edge02.contoso.com") S                                      \
	Q("172.16.1.5=203.0.113.5 172.16.1.6=203.0.113.6") S                                       \
	Q("UDP") S Q("50000-59999") S Q("3478") S Q("'+RTP") S                                     \
	Q("a, \"\"b\"\"\\u000Ac — media for audio and video between the Edge and the clients") S        \
	Q("Ports — Servers <https://example.com/ports>; Edge — External <https://example.com/edge>") \
	"\r\n"
#define LB_CSV(S)                                                                                  \
	Q("Site") S Q("Rule") S                                                                    \
	Q("Load balancer") S Q("Pool role") S Q("Virtual IP") S Q("Pool members") S                \
	Q("Transport") S Q("Port") S Q("Service") S Q("Persistence") S                             \
	Q("TCP idle timeout (s)") S Q("Health monitor") S Q("Source NAT") S Q("Note") S            \
	Q("Settings note") S Q("Reference") "\r\n"                                                 \
	Q("Málaga") S Q("lb-web") S                                                                \
	Q("pool.mlg.contoso.com") S Q("frontend-pool") S Q("10.1.0.10") S                          \
	Q("10.1.0.11 10.1.0.12") S                                                                 \
	Q("TCP") S Q("443") S Q("HTTPS") S                                                         \
	Q("Source address") S Q("1800") S Q("TCP 5061") S Q("Not documented") S                    \
	Q("Web services, 前端") S Q("Keep a client on one server.") S                              \
	Q("Load balancing — Ports <https://example.com/lb>; "                                      \
	  "Load balancing — Affinity <https://example.com/lb-affinity>") "\r\n"
#define LB_KEYS(S)                                                                                 \
	Q("site") S Q("rule") S                                                                    \
	Q("load_balancer") S Q("pool_role") S Q("vip") S Q("members") S                            \
	Q("transport") S Q("port") S Q("service") S Q("persistence") S Q("idle_timeout") S          \
	Q("health_monitor") S Q("source_nat") S Q("note") S Q("settings_note") S                    \
	Q("reference") "\r\n"
#define IPSEC_CSV(S)                                                                               \
	Q("Site") S Q("Rule") S Q("Exception") S                                                   \
	Q("Source role") S Q("Source name") S Q("Source addresses") S                              \
	Q("Destination role") S Q("Destination name") S Q("Destination addresses") S               \
	Q("Transport") S Q("Source port") S Q("Destination port") S                                \
	Q("Authentication") S Q("Reference") "\r\n"
#define PROGRAMS_CSV(S)                                                                            \
	Q("Site") S Q("Rule") S                                                                    \
	Q("Server role") S Q("Server names") S Q("Server addresses") S                             \
	Q("Windows Firewall rule") S Q("Transport") S Q("Note") S Q("Reference") "\r\n"            \
	Q("'@Lab") S Q("prog-replica") S                                                           \
	Q("all-servers") S Q("fe01.contoso.com file01.contoso.com") S Q("10.0.0.11") S             \
	Q("Replica Replicator Agent") S Q("TCP") S Q("Created by setup.") S                        \
	Q("Ports — Servers <https://example.com/ports>") "\r\n"
#define RECORD_HEADERS(S)                                                                          \
	Q("Site") S Q("Rule") S Q("Zone") S Q("Type") S Q("Name") S Q("Address or target") S       \
	Q("Port") S Q("Priority") S Q("Weight") S Q("TTL") S Q("Purpose") S Q("Reference") "\r\n" \
	"\r\n"                                                                                     \
	Q("Site") S Q("Rule") S Q("Assigned to") S Q("Use") S Q("Subject name") S                  \
	Q("Subject alternative names, in order") S Q("CA") S Q("EKU") S Q("Note") S                \
	Q("Reference") "\r\n"                                                                      \
	"\r\n"                                                                                     \
	Q("Site") S Q("Rule") S Q("Role") S Q("FQDN") S Q("Address") S                             \
	Q("Public address (NAT)") S Q("Network") S Q("Note") S Q("Reference") "\r\n"
/* Every table: one empty record between tables. */
#define ALL_CSV(S) \
	FW_HEADER(S) FW_ROWS(S) "\r\n" LB_CSV(S) "\r\n" IPSEC_CSV(S) "\r\n" PROGRAMS_CSV(S) \
	"\r\n" RECORD_HEADERS(S)
/* clang-format on */

static void test_csv_comma_no_bom(void **state)
{
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_FIREWALL), ',', false);
	size_t len;
	char *s = export_string(&export_csv, &test_report, &o, &len);

	(void)state;
	/* No NUL inside: the whole file is the string. */
	assert_int_equal(len, strlen(s));
	assert_string_equal(s, FW_HEADER(",") FW_ROWS(","));
	free(s);
}

static void test_csv_semicolon_bom(void **state)
{
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_FIREWALL), ';', true);
	char *s = export_string(&export_csv, &test_report, &o, NULL);

	(void)state;
	assert_string_equal(s, BOM FW_HEADER(";") FW_ROWS(";"));
	free(s);
}

/* --header keys: the machine keys instead of the labels, same records. */
static void test_csv_header_keys(void **state)
{
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_FIREWALL), ',', false);
	char *s;

	(void)state;
	o.header_keys = true;
	s = export_string(&export_csv, &test_report, &o, NULL);
	assert_string_equal(s, FW_KEYS(",") FW_ROWS(","));
	free(s);

	/* The keys do not follow the language. */
	o.tables = EXPORT_TABLE_BIT(CATALOG_LB);
	set_translated_language("es");
	s = export_string(&export_csv, &test_report, &o, NULL);
	assert_true(i18n_set_language("en"));
	assert_true(starts_with(s, LB_KEYS(",")));
	free(s);
}

/* Several tables: one after another in a fixed order, each with its
 * header, one empty record between them, one BOM at the very start. */
static void test_csv_all_tables(void **state)
{
	struct export_options o = options(0, ',', false);
	char *s = export_string(&export_csv, &test_report, &o, NULL);

	(void)state;
	assert_string_equal(s, ALL_CSV(","));
	free(s);

	o = options(EXPORT_ALL_TABLES, ';', true);
	s = export_string(&export_csv, &test_report, &o, NULL);
	assert_string_equal(s, BOM ALL_CSV(";"));
	free(s);

	/* Table order is fixed, whatever bits are set. */
	o = options(EXPORT_TABLE_BIT(CATALOG_PROGRAMS) | EXPORT_TABLE_BIT(CATALOG_LB), ',', false);
	s = export_string(&export_csv, &test_report, &o, NULL);
	assert_string_equal(s, LB_CSV(",") "\r\n" PROGRAMS_CSV(","));
	free(s);
}

/* A strict RFC 4180 reader, so that the files are checked the way a
 * program would read them, not only compared with what we expect. */
#define CSV_MAX_RECORDS 32
#define CSV_MAX_FIELDS 16

struct csv_doc {
	size_t n_records;
	size_t n_fields[CSV_MAX_RECORDS];	       /* 0 for an empty line */
	char *fields[CSV_MAX_RECORDS][CSV_MAX_FIELDS]; /* decoded, owned */
};

/* Reads s: a BOM at the start is skipped; every record ends with CRLF, the
 * last one too; a field is quoted (quotes doubled inside, anything else
 * as is) or holds no quote, CR or LF; sep or CRLF follows each field.
 * Anything else fails the test. */
static void csv_read(const char *s, char sep, struct csv_doc *doc)
{
	memset(doc, 0, sizeof *doc);
	if (starts_with(s, BOM))
		s += strlen(BOM);
	while (*s) {
		size_t r = doc->n_records++;

		assert_in_range(r, 0, CSV_MAX_RECORDS - 1);
		if (starts_with(s, "\r\n")) {
			s += 2;
			continue;
		}
		for (;;) {
			size_t f = doc->n_fields[r]++, n = 0;
			char *out;

			assert_in_range(f, 0, CSV_MAX_FIELDS - 1);
			out = doc->fields[r][f] = malloc(strlen(s) + 1);
			assert_non_null(out);
			if (*s == '"') {
				for (s++;; s++) {
					assert_int_not_equal(*s, '\0'); /* unterminated */
					if (*s == '"' && *++s != '"')
						break;
					out[n++] = *s;
				}
			} else {
				for (; *s && *s != sep && *s != '\r' && *s != '\n'; s++) {
					assert_int_not_equal(*s, '"');
					out[n++] = *s;
				}
			}
			out[n] = '\0';
			if (*s == sep) {
				s++;
				continue;
			}
			assert_true(starts_with(s, "\r\n"));
			s += 2;
			break;
		}
	}
}

static void csv_doc_free(struct csv_doc *doc)
{
	for (size_t r = 0; r < doc->n_records; r++)
		for (size_t f = 0; f < doc->n_fields[r]; f++)
			free(doc->fields[r][f]);
}

/* Position of the field key in a table kind's records. */
static size_t field_index(enum catalog_table kind, const char *key)
{
	size_t n;
	const struct field *fields = fields_of(kind, &n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(fields[i].key, key) == 0)
			return i;
	fail_msg("no field %s", key);
	return 0;
}

static void test_csv_rfc4180(void **state)
{
	/* firewall: header and two rows; lb: header and one row; ipsec:
	 * header only; programs: header and one row; dns, certificates,
	 * summary: header only; an empty record between tables. */
	static const size_t expect[] = {15, 15, 15, 0, 16, 16, 0, 14, 0, 9, 9, 0, 12, 0, 10, 0, 9};
	static const char seps[] = {',', ';'};

	(void)state;
	for (size_t i = 0; i < COUNT(seps); i++) {
		struct export_options o = options(0, seps[i], i > 0);
		char *s = export_string(&export_csv, &test_report, &o, NULL);
		struct csv_doc doc;

		csv_read(s, seps[i], &doc);
		assert_int_equal(doc.n_records, COUNT(expect));
		for (size_t r = 0; r < COUNT(expect); r++)
			assert_int_equal(doc.n_fields[r], expect[r]);
		/* The awkward notes read back whole: comma and quotes, and the
		 * newline as the visible escape every export gives a control
		 * character (tw_neutralize). */
		assert_string_equal(doc.fields[2][field_index(CATALOG_FIREWALL, "note")],
				    MEDIA_NOTE_SHOWN);
		assert_string_equal(doc.fields[1][field_index(CATALOG_FIREWALL, "note")],
				    "'" SIP_NOTE);
		assert_string_equal(doc.fields[5][field_index(CATALOG_LB, "note")],
				    "Web services, 前端");
		csv_doc_free(&doc);
		free(s);
	}
}

/* Whatever a spreadsheet would evaluate gets an apostrophe: a note, a
 * member name, a service, a site name.  (Endpoint labels are not in CSV:
 * it names roles by key; XML and JSON keep the formula as it is.) */
static void test_csv_neutralizes(void **state)
{
	struct export_options o = options(0, ',', false);
	char *s = export_string(&export_csv, &test_report, &o, NULL);
	struct csv_doc doc;

	(void)state;
	csv_read(s, ',', &doc);
	assert_string_equal(doc.fields[1][field_index(CATALOG_FIREWALL, "note")], "'" SIP_NOTE);
	assert_string_equal(doc.fields[2][field_index(CATALOG_FIREWALL, "destination_name")],
			    "'-1 edge02.contoso.com");
	assert_string_equal(doc.fields[2][field_index(CATALOG_FIREWALL, "service")], "'+RTP");
	assert_string_equal(doc.fields[10][field_index(CATALOG_PROGRAMS, "site")], "'@Lab");
	/* Only the start of a cell matters. */
	assert_string_equal(doc.fields[2][field_index(CATALOG_FIREWALL, "destination_addresses")],
			    "172.16.1.5=203.0.113.5 172.16.1.6=203.0.113.6");
	/* No cell anywhere starts with a formula character. */
	for (size_t r = 0; r < doc.n_records; r++)
		for (size_t f = 0; f < doc.n_fields[r]; f++)
			if (doc.fields[r][f][0] && strchr("=+-@\t\r", doc.fields[r][f][0]))
				fail_msg("record %zu, field %zu: %s", r, f, doc.fields[r][f]);
	csv_doc_free(&doc);
	free(s);
}

/* Ports are machine values: "any", not the language's word for it. */
static void test_csv_ports_not_translated(void **state)
{
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_FIREWALL), ';', true);
	size_t sport = field_index(CATALOG_FIREWALL, "source_port");
	size_t dport = field_index(CATALOG_FIREWALL, "destination_port");
	struct csv_doc doc;
	char *csv, *text;

	(void)state;
	set_translated_language("es");
	csv = export_string(&export_csv, &test_report, &o, NULL);
	text = export_string(&export_text, &test_report, &o, NULL);
	assert_true(i18n_set_language("en"));
	csv_read(csv, ';', &doc);
	/* The header follows the language, and the text export says
	 * "Cualquiera"; the ports in CSV do not. */
	assert_string_equal(doc.fields[0][sport], "Puerto de origen");
	assert_non_null(strstr(text, "Cualquiera"));
	assert_string_equal(doc.fields[1][sport], "any");
	assert_string_equal(doc.fields[1][dport], "5061");
	assert_string_equal(doc.fields[2][sport], "50000-59999");
	assert_string_equal(doc.fields[2][dport], "3478");
	assert_null(strstr(csv, "Cualquiera"));
	csv_doc_free(&doc);
	free(csv);
	free(text);
}

/* ---- text ---- */

/* The English view of the test report: what the text exporter lays out. */
static struct report_view *en_view;

/* Pointer into line at display column col (which must start a character). */
static const char *at_column(const char *line, size_t col)
{
	size_t used;
	size_t bytes = tw_fit(line, col, &used);

	assert_int_equal(used, col);
	return line + bytes;
}

/* The cell as a text table shows it: control characters become visible
 * escapes (tw_neutralize). */
static void clean_cell(const char *cell, char *out, size_t size)
{
	char *clean = tw_neutralize(cell);

	snprintf(out, size, "%s", clean);
	free(clean);
}

/* What a column of cols display columns shows of cell (no padding). */
static void fitted_cell(const char *cell, size_t cols, bool ascii, char *out, size_t size)
{
	char clean[512];
	size_t used, bytes;

	clean_cell(cell, clean, sizeof clean);
	if (tw_width(clean) <= cols) {
		snprintf(out, size, "%s", clean);
		return;
	}
	bytes = tw_fit(clean, cols - 1, &used);
	snprintf(out, size, "%.*s%s", (int)bytes, clean, ascii ? "~" : "…");
}

/* Display width of column c of t: its label or its widest cell. */
static size_t natural_width(const struct report_table *t, size_t c)
{
	size_t w = tw_width(t->columns[c].label);
	char clean[512];

	for (size_t r = 0; r < t->n_rows; r++) {
		clean_cell(t->rows[r].cells[c], clean, sizeof clean);
		if (tw_width(clean) > w)
			w = tw_width(clean);
	}
	return w;
}

/* Reads the column starts and widths from a separator line of '-' runs. */
static size_t read_separator(const char *line, size_t *start, size_t *width, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; line[i]; i++) {
		if (line[i] == ' ')
			continue;
		assert_int_equal(line[i], '-');
		if (i == 0 || line[i - 1] == ' ') {
			assert_in_range(n, 0, max - 1);
			if (n > 0)
				assert_true(i >= 2 && line[i - 1] == ' ' && line[i - 2] == ' ');
			start[n] = i;
			width[n] = 0;
			n++;
		}
		width[n - 1]++;
	}
	return n;
}

/* Checks one table block of text output against the view t: title,
 * header, separator, rows, every cell starting at its column's display
 * column.  Returns the number of lines used. */
static size_t check_text_table(char **lines, size_t n_lines, const struct report_table *t,
			       size_t limit, bool ascii)
{
	size_t start[16], width[16], n_cols, used = 3;
	char expect[512];

	assert_true(n_lines >= 4);
	assert_string_equal(lines[0], t->title);
	n_cols = read_separator(lines[2], start, width, 16);
	assert_int_equal(n_cols, t->n_columns);
	for (size_t c = 0; c < n_cols; c++) {
		if (!limit)
			assert_int_equal(width[c], natural_width(t, c));
		else
			assert_true(width[c] <= natural_width(t, c));
		fitted_cell(t->columns[c].label, width[c], ascii, expect, sizeof expect);
		assert_true(starts_with(at_column(lines[1], start[c]), expect));
		if (c > 0)
			assert_true(starts_with(at_column(lines[1], start[c] - 2), "  "));
	}
	if (t->n_rows == 0) {
		assert_string_equal(lines[3], "(no rows)");
		return 4;
	}
	for (size_t r = 0; r < t->n_rows; r++, used++) {
		const char *line;

		assert_true(3 + r < n_lines);
		line = lines[3 + r];
		for (size_t c = 0; c < n_cols; c++) {
			fitted_cell(t->rows[r].cells[c], width[c], ascii, expect, sizeof expect);
			/* Trailing empty cells are trimmed with the spaces. */
			if (!expect[0] && tw_width(line) <= start[c])
				continue;
			assert_true(starts_with(at_column(line, start[c]), expect));
			if (c > 0)
				assert_true(starts_with(at_column(line, start[c] - 2), "  "));
		}
	}
	return used;
}

static void check_lines_common(char **lines, size_t n, size_t limit)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(lines[i]);

		/* Valid UTF-8 throughout: nothing cut in half. */
		assert_int_not_equal(mbstowcs(NULL, lines[i], 0), (size_t)-1);
		if (len > 0)
			assert_int_not_equal(lines[i][len - 1], ' ');
		if (limit)
			assert_true(tw_width(lines[i]) <= limit);
	}
}

/* Every table of the view, in order, one empty line between them. */
static void check_text_tables(char **lines, size_t n, const struct report_view *v, size_t limit)
{
	size_t i = 0;

	for (int k = 0; k < CATALOG_TABLE_COUNT; k++) {
		if (k > 0)
			assert_string_equal(lines[i++], "");
		i += check_text_table(lines + i, n - i, &v->tables[k], limit, false);
	}
	assert_int_equal(i, n);
}

/* The text of row r of the table titled title, in the column key, without
 * its padding: what a person reads there. */
static const char *text_cell(char **lines, size_t n, const struct report_table *t, size_t r,
			     const char *key, char *out, size_t size)
{
	size_t start[16], width[16], n_cols, len, i = 0;
	int c = report_column_index(t, key);
	const char *from, *line;

	assert_true(c >= 0);
	while (i < n && strcmp(lines[i], t->title) != 0)
		i++;
	assert_true(i + 3 + r < n);
	n_cols = read_separator(lines[i + 2], start, width, 16);
	line = lines[i + 3 + r];
	from = at_column(line, start[c]);
	/* The last column is not padded. */
	len = (size_t)c + 1 < n_cols ? (size_t)(at_column(line, start[c] + width[c]) - from)
				     : strlen(from);
	while (len > 0 && from[len - 1] == ' ')
		len--;
	snprintf(out, size, "%.*s", (int)len, from);
	return out;
}

/* What a person reads: endpoints with names and addresses, the scope's
 * label, ports as words and numbers, each public source once; formulas
 * left as they are (a terminal evaluates nothing). */
static void test_text_cells(void **state)
{
	static const struct {
		enum catalog_table table;
		size_t row;
		const char *key, *text;
	} expect[] = {
	    {CATALOG_FIREWALL, 0, "rule", "fw-sip"},
	    {CATALOG_FIREWALL, 0, "scope", "Internal firewall"},
	    {CATALOG_FIREWALL, 0, "source",
	     "Edge internal interface edge01.contoso.com (172.16.0.5)"},
	    {CATALOG_FIREWALL, 0, "destination",
	     "前端池 pool.contoso.com (VIP 10.0.0.10; 10.0.0.11, 10.0.0.12)"},
	    {CATALOG_FIREWALL, 0, "transport", "TCP"},
	    {CATALOG_FIREWALL, 0, "source_port", "Any"},
	    {CATALOG_FIREWALL, 0, "destination_port", "5061"},
	    {CATALOG_FIREWALL, 0, "service", "SIP/MTLS"},
	    {CATALOG_FIREWALL, 0, "note", SIP_NOTE},
	    {CATALOG_FIREWALL, 0, "reference", "Ports — Servers <https://example.com/ports>"},
	    {CATALOG_FIREWALL, 1, "scope", "External firewall"},
	    {CATALOG_FIREWALL, 1, "source", "@SUM(1)"},
	    {CATALOG_FIREWALL, 1, "destination",
	     "Dirección IP pública -1 (172.16.1.5, NAT 203.0.113.5), edge02.contoso.com "
	     "(172.16.1.6, NAT 203.0.113.6)"},
	    {CATALOG_FIREWALL, 1, "source_port", "50000-59999"},
	    {CATALOG_FIREWALL, 1, "destination_port", "3478"},
	    {CATALOG_FIREWALL, 1, "service", "+RTP"},
	    /* The newline inside the note does not break the row. */
	    {CATALOG_FIREWALL, 1, "note", MEDIA_NOTE_SHOWN},
	    {CATALOG_FIREWALL, 1, "reference",
	     "Ports — Servers <https://example.com/ports>; Edge — External "
	     "<https://example.com/edge>"},
	    {CATALOG_LB, 0, "load_balancer", "pool.mlg.contoso.com"},
	    {CATALOG_LB, 0, "vip", "10.1.0.10"},
	    {CATALOG_LB, 0, "port", "443"},
	    /* the settings' note follows the row's */
	    {CATALOG_LB, 0, "note", "Web services, 前端 Keep a client on one server."},
	    {CATALOG_LB, 0, "persistence", "Source address"},
	    {CATALOG_LB, 0, "source_nat", "Not documented"},
	    {CATALOG_PROGRAMS, 0, "server",
	     "All servers fe01.contoso.com (10.0.0.11), file01.contoso.com"},
	    {CATALOG_PROGRAMS, 0, "program_rule", "Replica Replicator Agent"},
	};
	struct export_options o = options(0, ',', false);
	char *s = export_string(&export_text, &test_report, &o, NULL);
	char *lines[64], cell[512];
	size_t n;

	(void)state;
	n = split_lines(s, lines, 64);
	for (size_t i = 0; i < COUNT(expect); i++)
		assert_string_equal(text_cell(lines, n, &en_view->tables[expect[i].table],
					      expect[i].row, expect[i].key, cell, sizeof cell),
				    expect[i].text);
	free(s);
}

static void test_text_alignment(void **state)
{
	struct export_options o = options(0, ',', false);
	char *s = export_string(&export_text, &test_report, &o, NULL);
	char *lines[64];
	size_t n;

	(void)state;
	/* The precondition for everything below: a UTF-8 locale. */
	assert_int_equal(tw_width("前端服务器"), 10);
	assert_true(s[strlen(s) - 1] == '\n' && s[strlen(s) - 2] != '\n');
	n = split_lines(s, lines, 64);
	check_lines_common(lines, n, 0);
	check_text_tables(lines, n, en_view, 0);
	free(s);
}

/* An empty last cell would leave padding at the end of its line. */
static void test_text_trailing_empty_cell(void **state)
{
	struct catalog_rule bare = rule_lb;
	struct report_flow flow = lb_flows[0];
	struct report r = {
	    .tables = {[CATALOG_LB] = {CATALOG_LB, "lb", "Load balancing", &flow, 1}}};
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_LB), ',', false);
	struct report_view *v;
	char *s, *lines[8];
	size_t n;

	(void)state;
	flow.n_sources = 0; /* no reference, and no settings with theirs */
	bare.lb = NULL;
	flow.rule = &bare;
	v = report_view_build(&r);
	s = export_string(&export_text, &r, &o, NULL);
	n = split_lines(s, lines, 8);
	check_lines_common(lines, n, 0);
	assert_int_equal(check_text_table(lines, n, &v->tables[CATALOG_LB], 0, false), n);
	assert_true(strlen(lines[3]) > strlen("Web services, 前端"));
	assert_string_equal(lines[3] + strlen(lines[3]) - strlen("Web services, 前端"),
			    "Web services, 前端");
	report_view_free(v);
	free(s);
}

static void test_text_fit_width(void **state)
{
	const struct report_table *t = &en_view->tables[CATALOG_FIREWALL];
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_FIREWALL), ',', false);
	int note = report_column_index(t, "note");
	char *s, *lines[16];
	size_t start[16], width[16], n, total = 0;

	(void)state;
	assert_true(note >= 0);
	for (size_t c = 0; c < t->n_columns; c++)
		total += natural_width(t, c) + (c ? 2 : 0);
	/* The note is the free-text column that gives way first, down to 12
	 * columns; 20 fewer is within that. */
	assert_true(natural_width(t, (size_t)note) > 12 + 20);

	/* A little too wide: only the note gives way. */
	o.width = total - 20;
	s = export_string(&export_text, &test_report, &o, NULL);
	n = split_lines(s, lines, 16);
	check_lines_common(lines, n, o.width);
	assert_int_equal(check_text_table(lines, n, t, o.width, false), n);
	assert_int_equal(read_separator(lines[2], start, width, 16), t->n_columns);
	for (size_t c = 0; c < t->n_columns; c++)
		if (c == (size_t)note)
			assert_int_equal(width[c], natural_width(t, c) - 20);
		else
			assert_int_equal(width[c], natural_width(t, c));
	assert_non_null(strstr(lines[4], "…"));
	free(s);

	/* Much too wide: every column shares the cut. */
	o.width = 100;
	s = export_string(&export_text, &test_report, &o, NULL);
	assert_non_null(strstr(s, "…"));
	n = split_lines(s, lines, 16);
	check_lines_common(lines, n, 100);
	assert_int_equal(check_text_table(lines, n, t, 100, false), n);
	/* The line uses the room it has. */
	assert_int_equal(tw_width(lines[2]), 100);
	free(s);

	/* ASCII ellipsis on request. */
	o.ascii = true;
	s = export_string(&export_text, &test_report, &o, NULL);
	assert_null(strstr(s, "…"));
	n = split_lines(s, lines, 16);
	check_lines_common(lines, n, 100);
	assert_int_equal(check_text_table(lines, n, t, 100, true), n);
	assert_non_null(strstr(lines[4], "~"));
	free(s);
}

/* Very narrow: every column shrinks, Chinese cells are cut whole. */
static void test_text_narrow(void **state)
{
	struct export_options o = options(0, ',', false);
	char *s, *lines[64];
	size_t n;

	(void)state;
	/* the narrowest width the widest table (lb: 11 columns, 10 gaps of
	 * two) fits in with one character a column */
	o.width = 32;
	s = export_string(&export_text, &test_report, &o, NULL);
	n = split_lines(s, lines, 64);
	check_lines_common(lines, n, 32);
	check_text_tables(lines, n, en_view, 32);
	free(s);
}

/* ---- XML ---- */

static const char *schema_path(char *buf, size_t size)
{
	snprintf(buf, size, "%s/report.rng", getenv("UCPLAN_DATADIR"));
	return buf;
}

static xmlDocPtr parse_xml(const char *s, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(s, (int)len, "report.xml", NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	assert_non_null(doc);
	return doc;
}

/* Swallows the validator's messages where a failure is expected. */
static void quiet(void *context, const char *msg, ...)
{
	(void)context;
	(void)msg;
}

/* 0 when doc follows data/report.rng. */
static int validate(xmlDocPtr doc, bool expect_valid)
{
	char buf[4096];
	xmlRelaxNGParserCtxtPtr pctx = xmlRelaxNGNewParserCtxt(schema_path(buf, sizeof buf));
	xmlRelaxNGPtr schema;
	xmlRelaxNGValidCtxtPtr vctx;
	int rc;

	assert_non_null(pctx);
	schema = xmlRelaxNGParse(pctx);
	assert_non_null(schema);
	vctx = xmlRelaxNGNewValidCtxt(schema);
	assert_non_null(vctx);
	if (!expect_valid)
		xmlRelaxNGSetValidErrors(vctx, quiet, quiet, NULL);
	rc = xmlRelaxNGValidateDoc(vctx, doc);
	xmlRelaxNGFreeValidCtxt(vctx);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pctx);
	return rc;
}

static xmlNodePtr next_element(xmlNodePtr n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

/* The i-th child element of n called name, or NULL. */
static xmlNodePtr nth_child(xmlNodePtr n, const char *name, size_t i)
{
	for (xmlNodePtr c = next_element(n->children); c; c = next_element(c->next))
		if (xmlStrEqual(c->name, (const xmlChar *)name) && i-- == 0)
			return c;
	return NULL;
}

static xmlNodePtr first_child(xmlNodePtr n, const char *name)
{
	return nth_child(n, name, 0);
}

static size_t count_children(xmlNodePtr n, const char *name)
{
	size_t count = 0;

	while (nth_child(n, name, count))
		count++;
	return count;
}

/* value NULL: the attribute must be absent. */
static void assert_prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);

	if (!value) {
		assert_null(v);
		return;
	}
	assert_non_null(v);
	assert_string_equal((const char *)v, value);
	xmlFree(v);
}

static void assert_content(xmlNodePtr n, const char *value)
{
	xmlChar *v;

	assert_non_null(n);
	v = xmlNodeGetContent(n);
	assert_non_null(v);
	assert_string_equal((const char *)v, value);
	xmlFree(v);
}

static void assert_lang(xmlNodePtr root, const char *tag)
{
	xmlChar *lang = xmlGetNsProp(root, (const xmlChar *)"lang", XML_XML_NAMESPACE);

	assert_non_null(lang);
	assert_string_equal((const char *)lang, tag);
	xmlFree(lang);
}

static void assert_member(xmlNodePtr endpoint, size_t i, const char *fqdn, const char *address,
			  const char *nat)
{
	xmlNodePtr m = nth_child(endpoint, "member", i);

	assert_non_null(m);
	assert_prop(m, "fqdn", fqdn);
	assert_prop(m, "address", address);
	assert_prop(m, "nat", nat);
}

/* A port element: exactly one of any, port, first+last. */
static void assert_port(xmlNodePtr n, const char *any, const char *port, const char *first,
			const char *last)
{
	assert_non_null(n);
	assert_prop(n, "any", any);
	assert_prop(n, "port", port);
	assert_prop(n, "first", first);
	assert_prop(n, "last", last);
}

static void test_xml_valid(void **state)
{
	size_t len;
	char *s = export_string(&export_xml, &test_report, NULL, &len);
	xmlDocPtr doc = parse_xml(s, len);
	xmlNodePtr root = xmlDocGetRootElement(doc), sites, table, row, from, to, src;
	static const char *const names[] = {"firewall", "lb", "ipsec", "programs", "dns", "certificates", "summary"};

	(void)state;
	assert_true(starts_with(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report"));
	assert_true(len > 10 && strcmp(s + len - 10, "</report>\n") == 0);
	/* Indented for people. */
	assert_non_null(strstr(s, "\n  <table"));
	assert_int_equal(validate(doc, true), 0);

	assert_string_equal((const char *)root->name, "report");
	assert_non_null(root->ns);
	assert_string_equal((const char *)root->ns->href, "urn:ucplan:report:2");
	assert_lang(root, "en");
	assert_prop(root, "plan", "Contoso & Co <test>");
	assert_prop(root, "generator", "ucplan");
	assert_prop(root, "version", "2");

	/* The sites, first, in plan order. */
	sites = next_element(root->children);
	assert_string_equal((const char *)sites->name, "sites");
	assert_int_equal(count_children(sites, "site"), 3);
	assert_prop(nth_child(sites, "site", 0), "index", "0");
	assert_prop(nth_child(sites, "site", 0), "name", "Dublin");
	assert_prop(nth_child(sites, "site", 1), "index", "1");
	assert_prop(nth_child(sites, "site", 1), "name", "Málaga");
	assert_prop(nth_child(sites, "site", 2), "name", "@Lab");

	/* Every table by default, in order. */
	assert_int_equal(count_children(root, "table"), COUNT(names));
	for (size_t k = 0; k < COUNT(names); k++)
		assert_prop(nth_child(root, "table", k), "name", names[k]);

	table = first_child(root, "table");
	assert_prop(table, "title", "Firewall rules");
	assert_int_equal(count_children(table, "row"), 2);

	/* fw-sip: from the Edge's internal side to a pool entered at its VIP. */
	row = nth_child(table, "row", 0);
	assert_prop(row, "rule", "fw-sip");
	assert_prop(row, "scope", "internal-firewall");
	assert_prop(row, "site", "0");
	from = first_child(row, "from");
	assert_prop(from, "role", "edge-internal");
	assert_prop(from, "label", "Edge internal interface");
	assert_prop(from, "pool", NULL);
	assert_prop(from, "vip", NULL);
	assert_int_equal(count_children(from, "member"), 1);
	assert_member(from, 0, "edge01.contoso.com", "172.16.0.5", NULL);
	to = first_child(row, "to");
	assert_prop(to, "role", "frontend-pool");
	assert_prop(to, "label", "前端池");
	assert_prop(to, "pool", "pool.contoso.com");
	assert_prop(to, "vip", "10.0.0.10");
	assert_prop(to, "vip-only", NULL);
	assert_int_equal(count_children(to, "member"), 2);
	assert_member(to, 0, "fe01.contoso.com", "10.0.0.11", NULL);
	assert_member(to, 1, "fe02.contoso.com", "10.0.0.12", NULL);
	assert_content(first_child(row, "transport"), "TCP");
	assert_port(first_child(row, "source-port"), "true", NULL, NULL, NULL);
	assert_port(first_child(row, "destination-port"), NULL, "5061", NULL, NULL);
	assert_content(first_child(row, "service"), "SIP/MTLS");
	assert_prop(first_child(row, "service"), "label", "SIP/MTLS");
	/* XML is read by programs: formulas are not neutralized. */
	assert_content(first_child(row, "note"), SIP_NOTE);
	assert_null(first_child(row, "authentication"));
	/* Both sources, each saying where we read it. */
	assert_int_equal(count_children(first_child(row, "sources"), "source"), 2);
	src = nth_child(first_child(row, "sources"), "source", 0);
	assert_prop(src, "article", "Ports");
	assert_prop(src, "table", "Servers");
	assert_prop(src, "url", "https://example.com/ports");
	assert_prop(src, "seed", "002_ports.txt");
	assert_prop(src, "section", NULL);
	src = nth_child(first_child(row, "sources"), "source", 1);
	assert_prop(src, "seed", NULL);
	assert_prop(src, "section", "2.1.1");

	/* fw-media: tied to no site, a range, NAT, a formula-looking label. */
	row = nth_child(table, "row", 1);
	assert_prop(row, "rule", "fw-media");
	assert_prop(row, "site", NULL);
	from = first_child(row, "from");
	assert_prop(from, "role", "external-users");
	assert_prop(from, "label", "@SUM(1)");
	assert_int_equal(count_children(from, "member"), 0);
	to = first_child(row, "to");
	assert_prop(to, "label", "Dirección IP pública");
	assert_member(to, 0, "-1", "172.16.1.5", "203.0.113.5");
	assert_member(to, 1, "edge02.contoso.com", "172.16.1.6", "203.0.113.6");
	assert_port(first_child(row, "source-port"), NULL, NULL, "50000", "59999");
	assert_port(first_child(row, "destination-port"), NULL, "3478", NULL, NULL);
	assert_content(first_child(row, "service"), "+RTP");
	assert_content(first_child(row, "note"), MEDIA_NOTE);
	assert_prop(first_child(row, "note"), "label", MEDIA_NOTE);
	assert_int_equal(count_children(first_child(row, "sources"), "source"), 2);

	/* lb: the pool and the VIP itself. */
	row = first_child(nth_child(root, "table", 1), "row");
	assert_prop(row, "site", "1");
	assert_prop(first_child(row, "from"), "pool", "pool.mlg.contoso.com");
	to = first_child(row, "to");
	assert_prop(to, "role", "frontend-vip");
	assert_prop(to, "vip", "10.1.0.10");
	assert_prop(to, "vip-only", "true");
	assert_int_equal(count_children(to, "member"), 0);
	assert_port(first_child(row, "destination-port"), NULL, "443", NULL, NULL);

	/* ipsec: a table with no rows; programs: a member with no address. */
	assert_int_equal(count_children(nth_child(root, "table", 2), "row"), 0);
	row = first_child(nth_child(root, "table", 3), "row");
	assert_member(first_child(row, "to"), 1, "file01.contoso.com", NULL, NULL);

	xmlFreeDoc(doc);
	free(s);
}

static void test_xml_language_and_selection(void **state)
{
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_IPSEC), ',', false);
	size_t len;
	char *s;
	xmlDocPtr doc;
	xmlNodePtr root, table;

	(void)state;
	set_translated_language("zh_CN");
	s = export_string(&export_xml, &test_report, &o, &len);
	assert_true(i18n_set_language("en"));
	doc = parse_xml(s, len);
	assert_int_equal(validate(doc, true), 0);
	root = xmlDocGetRootElement(doc);
	assert_lang(root, "zh-CN");
	/* The site list stays; only the selected table, with no rows. */
	assert_int_equal(count_children(first_child(root, "sites"), "site"), 3);
	assert_int_equal(count_children(root, "table"), 1);
	table = first_child(root, "table");
	assert_prop(table, "name", "ipsec");
	assert_prop(table, "title", "IPsec 例外");
	assert_null(first_child(table, "row"));
	xmlFreeDoc(doc);
	free(s);

	/* Labels follow the language, keys and text stay. */
	o.tables = EXPORT_TABLE_BIT(CATALOG_PROGRAMS);
	set_translated_language("es");
	s = export_string(&export_xml, &test_report, &o, &len);
	assert_true(i18n_set_language("en"));
	doc = parse_xml(s, len);
	assert_int_equal(validate(doc, true), 0);
	root = xmlDocGetRootElement(doc);
	assert_lang(root, "es");
	table = first_child(root, "table");
	assert_prop(table, "name", "programs");
	assert_prop(first_child(first_child(table, "row"), "from"), "role", "any");
	assert_prop(first_child(first_child(table, "row"), "from"), "label", "Cualquiera");
	assert_port(first_child(first_child(table, "row"), "source-port"), "true", NULL, NULL,
		    NULL);
	xmlFreeDoc(doc);
	free(s);
}

/* The schema is not a blank cheque: each change to a valid document that
 * a reader could not trust is refused. */
static void test_xml_schema_rejects(void **state)
{
	static const char valid[] =
	    "<report xmlns='urn:ucplan:report:2' version='2' xml:lang='en' generator='u'>"
	    "<sites><site index='0' name='Dublin'/></sites>"
	    "<table name='firewall' title='t'><row rule='r' scope='server' site='0'>"
	    "<from role='any' label='Any'/>"
	    "<to role='all-servers' label='All'><member fqdn='a' address='192.0.2.1'/></to>"
	    "<transport>TCP</transport><source-port any='true'/>"
	    "<destination-port port='5061'/><note label='n'>n</note>"
	    "<sources><source article='a' table='t' url='https://example.com/'/></sources>"
	    "</row></table></report>";
	static const char *const edits[][2] = {
	    {"urn:ucplan:report:2", "urn:ucplan:report:1"}, /* the old format */
	    {"version='2'", "version='1'"},
	    {" xml:lang='en'", ""},
	    {"name='firewall'", "name='nat'"},
	    {"port='5061'", "port='any'"},
	    {"port='5061'", "port='0'"},
	    {"any='true'", "first='50000'"}, /* half a range */
	    {"<transport>TCP", "<transport>SCTP"},
	    {"<note label='n'>n</note>", ""},
	    {"<source article='a' table='t' url='https://example.com/'/>", ""},
	    {"scope='server'", "scope='Server'"},
	    {"site='0'", "site='first'"},
	};
	xmlDocPtr doc = parse_xml(valid, strlen(valid));

	(void)state;
	/* The edits below break only what they change. */
	assert_int_equal(validate(doc, true), 0);
	xmlFreeDoc(doc);
	for (size_t i = 0; i < COUNT(edits); i++) {
		const char *at = strstr(valid, edits[i][0]);
		size_t head, n;
		char *bad;

		assert_non_null(at);
		head = (size_t)(at - valid);
		n = strlen(valid) - strlen(edits[i][0]) + strlen(edits[i][1]);
		bad = malloc(n + 1);
		assert_non_null(bad);
		snprintf(bad, n + 1, "%.*s%s%s", (int)head, valid, edits[i][1],
			 at + strlen(edits[i][0]));
		doc = parse_xml(bad, n);
		if (validate(doc, false) == 0)
			fail_msg("the schema accepts %s instead of %s", edits[i][1], edits[i][0]);
		xmlFreeDoc(doc);
		free(bad);
	}
}

/* ---- JSON ---- */

static json_t *load_json(const char *s)
{
	json_error_t jerr;
	json_t *root = json_loads(s, JSON_REJECT_DUPLICATES, &jerr);

	if (!root)
		fail_msg("JSON does not load: line %d: %s", jerr.line, jerr.text);
	return root;
}

/* o[key], which must be there. */
static json_t *get(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		fail_msg("no \"%s\" in the JSON", key);
	return v;
}

static void assert_json_string(json_t *v, const char *s)
{
	assert_true(json_is_string(v));
	assert_string_equal(json_string_value(v), s);
}

static void assert_json_int(json_t *v, json_int_t n)
{
	assert_true(json_is_integer(v));
	assert_int_equal(json_integer_value(v), n);
}

/* ESC and C1 controls in a note or a site name (from a catalog or a plan)
 * reach neither a terminal nor a spreadsheet: text and CSV show them as
 * visible escapes. */
static void test_exports_neutralize_controls(void **state)
{
	struct report_flow flows[COUNT(fw_flows)];
	struct report r = test_report;
	char *names[3];
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_FIREWALL), ',', false);
	const struct exporter *exporters[] = {&export_text, &export_csv};

	(void)state;
	memcpy(flows, fw_flows, sizeof flows);
	flows[0].note = "\x1b]0;title\x07 note";
	flows[1].note = "\xc2\x9b" "31mred \xe2\x80\xae" "evil";
	r.tables[CATALOG_FIREWALL].flows = flows;
	for (size_t i = 0; i < r.n_sites && i < COUNT(names); i++)
		names[i] = r.site_names[i];
	names[0] = "Dub\x1b[2Jlin";
	r.site_names = names;
	for (size_t i = 0; i < COUNT(exporters); i++) {
		char *s = export_string(exporters[i], &r, &o, NULL);

		assert_null(strchr(s, '\x1b'));
		assert_null(strchr(s, '\x07'));
		assert_null(strstr(s, "\xc2\x9b"));
		assert_null(strstr(s, "\xe2\x80\xae"));
		assert_non_null(strstr(s, "\\u001B]0;title\\u0007"));
		assert_non_null(strstr(s, "\\u009B31mred"));
		free(s);
	}
}

static void test_json_content(void **state)
{
	static const char *const names[] = {"firewall", "lb", "ipsec", "programs", "dns", "certificates", "summary"};
	char *s = export_string(&export_json, &test_report, NULL, NULL);
	json_t *root = load_json(s), *sites, *tables, *rows, *row, *port, *to;

	(void)state;
	assert_json_string(get(root, "format"), "ucplan-report");
	assert_json_int(get(root, "version"), 2);
	assert_json_string(get(root, "lang"), "en");
	assert_json_string(get(root, "plan"), "Contoso & Co <test>");
	sites = get(root, "sites");
	assert_int_equal(json_array_size(sites), 3);
	assert_json_int(get(json_array_get(sites, 1), "index"), 1);
	assert_json_string(get(json_array_get(sites, 1), "name"), "Málaga");

	tables = get(root, "tables");
	assert_int_equal(json_array_size(tables), COUNT(names));
	for (size_t k = 0; k < COUNT(names); k++)
		assert_json_string(get(json_array_get(tables, k), "name"), names[k]);
	assert_json_string(get(json_array_get(tables, 0), "title"), "Firewall rules");
	assert_int_equal(json_array_size(get(json_array_get(tables, 2), "rows")), 0);

	rows = get(json_array_get(tables, 0), "rows");
	assert_int_equal(json_array_size(rows), 2);
	row = json_array_get(rows, 0);
	assert_json_string(get(row, "rule"), "fw-sip");
	assert_json_string(get(row, "scope"), "internal-firewall");
	assert_json_int(get(row, "site"), 0);
	/* Ports: "any", a number, or first and last. */
	assert_json_string(get(row, "source_port"), "any");
	assert_json_int(get(row, "destination_port"), 5061);
	to = get(row, "to");
	assert_json_string(get(to, "role"), "frontend-pool");
	assert_json_string(get(to, "label"), "前端池");
	assert_json_string(get(to, "pool"), "pool.contoso.com");
	assert_json_string(get(to, "vip"), "10.0.0.10");
	assert_null(json_object_get(to, "vip_only"));
	assert_int_equal(json_array_size(get(to, "members")), 2);
	assert_json_string(get(json_array_get(get(to, "members"), 1), "address"), "10.0.0.12");
	/* Text for programs and a label for people; formulas untouched. */
	assert_json_string(get(get(row, "note"), "text"), SIP_NOTE);
	assert_json_string(get(get(row, "note"), "label"), SIP_NOTE);
	assert_null(json_object_get(row, "authentication"));
	assert_int_equal(json_array_size(get(row, "sources")), 2);
	assert_json_string(get(json_array_get(get(row, "sources"), 0), "seed"), "002_ports.txt");
	assert_json_string(get(json_array_get(get(row, "sources"), 1), "section"), "2.1.1");

	row = json_array_get(rows, 1);
	assert_true(json_is_null(get(row, "site")));
	port = get(row, "source_port");
	assert_true(json_is_object(port));
	assert_int_equal(json_object_size(port), 2);
	assert_json_int(get(port, "first"), 50000);
	assert_json_int(get(port, "last"), 59999);
	assert_json_string(get(get(row, "from"), "label"), "@SUM(1)");
	assert_int_equal(json_array_size(get(get(row, "from"), "members")), 0);
	assert_json_string(get(json_array_get(get(get(row, "to"), "members"), 0), "fqdn"), "-1");
	assert_json_string(get(json_array_get(get(get(row, "to"), "members"), 0), "nat"),
			   "203.0.113.5");
	assert_json_string(get(get(row, "note"), "text"), MEDIA_NOTE);

	/* lb: the VIP itself. */
	to = get(json_array_get(get(json_array_get(tables, 1), "rows"), 0), "to");
	assert_json_string(get(to, "vip"), "10.1.0.10");
	assert_true(json_is_true(get(to, "vip_only")));
	json_decref(root);
	free(s);
}

static void test_json_language_and_selection(void **state)
{
	static const struct {
		const char *lang, *tag, *any;
	} langs[] = {{"es", "es", "Cualquiera"}, {"zh_CN", "zh-CN", "任意"}, {"en", "en", "Any"}};
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_PROGRAMS), ',', false);

	(void)state;
	for (size_t i = 0; i < COUNT(langs); i++) {
		char *s;
		json_t *root, *tables, *from;

		if (strcmp(langs[i].lang, "en") == 0)
			assert_true(i18n_set_language("en"));
		else
			set_translated_language(langs[i].lang);
		s = export_string(&export_json, &test_report, &o, NULL);
		assert_true(i18n_set_language("en"));
		root = load_json(s);
		assert_json_string(get(root, "lang"), langs[i].tag);
		tables = get(root, "tables");
		assert_int_equal(json_array_size(tables), 1);
		assert_json_string(get(json_array_get(tables, 0), "name"), "programs");
		from = get(json_array_get(get(json_array_get(tables, 0), "rows"), 0), "from");
		assert_json_string(get(from, "role"), "any");
		assert_json_string(get(from, "label"), langs[i].any);
		json_decref(root);
		free(s);
	}
}

/* What XML cannot carry becomes U+FFFD, one per bad byte; the output stays
 * well-formed and valid.  JSON gives up the whole value instead. */
static void test_bad_characters(void **state)
{
	struct report r = {
	    .tables = {[CATALOG_IPSEC] = {CATALOG_IPSEC, "ipsec", "IPsec", bad_flows, 1}}};
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_IPSEC), ',', false);
	json_t *root, *member;
	size_t len;
	char *s;
	xmlDocPtr doc;
	xmlNodePtr row, to;

	(void)state;
	s = export_string(&export_xml, &r, &o, &len);
	doc = parse_xml(s, len);
	assert_int_equal(validate(doc, true), 0);
	row = first_child(first_child(xmlDocGetRootElement(doc), "table"), "row");
	assert_non_null(row);
	assert_prop(row, "site", NULL);
	to = first_child(row, "to");
	assert_prop(to, "label", "Edge" FFFD);
	assert_member(to, 0, "a" FFFD "b" FFFD, "ok" FFFD FFFD, NULL);
	assert_content(first_child(row, "note"), "Exception" FFFD);
	assert_content(first_child(row, "authentication"), "None");
	xmlFreeDoc(doc);
	free(s);

	s = export_string(&export_json, &r, &o, NULL);
	root = load_json(s);
	member = json_array_get(
	    get(get(json_array_get(get(json_array_get(get(root, "tables"), 0), "rows"), 0), "to"),
		"members"),
	    0);
	assert_string_equal(json_string_value(json_object_get(member, "fqdn")), FFFD);
	assert_string_equal(json_string_value(json_object_get(member, "address")), FFFD);
	json_decref(root);
	free(s);
}

/* ---- write errors ---- */

static const struct exporter *const all_exporters[] = {&export_text, &export_csv, &export_xml,
						       &export_json, &export_xlsx};

/* The write fails with UC_ERR_IO; reason, when given, is in the message. */
static void check_write_error(FILE *f, const struct exporter *e, const char *reason)
{
	struct uc_error err = {0};
	struct export_options o = options(0, ',', true);

	assert_int_equal(e->write(&test_report, &o, f, &err), UC_ERR_IO);
	assert_int_equal(err.status, UC_ERR_IO);
	assert_true(strlen(err.message) > 0);
	if (reason)
		assert_non_null(strstr(err.message, reason));
	/* A NULL err is allowed. */
	clearerr(f);
	assert_int_equal(e->write(&test_report, &o, f, NULL), UC_ERR_IO);
}

static void test_write_error_full_disk(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(all_exporters); i++) {
		FILE *f = fopen("/dev/full", "w");

		if (!f)
			skip();
		check_write_error(f, all_exporters[i], strerror(ENOSPC));
		fclose(f);
	}
}

static void test_write_error_small_buffer(void **state)
{
	char buf[64];

	(void)state;
	for (size_t i = 0; i < COUNT(all_exporters); i++) {
		FILE *f = fmemopen(buf, sizeof buf, "w");

		assert_non_null(f);
		check_write_error(f, all_exporters[i], NULL);
		fclose(f);
	}
}

static int setup_view(void **state)
{
	(void)state;
	en_view = report_view_build(&test_report);
	return 0;
}

static int teardown_view(void **state)
{
	(void)state;
	report_view_free(en_view);
	return 0;
}

/* Sets name to value unless the environment gives one. */
static void default_env(const char *name, const char *value)
{
	const char *v = getenv(name);

	if (!v || !*v)
		setenv(name, value, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_find, setup_english),
	    cmocka_unit_test_setup(test_default_options, setup_english),
	    cmocka_unit_test_setup(test_neutralize, setup_english),
	    cmocka_unit_test_setup(test_csv_comma_no_bom, setup_english),
	    cmocka_unit_test_setup(test_csv_semicolon_bom, setup_english),
	    cmocka_unit_test_setup(test_csv_header_keys, setup_english),
	    cmocka_unit_test_setup(test_csv_all_tables, setup_english),
	    cmocka_unit_test_setup(test_csv_rfc4180, setup_english),
	    cmocka_unit_test_setup(test_csv_neutralizes, setup_english),
	    cmocka_unit_test_setup(test_csv_ports_not_translated, setup_english),
	    cmocka_unit_test_setup(test_text_cells, setup_english),
	    cmocka_unit_test_setup(test_text_alignment, setup_english),
	    cmocka_unit_test_setup(test_text_trailing_empty_cell, setup_english),
	    cmocka_unit_test_setup(test_text_fit_width, setup_english),
	    cmocka_unit_test_setup(test_text_narrow, setup_english),
	    cmocka_unit_test_setup(test_xml_valid, setup_english),
	    cmocka_unit_test_setup(test_xml_language_and_selection, setup_english),
	    cmocka_unit_test_setup(test_bad_characters, setup_english),
	    cmocka_unit_test_setup(test_exports_neutralize_controls, setup_english),
	    cmocka_unit_test_setup(test_xml_schema_rejects, setup_english),
	    cmocka_unit_test_setup(test_json_content, setup_english),
	    cmocka_unit_test_setup(test_json_language_and_selection, setup_english),
	    cmocka_unit_test_setup(test_write_error_full_disk, setup_english),
	    cmocka_unit_test_setup(test_write_error_small_buffer, setup_english),
	};
	int failed;

	/* Run from the source tree by hand: the schema in data/, the
	 * translations in build/locale/ (tests/run.sh sets both). */
	default_env("UCPLAN_DATADIR", "data");
	default_env("UCPLAN_LOCALEDIR", "build/locale");
	/* UTF-8 character handling for the width checks; English messages. */
	i18n_init("en");
	failed = cmocka_run_group_tests(tests, setup_view, teardown_view);
	xmlCleanupParser();
	return failed;
}
