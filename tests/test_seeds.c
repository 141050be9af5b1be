/* test_seeds.c: an independent check of data/catalog.xml against the
 * source documents.
 *
 * Every table below was transcribed by hand from a seed document
 * (../shared/seeds/) or from ports-reference.md (../shared/reference/),
 * never from the catalog's rules.  Each fixture row keeps the document's own
 * words for the row, so that a failure names the row to look at.
 *
 * Two levels:
 *  - catalog: every document row has a rule with the same table, endpoints,
 *    transport and ports (and scope or service where the document states
 *    them);
 *  - topology: a plan shaped like the document's scenario produces a report
 *    row for every document row (through row->rule), and the rows that the
 *    documents exclude for that scenario are absent.
 *
 * Conventions of the fixtures:
 *  - an endpoint may list alternatives "a|b" where the document's words
 *    name a pool and its servers together ("Front End pool or Front End
 *    Server"), or where the document's wording and its table title disagree;
 *  - scope, service and when are NULL when not compared; when is the
 *    document's own condition for the row ("only with OCS 2007 federation",
 *    "if the pool also runs Mediation Server", "secured mode"), written in
 *    the catalog's condition language and evaluated against the test plan;
 *  - "TCP/UDP" rows of the documents are two fixture rows.
 *
 * Every missing row is printed before a test fails, so one run shows all
 * gaps. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/catalog.h"
#include "ucplan/model.h"
#include "ucplan/report.h"
#include "ucplan/util.h"

struct seed_row {
	const char *text; /* the document's row, abridged, in its language */
	enum catalog_table table;
	const char *scope; /* NULL: not stated by the document */
	const char *source;
	const char *destination;
	const char *transport;
	const char *source_port;
	const char *destination_port;
	const char *service; /* NULL: not compared */
	const char *when;    /* the document's own condition for the row, or NULL */
};

