/* wizard.h: the interview as a curses-free state machine.
 *
 * The wizard walks a plan through pages (plan, sites, then for each site
 * its Front End pool, Director, Mediation, Edge, reverse proxy, Exchange UM
 * and other roles, then federation, plan options and a review).  Each page
 * has fields; setting a field changes the plan through the model's setters
 * and answers with a status and a sentence: a refusal explains, where the
 * choice is made, why the product does not support it.  The TUI draws
 * pages and forwards keys; tests drive the same functions. */
#ifndef UCPLAN_WIZARD_H
#define UCPLAN_WIZARD_H

#include <stdbool.h>
#include <stddef.h>

#include "ucplan/model.h"
#include "ucplan/util.h"

enum wizard_page_kind {
	WIZARD_PAGE_PLAN,          /* plan name, SIP domain, product version */
	WIZARD_PAGE_SITES,         /* central sites and their branch sites */
	WIZARD_PAGE_FRONTEND,      /* per site */
	WIZARD_PAGE_DIRECTOR,      /* per site */
	WIZARD_PAGE_MEDIATION,     /* per site */
	WIZARD_PAGE_EDGE,          /* per site */
	WIZARD_PAGE_REVERSE_PROXY, /* per site */
	WIZARD_PAGE_EXCHANGE_UM,   /* per site */
	WIZARD_PAGE_SITE_OTHER,    /* per site: Persistent Chat, Office Web Apps */
	WIZARD_PAGE_FEDERATION,    /* plan-wide */
	WIZARD_PAGE_OPTIONS,       /* plan-wide: IPsec, client media ports, OCS 2007 partners */
	WIZARD_PAGE_REVIEW,
};

enum wizard_field_kind {
	WIZARD_FIELD_TEXT,   /* free text (names) */
	WIZARD_FIELD_FQDN,   /* a DNS name, checked as typed */
	WIZARD_FIELD_CHOICE, /* one of choices[] */
	WIZARD_FIELD_NUMBER, /* an integer in [min, max] */
	WIZARD_FIELD_TOGGLE, /* yes / no */
	WIZARD_FIELD_PORTS,  /* "N" or "N-M" */
};

struct wizard_field {
	const char *key;   /* stable machine key, e.g. "edge.topology" */
	const char *label; /* msgid */
	const char *help;  /* msgid: what the choice means and what we recommend */
	enum wizard_field_kind kind;
	const char *const *choices;       /* CHOICE: machine keys, NULL-terminated */
	const char *const *choice_labels; /* CHOICE: msgids, same order */
	int min, max;                     /* NUMBER */
};

struct wizard_page {
	enum wizard_page_kind kind;
	int site;          /* site index for per-site pages, else -1 */
	const char *title; /* msgid */
	const char *intro; /* msgid: a short explanation and the recommended choice */
	const struct wizard_field *fields;
	size_t n_fields;
};

struct wizard;

/* Starts the interview on plan, which the wizard borrows and changes in
 * place (the caller keeps ownership and must keep it alive).  Starts on the
 * first page.  Free with wizard_free(). */
struct wizard *wizard_new(struct plan *plan);
void wizard_free(struct wizard *w);

/* The plan being edited (borrowed). */
struct plan *wizard_plan(struct wizard *w);

/* Pages.  The page list depends on the plan (one group per site), so it
 * is rebuilt after site changes; the current position is kept on the same
 * page where it still exists. */
size_t wizard_page_count(const struct wizard *w);
size_t wizard_page_index(const struct wizard *w);
/* The current page (borrowed, valid until the next call that changes
 * pages). */
const struct wizard_page *wizard_page(const struct wizard *w);
/* Moves; false when already at the end / the start. */
bool wizard_next(struct wizard *w);
bool wizard_back(struct wizard *w);
bool wizard_goto(struct wizard *w, size_t index);
/* The index of the page of kind (for site's pages, of that site), for
 * wizard_goto(); the first page when there is none such. */
size_t wizard_page_find(const struct wizard *w, enum wizard_page_kind kind, int site);
/* Rebuilds the page list after the plan's sites were changed other than
 * through wizard_site_add/remove (a plan read into the same struct); the
 * position stays on the same page where it still exists. */
void wizard_refresh(struct wizard *w);

/* Fields of the current page.  A field may be hidden when it does not
 * apply (the NAT choice while there is no Edge, for instance). */
bool wizard_field_visible(const struct wizard *w, size_t field);
/* Writes the current value as text: the choice key, the number, "yes" or
 * "no", the port range or the text. */
void wizard_field_get(const struct wizard *w, size_t field, char *buf, size_t size);
/* Sets a field from text (a choice key, a number, "yes"/"no", ...).
 * Returns UC_OK, or UC_ERR_INVALID and leaves the plan unchanged.  message
 * (may be NULL) receives a translated sentence: why the value was refused,
 * or, on success, advice about the new choice ("" when none). */
enum uc_status wizard_field_set(struct wizard *w, size_t field, const char *value, char *message,
				size_t size);

/* Sites page operations.  They refuse empty or duplicate names with a
 * message.  Removing the last site is refused.  The site holding the
 * Central Management store moves to the first site when it is removed. */
