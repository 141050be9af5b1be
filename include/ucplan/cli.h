/* cli.h: the command line as data.  Parsing is in the library so that it
 * is unit-tested and fuzzed; main.c prints and runs. */
#ifndef UCPLAN_CLI_H
#define UCPLAN_CLI_H

#include <stdbool.h>

#include "ucplan/model.h"
#include "ucplan/util.h"

/* Topology options: each is applied to every site of the plan. */
struct cli_topology {
	bool edge_set;
	enum edge_topology edge;
	int edge_nat; /* -1 unset, 0 public, 1 NAT */
	bool pool_lb_set;
	enum pool_lb pool_lb;
	int director; /* -1 unset, 0 off, 1 on */
	bool mediation_set;
	enum mediation_mode mediation;
	bool um_set;
	enum um_mode um;
	bool federation_set;
	unsigned federation;
	bool version_set;
	enum product_version version;
	bool persistent_chat, office_web_apps, ipsec, reverse_proxy;
};

enum cli_command { CLI_WIZARD, CLI_REPORT, CLI_CHECK, CLI_DIFF, CLI_DIAGRAM, CLI_HELP, CLI_VERSION };

struct cli_options {
	enum cli_command command;
	const char *plan_path; /* borrowed from argv */
	const char *old_report; /* diff: OLD and NEW, borrowed from argv */
	const char *new_report;
	const char *output;    /* borrowed from argv */
	const char *format;    /* "text", "csv", "xml" or NULL (text); diagram: "text",
				* "dot", "svg" or "png" */
	unsigned tables;       /* EXPORT_TABLE_BIT set; 0 = all */
	const char *lang;      /* borrowed; NULL = from the environment */
	int separator;         /* ',' or ';'; 0 = the language's default */
	bool no_bom;
	bool header_keys;      /* --header keys: machine keys as the CSV header */
	bool wide;             /* --wide: text into a pipe on one line per row */
	const char *site;      /* diagram --site NAME (borrowed), or NULL: every site */
	bool ascii;            /* diagram --ascii: + - | instead of box-drawing characters */
	struct cli_topology topo;
};

/* The names -f accepts, NULL-terminated, and whether name is one. */
extern const char *const cli_formats[];
bool cli_format_known(const char *name);
/* The names -f accepts for diagram, NULL-terminated. */
extern const char *const cli_diagram_formats[];

/* Parses argv (not modified; strings are borrowed) with getopt_long: long
 * options may be abbreviated (--la es).  UC_ERR_USAGE with a translated
 * sentence in err for anything wrong; o->lang is then still the valid
 * --lang of the whole line, if any, so that the caller can switch to it and
 * parse again for the message in that language.  Safe to call repeatedly
 * (getopt is reset). */
enum uc_status cli_parse(int argc, char **argv, struct cli_options *o, struct uc_error *err);

/* True when any topology option was given. */
bool cli_topology_given(const struct cli_topology *t);

/* Applies the topology options to every site of plan and fills the
 * placeholders the new choices need. */
void cli_apply_topology(struct plan *plan, const struct cli_topology *t);

#endif