struct seed_table {
	const char *document; /* seed file or reference section */
	const char *title;
	const struct seed_row *rows;
	size_t n_rows;
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define TABLE(doc, title, rows)                                                                    \
	{                                                                                          \
		doc, title, rows, COUNT(rows)                                                      \
	}

#define FW(sc, src, dst, tr, sp, dp, txt)                                                          \
	{                                                                                          \
		.text = txt, .table = CATALOG_FIREWALL, .scope = sc, .source = src,                \
		.destination = dst, .transport = tr, .source_port = sp, .destination_port = dp     \
	}
#define FWW(sc, src, dst, tr, sp, dp, w, txt)                                                      \
	{                                                                                          \
		.text = txt, .table = CATALOG_FIREWALL, .scope = sc, .source = src,                \
		.destination = dst, .transport = tr, .source_port = sp, .destination_port = dp,    \
		.when = w                                                                          \
	}
/* A Windows Firewall program rule that setup creates: a program, not a port,
 * kept in the programs table. */
#define PROGRAM(src, dst, tr, svc, w, txt)                                                         \
	{                                                                                          \
		.text = txt, .table = CATALOG_PROGRAMS, .source = src, .destination = dst,         \
		.transport = tr, .source_port = "any", .destination_port = "any", .service = svc,  \
		.when = w                                                                          \
	}
#define LB(src, dst, port, w, txt)                                                                 \
	{                                                                                          \
		.text = txt, .table = CATALOG_LB, .scope = "load-balancer", .source = src,         \
		.destination = dst, .transport = "TCP", .source_port = "any",                      \
		.destination_port = port, .when = w                                                \
	}
#define LBT(src, dst, tr, port, w, txt)                                                            \
	{                                                                                          \
		.text = txt, .table = CATALOG_LB, .scope = "load-balancer", .source = src,         \
		.destination = dst, .transport = tr, .source_port = "any",                         \
		.destination_port = port, .when = w                                                \
	}
#define IPSEC(src, dst, tr, sp, txt)                                                               \
	{                                                                                          \
		.text = txt, .table = CATALOG_IPSEC, .scope = "ipsec", .source = src,              \
		.destination = dst, .transport = tr, .source_port = sp, .destination_port = "any"  \
	}

/* Short names for the scopes the documents state. */
#define EXT "external-firewall"
#define INT "internal-firewall"
#define SRV "server"
#define CLI "client"

/* ==== 002_18653db6862f62fb.txt (es) ======================================= */

/* 002, "Puertos de servidor obligatorios (por rol de servidor)"; the same
 * table in English is ports-reference §2.1.1.  A port listed for a role is a
 * destination port on that role; rows whose note states a direction carry it
 * (Front End / Director to the web farm FQDNs, Mediation to and from the
 * PSTN gateway, outbound E9-1-1, File Share, CMS replication, Office Web
 * Apps). */
static const struct seed_row servers_rows[] = {
    FW(SRV, "any", "all-servers", "UDP", "any", "1434",
       "Todos los servidores | Explorador SQL | 1434 | UDP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5060",
       "Servidores front-end | Servicio front-end | 5060 | TCP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5061",
       "Servidores front-end | Servicio front-end | 5061 | TCP (TLS)"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "444",
       "Servidores front-end | Servicio front-end | 444 | HTTPS TCP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "135",
       "Servidores front-end | Servicio front-end | 135 | DCOM y RPC"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5062",
       "Servidores front-end | Conferencia de MI | 5062 | TCP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "8057",
       "Servidores front-end | Conferencias por Internet | 8057 | TCP (TLS)"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "8058",
       "Servidores front-end | Compatibilidad con conferencias web | 8058 | TCP (TLS)"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5063",
       "Servidores front-end | Conferencias de audio y vídeo | 5063 | TCP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "57501-65535",
       "Servidores front-end | Conferencias de audio y vídeo | 57501-65535 | TCP/UDP"),
    FW(SRV, "any", "frontend-servers", "UDP", "any", "57501-65535",
       "Servidores front-end | Conferencias de audio y vídeo | 57501-65535 | TCP/UDP"),
    FW(NULL, "frontend-servers", "frontend-pool", "TCP", "any", "80",
       "Servidores front-end | Compatibilidad Web | 80 | HTTP (front-end -> FQDN de la granja)"),
    FW(NULL, "frontend-servers", "frontend-pool", "TCP", "any", "443",
       "Servidores front-end | Compatibilidad Web | 443 | HTTPS (front-end -> FQDN de la granja)"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "8080",
       "Servidores front-end | Compatibilidad Web | 8080 | TCP y HTTP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "4443",
       "Servidores front-end | Componente de servidor web | 4443 | HTTPS"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "8060",
       "Servidores front-end | Componente de servidor web | 8060 | TCP (MTLS)"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "8061",
       "Servidores front-end | Componente de servidor web | 8061 | TCP (MTLS)"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5086",
       "Servidores front-end | Servicios de movilidad | 5086 | TCP (MTLS)"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5087",
       "Servidores front-end | Servicios de movilidad | 5087 | TCP (MTLS)"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "443",
       "Servidores front-end | Servicios de movilidad | 443 | HTTPS"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5064",
       "Servidores front-end | Operador de conferencias | 5064 | TCP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5072",
       "Servidores front-end | Operador de conferencias | 5072 | TCP"),
    FWW(NULL, "frontend-servers", "frontend-servers", "TCP", "any", "5070", "mediation=collocated",
	"Front-end con mediación combinado | 5070 | TCP (desde el front-end)"),
    FWW(NULL, "pstn-gateways", "frontend-servers", "TCP", "any", "5067", "mediation=collocated",
	"Front-end con mediación combinado | 5067 | TCP (TLS) (desde la puerta de enlace RTC)"),
    FWW(NULL, "pstn-gateways", "frontend-servers", "TCP", "any", "5068", "mediation=collocated",
	"Front-end con mediación combinado | 5068 | TCP (desde la puerta de enlace RTC)"),
    FWW(NULL, "frontend-servers", "pstn-gateways", "TCP", "any", "5081", "mediation=collocated",
	"Front-end con mediación combinado | 5081 | TCP (saliente a la puerta de enlace RTC)"),
    FWW(NULL, "frontend-servers", "pstn-gateways", "TCP", "any", "5082", "mediation=collocated",
	"Front-end con mediación combinado | 5082 | TCP (TLS) (saliente a la puerta de enlace)"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5065",
       "Servidores front-end | Uso compartido de aplicaciones | 5065 | TCP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "49152-65535",
       "Servidores front-end | Uso compartido de aplicaciones | 49152-65535 | TCP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5073",
       "Servidores front-end | Anuncios de conferencias | 5073 | TCP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5075",
       "Servidores front-end | Estacionamiento de llamadas | 5075 | TCP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5076",
       "Servidores front-end | Prueba de audio | 5076 | TCP"),
    FW(NULL, "frontend-servers", "e911-gateway", "TCP", "any", "5066",
       "Servidores front-end | No aplicable | 5066 | TCP (puerta de enlace E9-1-1 saliente)"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5071",
       "Servidores front-end | Grupo de respuesta | 5071 | TCP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "8404",
       "Servidores front-end | Grupo de respuesta | 8404 | TCP (MTLS)"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "5080",
       "Servidores front-end | Directivas de ancho de banda | 5080 | TCP"),
    FW(NULL, "frontend-servers", "file-share", "TCP", "any", "445",
       "Servidores front-end | Acceso a servidor compartido de archivos | 445 | SMB/TCP"),
    FW(SRV, "any", "frontend-servers", "TCP", "any", "448",
       "Servidores front-end | Directivas de ancho de banda | 448 | TCP"),
    FW(NULL, "all-servers", "frontend-cms", "TCP", "any", "445",
       "Front-end con el almacén de administración central | Replicación maestra | 445 | TCP"),
    FW(SRV, "any", "all-servers", "UDP", "any", "1434",
       "Todos los servidores | Explorador SQL | 1434 | UDP (segunda vez en la tabla)"),
    /* "Todos los usuarios internos" is the translation's slip for "All
     * internal servers" (§2.1.1 and the row's own note). */
    FW(SRV, "any", "internal-servers", "TCP", "any", "49152-57500",
       "Todos los usuarios internos | Varios | 49152-57500 | TCP/UDP"),
    FW(SRV, "any", "internal-servers", "UDP", "any", "49152-57500",
       "Todos los usuarios internos | Varios | 49152-57500 | TCP/UDP"),
    FWW(NULL, "frontend-servers", "office-web-apps", "TCP", "any", "443", "office-web-apps",
	"Servidores de Office Web Apps | | 443 | (Skype empresarial se conecta a Office Web "
	"Apps)"),
    FWW(SRV, "any", "director-servers", "TCP", "any", "5060", "director",
	"Directores | Servicio front-end | 5060 | TCP"),
    FWW(SRV, "any", "director-servers", "TCP", "any", "444", "director",
	"Directores | Servicio front-end | 444 | HTTPS TCP"),
    FWW(NULL, "director-servers", "frontend-pool", "TCP", "any", "80", "director",
	"Directores | Compatibilidad Web | 80 | TCP (Directores -> FQDN de la granja)"),
    FWW(NULL, "director-servers", "frontend-pool", "TCP", "any", "443", "director",
	"Directores | Compatibilidad Web | 443 | HTTPS (Directores -> FQDN de la granja)"),
    FWW(SRV, "any", "director-servers", "TCP", "any", "5061", "director",
	"Directores | Servicio front-end | 5061 | TCP"),
    FWW(NULL, "frontend-servers", "mediation-servers", "TCP", "any", "5070", "mediation=standalone",
	"Servidores de mediación | 5070 | TCP (desde el servidor front-end)"),
    FWW(NULL, "pstn-gateways", "mediation-servers", "TCP", "any", "5067", "mediation=standalone",
	"Servidores de mediación | 5067 | TCP (TLS) (desde la puerta de enlace RTC)"),
    FWW(NULL, "pstn-gateways", "mediation-servers", "TCP", "any", "5068", "mediation=standalone",
	"Servidores de mediación | 5068 | TCP (desde la puerta de enlace RTC)"),
    FWW(NULL, "frontend-servers", "mediation-servers", "TCP", "any", "5070", "mediation=standalone",
	"Servidores de mediación | 5070 | TCP (MTLS) (desde los servidores front-end)"),
    FWW(SRV, "any", "pchat-servers", "TCP", "any", "5041", "persistent-chat",
	"Servidor front-end de chat persistente | SIP | 5041 | TCP (MTLS)"),
    FWW(SRV, "any", "pchat-servers", "TCP", "any", "881", "persistent-chat",
	"Servidor front-end de chat persistente | WCF | 881 | TCP (TLS) y TCP (MTLS)"),
    FWW(SRV, "any", "pchat-servers", "TCP", "any", "443", "persistent-chat",
	"Servidor front-end de chat persistente | Transferencia de archivos | 443 | TCP (TLS)"),
};

/* 002, "Puertos del equilibrador de carga de hardware si solo usa equilibrio
 * de carga de hardware"; English: ports-reference §2.1.2. */
static const struct seed_row hlb_only_rows[] = {
    LB("frontend-pool", "frontend-vip", "5061", NULL,
       "Equilibrador de carga del servidor front-end | 5061 | TCP (TLS)"),
    LB("frontend-pool", "frontend-vip", "444", NULL,
       "Equilibrador de carga del servidor front-end | 444 | HTTPS"),
    LB("frontend-pool", "frontend-vip", "135", NULL,
       "Equilibrador de carga del servidor front-end | 135 | DCOM y RPC"),
    LB("frontend-pool", "frontend-vip", "80", NULL,
       "Equilibrador de carga del servidor front-end | 80 | HTTP"),
    LB("frontend-pool", "frontend-vip", "8080", NULL,
       "Equilibrador de carga del servidor front-end | 8080 | TCP (certificado raíz, NTLM)"),
    LB("frontend-pool", "frontend-vip", "443", NULL,
       "Equilibrador de carga del servidor front-end | 443 | HTTPS"),
    LB("frontend-pool", "frontend-vip", "4443", NULL,
       "Equilibrador de carga del servidor front-end | 4443 | HTTPS (desde proxy inverso)"),
    LB("frontend-pool", "frontend-vip", "5072", NULL,
       "Equilibrador de carga del servidor front-end | 5072 | TCP"),
    LB("frontend-pool", "frontend-vip", "5073", NULL,
       "Equilibrador de carga del servidor front-end | 5073 | TCP"),
    LB("frontend-pool", "frontend-vip", "5075", NULL,
       "Equilibrador de carga del servidor front-end | 5075 | TCP"),
    LB("frontend-pool", "frontend-vip", "5076", NULL,
       "Equilibrador de carga del servidor front-end | 5076 | TCP"),
    LB("frontend-pool", "frontend-vip", "5071", NULL,
       "Equilibrador de carga del servidor front-end | 5071 | TCP"),
    LB("frontend-pool", "frontend-vip", "5080", NULL,
       "Equilibrador de carga del servidor front-end | 5080 | TCP"),
    LB("frontend-pool", "frontend-vip", "448", NULL,
       "Equilibrador de carga del servidor front-end | 448 | TCP"),
    LB("mediation-servers", "mediation-vip", "5070", "mediation=standalone",
       "Equilibrador de carga del servidor de mediación | 5070 | TCP"),
    LB("frontend-pool", "frontend-vip", "5070", "mediation=collocated",
       "Equilibrador de carga del servidor front-end (si el grupo también ejecuta el servidor "
       "de mediación) | 5070 | TCP"),
    LB("director-pool", "director-vip", "443", "director",
       "Equilibrador de carga del Director | 443 | HTTPS"),
    LB("director-pool", "director-vip", "444", "director",
       "Equilibrador de carga del Director | 444 | HTTPS"),
    LB("director-pool", "director-vip", "5061", "director",
       "Equilibrador de carga del Director | 5061 | TCP"),
    LB("director-pool", "director-vip", "4443", "director",
       "Equilibrador de carga del Director | 4443 | HTTPS (desde proxy inverso)"),
};

/* 002, "Puertos del equilibrador de carga de hardware si usa equilibrio de
 * carga de DNS"; English: ports-reference §2.1.3. */
static const struct seed_row hlb_dns_rows[] = {
    LB("frontend-pool", "frontend-vip", "80", NULL,
       "Equilibrador de carga del servidor front-end | 80 | HTTP"),
    LB("frontend-pool", "frontend-vip", "443", NULL,
       "Equilibrador de carga del servidor front-end | 443 | HTTPS"),
    LB("frontend-pool", "frontend-vip", "8080", NULL,
       "Equilibrador de carga del servidor front-end | 8080 | TCP (certificado raíz, NTLM)"),
    LB("frontend-pool", "frontend-vip", "4443", NULL,
       "Equilibrador de carga del servidor front-end | 4443 | HTTPS (desde proxy inverso)"),
    LB("director-pool", "director-vip", "443", "director",
       "Equilibrador de carga del Director | 443 | HTTPS"),
    LB("director-pool", "director-vip", "4443", "director",
       "Equilibrador de carga del Director | 4443 | HTTPS (desde proxy inverso)"),
};

/* 002, "Puertos de cliente necesarios"; English: ports-reference §2.1.4.
 * DHCP is client port 68 to server port 67; the starred 1024-65535 rows are
 * the client media port range (CsConferencingConfiguration). */
static const struct seed_row clients_rows[] = {
    FW(CLI, "clients", "any", "UDP", "68", "67", "Clientes | 67/68 | DHCP"),
    FW(CLI, "clients", "any", "TCP", "any", "443", "Clientes | 443 | TCP (TLS)"),
    FW(CLI, "clients", "any", "TCP", "any", "443", "Clientes | 443 | TCP (PSOM/TLS)"),
    FW(CLI, "clients", "any", "TCP", "any", "443", "Clientes | 443 | TCP (STUN/MSTURN)"),
    FW(CLI, "clients", "any", "UDP", "any", "3478", "Clientes | 3478 | UDP (STUN/MSTURN)"),
    FW(CLI, "clients", "any", "TCP", "any", "5061", "Clientes | 5061 | TCP (MTLS)"),
    FW(CLI, "clients", "any", "TCP", "any", "6891-6901", "Clientes | 6891-6901 | TCP"),
    FW(CLI, "clients", "any", "TCP", "client-media", "any",
       "Clientes | 1024-65535* | TCP/UDP | audio"),
    FW(CLI, "clients", "any", "UDP", "client-media", "any",
       "Clientes | 1024-65535* | TCP/UDP | audio"),
    FW(CLI, "clients", "any", "TCP", "client-media", "any",
       "Clientes | 1024-65535* | TCP/UDP | vídeo"),
    FW(CLI, "clients", "any", "UDP", "client-media", "any",
       "Clientes | 1024-65535* | TCP/UDP | vídeo"),
    FW(CLI, "clients", "any", "TCP", "client-media", "any",
       "Clientes | 1024-65535* | TCP | transferencia de archivos punto a punto"),
    FW(CLI, "clients", "any", "TCP", "client-media", "any",
       "Clientes | 1024-65535* | TCP | uso compartido de aplicaciones"),
    FW(CLI, "ip-phones", "any", "UDP", "68", "67",
       "Aastra 6721ip/6725ip, HP 4110/4120, Polycom CX500/CX600/CX700/CX3000 | 67/68 | DHCP"),
};

/* 002, "Excepciones de IPsec recomendadas"; English: ports-reference §2.1.5.
 * "UDP y TCP" / "TCP & UDP" is one exception for both transports. */
static const struct seed_row ipsec_rows[] = {
    IPSEC("any", "edge-internal", "UDP/TCP", "any",
	  "Servidor perimetral A/V interno entrante | Cualquiera -> A/V interno | UDP y TCP"),
    IPSEC("any", "edge-av", "UDP/TCP", "any",
	  "Servidor perimetral A/V externo entrante | Cualquiera -> A/V externo | UDP y TCP"),
    IPSEC("edge-internal", "any", "UDP/TCP", "any",
	  "Servidor perimetral A/V interno saliente | A/V interno -> Cualquiera | TCP & UDP"),
    IPSEC("edge-av", "any", "UDP/TCP", "any",
	  "Servidor perimetral A/V externo saliente | A/V externo -> Cualquiera | UDP y TCP"),
    IPSEC("any", "mediation-servers", "UDP/TCP", "any",
	  "Servidor de mediación entrante | Cualquiera -> Servidores de mediación | UDP y TCP"),
    IPSEC("mediation-servers", "any", "UDP/TCP", "any",
	  "Servidor de mediación saliente | Servidores de mediación -> Cualquiera | UDP y TCP"),
    IPSEC("any", "frontend-servers", "UDP/TCP", "any",
	  "Operador de conferencia entrante | Cualquiera -> Front-end con operador | UDP y TCP"),
    IPSEC("frontend-servers", "any", "UDP/TCP", "any",
	  "Operador de conferencia saliente | Front-end con operador -> Cualquiera | UDP y TCP"),
    IPSEC("any", "frontend-servers", "UDP/TCP", "any",
	  "Servidor de conferencia A/V entrante | Cualquiera -> Servidores front-end | UDP y TCP"),
    IPSEC("frontend-servers", "any", "UDP/TCP", "any",
	  "Salida de conferencia A/V | Servidores front-end -> Cualquiera | UDP y TCP"),
    IPSEC("any", "exchange-um", "UDP/TCP", "any",
	  "Exchange entrante | Cualquiera -> Mensajería unificada de Exchange | UDP y TCP"),
    IPSEC("any", "frontend-servers", "TCP", "any",
	  "Servidores de aplicaciones compartidas entrantes | Cualquiera -> Servidores de "
	  "aplicaciones compartidas | TCP"),
    IPSEC("frontend-servers", "any", "TCP", "any",
	  "Servidor de aplicaciones compartidas saliente | Servidores de aplicaciones "
	  "compartidas -> Cualquiera | TCP"),
    IPSEC("exchange-um", "any", "UDP/TCP", "any",
	  "Exchange saliente | Mensajería unificada de Exchange -> Cualquiera | UDP y TCP"),
    IPSEC("any", "any", "UDP", "client-media",
	  "Clientes | Cualquiera -> Cualquiera | UDP | Intervalo de puertos de medios "
	  "especificado -> Cualquiera"),
};

/* ==== Exchange 2013 UM: 000 (es), 001 (zh), 003 (it), ports-reference §2.7 =
 *
 * Each language version is transcribed on its own; test_um_versions_agree
 * checks that they state the same facts.  Rows, in document order:
 *  - the eight inbound Windows Firewall rules Exchange setup creates "without
 *    any TCP port restrictions", each on the server role whose service it
 *    admits (UMCallRouter on Client Access, the others on Mailbox);
 *  - "Protocolo de inicio de sesión": VoIP gateways and IP PBXs use 5060 to
 *    reach the Call Router.  That sentence also says UDP, but the listening
 *    ports table of the same article marks UDP as not applicable and says
 *    the Call Router takes no media: we follow the table, so only the TCP
 *    row is here, and test_flows.c checks that no UDP 5060 row appears;
 *  - "Puertos de escucha de mensajería unificada" (UM listening ports):
 *    Call Router on Client Access 5060 unsecured / 5061 secured; UM service
 *    on Mailbox 5062 / 5063 (reached from the Call Router); UM worker 5065
 *    and 5067 (TCP, and mutual TLS), "also 5066 and 5068" in Dual mode, one
 *    row per port as the documents list them; RTP over UDP 1024-65535
 *    (configurable: the site's um-rtp range).
 * The startup mode is the documents' "no protegido" (um=tcp), "protegido"
 * (um=tls) and "modo Dual" (um=dual).  The RTP prose section states the
 * same 1024-65535 range as the table and is not repeated. */
/* 000_0d43d963c068dc5e.txt (es) */
static const struct seed_row um_es_rows[] = {
    PROGRAM("any", "exchange-mailbox", "TCP", "SESWorker (GFW) (TCP-In)", "um",
	  "Reglas de entrada de Exchange (sin restricciones de puertos TCP): 1. SESWorker (GFW) "
	  "(TCP-In)"),
    PROGRAM("any", "exchange-cas", "TCP", "UMCallRouter (GFW) (TCP-In)", "um",
	  "Reglas de entrada de Exchange (sin restricciones de puertos TCP): 2. UMCallRouter (GFW) "
	  "(TCP-In)"),
    PROGRAM("any", "exchange-cas", "TCP", "UMCallRouter (TCP-In)", "um",
	  "Reglas de entrada de Exchange (sin restricciones de puertos TCP): 3. UMCallRouter "
	  "(TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMService (GFW) (TCP-In)", "um",
	  "Reglas de entrada de Exchange (sin restricciones de puertos TCP): 4. UMService (GFW) "
	  "(TCP-In)"),
    PROGRAM(
	"any", "exchange-mailbox", "TCP", "UMService (TCP-In)", "um",
	"Reglas de entrada de Exchange (sin restricciones de puertos TCP): 5. UMService (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMWorkerProcess – RPC (TCP-In)", "um",
	  "Reglas de entrada de Exchange (sin restricciones de puertos TCP): 6. UMWorkerProcess – "
	  "RPC (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMWorkerProcess (GFW) (TCP-In)", "um",
	  "Reglas de entrada de Exchange (sin restricciones de puertos TCP): 7. UMWorkerProcess "
	  "(GFW) (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMWorkerProcess (TCP-In)", "um",
	  "Reglas de entrada de Exchange (sin restricciones de puertos TCP): 8. UMWorkerProcess "
	  "(TCP-In)"),
    FWW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5060", "um=tcp|dual",
	"Protocolo de inicio de sesión: puertas de enlace VoIP y PBX IP usan el puerto 5060 UDP y "
	"TCP"),
    FWW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5060", "um=tcp|dual",
	"SIP (servidor de acceso de cliente; enrutador de llamadas de MU) | 5060 (no protegido)"),
    FWW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5061", "um=tls|dual",
	"SIP (servidor de acceso de cliente; enrutador de llamadas de MU) | 5061 (protegido)"),
    FWW(NULL, "exchange-cas", "exchange-mailbox", "TCP", "any", "5062", "um=tcp|dual",
	"SIP (servidor de buzones de correo; servicio de MU) | 5062 (no protegido)"),
    FWW(NULL, "exchange-cas", "exchange-mailbox", "TCP", "any", "5063", "um=tls|dual",
	"SIP (servidor de buzones de correo; servicio de MU) | 5063 (protegido)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065", "um=tcp",
	"SIP (servidor de buzones de correo; proceso de trabajo de MU) | 5065 y 5067 para TCP (no "
	"protegidos)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5067", "um=tcp",
	"SIP (servidor de buzones de correo; proceso de trabajo de MU) | 5065 y 5067 para TCP (no "
	"protegidos)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065", "um=tls",
	"SIP (servidor de buzones de correo; proceso de trabajo de MU) | 5065 y 5067 para TLS "
	"mutua (protegidos)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5067", "um=tls",
	"SIP (servidor de buzones de correo; proceso de trabajo de MU) | 5065 y 5067 para TLS "
	"mutua (protegidos)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065", "um=dual",
	"SIP (servidor de buzones de correo; proceso de trabajo de MU) | modo Dual: también 5066 y "
	"5068"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5066", "um=dual",
	"SIP (servidor de buzones de correo; proceso de trabajo de MU) | modo Dual: también 5066 y "
	"5068"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5067", "um=dual",
	"SIP (servidor de buzones de correo; proceso de trabajo de MU) | modo Dual: también 5066 y "
	"5068"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5068", "um=dual",
	"SIP (servidor de buzones de correo; proceso de trabajo de MU) | modo Dual: también 5066 y "
	"5068"),
    FWW(NULL, "um-media-peers", "exchange-mailbox", "UDP", "any", "um-rtp", "um",
	"RTP (servidor de buzones de correo; proceso de trabajo de MU) | UDP: puertos entre 1024 y "
	"65535"),
};