enum uc_status wizard_site_add(struct wizard *w, const char *name, char *message, size_t size);
enum uc_status wizard_site_rename(struct wizard *w, size_t site, const char *name, char *message,
				  size_t size);
enum uc_status wizard_site_remove(struct wizard *w, size_t site, char *message, size_t size);
enum uc_status wizard_branch_add(struct wizard *w, size_t site, const char *name,
				 enum branch_kind kind, char *message, size_t size);
enum uc_status wizard_branch_remove(struct wizard *w, size_t site, size_t branch, char *message,
				    size_t size);

/* Progress: the 1-based number of the current page and the total. */
void wizard_progress(const struct wizard *w, size_t *current, size_t *total);

/* The validation findings that concern the current page's site (or the
 * whole plan on plan-wide pages).  Caller frees with findings_free(). */
void wizard_page_findings(const struct wizard *w, struct findings *out);

/* ---- names and addresses ------------------------------------------------- */

enum address_kind { ADDRESS_FQDN, ADDRESS_IP };

/* One editable name or address of a site, pointing into the plan. */
struct address_entry {
	const char *label;  /* msgid: "Front End Server", "A/V Edge external", ... */
	enum address_kind kind;
	char **value;       /* the plan's string (may point to NULL) */
	unsigned group;     /* entries of the same pool and kind share a group */
	unsigned member;    /* position within the group, 0 = first */
	const char *detail; /* the branch's name for branch entries, else NULL
			     * (borrowed from the plan, not translated) */
};

/* Lists every name and address of site, in display order: pools, their
 * VIPs, their servers (FQDN then addresses), Edge servers with their
 * internal and external addresses and NAT translations, VIPs, reverse
 * proxy, Persistent Chat, Office Web Apps, Exchange UM servers, gateways,
 * branches.  *out is allocated (caller frees with free()); the entries stay
 * valid until the plan's structure changes (a count or a site). */
size_t wizard_addresses(struct plan *plan, size_t site, struct address_entry **out);

/* The plan-wide names, listed like a site's: the SIP domain and its Meet
 * simple URL, each other SIP domain and its Meet simple URL (the domain as
 * the entry's detail), the Dial-in and Admin simple URLs, and the XMPP host
 * when XMPP federation is on.  *out is allocated (caller frees with
 * free()); the entries stay valid until a SIP domain is added or removed. */
size_t wizard_plan_names(struct plan *plan, struct address_entry **out);

/* Sets an entry of wizard_plan_names() from text, with the interview's
 * checks: a SIP domain well formed and not given twice (the hosts named
 * after the first one follow it, as in the interview), a simple URL or
 * XMPP host a fully qualified name or empty.  UC_ERR_INVALID with the
 * reason in message, the plan unchanged; on success message may hold
 * advice ("" when none). */
enum uc_status wizard_plan_name_set(struct plan *plan, const struct address_entry *entry,
				    const char *value, char *message, size_t size);

/* Adds a SIP domain after the others (with the Meet host meet.<name>), or
 * removes the other SIP domain at index, with the same checks and
 * messages. */
enum uc_status wizard_domain_add(struct plan *plan, const char *name, char *message, size_t size);
enum uc_status wizard_domain_remove(struct plan *plan, size_t index, char *message, size_t size);

/* Checks value for entry's kind (IPv4/IPv6 or FQDN) and stores a copy.
 * UC_ERR_INVALID with a message when malformed; the plan is unchanged. */
enum uc_status address_set(struct address_entry *entry, const char *value, char *message,
			   size_t size);

/* How a value reads as it is typed: valid; a start that more typing can
 * still make valid ("192.0.2.", "fe01."); or wrong whatever follows
 * ("256.1.1.1", "fe_01"), with the reason in why.  An address that can never
 * be a server's or a VIP's (unspecified, loopback, broadcast, multicast) is
 * wrong too.  address_set() refuses what this does not call valid. */
enum address_verdict { ADDRESS_VALID, ADDRESS_INCOMPLETE, ADDRESS_INVALID };
enum address_verdict address_check(enum address_kind kind, const char *text, char *why,
				   size_t size);

/* Another name or address of the plan equal to value (names without regard
 * to case, addresses in their canonical form), other than the one at self
 * (may be NULL): true, with the other entry named in who ("Front End Server
 * 2 in site Dublin"). */
bool address_duplicate(struct plan *plan, enum address_kind kind, const char *value,
		       char *const *self, char *who, size_t size);

/* "Number the rest": after the first member of a group was edited, gives
 * each following member of the same group and kind the next value
 * (fe01 -> fe02 -> ..., 192.0.2.11 -> .12 -> ..., 2001:db8::a -> ::b).
 * Returns how many entries were changed. */
size_t address_number_rest(struct address_entry *entries, size_t n, size_t first);

/* The successor of a name or address for numbering: the last number in
 * the first label of an FQDN, or the last part of an IP address, plus one.
 * Writes into buf; false when value has nothing to count up. */
bool address_successor(const char *value, enum address_kind kind, char *buf, size_t size);

#endif