/* 001_b367d516ae0aa8cc.txt (zh) */
static const struct seed_row um_zh_rows[] = {
    PROGRAM("any", "exchange-mailbox", "TCP", "SESWorker (GFW) (TCP-In)", "um",
	  "入站规则（没有任何 TCP 端口限制）：1. SESWorker (GFW) (TCP-In)"),
    PROGRAM("any", "exchange-cas", "TCP", "UMCallRouter (GFW) (TCP-In)", "um",
	  "入站规则（没有任何 TCP 端口限制）：2. UMCallRouter (GFW) (TCP-In)"),
    PROGRAM("any", "exchange-cas", "TCP", "UMCallRouter (TCP-In)", "um",
	  "入站规则（没有任何 TCP 端口限制）：3. UMCallRouter (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMService (GFW) (TCP-In)", "um",
	  "入站规则（没有任何 TCP 端口限制）：4. UMService (GFW) (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMService (TCP-In)", "um",
	  "入站规则（没有任何 TCP 端口限制）：5. UMService (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMWorkerProcess – RPC (TCP-In)", "um",
	  "入站规则（没有任何 TCP 端口限制）：6. UMWorkerProcess – RPC (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMWorkerProcess (GFW) (TCP-In)", "um",
	  "入站规则（没有任何 TCP 端口限制）：7. UMWorkerProcess (GFW) (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMWorkerProcess (TCP-In)", "um",
	  "入站规则（没有任何 TCP 端口限制）：8. UMWorkerProcess (TCP-In)"),
    FWW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5060", "um=tcp|dual",
	"会话初始协议：VoIP 网关和 IP PBX 使用 TCP 和 UDP 端口 5060"),
    FWW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5060", "um=tcp|dual",
	"SIP（客户端访问服务器 – Microsoft 统一消息呼叫路由器服务）| 5060（不安全）"),
    FWW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5061", "um=tls|dual",
	"SIP（客户端访问服务器 – Microsoft 统一消息呼叫路由器服务）| 5061（安全）"),
    FWW(NULL, "exchange-cas", "exchange-mailbox", "TCP", "any", "5062", "um=tcp|dual",
	"SIP（邮箱服务器 – Microsoft Exchange 统一消息服务）| 5062（不安全）"),
    FWW(NULL, "exchange-cas", "exchange-mailbox", "TCP", "any", "5063", "um=tls|dual",
	"SIP（邮箱服务器 – Microsoft Exchange 统一消息服务）| 5063（安全）"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065", "um=tcp",
	"SIP（邮箱服务器 - UM 工作进程）| 5065 和 5067 用于 TCP（不安全）"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5067", "um=tcp",
	"SIP（邮箱服务器 - UM 工作进程）| 5065 和 5067 用于 TCP（不安全）"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065", "um=tls",
	"SIP（邮箱服务器 - UM 工作进程）| 5065 和 5067 用于相互 MTLS（安全）"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5067", "um=tls",
	"SIP（邮箱服务器 - UM 工作进程）| 5065 和 5067 用于相互 MTLS（安全）"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065", "um=dual",
	"SIP（邮箱服务器 - UM 工作进程）| 双协议模式：也可以使用 5066 和 5068"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5066", "um=dual",
	"SIP（邮箱服务器 - UM 工作进程）| 双协议模式：也可以使用 5066 和 5068"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5067", "um=dual",
	"SIP（邮箱服务器 - UM 工作进程）| 双协议模式：也可以使用 5066 和 5068"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5068", "um=dual",
	"SIP（邮箱服务器 - UM 工作进程）| 双协议模式：也可以使用 5066 和 5068"),
    FWW(NULL, "um-media-peers", "exchange-mailbox", "UDP", "any", "um-rtp", "um",
	"RTP（邮箱服务器 - UM 工作进程）| UDP：1024 到 65535 之间的端口"),
};

/* 003_82a2582b03f733c3.txt (it) */
static const struct seed_row um_it_rows[] = {
    PROGRAM("any", "exchange-mailbox", "TCP", "SESWorker (GFW) (TCP-In)", "um",
	  "Regole in entrata (senza limitazioni porta TCP): 1. SESWorker (GFW) (TCP-In)"),
    PROGRAM("any", "exchange-cas", "TCP", "UMCallRouter (GFW) (TCP-In)", "um",
	  "Regole in entrata (senza limitazioni porta TCP): 2. UMCallRouter (GFW) (TCP-In)"),
    PROGRAM("any", "exchange-cas", "TCP", "UMCallRouter (TCP-In)", "um",
	  "Regole in entrata (senza limitazioni porta TCP): 3. UMCallRouter (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMService (GFW) (TCP-In)", "um",
	  "Regole in entrata (senza limitazioni porta TCP): 4. UMService (GFW) (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMService (TCP-In)", "um",
	  "Regole in entrata (senza limitazioni porta TCP): 5. UMService (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMWorkerProcess – RPC (TCP-In)", "um",
	  "Regole in entrata (senza limitazioni porta TCP): 6. UMWorkerProcess – RPC (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMWorkerProcess (GFW) (TCP-In)", "um",
	  "Regole in entrata (senza limitazioni porta TCP): 7. UMWorkerProcess (GFW) (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMWorkerProcess (TCP-In)", "um",
	  "Regole in entrata (senza limitazioni porta TCP): 8. UMWorkerProcess (TCP-In)"),
    FWW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5060", "um=tcp|dual",
	"Session Initiation Protocol: gateway VoIP e IP PBX usano TCP e UDP porta 5060"),
    FWW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5060", "um=tcp|dual",
	"SIP (server Accesso Client: servizio Call Router) | 5060 (non protetta)"),
    FWW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5061", "um=tls|dual",
	"SIP (server Accesso Client: servizio Call Router) | 5061 (protetta)"),
    FWW(NULL, "exchange-cas", "exchange-mailbox", "TCP", "any", "5062", "um=tcp|dual",
	"SIP (server Cassette postali – servizio Messaggistica unificata) | 5062 (non protetta)"),
    FWW(NULL, "exchange-cas", "exchange-mailbox", "TCP", "any", "5063", "um=tls|dual",
	"SIP (server Cassette postali – servizio Messaggistica unificata) | 5063 (protetta)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065", "um=tcp",
	"SIP (server Cassette postali - Processo di lavoro) | 5065 e 5067 per TCP (non protetto)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5067", "um=tcp",
	"SIP (server Cassette postali - Processo di lavoro) | 5065 e 5067 per TCP (non protetto)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065", "um=tls",
	"SIP (server Cassette postali - Processo di lavoro) | 5065 e 5067 per MTLS (protetto)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5067", "um=tls",
	"SIP (server Cassette postali - Processo di lavoro) | 5065 e 5067 per MTLS (protetto)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065", "um=dual",
	"SIP (server Cassette postali - Processo di lavoro) | doppia modalità: anche 5066 e 5068"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5066", "um=dual",
	"SIP (server Cassette postali - Processo di lavoro) | doppia modalità: anche 5066 e 5068"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5067", "um=dual",
	"SIP (server Cassette postali - Processo di lavoro) | doppia modalità: anche 5066 e 5068"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5068", "um=dual",
	"SIP (server Cassette postali - Processo di lavoro) | doppia modalità: anche 5066 e 5068"),
    FWW(NULL, "um-media-peers", "exchange-mailbox", "UDP", "any", "um-rtp", "um",
	"RTP (server Cassette postali - Processo di lavoro) | UDP: porte comprese tra 1024 e "
	"65535"),
};

/* ports-reference §2.7 (en) */
static const struct seed_row um_en_rows[] = {
    PROGRAM("any", "exchange-mailbox", "TCP", "SESWorker (GFW) (TCP-In)", "um",
	  "Inbound rule (no TCP port restrictions): 1. SESWorker (GFW) (TCP-In)"),
    PROGRAM("any", "exchange-cas", "TCP", "UMCallRouter (GFW) (TCP-In)", "um",
	  "Inbound rule (no TCP port restrictions): 2. UMCallRouter (GFW) (TCP-In)"),
    PROGRAM("any", "exchange-cas", "TCP", "UMCallRouter (TCP-In)", "um",
	  "Inbound rule (no TCP port restrictions): 3. UMCallRouter (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMService (GFW) (TCP-In)", "um",
	  "Inbound rule (no TCP port restrictions): 4. UMService (GFW) (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMService (TCP-In)", "um",
	  "Inbound rule (no TCP port restrictions): 5. UMService (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMWorkerProcess - RPC (TCP-In)", "um",
	  "Inbound rule (no TCP port restrictions): 6. UMWorkerProcess - RPC (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMWorkerProcess (GFW) (TCP-In)", "um",
	  "Inbound rule (no TCP port restrictions): 7. UMWorkerProcess (GFW) (TCP-In)"),
    PROGRAM("any", "exchange-mailbox", "TCP", "UMWorkerProcess (TCP-In)", "um",
	  "Inbound rule (no TCP port restrictions): 8. UMWorkerProcess (TCP-In)"),
    FWW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5060", "um=tcp|dual",
	"SIP clients (VoIP gateways, IP PBXs) use TCP and UDP 5060"),
    FWW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5060", "um=tcp|dual",
	"SIP (Client Access server - UM Call Router service) | 5060 (unsecured)"),
    FWW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5061", "um=tls|dual",
	"SIP (Client Access server - UM Call Router service) | 5061 (secured)"),
    FWW(NULL, "exchange-cas", "exchange-mailbox", "TCP", "any", "5062", "um=tcp|dual",
	"SIP (Mailbox server - Microsoft Exchange UM service) | 5062 (unsecured)"),
    FWW(NULL, "exchange-cas", "exchange-mailbox", "TCP", "any", "5063", "um=tls|dual",
	"SIP (Mailbox server - Microsoft Exchange UM service) | 5063 (secured)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065", "um=tcp",
	"SIP (Mailbox server - UM worker process) | 5065 and 5067 for TCP (unsecured)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5067", "um=tcp",
	"SIP (Mailbox server - UM worker process) | 5065 and 5067 for TCP (unsecured)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065", "um=tls",
	"SIP (Mailbox server - UM worker process) | 5065 and 5067 for mutual TLS (secured)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5067", "um=tls",
	"SIP (Mailbox server - UM worker process) | 5065 and 5067 for mutual TLS (secured)"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065", "um=dual",
	"SIP (Mailbox server - UM worker process) | Dual mode: also 5066 and 5068"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5066", "um=dual",
	"SIP (Mailbox server - UM worker process) | Dual mode: also 5066 and 5068"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5067", "um=dual",
	"SIP (Mailbox server - UM worker process) | Dual mode: also 5066 and 5068"),
    FWW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5068", "um=dual",
	"SIP (Mailbox server - UM worker process) | Dual mode: also 5066 and 5068"),
    FWW(NULL, "um-media-peers", "exchange-mailbox", "UDP", "any", "um-rtp", "um",
	"RTP (Mailbox server - UM worker process) | UDP: 1024-65535"),
};

/* Rows a UM startup mode must not open (the other mode's listening ports). */
static const struct seed_row um_not_tcp_rows[] = {
    FW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5061",
       "TCP mode: Call Router secured port 5061"),
    FW(NULL, "exchange-cas", "exchange-mailbox", "TCP", "any", "5063",
       "TCP mode: UM service secured port 5063"),
    FW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5066",
       "TCP mode: Dual-only worker port 5066"),
    FW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5068",
       "TCP mode: Dual-only worker port 5068"),
    FW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065-5068",
       "TCP mode: Dual-only worker ports 5066 and 5068 (as a range)"),
};
static const struct seed_row um_not_tls_rows[] = {
    FW(NULL, "um-sip-peers", "exchange-cas", "TCP", "any", "5060",
       "TLS mode: Call Router unsecured port 5060/TCP"),
    FW(NULL, "um-sip-peers", "exchange-cas", "UDP", "any", "5060",
       "TLS mode: Call Router unsecured port 5060/UDP"),
    FW(NULL, "exchange-cas", "exchange-mailbox", "TCP", "any", "5062",
       "TLS mode: UM service unsecured port 5062"),
    FW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5066",
       "TLS mode: Dual-only worker port 5066"),
    FW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5068",
       "TLS mode: Dual-only worker port 5068"),
    FW(NULL, "um-sip-peers", "exchange-mailbox", "TCP", "any", "5065-5068",
       "TLS mode: Dual-only worker ports 5066 and 5068 (as a range)"),
};

/* ==== 004_7ff918a51cecdb80.txt (es) and ports-reference §2.3.6 (en) =======
 *
 * "Edge Server Access interface" in the public IM A/V rows is the A/V Edge
 * service.  The outbound A/V RTP/TCP 50000-59999 row is read as in §2.6 and
 * PR #6011: source ports 50000-59999 to TCP 443; outbound STUN UDP 3478 is
 * source 3478 to destination 3478.  The XMPP 23456 row's "Any" is the XMPP
 * Gateway on the Front End pool (the row's own note). */
static const struct seed_row fed_sip_es_rows[] = {
    FWW(EXT, "edge-access", "any", "TCP", "any", "5061", "federation=sip",
	"Acceso/SIP(MTLS)/TCP/5061 | IP pública del perimetral de acceso | Cualquiera"),
};

static const struct seed_row fed_public_im_es_rows[] = {
    FWW(EXT, "public-im-partners", "edge-access", "TCP", "any", "5061", "federation=public-im",
	"Acceso/SIP(MTLS)/TCP/5061 | Socios de conectividad de MI pública | Interfaz de "
	"acceso"),
    FWW(EXT, "edge-access", "public-im-partners", "TCP", "any", "5061", "federation=public-im",
	"Acceso/SIP(MTLS)/TCP/5061 | Interfaz de acceso | Socios de conectividad de MI "
	"pública"),
    FWW(EXT, "clients", "edge-access", "TCP", "any", "443", "federation=public-im",
	"Acceso/SIP(TLS)/TCP/443 | Clientes | Interfaz de acceso"),
    FWW(EXT, "edge-av", "live-messenger-clients", "TCP", "50000-59999", "443",
	"federation=public-im",
	"A/V/RTP/TCP/50.000–59.999 | Interfaz de acceso | Clientes de Live Messenger"),
    FWW(EXT, "edge-av", "live-messenger-clients", "UDP", "3478", "3478", "federation=public-im",
	"A/V/STUN,MSTURN/UDP/3478 | Interfaz de acceso | Clientes de Live Messenger"),
    FWW(EXT, "live-messenger-clients", "edge-av", "UDP", "any", "3478", "federation=public-im",
	"A/V/STUN,MSTURN/UDP/3478 | Clientes de Live Messenger | Interfaz de acceso"),
};

static const struct seed_row fed_xmpp_es_rows[] = {
    FWW(EXT, "any", "edge-access", "TCP", "any", "5269", "federation=xmpp",
	"XMPP/TCP/5269 | Cualquiera | Interfaz del perimetral de acceso"),
    FWW(EXT, "edge-access", "any", "TCP", "any", "5269", "federation=xmpp",
	"XMPP/TCP/5269 | Interfaz del perimetral de acceso | Cualquiera"),
    FWW(INT, "frontend-pool", "edge-internal", "TCP", "any", "23456", "federation=xmpp",
	"XMPP/MTLS/23456 | Cualquiera (puerta de enlace XMPP del front-end) | IP interna del "
	"perimetral"),
};

/* ports-reference §2.3.6: "Firewall Summary" tables for SIP federation,
 * public IM connectivity and XMPP (Lync Server 2013, English). */
static const struct seed_row fed_en_rows[] = {
    FWW(EXT, "edge-access", "any", "TCP", "any", "5061", "federation=sip",
	"SIP Federation: Access/SIP(MTLS)/TCP/5061 | Access Edge public IP | Any"),
    FWW(EXT, "public-im-partners", "edge-access", "TCP", "any", "5061", "federation=public-im",
	"Public IM: Access/SIP(MTLS)/TCP/5061 | Public IM partners | Edge Access interface"),
    FWW(EXT, "edge-access", "public-im-partners", "TCP", "any", "5061", "federation=public-im",
	"Public IM: Access/SIP(MTLS)/TCP/5061 | Edge Access interface | Public IM partners"),
    FWW(EXT, "clients", "edge-access", "TCP", "any", "443", "federation=public-im",
	"Public IM: Access/SIP(TLS)/TCP/443 | Clients | Edge Access interface"),
    FWW(EXT, "edge-av", "live-messenger-clients", "TCP", "50000-59999", "443",
	"federation=public-im",
	"Public IM: A/V/RTP/TCP/50,000-59,999 | Edge Access interface | Live Messenger clients"),
    FWW(EXT, "edge-av", "live-messenger-clients", "UDP", "3478", "3478", "federation=public-im",
	"Public IM: A/V/STUN,MSTURN/UDP/3478 | Edge Access interface | Live Messenger clients"),
    FWW(EXT, "live-messenger-clients", "edge-av", "UDP", "any", "3478", "federation=public-im",
	"Public IM: A/V/STUN,MSTURN/UDP/3478 | Live Messenger clients | Edge Access interface"),
    FWW(EXT, "any", "edge-access", "TCP", "any", "5269", "federation=xmpp",
	"XMPP: XMPP/TCP/5269 | Any | Access Edge interface IP"),
    FWW(EXT, "edge-access", "any", "TCP", "any", "5269", "federation=xmpp",
	"XMPP: XMPP/TCP/5269 | Access Edge interface IP | Any"),
    FWW(INT, "frontend-pool", "edge-internal", "TCP", "any", "23456", "federation=xmpp",
	"XMPP: XMPP/MTLS/23456 | Any (XMPP Gateway on the FE pool) | Internal Edge interface "
	"IP"),
};

/* ==== ports-reference §2.2: Skype for Business Server 2015 Edge ===========
 *
 * "NAT: x / Pub: y" cells are the same endpoint (the plan's addressing says
 * which address it is).  "Any: Director, Director pool, FE Server, FE pool"
 * is one row for the Front End pool and one for the Director pool. */

/* §2.2.1 External port firewall summary table (single and scaled DNS LB). */
static const struct seed_row sfb_ext_rows[] = {
    FWW(EXT, "any", "edge-access", "TCP", "any", "5269", "federation=xmpp",
	"XMPP | TCP | 5269 | Any | XMPP Proxy (shares IP with Access Edge)"),
    FW(EXT, "edge-access", "any", "TCP", "any", "80", "Access/HTTP | TCP | 80 | Edge AE | Any"),
    FW(EXT, "edge-access", "any", "TCP", "any", "53", "Access/DNS | TCP | 53 | Edge AE | Any"),
    FW(EXT, "edge-access", "any", "UDP", "any", "53", "Access/DNS | UDP | 53 | Edge AE | Any"),
    FW(EXT, "any", "edge-access", "TCP", "any", "443",
       "Access/SIP(TLS) | TCP | 443 | Any | Edge AE"),
    FW(EXT, "any", "edge-access", "TCP", "any", "5061",
       "Access/SIP(MTLS) | TCP | 5061 | Any | Edge AE"),
    FW(EXT, "edge-access", "any", "TCP", "any", "5061",
       "Access/SIP(MTLS) | TCP | 5061 | Edge AE | Any"),
    FW(EXT, "any", "edge-webconf", "TCP", "any", "443",
       "Web conferencing/PSOM(TLS) | TCP | 443 | Any | Edge WCE"),
    FW(EXT, "edge-av", "any", "TCP", "50000-59999", "443",
       "A/V/RTP | TCP | 50000-59999 | Edge AVE | Any (source ports, to 443: PR #6011)"),
    FW(EXT, "edge-av", "any", "UDP", "50000-59999", "any",
       "A/V/RTP | UDP | 50000-59999 | Edge AVE | Any (source ports)"),
    FW(EXT, "edge-av", "any", "UDP", "3478", "3478",
       "A/V/STUN.MSTURN | UDP | 3478 | Edge AVE | Any (3478 outbound)"),
    FW(EXT, "any", "edge-av", "UDP", "any", "3478",
       "A/V/STUN.MSTURN | UDP | 3478 | Any | Edge AVE"),
    FW(EXT, "any", "edge-av", "TCP", "any", "443", "A/V/STUN.MSTURN | TCP | 443 | Any | Edge AVE"),
    FW(EXT, "edge-av", "any", "TCP", "any", "443", "A/V/STUN.MSTURN | TCP | 443 | Edge AVE | Any"),
};

/* §2.2.2 Internal port firewall summary table (single and scaled DNS LB). */
static const struct seed_row sfb_int_rows[] = {
    FWW(INT, "frontend-pool", "edge-internal", "TCP", "any", "23456", "federation=xmpp",
	"XMPP/MTLS | TCP | 23456 | FE Server / FE pool running XMPP Gateway | EdgeInt"),
    FW(INT, "frontend-pool", "edge-internal", "TCP", "any", "5061",
       "SIP/MTLS | TCP | 5061 | Any: Director, Director pool, FE Server, FE pool | EdgeInt"),
    FWW(INT, "director-pool", "edge-internal", "TCP", "any", "5061", "director",
	"SIP/MTLS | TCP | 5061 | Any: Director, Director pool, FE Server, FE pool | EdgeInt"),
    FW(INT, "edge-internal", "frontend-pool", "TCP", "any", "5061",
       "SIP/MTLS | TCP | 5061 | EdgeInt | Any: Director, Director pool, FE Server, FE pool"),
    FWW(INT, "edge-internal", "director-pool", "TCP", "any", "5061", "director",
	"SIP/MTLS | TCP | 5061 | EdgeInt | Any: Director, Director pool, FE Server, FE pool"),
    FW(INT, "frontend-servers", "edge-internal", "TCP", "any", "8057",
       "PSOM/MTLS | TCP | 8057 | Any: FE Server, each FE Server in pool | EdgeInt"),
    FW(INT, "frontend-pool|frontend-servers", "edge-internal", "TCP", "any", "5062",
       "SIP/MTLS | TCP | 5062 | Any: FE Server, FE pool, any SBA / SBS | EdgeInt"),
    FWW(INT, "branch-appliances", "edge-internal", "TCP", "any", "5062", "branch",
	"SIP/MTLS | TCP | 5062 | Any: FE Server, FE pool, any SBA / SBS | EdgeInt"),
    FW(INT, "any", "edge-internal", "UDP", "any", "3478",
       "STUN/MSTURN | UDP | 3478 | Any | EdgeInt"),
    FW(INT, "any", "edge-internal", "TCP", "any", "443", "STUN/MSTURN | TCP | 443 | Any | EdgeInt"),
    FW(INT, "frontend-cms", "edge-internal", "TCP", "any", "4443",
       "HTTPS | TCP | 4443 | Any: FE Server / FE pool holding the CMS | EdgeInt"),
    FW(INT, "any", "edge-internal", "TCP", "any", "50001", "MTLS | TCP | 50001 | Any | EdgeInt"),
    FW(INT, "any", "edge-internal", "TCP", "any", "50002", "MTLS | TCP | 50002 | Any | EdgeInt"),
    FW(INT, "any", "edge-internal", "TCP", "any", "50003", "MTLS | TCP | 50003 | Any | EdgeInt"),
};

/* §2.2.3 HLB: External port firewall summary table (real server interfaces). */
static const struct seed_row sfb_hlb_ext_rows[] = {
    FW(EXT, "edge-access", "any", "TCP", "any", "80",
       "Access/HTTP | TCP | 80 | Edge AE public IP | Any"),
    FW(EXT, "edge-access", "any", "TCP", "any", "53",
       "Access/DNS | TCP | 53 | Edge AE public IP | Any"),
    FW(EXT, "edge-access", "any", "UDP", "any", "53",
       "Access/DNS | UDP | 53 | Edge AE public IP | Any"),
    FW(EXT, "edge-av", "any", "TCP", "50000-59999", "443",
       "A/V/RTP | TCP | 50000-59999 | Edge AVE IP | Any (source ports, to 443)"),
    FW(EXT, "edge-av", "any", "UDP", "50000-59999", "any",
       "A/V/RTP | UDP | 50000-59999 | Edge AVE public IP | Any (source ports)"),
    FW(EXT, "edge-av", "any", "UDP", "3478", "3478",
       "A/V/STUN.MSTURN | UDP | 3478 | Edge AVE public IP | Any (3478 outbound)"),
    FW(EXT, "any", "edge-av", "UDP", "any", "3478",
       "A/V/STUN.MSTURN | UDP | 3478 | Any | Edge AVE public IP"),
    FW(EXT, "any", "edge-av", "TCP", "any", "443",
       "A/V/STUN.MSTURN | TCP | 443 | Any | Edge AVE public IP"),
    FW(EXT, "edge-av", "any", "TCP", "any", "443",
       "A/V/STUN.MSTURN | TCP | 443 | Edge AVE public IP | Any"),
};

/* §2.2.4 HLB: Internal port firewall summary table (node interfaces). */
static const struct seed_row sfb_hlb_int_rows[] = {
    FWW(INT, "frontend-pool", "edge-internal", "TCP", "any", "23456", "federation=xmpp",
	"XMPP/MTLS | TCP | 23456 | Any: FE Server, FE pool VIP running XMPP Gateway | EdgeInt"),
    FW(INT, "frontend-cms", "edge-internal", "TCP", "any", "4443",
       "HTTPS | TCP | 4443 | Any: FE Server / FE pool holding CMS | EdgeInt"),
    FW(INT, "frontend-servers", "edge-internal", "TCP", "any", "8057",
       "PSOM/MTLS | TCP | 8057 | Any: FE Server, each FE Server in pool | EdgeInt"),
    FW(INT, "frontend-servers", "edge-internal", "UDP", "any", "3478",
       "STUN/MSTURN | UDP | 3478 | Any: FE Server, each FE in pool | EdgeInt"),
    FW(INT, "frontend-servers", "edge-internal", "TCP", "any", "443",
       "STUN/MSTURN | TCP | 443 | Any: FE Server, each FE in pool | EdgeInt"),
    FW(INT, "any", "edge-internal", "TCP", "any", "50001", "MTLS | TCP | 50001 | Any | EdgeInt"),
    FW(INT, "any", "edge-internal", "TCP", "any", "50002", "MTLS | TCP | 50002 | Any | EdgeInt"),
    FW(INT, "any", "edge-internal", "TCP", "any", "50003", "MTLS | TCP | 50003 | Any | EdgeInt"),
};

/* §2.2.5 HLB: External interface Virtual IPs.  The destination cells repeat
 * the NAT/public wording of §2.2.1, but the table is the VIPs'. */
static const struct seed_row sfb_hlb_ext_vip_rows[] = {
    FWW(EXT, "any", "edge-access-vip", "TCP", "any", "5269", "federation=xmpp",
	"XMPP | TCP | 5269 | Any | XMPP Proxy (shares IP with AE)"),
    FWW(EXT, "edge-access-vip", "any", "TCP", "any", "5269", "federation=xmpp",
	"XMPP | TCP | 5269 | XMPP Proxy (shares IP with AE) | Any"),
    FW(EXT, "any", "edge-access-vip", "TCP", "any", "443",
       "Access/SIP(TLS) | TCP | 443 | Any | Edge AE"),
    FW(EXT, "any", "edge-access-vip", "TCP", "any", "5061",
       "Access/SIP(MTLS) | TCP | 5061 | Any | Edge AE"),
    FW(EXT, "edge-access-vip", "any", "TCP", "any", "5061",
       "Access/SIP(MTLS) | TCP | 5061 | Edge AE | Any"),
    FW(EXT, "any", "edge-webconf-vip", "TCP", "any", "443",
       "Web conferencing/PSOM(TLS) | TCP | 443 | Any | Edge WCE"),
    FW(EXT, "any", "edge-av-vip", "UDP", "any", "3478",
       "A/V/STUN.MSTURN | UDP | 3478 | Any | Edge AVE"),
    FW(EXT, "any", "edge-av-vip", "TCP", "any", "443",
       "A/V/STUN.MSTURN | TCP | 443 | Any | Edge AVE"),
};

/* §2.2.6 HLB: Internal interface Virtual IPs.  Rows 1, 3 and 4 name the
 * destination "Edge Server internal interface" (so does the upstream page)
 * while rows 2 and 5 say "Edge internal VIP interface"; the first three
 * accept either endpoint. */
static const struct seed_row sfb_hlb_int_vip_rows[] = {
    FW(INT, "frontend-pool", "edge-internal-vip|edge-internal", "TCP", "any", "5061",
       "Access/SIP(MTLS) | TCP | 5061 | Any: Director, Director pool VIP, FE, FE pool VIP | "
       "EdgeInt"),
    FWW(INT, "director-pool", "edge-internal-vip|edge-internal", "TCP", "any", "5061", "director",
	"Access/SIP(MTLS) | TCP | 5061 | Any: Director, Director pool VIP, FE, FE pool VIP | "
	"EdgeInt"),
    FW(INT, "edge-internal-vip", "frontend-pool", "TCP", "any", "5061",
       "Access/SIP(MTLS) | TCP | 5061 | Edge internal VIP interface | Any: Director, Director "
       "pool VIP, FE, FE pool VIP"),
    FWW(INT, "edge-internal-vip", "director-pool", "TCP", "any", "5061", "director",
	"Access/SIP(MTLS) | TCP | 5061 | Edge internal VIP interface | Any: Director, Director "
	"pool VIP, FE, FE pool VIP"),
    FW(INT, "frontend-pool|frontend-servers", "edge-internal-vip|edge-internal", "TCP", "any",
       "5062", "SIP/MTLS | TCP | 5062 | Any: FE Server IP, FE pool IP, any SBA/SBS | EdgeInt"),
    FWW(INT, "branch-appliances", "edge-internal-vip|edge-internal", "TCP", "any", "5062", "branch",
	"SIP/MTLS | TCP | 5062 | Any: FE Server IP, FE pool IP, any SBA/SBS | EdgeInt"),
    FW(INT, "any", "edge-internal-vip|edge-internal", "UDP", "any", "3478",
       "STUN/MSTURN | UDP | 3478 | Any | EdgeInt"),
    FW(INT, "any", "edge-internal-vip", "TCP", "any", "443",
       "STUN/MSTURN | TCP | 443 | Any | Edge internal VIP interface"),
};

/* ==== ports-reference §2.3: Lync Server 2013 per-scenario port summaries ==
 *
 * [F07] rows ("Required only for federation with partners running Office
 * Communications Server 2007") hold only with ocs2007-federation and keep
 * 50000-59999 as destination ports; the [FALL] outbound RTP/TCP row is
 * source ports 50000-59999 to TCP 443 (§2.6, PR #6011). */

/* The external interface rows of a single or DNS-scaled Edge, in the order
 * of the documents.  ae/wce/ave: the documents' words for the services. */
#define LYNC_EXT_ROWS(ae, wce, ave, ave_tcp_out)                                                   \
	FWW(EXT, "any", "edge-access", "TCP", "any", "5269", "federation=xmpp",                    \
	    "XMPP/TCP/5269 | Any | XMPP Proxy (shares IP with Access Edge)"),                      \
	    FW(EXT, "edge-access", "any", "TCP", "any", "80",                                      \
	       "Access/HTTP/TCP/80 | " ae " | Any"),                                               \
	    FW(EXT, "edge-access", "any", "TCP", "any", "53", "Access/DNS/TCP/53 | " ae " | Any"), \
	    FW(EXT, "edge-access", "any", "UDP", "any", "53", "Access/DNS/UDP/53 | " ae " | Any"), \
	    FW(EXT, "any", "edge-access", "TCP", "any", "443",                                     \
	       "Access/SIP(TLS)/TCP/443 | Any | " ae),                                             \
	    FW(EXT, "any", "edge-access", "TCP", "any", "5061",                                    \
	       "Access/SIP(MTLS)/TCP/5061 | Any | " ae),                                           \
	    FW(EXT, "edge-access", "any", "TCP", "any", "5061",                                    \
	       "Access/SIP(MTLS)/TCP/5061 | " ae " | Any"),                                        \
	    FW(EXT, "any", "edge-webconf", "TCP", "any", "443",                                    \
	       "Web Conferencing/PSOM(TLS)/TCP/443 | Any | " wce),                                 \
	    FW(EXT, "edge-av", "any", "TCP", "50000-59999", "443",                                 \
	       "A/V/RTP/TCP/50,000-59,999 | " ave_tcp_out " | Any [FALL]"),                        \
	    FWW(EXT, "edge-av", "any", "UDP", "any", "50000-59999", "ocs2007-federation",          \
		"A/V/RTP/UDP/50,000-59,999 | " ave " | Any [F07]"),                                \
	    FWW(EXT, "any", "edge-av", "TCP", "any", "50000-59999", "ocs2007-federation",          \
		"A/V/RTP/TCP/50,000-59,999 | Any | " ave " [F07]"),                                \
	    FWW(EXT, "any", "edge-av", "UDP", "any", "50000-59999", "ocs2007-federation",          \
		"A/V/RTP/UDP/50,000-59,999 | Any | " ave " [F07]"),                                \
	    FW(EXT, "edge-av", "any", "UDP", "3478", "3478",                                       \
	       "A/V/STUN,MSTURN/UDP/3478 | " ave " | Any [3478OUT]"),                              \
	    FW(EXT, "any", "edge-av", "UDP", "any", "3478",                                        \
	       "A/V/STUN,MSTURN/UDP/3478 | Any | " ave),                                           \
	    FW(EXT, "any", "edge-av", "TCP", "any", "443",                                         \
	       "A/V/STUN,MSTURN/TCP/443 | Any | " ave),                                            \
	    FW(EXT, "edge-av", "any", "TCP", "any", "443",                                         \
	       "A/V/STUN,MSTURN/TCP/443 | " ave " | Any")

/* §2.3.1 Single consolidated Edge with private IP addresses using NAT:
 * External interface. */
static const struct seed_row lync_single_nat_ext_rows[] = {
    LYNC_EXT_ROWS("Edge Access Edge service", "Edge Web Conferencing Edge service",
		  "Edge A/V Edge service", "Edge A/V Edge service"),
};

/* §2.3.2 Single consolidated Edge with public IP addresses: External
 * interface.  The outbound RTP/TCP row names the Access Edge public IP, a
 * documented error (the §2.3.4 copy names the A/V Edge); it is the A/V Edge. */
static const struct seed_row lync_single_public_ext_rows[] = {
    LYNC_EXT_ROWS("Edge AE public IP", "Edge WCE public IP", "Edge AVE public IP",
		  "Edge *Access* Edge public IP [sic: A/V Edge]"),
};

/* §2.3.3 Scaled consolidated Edge, DNS load balancing with private IP
 * addresses using NAT: External Interface - Node 1 and Node 2.  The §2.3.1
 * rows plus outbound XMPP. */
static const struct seed_row lync_scaled_nat_ext_rows[] = {
    LYNC_EXT_ROWS("Edge AE", "Edge WCE", "Edge AVE", "Edge AVE"),
    FWW(EXT, "edge-access", "any", "TCP", "any", "5269", "federation=xmpp",
	"XMPP/TCP/5269 | XMPP Proxy (shares IP with AE) | Any"),
};

/* §2.3.4 Scaled consolidated Edge, DNS load balancing with public IP
 * addresses: "exactly the 2.3.2 external set". */
static const struct seed_row lync_scaled_public_ext_rows[] = {
    LYNC_EXT_ROWS("Edge AE public IP", "Edge WCE public IP", "Edge AVE public IP",
		  "Edge A/V Edge service public IP"),
};

/* §2.3.1 Internal interface; §2.3.2, §2.3.3 and §2.3.4 have the same eleven
 * rows. */
static const struct seed_row lync_int_rows[] = {
    FWW(INT, "frontend-pool", "edge-internal", "TCP", "any", "23456", "federation=xmpp",
	"XMPP/MTLS/TCP/23456 | Any (SE server or pool running XMPP Gateway) | Edge internal"),
    FW(INT, "frontend-pool", "edge-internal", "TCP", "any", "5061",
       "SIP/MTLS/TCP/5061 | Any (Director, Director pool, FE Server or FE pool) | Edge "
       "internal"),
    FWW(INT, "director-pool", "edge-internal", "TCP", "any", "5061", "director",
	"SIP/MTLS/TCP/5061 | Any (Director, Director pool, FE Server or FE pool) | Edge "
	"internal"),
    FW(INT, "edge-internal", "frontend-pool", "TCP", "any", "5061",
       "SIP/MTLS/TCP/5061 | Edge internal | Any (Director, Director pool, FE Server or FE "
       "pool)"),
    FWW(INT, "edge-internal", "director-pool", "TCP", "any", "5061", "director",
	"SIP/MTLS/TCP/5061 | Edge internal | Any (Director, Director pool, FE Server or FE "
	"pool)"),
    FW(INT, "frontend-servers", "edge-internal", "TCP", "any", "8057",
       "PSOM/MTLS/TCP/8057 | Any (FE Server, or each FE Server in a pool) | Edge internal"),
    FW(INT, "frontend-pool|frontend-servers", "edge-internal", "TCP", "any", "5062",
       "SIP/MTLS/TCP/5062 | Any (FE Server, FE pool, or any SBA or SBS) | Edge internal"),
    FWW(INT, "branch-appliances", "edge-internal", "TCP", "any", "5062", "branch",
	"SIP/MTLS/TCP/5062 | Any (FE Server, FE pool, or any SBA or SBS) | Edge internal"),
    FW(INT, "any", "edge-internal", "UDP", "any", "3478",
       "STUN/MSTURN/UDP/3478 | Any | Edge internal"),
    FW(INT, "any", "edge-internal", "TCP", "any", "443",
       "STUN/MSTURN/TCP/443 | Any | Edge internal"),
    FW(INT, "frontend-cms", "edge-internal", "TCP", "any", "4443",
       "HTTPS/TCP/4443 | Any (FE Server, or pool that holds the CMS) | Edge internal"),
    FW(INT, "any", "edge-internal", "TCP", "any", "50001",
       "MTLS/TCP/50001 | Any | Edge internal [CLS]"),
    FW(INT, "any", "edge-internal", "TCP", "any", "50002",
       "MTLS/TCP/50002 | Any | Edge internal [CLS]"),
    FW(INT, "any", "edge-internal", "TCP", "any", "50003",
       "MTLS/TCP/50003 | Any | Edge internal [CLS]"),
};

/* §2.3.5 Scaled consolidated Edge with hardware load balancers: External
 * Interface - Node 1 and Node 2 (real server addresses). */
static const struct seed_row lync_hlb_ext_rows[] = {
    FW(EXT, "edge-access", "any", "TCP", "any", "80",
       "Access/HTTP/TCP/80 | Edge AE public IP | Any"),
    FW(EXT, "edge-access", "any", "TCP", "any", "53",
       "Access/DNS/TCP/53 | Edge AE public IP | Any"),
    FW(EXT, "edge-access", "any", "UDP", "any", "53",
       "Access/DNS/UDP/53 | Edge AE public IP | Any"),
    FW(EXT, "edge-av", "any", "TCP", "50000-59999", "443",
       "A/V/RTP/TCP/50,000-59,999 | Edge AVE IP | Any [FALL]"),
    FWW(EXT, "edge-av", "any", "UDP", "any", "50000-59999", "ocs2007-federation",
	"A/V/RTP/UDP/50,000-59,999 | Edge AVE public IP | Any [F07]"),
    FWW(EXT, "any", "edge-av", "TCP", "any", "50000-59999", "ocs2007-federation",
	"A/V/RTP/TCP/50,000-59,999 | Any | Edge AVE public IP [F07]"),
    FWW(EXT, "any", "edge-av", "UDP", "any", "50000-59999", "ocs2007-federation",
	"A/V/RTP/UDP/50,000-59,999 | Any | Edge AVE public IP [F07]"),
    FW(EXT, "edge-av", "any", "UDP", "3478", "3478",
       "A/V/STUN,MSTURN/UDP/3478 | Edge AVE public IP | Any [3478OUT]"),
    FW(EXT, "any", "edge-av", "UDP", "any", "3478",
       "A/V/STUN,MSTURN/UDP/3478 | Any | Edge AVE public IP"),
    FW(EXT, "any", "edge-av", "TCP", "any", "443",
       "A/V/STUN,MSTURN/TCP/443 | Any | Edge AVE public IP"),
    FW(EXT, "edge-av", "any", "TCP", "any", "443",
       "A/V/STUN,MSTURN/TCP/443 | Edge AVE public IP | Any"),
};

/* §2.3.5 Internal Interface Node 1 and Node 2.  "Any (Director IP, FE Server
 * IP or Pool virtual IP)" is a Director row and a Front End row. */
static const struct seed_row lync_hlb_int_rows[] = {
    FWW(INT, "frontend-pool", "edge-internal", "TCP", "any", "23456", "federation=xmpp",
	"XMPP/MTLS/TCP/23456 | Any (FE Server, or FE pool VIP running XMPP Gateway) | Edge "
	"internal"),
    FW(INT, "frontend-cms", "edge-internal", "TCP", "any", "4443",
       "HTTPS/TCP/4443 | Any (FE Server or pool that holds the CMS) | Edge internal"),
    FW(INT, "frontend-pool|frontend-servers", "edge-internal", "TCP", "any", "8057",
       "PSOM/MTLS/TCP/8057 | Any (Director IP, FE Server IP or Pool VIP) | Edge internal"),
    FWW(INT, "director-pool|director-servers", "edge-internal", "TCP", "any", "8057", "director",
	"PSOM/MTLS/TCP/8057 | Any (Director IP, FE Server IP or Pool VIP) | Edge internal"),
    FW(INT, "frontend-pool|frontend-servers", "edge-internal", "UDP", "any", "3478",
       "STUN/MSTURN/UDP/3478 | Any (Director IP, FE Server IP or Pool VIP) | Edge internal"),
    FWW(INT, "director-pool|director-servers", "edge-internal", "UDP", "any", "3478", "director",
	"STUN/MSTURN/UDP/3478 | Any (Director IP, FE Server IP or Pool VIP) | Edge internal"),
    FW(INT, "frontend-pool|frontend-servers", "edge-internal", "TCP", "any", "443",
       "STUN/MSTURN/TCP/443 | Any (Director IP, FE Server IP or Pool VIP) | Edge internal"),
    FWW(INT, "director-pool|director-servers", "edge-internal", "TCP", "any", "443", "director",
	"STUN/MSTURN/TCP/443 | Any (Director IP, FE Server IP or Pool VIP) | Edge internal"),
    FW(INT, "any", "edge-internal", "TCP", "any", "50001",
       "MTLS/TCP/50001 | Any | Edge internal [CLS]"),
    FW(INT, "any", "edge-internal", "TCP", "any", "50002",
       "MTLS/TCP/50002 | Any | Edge internal [CLS]"),
    FW(INT, "any", "edge-internal", "TCP", "any", "50003",
       "MTLS/TCP/50003 | Any | Edge internal [CLS]"),
};

/* §2.3.5 External Interface Virtual IPs. */
static const struct seed_row lync_hlb_ext_vip_rows[] = {
    FWW(EXT, "any", "edge-access-vip", "TCP", "any", "5269", "federation=xmpp",
	"XMPP/TCP/5269 | Any | XMPP Proxy (shares IP with Access Edge)"),
    FWW(EXT, "edge-access-vip", "any", "TCP", "any", "5269", "federation=xmpp",
	"XMPP/TCP/5269 | XMPP Proxy (shares IP with Access Edge) | Any"),
    FW(EXT, "any", "edge-access-vip", "TCP", "any", "443",
       "Access/SIP(TLS)/TCP/443 | Any | Access Edge public VIP"),
    FW(EXT, "any", "edge-access-vip", "TCP", "any", "5061",
       "Access/SIP(MTLS)/TCP/5061 | Any | Access Edge public VIP"),
    FW(EXT, "edge-access-vip", "any", "TCP", "any", "5061",
       "Access/SIP(MTLS)/TCP/5061 | Access Edge public VIP | Federated partner"),
    FW(EXT, "any", "edge-webconf-vip", "TCP", "any", "443",
       "Web Conferencing/PSOM(TLS)/TCP/443 | Any | Web Conferencing Edge public VIP"),
    FW(EXT, "any", "edge-av-vip", "UDP", "any", "3478",
       "A/V/STUN,MSTURN/UDP/3478 | Any | A/V Edge public VIP"),
    FW(EXT, "any", "edge-av-vip", "TCP", "any", "443",
       "A/V/STUN,MSTURN/TCP/443 | Any | A/V Edge public VIP"),
};

/* §2.3.5 Internal Interface Virtual IPs. */
static const struct seed_row lync_hlb_int_vip_rows[] = {
    FW(INT, "frontend-pool", "edge-internal-vip", "TCP", "any", "5061",
       "Access/SIP(MTLS)/TCP/5061 | Any (Director, Director pool VIP, FE or FE pool VIP) | "
       "Internal VIP"),
    FWW(INT, "director-pool", "edge-internal-vip", "TCP", "any", "5061", "director",
	"Access/SIP(MTLS)/TCP/5061 | Any (Director, Director pool VIP, FE or FE pool VIP) | "
	"Internal VIP"),
    FW(INT, "edge-internal-vip", "frontend-pool", "TCP", "any", "5061",
       "Access/SIP(MTLS)/TCP/5061 | Internal VIP | Any (Director, Director pool VIP, FE or FE "
       "pool VIP)"),
    FWW(INT, "edge-internal-vip", "director-pool", "TCP", "any", "5061", "director",
	"Access/SIP(MTLS)/TCP/5061 | Internal VIP | Any (Director, Director pool VIP, FE or FE "
	"pool VIP)"),
    FW(INT, "frontend-pool|frontend-servers", "edge-internal-vip", "TCP", "any", "5062",
       "SIP/MTLS/TCP/5062 | Any (FE Server IP, FE pool IP, any SBA or SBS) | Internal VIP"),
    FWW(INT, "branch-appliances", "edge-internal-vip", "TCP", "any", "5062", "branch",
	"SIP/MTLS/TCP/5062 | Any (FE Server IP, FE pool IP, any SBA or SBS) | Internal VIP"),
    FW(INT, "any", "edge-internal-vip", "UDP", "any", "3478",
       "STUN/MSTURN/UDP/3478 | Any | Internal VIP"),
    FW(INT, "any", "edge-internal-vip", "TCP", "any", "443",
       "STUN/MSTURN/TCP/443 | Any | Internal VIP"),
    FW(INT, "edge-internal-vip", "any", "TCP", "any", "443",
       "STUN/MSTURN/TCP/443 | Internal VIP | Any"),
};

/* Derived, not a document table: every port that §2.2.5/§2.2.6 and §2.3.5
 * open towards an Edge virtual IP is a port that the hardware load balancer
 * balances from that VIP to the matching interface of the Edge Servers. */
static const struct seed_row edge_vip_lb_rows[] = {
    LBT("edge-access", "edge-access-vip", "TCP", "443", NULL,
	"Access Edge VIP: Access/SIP(TLS) TCP 443"),
    LBT("edge-access", "edge-access-vip", "TCP", "5061", NULL,
	"Access Edge VIP: Access/SIP(MTLS) TCP 5061"),
    LBT("edge-access", "edge-access-vip", "TCP", "5269", "federation=xmpp",
	"Access Edge VIP: XMPP TCP 5269"),
    LBT("edge-webconf", "edge-webconf-vip", "TCP", "443", NULL,
	"Web Conferencing Edge VIP: PSOM(TLS) TCP 443"),
    LBT("edge-av", "edge-av-vip", "UDP", "3478", NULL, "A/V Edge VIP: STUN/MSTURN UDP 3478"),
    LBT("edge-av", "edge-av-vip", "TCP", "443", NULL, "A/V Edge VIP: STUN/MSTURN TCP 443"),
    LBT("edge-internal", "edge-internal-vip", "TCP", "5061", NULL,
	"Internal Edge VIP: SIP/MTLS TCP 5061"),
    LBT("edge-internal", "edge-internal-vip", "TCP", "5062", NULL,
	"Internal Edge VIP: SIP/MTLS TCP 5062"),
    LBT("edge-internal", "edge-internal-vip", "UDP", "3478", NULL,
	"Internal Edge VIP: STUN/MSTURN UDP 3478"),
    LBT("edge-internal", "edge-internal-vip", "TCP", "443", NULL,
	"Internal Edge VIP: STUN/MSTURN TCP 443"),
};

/* ==== ports-reference §2.4, §2.5, §2.6 ==================================== */

/* §2.4 Port summary - Reverse proxy: External interface, then Internal
 * interface.  "FE Server, FE pool, Director, Director pool" is a Front End
 * row and a Director row. */
static const struct seed_row rp_rows[] = {
    FW(EXT, "any", "reverse-proxy-external", "TCP", "any", "80",
       "External: HTTP/TCP/80 | Any | Reverse proxy listener"),
    FW(EXT, "any", "reverse-proxy-external", "TCP", "any", "443",
       "External: HTTPS/TCP/443 | Any | Reverse proxy listener"),
    FW(INT, "reverse-proxy-internal", "frontend-pool|frontend-vip", "TCP", "any", "8080",
       "Internal: HTTP/TCP/8080 | Internal RP interface | FE Server, FE pool, Director, "
       "Director pool"),
    FWW(INT, "reverse-proxy-internal", "director-pool|director-vip", "TCP", "any", "8080", "director",
	"Internal: HTTP/TCP/8080 | Internal RP interface | FE Server, FE pool, Director, "
	"Director pool"),
    FW(INT, "reverse-proxy-internal", "frontend-pool|frontend-vip", "TCP", "any", "4443",
       "Internal: HTTPS/TCP/4443 | Internal RP interface | FE Server, FE pool, Director, "
       "Director pool"),
    FWW(INT, "reverse-proxy-internal", "director-pool|director-vip", "TCP", "any", "4443", "director",
	"Internal: HTTPS/TCP/4443 | Internal RP interface | FE Server, FE pool, Director, "
	"Director pool"),
    FWW(INT, "reverse-proxy-internal", "office-web-apps", "TCP", "any", "443", "office-web-apps",
	"Internal: HTTPS/TCP/443 | Internal RP interface | Office Web Apps for conferencing"),
};

/* §2.5 Port summary - DNS and HLB load balanced: "Single Director Ports and
 * Protocols for Firewall Definitions".  "Director" names the pool and its
 * servers alike. */
static const struct seed_row director_rows[] = {
    FW(NULL, "reverse-proxy-internal", "director-vip", "TCP", "any", "8080",
       "HTTP/TCP 8080 | Reverse proxy internal interface | Director HLB VIP"),
    FW(NULL, "reverse-proxy-internal", "director-vip", "TCP", "any", "4443",
       "HTTPS/TCP 4443 | Reverse proxy internal interface | Director HLB VIP"),
    FW(NULL, "director-pool|director-servers", "frontend-pool|frontend-servers", "TCP", "any",
       "444", "HTTPS/TCP 444 | Director | Front End pool or Front End Server"),
    FW(NULL, "internal-clients", "director-vip", "TCP", "any", "80",
       "HTTP/TCP 80 | Internal Clients | Director HLB VIP"),
    FW(NULL, "internal-clients", "director-vip", "TCP", "any", "443",
       "HTTPS/TCP 443 | Internal Clients | Director HLB VIP"),
    FW(NULL, "edge-internal", "director-pool|director-servers", "TCP", "any", "5061",
       "SIP/MTLS/TCP 5061 | Edge Server internal interface | Director"),
    FW(NULL, "any", "director-pool|director-servers", "TCP", "any", "50001",
       "MTLS/TCP/50001 | Any | Director [CLS]"),
    FW(NULL, "any", "director-pool|director-servers", "TCP", "any", "50002",
       "MTLS/TCP/50002 | Any | Director [CLS]"),
    FW(NULL, "any", "director-pool|director-servers", "TCP", "any", "50003",
       "MTLS/TCP/50003 | Any | Director [CLS]"),
};

/* §2.6 Determine external A/V firewall and port requirements: the "source
 * and destination" rules, and the OCS 2007 rows of its IMPORTANT note (TCP
 * and UDP 50,000-59,999 open inbound and outbound: four rows with
 * 50000-59999 as destination ports).  The "destination only" table states
 * the same flows for firewalls that do not filter source ports; the catalog
 * keeps source ports, so the source-and-destination form is the one
 * checked. */
static const struct seed_row av_rows[] = {
    FW(EXT, "edge-av", "any", "TCP", "50000-59999", "443",
       "A/V Edge interface | Any | TCP 50,000-59,999 | TCP 443"),
    FW(EXT, "edge-av", "any", "UDP", "3478", "3478",
       "A/V Edge interface | Any | UDP 3478 | UDP 3478"),
    FW(EXT, "any", "edge-av", "TCP", "any", "443", "Any | A/V Edge interface | Any | TCP 443"),
    FW(EXT, "any", "edge-av", "UDP", "any", "3478", "Any | A/V Edge interface | Any | UDP 3478"),
    FWW(EXT, "any", "edge-av", "TCP", "any", "50000-59999", "ocs2007-federation",
	"IMPORTANT: OCS 2007 needs TCP 50,000-59,999 inbound"),
    FWW(EXT, "any", "edge-av", "UDP", "any", "50000-59999", "ocs2007-federation",
	"IMPORTANT: OCS 2007 needs UDP 50,000-59,999 inbound"),
    FWW(EXT, "edge-av", "any", "TCP", "any", "50000-59999", "ocs2007-federation",
	"IMPORTANT: OCS 2007 needs TCP 50,000-59,999 outbound"),
    FWW(EXT, "edge-av", "any", "UDP", "any", "50000-59999", "ocs2007-federation",
	"IMPORTANT: OCS 2007 needs UDP 50,000-59,999 outbound"),
};

/* ==== the tables ========================================================== */

#define S002 "002_18653db6862f62fb.txt"
#define S004 "004_7ff918a51cecdb80.txt"

static struct seed_table t_servers =
    TABLE(S002, "Puertos de servidor obligatorios (por rol de servidor)", servers_rows);
static struct seed_table t_hlb_only =
    TABLE(S002,
	  "Puertos del equilibrador de carga de hardware si solo usa equilibrio de carga de "
	  "hardware",
	  hlb_only_rows);
static struct seed_table t_hlb_dns =
    TABLE(S002, "Puertos del equilibrador de carga de hardware si usa equilibrio de carga de DNS",
	  hlb_dns_rows);
static struct seed_table t_clients = TABLE(S002, "Puertos de cliente necesarios", clients_rows);
static struct seed_table t_ipsec = TABLE(S002, "Excepciones de IPsec recomendadas", ipsec_rows);
static struct seed_table t_um_es =
    TABLE("000_0d43d963c068dc5e.txt",
	  "Puertos de escucha de mensajería unificada; Protocolo de inicio de sesión; "
	  "reglas del Firewall de Windows",
	  um_es_rows);
static struct seed_table t_um_zh =
    TABLE("001_b367d516ae0aa8cc.txt", "UM 侦听端口; 会话初始协议; Windows 防火墙规则", um_zh_rows);
static struct seed_table t_um_it =
    TABLE("003_82a2582b03f733c3.txt",
	  "Porte di ascolto di messaggistica unificata; Session Initiation Protocol; regole "
	  "di Windows Firewall",
	  um_it_rows);
static struct seed_table t_um_en =
    TABLE("ports-reference §2.7", "Exchange 2013 UM protocols, ports, and services", um_en_rows);
static struct seed_table t_um_not_tcp =
    TABLE("000/001/003", "UM startup mode TCP: secured-only and Dual-only ports", um_not_tcp_rows);
static struct seed_table t_um_not_tls =
    TABLE("000/001/003", "UM startup mode TLS: unsecured and Dual-only ports", um_not_tls_rows);
static struct seed_table t_fed_sip =
    TABLE(S004, "Resumen del firewall: federación SIP", fed_sip_es_rows);
static struct seed_table t_fed_public_im =
    TABLE(S004, "Resumen del firewall: Conectividad de mensajería instantánea pública",
	  fed_public_im_es_rows);
static struct seed_table t_fed_xmpp =
    TABLE(S004, "Resumen del firewall: Protocolo extensible de mensajería y presencia (XMPP)",
	  fed_xmpp_es_rows);
static struct seed_table t_fed_en = TABLE(
    "ports-reference §2.3.6", "Port summary - SIP, XMPP federation, and public IM", fed_en_rows);
static struct seed_table t_sfb_ext =
    TABLE("ports-reference §2.2.1", "SfB 2015 Edge: external port firewall summary", sfb_ext_rows);
static struct seed_table t_sfb_int =
    TABLE("ports-reference §2.2.2", "SfB 2015 Edge: internal port firewall summary", sfb_int_rows);
static struct seed_table t_sfb_hlb_ext =
    TABLE("ports-reference §2.2.3", "SfB 2015 Edge HLB: external port firewall summary",
	  sfb_hlb_ext_rows);
static struct seed_table t_sfb_hlb_int =
    TABLE("ports-reference §2.2.4", "SfB 2015 Edge HLB: internal port firewall summary",
	  sfb_hlb_int_rows);
static struct seed_table t_sfb_hlb_ext_vip =
    TABLE("ports-reference §2.2.5", "SfB 2015 Edge HLB: external interface virtual IPs",
	  sfb_hlb_ext_vip_rows);
static struct seed_table t_sfb_hlb_int_vip =
    TABLE("ports-reference §2.2.6", "SfB 2015 Edge HLB: internal interface virtual IPs",
	  sfb_hlb_int_vip_rows);
static struct seed_table t_lync_single_nat_ext = TABLE(
    "ports-reference §2.3.1", "Lync 2013 single Edge, private IP using NAT: external interface",
    lync_single_nat_ext_rows);
static struct seed_table t_lync_single_public_ext =
    TABLE("ports-reference §2.3.2", "Lync 2013 single Edge, public IP: external interface",
	  lync_single_public_ext_rows);
static struct seed_table t_lync_scaled_nat_ext =
    TABLE("ports-reference §2.3.3",
	  "Lync 2013 scaled Edge, DNS LB, private IP using NAT: external interface",
	  lync_scaled_nat_ext_rows);
static struct seed_table t_lync_scaled_public_ext =
    TABLE("ports-reference §2.3.4",
	  "Lync 2013 scaled Edge, DNS LB, public IP: external "
	  "interface",
	  lync_scaled_public_ext_rows);
static struct seed_table t_lync_int =
    TABLE("ports-reference §2.3.1-§2.3.4", "Lync 2013 single/DNS-scaled Edge: internal interface",
	  lync_int_rows);
static struct seed_table t_lync_hlb_ext = TABLE(
    "ports-reference §2.3.5", "Lync 2013 HLB Edge: external interface (nodes)", lync_hlb_ext_rows);
static struct seed_table t_lync_hlb_int = TABLE(
    "ports-reference §2.3.5", "Lync 2013 HLB Edge: internal interface (nodes)", lync_hlb_int_rows);
static struct seed_table t_lync_hlb_ext_vip =
    TABLE("ports-reference §2.3.5", "Lync 2013 HLB Edge: external interface virtual IPs",
	  lync_hlb_ext_vip_rows);
static struct seed_table t_lync_hlb_int_vip =
    TABLE("ports-reference §2.3.5", "Lync 2013 HLB Edge: internal interface virtual IPs",
	  lync_hlb_int_vip_rows);
static struct seed_table t_edge_vip_lb =
    TABLE("derived from §2.2.5, §2.2.6, §2.3.5", "Edge VIP ports on the hardware load balancer",
	  edge_vip_lb_rows);
static struct seed_table t_rp =
    TABLE("ports-reference §2.4", "Port summary - Reverse proxy", rp_rows);
static struct seed_table t_director =
    TABLE("ports-reference §2.5", "Single Director ports and protocols", director_rows);
static struct seed_table t_av = TABLE(
    "ports-reference §2.6", "External A/V firewall: source and destination port rules", av_rows);

/* Every transcribed document table (the catalog-level checks). */
static struct seed_table *const all_tables[] = {
    &t_servers,
    &t_hlb_only,
    &t_hlb_dns,
    &t_clients,
    &t_ipsec,
    &t_um_es,
    &t_um_zh,
    &t_um_it,
    &t_um_en,
    &t_fed_sip,
    &t_fed_public_im,
    &t_fed_xmpp,
    &t_fed_en,
    &t_sfb_ext,
    &t_sfb_int,
    &t_sfb_hlb_ext,
    &t_sfb_hlb_int,
    &t_sfb_hlb_ext_vip,
    &t_sfb_hlb_int_vip,
    &t_lync_single_nat_ext,
    &t_lync_single_public_ext,
    &t_lync_scaled_nat_ext,
    &t_lync_scaled_public_ext,
    &t_lync_int,
    &t_lync_hlb_ext,
    &t_lync_hlb_int,
    &t_lync_hlb_ext_vip,
    &t_lync_hlb_int_vip,
    &t_edge_vip_lb,
    &t_rp,
    &t_director,
    &t_av,
};

/* ==== matching ============================================================ */

static struct catalog *catalog;

/* True when have is one of the '|'-separated alternatives of want; a NULL
 * want matches anything. */
static bool alt_match(const char *want, const char *have)
{
	size_t n = strlen(have);

	if (!want)
		return true;
	for (const char *p = want;;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, have, n) == 0)
			return true;
		if (!bar)
			return false;
		p = bar + 1;
	}
}

/* String equality that takes an en dash (U+2013) for a hyphen: the seed
 * documents spell "UMWorkerProcess – RPC" with one, the English page
 * without. */
static bool dash_equal(const char *a, const char *b)
{
	static const char en_dash[] = "\xe2\x80\x93";

	while (*a && *b) {
		bool da = strncmp(a, en_dash, 3) == 0, db = strncmp(b, en_dash, 3) == 0;
		char ca = da ? '-' : *a, cb = db ? '-' : *b;
		if (ca != cb)
			return false;
		a += da ? 3 : 1;
		b += db ? 3 : 1;
	}
	return *a == *b;
}

/* The fields the documents state: table, endpoints, transport, ports. */
static bool flow_matches(const struct seed_row *r, const struct catalog_rule *c)
{
	return c->table == r->table && alt_match(r->source, c->source->id) &&
	       alt_match(r->destination, c->destination->id) &&
	       strcmp(r->transport, c->transport) == 0 &&
	       strcmp(r->source_port, c->source_port) == 0 &&
	       strcmp(r->destination_port, c->destination_port) == 0 &&
	       (!r->service || (c->service && dash_equal(r->service, c->service)));
}

static bool rule_matches(const struct seed_row *r, const struct catalog_rule *c)
{
	return flow_matches(r, c) && alt_match(r->scope, c->scope->id);
}

static const struct catalog_rule *catalog_match(const struct seed_row *r)
{
	for (size_t i = 0; i < catalog->n_rules; i++)
		if (rule_matches(r, &catalog->rules[i]))
			return &catalog->rules[i];
	return NULL;
}

static void format_condition(const struct condition *c, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < c->n_atoms && used < size; i++) {
		const struct condition_atom *a = &c->atoms[i];
		used += (size_t)snprintf(buf + used, size - used, "%s%s%s", i ? " " : "",
					 a->negated ? "!" : "", a->name);
		for (size_t j = 0; a->values && a->values[j] && used < size; j++)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", j ? "|" : "=",
						 a->values[j]);
	}
	if (c->n_atoms == 0)
		snprintf(buf, size, "(always)");
}

static void print_rule(const char *prefix, const struct catalog_rule *c)
{
	char when[512];

	format_condition(&c->when, when, sizeof when);
	print_message("%s%s (catalog.xml:%d): %s %s %s -> %s %s sport %s dport %s service \"%s\" "
		      "when %s\n",
		      prefix, c->id, c->line, catalog_table_key(c->table), c->scope->id,
		      c->source->id, c->destination->id, c->transport, c->source_port,
		      c->destination_port, c->service ? c->service : "", when);
}

static void print_row(const char *what, const struct seed_table *t, const struct seed_row *r)
{
	print_message("%s: %s, \"%s\"\n    row: %s\n    expected: %s %s %s -> %s %s sport %s "
		      "dport %s%s%s%s\n",
		      what, t->document, t->title, r->text, catalog_table_key(r->table),
		      r->scope ? r->scope : "(any scope)", r->source, r->destination, r->transport,
		      r->source_port, r->destination_port, r->service ? " service \"" : "",
		      r->service ? r->service : "", r->service ? "\"" : "");
}

/* Catalog rules that come close to a missing row: the same flow in another
 * scope, or the same endpoints and destination port. */
static void print_near_misses(const struct seed_row *r)
{
	int shown = 0;

	for (size_t i = 0; i < catalog->n_rules && shown < 4; i++) {
		const struct catalog_rule *c = &catalog->rules[i];
		bool same_flow = flow_matches(r, c);
		bool close = c->table == r->table && alt_match(r->source, c->source->id) &&
			     alt_match(r->destination, c->destination->id) &&
			     (strcmp(r->destination_port, c->destination_port) == 0 ||
			      strcmp(r->source_port, c->source_port) == 0);
		if (same_flow || close) {
			print_rule(same_flow ? "    same flow, other scope: " : "    closest: ", c);
			shown++;
		}
	}
	if (!shown)
		print_message("    (no catalog rule joins these endpoints on this port)\n");
}

/* ==== catalog level ======================================================= */

static void test_catalog_has_table(void **state)
{
	const struct seed_table *t = *state;
	size_t missing = 0;

	for (size_t i = 0; i < t->n_rows; i++) {
		if (catalog_match(&t->rows[i]))
			continue;
		print_row("MISSING in catalog", t, &t->rows[i]);
		print_near_misses(&t->rows[i]);
		missing++;
	}
	print_message("%s \"%s\": %zu rows, %zu missing\n", t->document, t->title, t->n_rows,
		      missing);
	assert_int_equal(missing, 0);
}

/* The number of names in row r that the catalog does not know. */
static size_t unknown_names(const struct seed_row *r)
{
	const char *ids[2] = {r->source, r->destination};
	size_t bad = 0;

	for (size_t k = 0; k < 2; k++) {
		char *copy = xstrdup(ids[k]), *save = NULL;
		for (char *p = strtok_r(copy, "|", &save); p; p = strtok_r(NULL, "|", &save))
			if (!catalog_find_endpoint(catalog, p)) {
				print_message("unknown endpoint %s in \"%s\"\n", p, r->text);
				bad++;
			}
		free(copy);
	}
	if (r->scope) {
		bool known = false;
		for (size_t s = 0; s < catalog->n_scopes; s++)
			known |= strcmp(catalog->scopes[s].id, r->scope) == 0;
		if (!known) {
			print_message("unknown scope %s in \"%s\"\n", r->scope, r->text);
			bad++;
		}
	}
	if (r->when) {
		struct condition c;
		struct uc_error err = {0};
		if (condition_parse(r->when, &c, &err) != UC_OK) {
			print_message("bad condition \"%s\": %s\n", r->when, err.message);
			bad++;
		} else {
			condition_free(&c);
		}
	}
	return bad;
}

/* The fixtures themselves: every endpoint, scope and condition they name is
 * in the catalog's vocabulary, so a typo cannot pass for a missing rule. */
static void test_fixtures_use_catalog_vocabulary(void **state)
{
	const struct seed_table *absent[] = {&t_um_not_tcp, &t_um_not_tls};
	size_t bad = 0;

	(void)state;
	for (size_t t = 0; t < COUNT(all_tables); t++)
		for (size_t i = 0; i < all_tables[t]->n_rows; i++)
			bad += unknown_names(&all_tables[t]->rows[i]);
	for (size_t t = 0; t < COUNT(absent); t++)
		for (size_t i = 0; i < absent[t]->n_rows; i++)
			bad += unknown_names(&absent[t]->rows[i]);
	assert_int_equal(bad, 0);
}

/* 000 (es), 001 (zh), 003 (it) and §2.7 (en) were transcribed separately:
 * they must state the same flows, row for row. */
static void test_um_versions_agree(void **state)
{
	const struct seed_table *versions[] = {&t_um_zh, &t_um_it, &t_um_en};
	size_t differ = 0;

	(void)state;
	for (size_t v = 0; v < COUNT(versions); v++) {
		const struct seed_table *o = versions[v];
		assert_int_equal(o->n_rows, t_um_es.n_rows);
		for (size_t i = 0; i < o->n_rows; i++) {
			const struct seed_row *a = &t_um_es.rows[i], *b = &o->rows[i];
			if (a->table != b->table || strcmp(a->source, b->source) ||
			    strcmp(a->destination, b->destination) ||
			    strcmp(a->transport, b->transport) ||
			    strcmp(a->source_port, b->source_port) ||
			    strcmp(a->destination_port, b->destination_port) ||
			    strcmp(a->when, b->when) ||
			    (a->service && !dash_equal(a->service, b->service))) {
				print_message("%s row \"%s\" differs from 000 row \"%s\"\n",
					      o->document, b->text, a->text);
				differ++;
			}
		}
	}
	assert_int_equal(differ, 0);
}

/* Informational: catalog rules that no transcribed row states (rules the
 * catalog derives on its own, or facts from prose the fixtures do not
 * carry).  Printed for review; never a failure. */
static void test_list_rules_without_document_row(void **state)
{
	size_t extra = 0;

	(void)state;
	for (size_t i = 0; i < catalog->n_rules; i++) {
		const struct catalog_rule *c = &catalog->rules[i];
		bool stated = false;
		for (size_t t = 0; t < COUNT(all_tables) && !stated; t++)
			for (size_t j = 0; j < all_tables[t]->n_rows && !stated; j++)
				stated = rule_matches(&all_tables[t]->rows[j], c);
		if (!stated) {
			print_rule("    not in a transcribed table: ", c);
			extra++;
		}
	}
	print_message("%zu of %zu catalog rules have no transcribed document row\n", extra,
		      catalog->n_rules);
}

/* ==== topology level ====================================================== */

struct topology {
	const char *name;
	enum product_version version;
	enum edge_topology edge;
	enum edge_addressing addressing;
	bool ocs2007;
	enum pool_lb pool_lb;
	enum mediation_mode mediation;
	enum um_mode um;
	bool ipsec;
	bool extras; /* reverse proxy, Persistent Chat, Office Web Apps */
	/* document rows that must be in the report (when their own condition
	 * holds), and rows that must not be */
	struct seed_table *present[8];
	struct seed_table *absent[4];
	/* no external-firewall row of the Edge with destination port
	 * 50000-59999: SfB 2015 dropped them, and Lync 2013 keeps them only
	 * for OCS 2007 federation */
	bool no_edge_rtp_destination;
	/* no rule of the HLB-only table (2.1.2) that the DNS-LB table (2.1.3)
	 * does not repeat */
	bool no_hlb_only_ports;
};

static struct plan *build_plan(const struct topology *t)
{
	struct plan *plan = plan_new_default();
	struct site *site;
	size_t edges = t->edge == EDGE_SINGLE ? 1 : 2;

	plan->version = t->version;
	plan->federation = FEDERATION_SIP | FEDERATION_PUBLIC_IM | FEDERATION_XMPP;
	plan->ocs2007_federation = t->ocs2007;
	plan->ipsec = t->ipsec;
	plan_set_pool_lb(plan, 0, t->pool_lb);
	plan_set_director(plan, 0, true, 2);
	if (t->mediation != MEDIATION_NONE)
		plan_set_mediation(plan, 0, t->mediation,
				   t->mediation == MEDIATION_STANDALONE ? 2 : 0, 1);
	if (t->edge != EDGE_NONE)
		plan_set_edge(plan, 0, t->edge, t->addressing, edges);
	if (t->um != UM_NONE)
		plan_set_um(plan, 0, t->um, 2);
	if (t->extras) {
		plan_set_reverse_proxy(plan, 0, true);
		plan_set_persistent_chat(plan, 0, true);
		plan_set_office_web_apps(plan, 0, true);
	}
	site = &plan->sites[0];
	site->cms = true;
	/* one Survivable Branch Appliance, for the rows that name SBA/SBS */
	site->branches = xcalloc(1, sizeof *site->branches);
	site->branches[0].name = xstrdup("Branch 1");
	site->branches[0].kind = BRANCH_SBA;
	site->n_branches = 1;
	plan_fill_defaults(plan);
	return plan;
}

static bool row_applies(const struct seed_row *r, const struct plan *plan)
{
	struct condition c;
	struct uc_error err = {0};
	bool holds;

	if (!r->when)
		return true;
	assert_int_equal(condition_parse(r->when, &c, &err), UC_OK);
	holds = condition_holds(&c, plan, &plan->sites[0]);
	condition_free(&c);
	return holds;
}

static const struct report_flow *report_match(const struct report *rep, const struct seed_row *r)
{
	const struct report_flows *t = &rep->tables[r->table];

	for (size_t i = 0; i < t->n_flows; i++)
		if (t->flows[i].rule && rule_matches(r, t->flows[i].rule))
			return &t->flows[i];
	return NULL;
}

/* Why a row is not in the report: the catalog rules that state it, and
 * whether their conditions hold for the plan. */
static void explain_missing(const struct seed_row *r, const struct plan *plan)
{
	bool any = false;

	for (size_t i = 0; i < catalog->n_rules; i++) {
		const struct catalog_rule *c = &catalog->rules[i];
		if (!rule_matches(r, c))
			continue;
		print_rule(condition_holds(&c->when, plan, &plan->sites[0])
			       ? "    catalog rule (condition holds!): "
			       : "    catalog rule whose condition does not hold: ",
			   c);
		any = true;
	}
	if (!any) {
		print_message("    no catalog rule states this row\n");
		print_near_misses(r);
	}
}

static bool is_edge_endpoint(const struct catalog_endpoint *e)
{
	return strncmp(e->id, "edge-", 5) == 0;
}

static void test_topology(void **state)
{
	const struct topology *t = *state;
	struct plan *plan = build_plan(t);
	struct report *rep = report_build(plan, catalog);
	size_t missing = 0, unexpected = 0, checked = 0;

	assert_non_null(rep);
	for (size_t k = 0; k < COUNT(t->present) && t->present[k]; k++) {
		const struct seed_table *tab = t->present[k];
		for (size_t i = 0; i < tab->n_rows; i++) {
			const struct seed_row *r = &tab->rows[i];
			if (!row_applies(r, plan))
				continue;
			checked++;
			if (report_match(rep, r))
				continue;
			print_row(t->name, tab, r);
			print_message("    MISSING from the report\n");
			explain_missing(r, plan);
			missing++;
		}
	}
	for (size_t k = 0; k < COUNT(t->absent) && t->absent[k]; k++) {
		const struct seed_table *tab = t->absent[k];
		for (size_t i = 0; i < tab->n_rows; i++) {
			const struct report_flow *row = report_match(rep, &tab->rows[i]);
			if (!row)
				continue;
			print_row(t->name, tab, &tab->rows[i]);
			print_rule("    UNEXPECTED in the report: ", row->rule);
			unexpected++;
		}
	}
	if (t->no_hlb_only_ports) {
		for (size_t i = 0; i < t_hlb_only.n_rows; i++) {
			const struct seed_row *r = &t_hlb_only.rows[i];
			const struct report_flow *row;
			bool also_dns = false;
			for (size_t j = 0; j < t_hlb_dns.n_rows; j++)
				also_dns |= strcmp(t_hlb_dns.rows[j].source, r->source) == 0 &&
					    strcmp(t_hlb_dns.rows[j].destination_port,
						   r->destination_port) == 0;
			if (also_dns || !(row = report_match(rep, r)))
				continue;
			print_row(t->name, &t_hlb_only, r);
			print_rule("    UNEXPECTED with DNS load balancing: ", row->rule);
			unexpected++;
		}
	}
	if (t->no_edge_rtp_destination) {
		const struct report_flows *fw = &rep->tables[CATALOG_FIREWALL];
		for (size_t i = 0; i < fw->n_flows; i++) {
			const struct catalog_rule *c = fw->flows[i].rule;
			if (strcmp(c->scope->id, "external-firewall") != 0 ||
			    strcmp(c->destination_port, "50000-59999") != 0 ||
			    !(is_edge_endpoint(c->source) || is_edge_endpoint(c->destination)))
				continue;
			print_message("%s: Edge row with destination port 50000-59999 (OCS 2007 "
				      "only, not in this plan)\n",
				      t->name);
			print_rule("    UNEXPECTED in the report: ", c);
			unexpected++;
		}
	}
	print_message("%s: %zu document rows checked, %zu missing, %zu unexpected\n", t->name,
		      checked, missing, unexpected);
	report_free(rep);
	plan_free(plan);
	assert_int_equal(missing, 0);
	assert_int_equal(unexpected, 0);
	assert_true(checked > 0);
}

/* Skype for Business Server 2015 Edge topologies (ports-reference §2.2):
 * single and DNS-scaled, with NAT or public addresses, share §2.2.1 and
 * §2.2.2; the HLB Edge uses §2.2.3 to §2.2.6 (and needs public addresses). */
#define SFB_EDGE(nm, e, a)                                                                         \
	{                                                                                          \
		.name = nm, .version = PRODUCT_SFB2015, .edge = e, .addressing = a,                \
		.present = {&t_sfb_ext, &t_sfb_int}, .no_edge_rtp_destination = true               \
	}
/* Lync Server 2013 Edge topologies (ports-reference §2.3.1 to §2.3.4): each
 * scenario page carries the federation, public IM and XMPP summaries
 * (§2.3.6), and the A/V rules of §2.6 hold for every A/V Edge. */
#define LYNC_EDGE(nm, e, a, ext, ocs)                                                              \
	{                                                                                          \
		.name = nm, .version = PRODUCT_LYNC2013, .edge = e, .addressing = a,               \
		.ocs2007 = ocs, .present = {ext, &t_lync_int, &t_fed_en, &t_av},                   \
		.no_edge_rtp_destination = !(ocs)                                                  \
	}

static struct topology topologies[] = {
    SFB_EDGE("§2.2.1+§2.2.2 SfB single Edge, NAT", EDGE_SINGLE, EDGE_ADDR_NAT),
    SFB_EDGE("§2.2.1+§2.2.2 SfB single Edge, public", EDGE_SINGLE, EDGE_ADDR_PUBLIC),
    SFB_EDGE("§2.2.1+§2.2.2 SfB scaled DNS Edge, NAT", EDGE_SCALED_DNS, EDGE_ADDR_NAT),
    SFB_EDGE("§2.2.1+§2.2.2 SfB scaled DNS Edge, public", EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC),
    {.name = "§2.2.3-§2.2.6 SfB scaled HLB Edge",
     .version = PRODUCT_SFB2015,
     .edge = EDGE_SCALED_HLB,
     .addressing = EDGE_ADDR_PUBLIC,
     .present = {&t_sfb_hlb_ext, &t_sfb_hlb_int, &t_sfb_hlb_ext_vip, &t_sfb_hlb_int_vip,
		 &t_edge_vip_lb},
     .no_edge_rtp_destination = true},
    LYNC_EDGE("§2.3.1 Lync single Edge, NAT (OCS 2007 federation)", EDGE_SINGLE, EDGE_ADDR_NAT,
	      &t_lync_single_nat_ext, true),
    LYNC_EDGE("§2.3.2 Lync single Edge, public (OCS 2007 federation)", EDGE_SINGLE,
	      EDGE_ADDR_PUBLIC, &t_lync_single_public_ext, true),
    LYNC_EDGE("§2.3.3 Lync scaled DNS Edge, NAT (OCS 2007 federation)", EDGE_SCALED_DNS,
	      EDGE_ADDR_NAT, &t_lync_scaled_nat_ext, true),
    LYNC_EDGE("§2.3.4 Lync scaled DNS Edge, public (OCS 2007 federation)", EDGE_SCALED_DNS,
	      EDGE_ADDR_PUBLIC, &t_lync_scaled_public_ext, true),
    LYNC_EDGE("§2.3.1 Lync single Edge, NAT (no OCS 2007)", EDGE_SINGLE, EDGE_ADDR_NAT,
	      &t_lync_single_nat_ext, false),
    LYNC_EDGE("§2.3.4 Lync scaled DNS Edge, public (no OCS 2007)", EDGE_SCALED_DNS,
	      EDGE_ADDR_PUBLIC, &t_lync_scaled_public_ext, false),
    {.name = "§2.3.5 Lync scaled HLB Edge (OCS 2007 federation)",
     .version = PRODUCT_LYNC2013,
     .edge = EDGE_SCALED_HLB,
     .addressing = EDGE_ADDR_PUBLIC,
     .ocs2007 = true,
     .present = {&t_lync_hlb_ext, &t_lync_hlb_int, &t_lync_hlb_ext_vip, &t_lync_hlb_int_vip, &t_av,
		 &t_edge_vip_lb}},
    {.name = "§2.3.5 Lync scaled HLB Edge (no OCS 2007)",
     .version = PRODUCT_LYNC2013,
     .edge = EDGE_SCALED_HLB,
     .addressing = EDGE_ADDR_PUBLIC,
     .present = {&t_lync_hlb_ext, &t_lync_hlb_int, &t_lync_hlb_ext_vip, &t_lync_hlb_int_vip, &t_av,
		 &t_edge_vip_lb},
     .no_edge_rtp_destination = true},
    /* 002 / §2.1.2 and §2.1.3: the pools' hardware load balancer */
    {.name = "§2.1.2 HLB only, collocated Mediation",
     .version = PRODUCT_SFB2015,
     .pool_lb = POOL_LB_HARDWARE,
     .mediation = MEDIATION_COLLOCATED,
     .present = {&t_hlb_only}},
    {.name = "§2.1.2 HLB only, stand-alone Mediation",
     .version = PRODUCT_SFB2015,
     .pool_lb = POOL_LB_HARDWARE,
     .mediation = MEDIATION_STANDALONE,
     .present = {&t_hlb_only}},
    {.name = "§2.1.3 DNS load balancing, collocated Mediation",
     .version = PRODUCT_SFB2015,
     .pool_lb = POOL_LB_DNS,
     .mediation = MEDIATION_COLLOCATED,
     .present = {&t_hlb_dns},
     .no_hlb_only_ports = true},
    {.name = "§2.1.3 DNS load balancing, stand-alone Mediation",
     .version = PRODUCT_SFB2015,
     .pool_lb = POOL_LB_DNS,
     .mediation = MEDIATION_STANDALONE,
     .present = {&t_hlb_dns},
     .no_hlb_only_ports = true},
    /* 002 / §2.1.1 and §2.1.4: every server role and the clients */
    {.name = "§2.1.1+§2.1.4 server roles, collocated Mediation",
     .version = PRODUCT_SFB2015,
     .edge = EDGE_SINGLE,
     .mediation = MEDIATION_COLLOCATED,
     .extras = true,
     .present = {&t_servers, &t_clients}},
    {.name = "§2.1.1+§2.1.4 server roles, stand-alone Mediation",
     .version = PRODUCT_SFB2015,
     .edge = EDGE_SINGLE,
     .mediation = MEDIATION_STANDALONE,
     .extras = true,
     .present = {&t_servers, &t_clients}},
    /* 002 / §2.1.5 */
    {.name = "§2.1.5 IPsec exceptions",
     .version = PRODUCT_SFB2015,
     .edge = EDGE_SINGLE,
     .mediation = MEDIATION_STANDALONE,
     .um = UM_TCP,
     .ipsec = true,
     .present = {&t_ipsec}},
    /* 000/001/003 / §2.7, one plan per UM startup mode */
    {.name = "000/§2.7 Exchange UM, TCP mode",
     .version = PRODUCT_SFB2015,
     .um = UM_TCP,
     .present = {&t_um_es},
     .absent = {&t_um_not_tcp}},
    {.name = "000/§2.7 Exchange UM, TLS mode",
     .version = PRODUCT_SFB2015,
     .um = UM_TLS,
     .present = {&t_um_es},
     .absent = {&t_um_not_tls}},
    {.name = "000/§2.7 Exchange UM, Dual mode",
     .version = PRODUCT_SFB2015,
     .um = UM_DUAL,
     .present = {&t_um_es}},
    /* §2.4 and §2.5 */
    {.name = "§2.4 reverse proxy",
     .version = PRODUCT_LYNC2013,
     .edge = EDGE_SINGLE,
     .extras = true,
     .present = {&t_rp}},
    {.name = "§2.5 Director",
     .version = PRODUCT_LYNC2013,
     .edge = EDGE_SINGLE,
     .extras = true,
     .present = {&t_director}},
    /* 004: the Lync Server 2013 federation, public IM and XMPP summaries */
    {.name = "004 federation, public IM and XMPP summaries",
     .version = PRODUCT_LYNC2013,
     .edge = EDGE_SINGLE,
     .addressing = EDGE_ADDR_PUBLIC,
     .present = {&t_fed_sip, &t_fed_public_im, &t_fed_xmpp}},
};

/* ==== runner ============================================================== */

static int group_setup(void **state)
{
	struct uc_error err = {0};

	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	if (catalog_load_default(&catalog, &err) != UC_OK) {
		fprintf(stderr, "test_seeds: cannot load the catalog: %s\n", err.message);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	catalog_free(catalog);
	catalog = NULL;
	return 0;
}

#define NAMED_TEST(nm, fn, st)                                                                     \
	{                                                                                          \
		nm, fn, NULL, NULL, st                                                             \
	}

/* The tests are assembled at run time so that each carries its document
 * table's name; _cmocka_run_group_tests() is the function behind
 * cmocka_run_group_tests() for such an array. */
int main(void)
{
	enum { N_FIXED = 3 };
	size_t n = N_FIXED + COUNT(all_tables) + COUNT(topologies);
	struct CMUnitTest *tests = xcalloc(n, sizeof *tests);
	char **names = xcalloc(n, sizeof *names);
	size_t k = 0;
	int rc;

	tests[k++] = (struct CMUnitTest)NAMED_TEST("fixtures use the catalog's vocabulary",
						   test_fixtures_use_catalog_vocabulary, NULL);
	tests[k++] = (struct CMUnitTest)NAMED_TEST("UM: es, zh, it and en versions agree",
						   test_um_versions_agree, NULL);
	tests[k++] = (struct CMUnitTest)NAMED_TEST("catalog rules without a document row (listed)",
						   test_list_rules_without_document_row, NULL);
	for (size_t i = 0; i < COUNT(all_tables); i++) {
		names[k] = xasprintf("catalog has %s \"%s\"", all_tables[i]->document,
				     all_tables[i]->title);
		tests[k] =
		    (struct CMUnitTest)NAMED_TEST(names[k], test_catalog_has_table, all_tables[i]);
		k++;
	}
	for (size_t i = 0; i < COUNT(topologies); i++) {
		names[k] = xasprintf("report for %s", topologies[i].name);
		tests[k] = (struct CMUnitTest)NAMED_TEST(names[k], test_topology, &topologies[i]);
		k++;
	}
	rc = _cmocka_run_group_tests("seeds", tests, k, group_setup, group_teardown);
	for (size_t i = 0; i < k; i++)
		free(names[i]);
	free(names);
	free(tests);
	return rc;
}
