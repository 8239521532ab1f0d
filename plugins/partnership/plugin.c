/*
 * The built-in partnership plugin: a partnership board's own instruments.
 *
 *   govern risk add|update|show     one risk of the risk log (one commit per write)
 *   govern risks                     the risk log, filtered, in five formats
 *   govern priorities                each strategic priority: co-sponsors, open
 *                                    actions, risks by rating, reports received
 *   check rules "risks", "priorities", "priority-report"
 *   agenda contributor "Risk log"    open risks above a rating on a new agenda
 *
 * Like every plugin it never prints: output goes to inv->out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "partnership.h"
#include "govern/output.h"

#define TEXT_MAX (64 * 1024)

static int load_matrix(struct risk_matrix *m, struct govern_snapshot *snap)
{
    struct govern_config *cfg = NULL;
    int rc = govern_config_load(&cfg, snap);
    if (!rc)
        rc = risk_matrix_from_config(m, cfg);
    govern_config_free(cfg);
    return rc;
}

/* A level given with --impact/--probability, as the matrix's code. */
static int opt_level(const char **out, const struct risk_matrix *m, const char *opt, const char *v)
{
    *out = NULL;
    if (!v)
        return 0;
    int i = risk_level_find(m, v);
    if (i < 0) {
        struct govern_buf b = GOVERN_BUF_INIT;
        for (size_t k = 0; k < m->n_levels; k++)
            govern_buf_printf(&b, "%s%s", k ? ", " : "", m->levels[k]);
        int rc = govern_error_set(GOVERN_EINVAL, "--%s: '%s' is not a level of the matrix (%s)",
                                  opt, v, b.ptr ? b.ptr : "");
        govern_buf_free(&b);
        return rc;
    }
    *out = m->levels[i];
    return 0;
}

static int priority_exists(struct govern_snapshot *snap, const char *id)
{
    struct govern_priority_sets s;
    int rc = govern_priority_sets_load(&s, snap, NULL);
    if (!rc && !govern_priority_find(&s, id, NULL))
        rc = govern_error_set(GOVERN_ENOTFOUND,
                              "unknown priority '%s' (see govern priorities; ids are SET/N, e.g. "
                              "hcssg-2021-23/1)",
                              id);
    govern_priority_sets_free(&s);
    return rc;
}

/* Serialises r, checks that it reads back, and puts it in the change set. */
static int put_risk(struct govern_change *chg, const struct risk *r, const struct risk_matrix *m)
{
    struct govern_buf b = GOVERN_BUF_INIT;
    struct risk *back = NULL;
    int rc = risk_serialize(&b, r);
    if (!rc)
        rc = risk_parse(&back, r->path, b.ptr, b.len, m);
    if (!rc)
        rc = govern_change_put(chg, r->path, b.ptr, b.len);
    risk_free(back);
    govern_buf_free(&b);
    return rc;
}

/* ------------------------------------------------------------- risk add */

/* The options of risk add and update, each written once. */
/* clang-format off */
#define OPT_IMPACT {"impact", 0, GOVERN_OPT_VALUE, "LEVEL", \
    "impact: a level of the matrix (H, M, L)"}
#define OPT_PROBABILITY {"probability", 0, GOVERN_OPT_VALUE, "LEVEL", \
    "probability: a level of the matrix"}
#define OPT_STATE {"state", 0, GOVERN_OPT_VALUE, "TEXT", \
    "its state, e.g. 'In place', 'Agreed on 6 June'"}
#define OPT_END {NULL, 0, 0, NULL, NULL}
/* clang-format on */

static const struct govern_opt risk_add_opts[] = {
    OPT_IMPACT,
    OPT_PROBABILITY,
    {"owner", 0, GOVERN_OPT_VALUE, "WHO", "who manages the risk"},
    {"counter", 0, GOVERN_OPT_TEXT, "TEXT", "the counter measure"},
    {"priority", 0, GOVERN_OPT_VALUE, "ID", "the strategic priority it bears on"},
    {"exempt", 0, GOVERN_OPT_VALUE, "P", "Schedule 12A paragraph 1-7: not for publication"},
    OPT_STATE,
    OPT_END,
};

static const struct govern_opt risk_update_opts[] = {
    OPT_IMPACT,
    OPT_PROBABILITY,
    OPT_STATE,
    {"progress", 0, GOVERN_OPT_VALUE, "TEXT", "progress on the counter measure"},
    {"close", 0, GOVERN_OPT_FLAG, NULL, "close the risk"},
    OPT_END,
};

struct write_ctx {
    struct govern_invocation *inv;
    const struct risk_matrix *m;
    const char *committee, *text, *impact, *probability, *owner, *counter, *priority, *state,
        *progress;
    int exempt;
    bool close;
    char *by;
    char *id; /* add: the new id; update: the id given */
};

static int add_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct write_ctx *x = vctx;
    struct govern_committee *c = NULL;
    struct risk r = {.rating = -1, .status = RISK_OPEN};
    char prefix[80], path[200];
    int rc = govern_committee_load(&c, head, x->committee);
    if (rc || (x->priority && (rc = priority_exists(head, x->priority))))
        goto out;
    risk_prefix(prefix, c);
    free(x->id);
    x->id = NULL;
    if ((rc = risk_next_id(&x->id, head, prefix)))
        goto out;
    snprintf(path, sizeof(path), "%s/%s.md", RISKS_DIR, x->id);
    r.id = x->id;
    r.committee = (char *)x->committee;
    r.impact = (char *)x->impact;
    r.probability = (char *)x->probability;
    r.owner = (char *)x->owner;
    r.counter = (char *)x->counter;
    r.priority = (char *)x->priority;
    r.state = (char *)x->state;
    r.exempt = x->exempt;
    r.text = (char *)x->text;
    r.path = path;
    r.created = r.updated = x->inv->as_of;
    if (x->impact)
        r.rating = risk_rating_of(x->m, risk_level_find(x->m, x->impact),
                                  risk_level_find(x->m, x->probability));
    struct risk_log_entry e = {.date = x->inv->as_of,
                               .by = x->by,
                               .impact = r.impact,
                               .probability = r.probability,
                               .rating = r.rating >= 0 ? (char *)x->m->rating_name[r.rating] : NULL,
                               .state = r.state,
                               .status = -1};
    r.log = &e;
    r.n_log = 1;
    if (!(rc = put_risk(chg, &r, x->m)))
        rc = govern_change_message(chg, "Add risk %s: %.60s", x->id, x->text);
out:
    govern_committee_free(c);
    return rc;
}

static int do_add(struct govern_invocation *inv, struct govern_args *a)
{
    static const char usage[] = "govern risk add BODY TEXT [--impact LEVEL --probability LEVEL] "
                                "[--owner WHO] [--counter TEXT] [--priority ID] [--exempt P] "
                                "[--state TEXT]";
    struct risk_matrix m;
    struct write_ctx x = {.inv = inv, .m = &m};
    int rc = govern_args_positional(a, 3, 3, usage);
    if (rc || (rc = load_matrix(&m, inv->snap)))
        return rc;
    x.committee = a->positional.items[1];
    x.text = a->positional.items[2];
    x.owner = govern_args_get(a, "owner");
    x.counter = govern_args_get(a, "counter");
    x.priority = govern_args_get(a, "priority");
    x.state = govern_args_get(a, "state");
    const char *ex = govern_args_get(a, "exempt");
    if (!govern_args_get(a, "impact") != !govern_args_get(a, "probability"))
        return govern_error_set(GOVERN_EUSAGE,
                                "give both --impact and --probability (or neither, for a risk "
                                "not assessed yet); usage: %s",
                                usage);
    if ((rc = govern_slug_check(x.committee)) ||
        (rc = opt_level(&x.impact, &m, "impact", govern_args_get(a, "impact"))) ||
        (rc = opt_level(&x.probability, &m, "probability", govern_args_get(a, "probability"))) ||
        (rc = govern_text_field_check("the risk's description", x.text, TEXT_MAX, false)) ||
        (rc = govern_text_field_check("--owner", x.owner, TEXT_MAX, true)) ||
        (rc = govern_text_field_check("--counter", x.counter, TEXT_MAX, false)) ||
        (rc = govern_text_field_check("--priority", x.priority, TEXT_MAX, true)) ||
        (rc = govern_text_field_check("--state", x.state, TEXT_MAX, true)))
        return rc;
    if (ex) {
        char *end;
        long p = strtol(ex, &end, 10);
        if (!*ex || *end || p < 1 || p > 7)
            return govern_error_set(GOVERN_EINVAL,
                                    "--exempt: '%s' is not a paragraph of Schedule 12A (1-7)", ex);
        x.exempt = (int)p;
    }
    if ((rc = govern_store_author(&x.by, inv->store)))
        return rc;
    struct govern_commit_info info;
    rc = govern_store_transact(&info, inv->store, add_fn, &x);
    if (!rc)
        rc = govern_buf_printf(inv->out, "%s\n", x.id);
    free(x.by);
    free(x.id);
    return rc;
}

/* ---------------------------------------------------------- risk update */

static int update_fn(struct govern_change *chg, struct govern_snapshot *head, void *vctx)
{
    struct write_ctx *x = vctx;
    struct risk *r = NULL;
    int rc = risk_load(&r, head, x->id, x->m);
    if (rc)
        return rc;
    govern_date last = r->n_log ? r->log[r->n_log - 1].date : r->created;
    if (x->inv->as_of < last) {
        char d1[11], d2[11];
        govern_date_format(d1, x->inv->as_of);
        govern_date_format(d2, last);
        rc = govern_error_set(GOVERN_EINVAL,
                              "%s: cannot log an update on %s, before its latest entry (%s)",
                              r->path, d1, d2);
        goto out;
    }
    if (x->close && r->status == RISK_CLOSED) {
        rc = govern_error_set(GOVERN_EINVAL, "risk %s is already closed", r->id);
        goto out;
    }
    struct risk_log_entry e = {.date = x->inv->as_of, .by = x->by, .status = -1};
    const char *imp = x->impact ? x->impact : r->impact;
    const char *prob = x->probability ? x->probability : r->probability;
    if (x->impact || x->probability) {
        if (!imp || !prob) {
            rc = govern_error_set(GOVERN_EINVAL,
                                  "%s is not assessed yet: give both --impact and --probability",
                                  r->id);
            goto out;
        }
        int rating = risk_rating_of(x->m, risk_level_find(x->m, imp), risk_level_find(x->m, prob));
        e.impact = (char *)imp;
        e.probability = (char *)prob;
        e.rating = (char *)x->m->rating_name[rating];
    }
    e.state = (char *)x->state;
    e.progress = (char *)x->progress;
    if (x->close)
        e.status = RISK_CLOSED;
    if (!(rc = risk_add_log(r, &e)) && (x->impact || x->probability)) {
        char *ni = strdup(imp), *np = strdup(prob);
        free(r->impact);
        free(r->probability);
        r->impact = ni;
        r->probability = np;
        if (!ni || !np)
            rc = govern_oom();
    }
    if (!rc && x->state) {
        free(r->state);
        if (!(r->state = strdup(x->state)))
            rc = govern_oom();
    }
    if (x->close)
        r->status = RISK_CLOSED;
    if (!rc && !(rc = put_risk(chg, r, x->m)))
        rc = govern_change_message(chg, "Update risk %s%s", r->id, x->close ? ": closed" : "");
out:
    risk_free(r);
    return rc;
}

static int do_update(struct govern_invocation *inv, struct govern_args *a)
{
    static const char usage[] = "govern risk update RISK-ID [--impact LEVEL] [--probability "
                                "LEVEL] [--progress TEXT] [--state TEXT] [--close]";
    struct risk_matrix m;
    struct write_ctx x = {.inv = inv, .m = &m};
    int rc = govern_args_positional(a, 2, 2, usage);
    if (rc || (rc = load_matrix(&m, inv->snap)))
        return rc;
    x.id = a->positional.items[1];
    x.state = govern_args_get(a, "state");
    x.progress = govern_args_get(a, "progress");
    x.close = govern_args_flag(a, "close");
    if (!risk_id_valid(x.id))
        return govern_error_set(GOVERN_EINVAL, "'%s' is not a risk id (e.g. HCSSG-R-001)", x.id);
    if (!govern_args_get(a, "impact") && !govern_args_get(a, "probability") && !x.state &&
        !x.progress && !x.close)
        return govern_error_set(GOVERN_EUSAGE, "nothing to update; usage: %s", usage);
    if ((rc = opt_level(&x.impact, &m, "impact", govern_args_get(a, "impact"))) ||
        (rc = opt_level(&x.probability, &m, "probability", govern_args_get(a, "probability"))) ||
        (rc = govern_text_field_check("--state", x.state, TEXT_MAX, true)) ||
        (rc = govern_text_field_check("--progress", x.progress, TEXT_MAX, true)))
        return rc;
    if ((rc = govern_store_author(&x.by, inv->store)))
        return rc;
    struct govern_commit_info info;
    rc = govern_store_transact(&info, inv->store, update_fn, &x);
    if (!rc)
        rc = govern_buf_printf(inv->out, "%s\n", x.id);
    free(x.by);
    return rc;
}

/* ------------------------------------------------------------ risk show */

static int do_show(struct govern_invocation *inv, struct govern_args *a)
{
    static const char *const formats[] = {"text", "json", NULL};
    const char *fmt = NULL;
    struct risk_matrix m;
    struct risk *r = NULL;
    struct govern_model *model = NULL;
    int rc = govern_args_positional(a, 2, 2, "govern risk show RISK-ID [--format text|json]");
    if (rc || (rc = govern_output_format(&fmt, inv->format, formats[0], formats)) ||
        (rc = load_matrix(&m, inv->snap)) ||
        (rc = risk_load(&r, inv->snap, a->positional.items[1], &m)))
        return rc;
    if (!(rc = govern_model_load(&model, inv->snap, NULL))) {
        struct risk_view v = {&m, model, false};
        rc = risk_render_one(inv->out, r, &v, fmt);
    }
    govern_model_free(model);
    risk_free(r);
    return rc;
}

#define WRITE (GOVERN_CMD_STORE | GOVERN_CMD_WRITES)
static const struct govern_subcommand risk_subs[] = {
    {"add", "add a risk to a body's log", NULL, risk_add_opts, WRITE, do_add, NULL, NULL},
    {"update", "re-rate, report progress on or close a risk", NULL, risk_update_opts, WRITE,
     do_update, NULL, NULL},
    {"show", "one risk and its history", NULL, NULL, GOVERN_CMD_STORE, do_show, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL},
};

/* ---------------------------------------------------------------- risks */

static const struct govern_opt list_opts[] = {
    {"committee", 0, GOVERN_OPT_MULTI, "SLUG", "only this body's risks"},
    {"rating", 0, GOVERN_OPT_VALUE, "R", "only risks rated R or higher (code or name)"},
    {"priority", 0, GOVERN_OPT_VALUE, "ID", "only risks tagged with this priority"},
    {"all", 0, GOVERN_OPT_FLAG, NULL, "closed risks too"},
    {"public", 0, GOVERN_OPT_FLAG, NULL, "for publication: exempt risks by id and rating only"},
    {NULL, 0, 0, NULL, NULL},
};

struct filter {
    const struct govern_strlist *committees;
    int min_rating; /* -1: any */
    const char *priority;
    bool all;
};

static bool keep(const struct risk *r, const struct filter *f)
{
    if (f->committees && f->committees->count &&
        !govern_strlist_contains(f->committees, r->committee))
        return false;
    if (f->min_rating >= 0 && r->rating < f->min_rating)
        return false;
    if (f->priority && (!r->priority || strcmp(r->priority, f->priority)))
        return false;
    return f->all || r->status == RISK_OPEN;
}

/* Keeps the risks f wants; for public output each is replaced by its
 * public form, so renderers never see an exempt risk's content. */
static int select_risks(struct risk_list *l, const struct filter *f, bool public_)
{
    size_t k = 0;
    int rc = 0;
    for (size_t i = 0; i < l->count; i++) {
        struct risk *r = l->items[i];
        if (rc || !keep(r, f)) {
            risk_free(r);
            continue;
        }
        if (public_) {
            struct risk *p = NULL;
            rc = risk_public(&p, r);
            risk_free(r);
            if (rc)
                continue;
            r = p;
        }
        l->items[k++] = r;
    }
    l->count = k;
    return rc;
}

static int risks_run(struct govern_invocation *inv)
{
    static const char *const formats[] = {"text", "json", "csv", "xlsx", "md", "html", NULL};
    struct govern_args a;
    struct risk_matrix m;
    struct risk_list l = {NULL, 0};
    struct govern_model *model = NULL;
    struct govern_public *view = NULL;
    const struct govern_model *pm = NULL;
    const char *fmt = NULL;
    int rc = govern_args_parse(&a, list_opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    struct filter f = {govern_args_multi(&a, "committee"), -1, govern_args_get(&a, "priority"),
                       govern_args_flag(&a, "all")};
    if ((rc = govern_args_positional(&a, 0, 0, "govern risks [options]")) ||
        (rc = govern_output_format(&fmt, inv->format, formats[0], formats)) ||
        (rc = load_matrix(&m, inv->snap)))
        goto out;
    if (govern_args_get(&a, "rating") &&
        (f.min_rating = risk_rating_find(&m, govern_args_get(&a, "rating"))) < 0) {
        rc = govern_error_set(GOVERN_EINVAL, "--rating: '%s' is not a rating of the matrix",
                              govern_args_get(&a, "rating"));
        goto out;
    }
    for (size_t i = 0; f.committees && i < f.committees->count && !rc; i++)
        rc = govern_slug_check(f.committees->items[i]);
    /* every file must read: a risk that cannot be read cannot be proved public */
    bool public_ = govern_args_flag(&a, "public");
    if (rc || (rc = risk_load_all(&l, inv->snap, &m, NULL)) || (rc = select_risks(&l, &f, public_)))
        goto out;
    /* for publication, the store as the public view gives it */
    if (public_ && !(rc = govern_public_open(&view, inv->snap, inv->as_of)) &&
        !(rc = govern_public_model(&pm, view)))
        rc = govern_public_put_warnings(inv->err, view);
    else if (!public_ && !(rc = govern_model_load(&model, inv->snap, NULL)))
        pm = model;
    if (rc)
        goto out;
    struct risk_view v = {&m, pm, public_};
    rc = risk_render_list(inv->out, &l, &v, fmt);
out:
    risk_list_free(&l);
    govern_public_free(view);
    govern_model_free(model);
    govern_args_free(&a);
    return rc;
}

/* ----------------------------------------------------------- priorities */

static const struct govern_opt prio_opts[] = {
    {"committee", 0, GOVERN_OPT_MULTI, "SLUG", "only this body's priorities"},
    {NULL, 0, 0, NULL, NULL},
};

static int priorities_run(struct govern_invocation *inv)
{
    static const char *const formats[] = {"text", "json", "md", NULL};
    struct govern_args a;
    struct risk_matrix m;
    struct risk_list risks = {NULL, 0};
    struct govern_priority_sets sets = {NULL, 0};
    struct tagged_actions acts = {NULL, 0};
    struct govern_model *model = NULL;
    const char *fmt = NULL;
    int rc = govern_args_parse(&a, prio_opts, inv->argc, inv->argv);
    if (rc)
        return rc;
    const struct govern_strlist *only = govern_args_multi(&a, "committee");
    if ((rc = govern_args_positional(&a, 0, 0, "govern priorities [--committee SLUG]...")) ||
        (rc = govern_output_format(&fmt, inv->format, formats[0], formats)) ||
        (rc = load_matrix(&m, inv->snap)) ||
        (rc = govern_priority_sets_load(&sets, inv->snap, NULL)) ||
        (rc = risk_load_all(&risks, inv->snap, &m, NULL)) ||
        (rc = tagged_actions_load(&acts, inv->snap)) ||
        (rc = govern_model_load(&model, inv->snap, NULL)))
        goto out;
    if (only && only->count) {
        size_t k = 0;
        for (size_t i = 0; i < sets.count; i++)
            if (govern_strlist_contains(only, sets.items[i]->committee))
                sets.items[k++] = sets.items[i];
            else
                govern_priority_set_free(sets.items[i]);
        sets.count = k;
    }
    rc = priorities_render(inv->out, &sets, &risks, &acts, &m, model, inv->as_of, fmt);
out:
    govern_priority_sets_free(&sets);
    risk_list_free(&risks);
    tagged_actions_free(&acts);
    govern_model_free(model);
    govern_args_free(&a);
    return rc;
}

/* ------------------------------------------------------------- registry */

static const struct govern_command risk_cmd = {
    .name = "risk",
    .summary = "add, update or show one risk of a body's risk log",
    .usage = "govern risk add BODY TEXT [--impact LEVEL --probability LEVEL] [--owner WHO] "
             "[--counter TEXT] [--priority ID] [--exempt P] [--state TEXT]\n"
             "       govern risk update RISK-ID [--impact LEVEL] [--probability LEVEL] "
             "[--progress TEXT] [--state TEXT] [--close]\n"
             "       govern risk show RISK-ID [--format text|json]",
    .help = "Risks live in risks/ID.md (docs/partnership.md); ids are PREFIX-R-NNN (the body's\n"
            "short_name). The rating is read from the impact x probability matrix in\n"
            "govern.yaml (default: seed 003's footnote, Medium-Medium rated Medium). Every\n"
            "add and update is a dated log entry (--as-of) by the commit's author, so `risk\n"
            "show` gives the history of the rating and state. --exempt P keeps everything\n"
            "but the id and rating out of public outputs.",
    .subcommands = risk_subs,
};

static const struct govern_command risks_cmd = {
    .name = "risks",
    .summary = "the risk log: every body's open risks with their ratings",
    .usage = "govern risks [--committee SLUG]... [--rating R] [--priority ID] [--all] [--public] "
             "[--format text|json|csv|xlsx|md|html]",
    .help = "Open risks, grouped by body, in id order. --format md gives the columns of the\n"
            "County Strategy Group's log (seed 003) with the matrix as its footnote. Use\n"
            "--public for anything published: an exempt risk then shows its id and rating\n"
            "only, and a risk file that cannot be read stops the command.",
    .options = list_opts,
    .flags = GOVERN_CMD_STORE,
    .run = risks_run,
};

static const struct govern_command priorities_cmd = {
    .name = "priorities",
    .summary = "strategic priorities: co-sponsors, open actions, risks by rating, reports",
    .usage = "govern priorities [--committee SLUG]... [--format text|json|md]",
    .help = "Each body's strategic priorities from priorities/COMMITTEE-PERIOD.md\n"
            "(docs/partnership.md): per priority its co-sponsors, the open actions and open\n"
            "risks tagged with it (actions by `priority:` in their front matter), its risks by\n"
            "rating, and the quarterly reports owed, received or missing on --as-of.",
    .options = prio_opts,
    .flags = GOVERN_CMD_STORE,
    .run = priorities_run,
};

static const struct govern_check_rule rule_risks = {
    "risks", "the risk log: files, committees, ids, priorities, levels of the matrix", risks_check};
static const struct govern_check_rule rule_priorities = {
    "priorities", "priorities: committees, meetings, tags on risks and actions; missing reports",
    priorities_check};

static const struct govern_agenda_contributor contributor = {"risk-log", risk_agenda_contribute};

static int init(struct govern_registry *reg, void **state)
{
    (void)state;
    int rc = govern_register_command(reg, &risk_cmd);
    if (!rc)
        rc = govern_register_command(reg, &risks_cmd);
    if (!rc)
        rc = govern_register_command(reg, &priorities_cmd);
    if (!rc)
        rc = govern_register_check(reg, &rule_risks);
    if (!rc)
        rc = govern_register_check(reg, &rule_priorities);
    if (!rc)
        rc = govern_register_agenda_contributor(reg, &contributor);
    /* the Risk log item is public through the agenda it is added to */
    static const struct govern_public_output publics[] = {
        {"risks", "--public --all", "text json csv md html xlsx"},
        {NULL, NULL, NULL},
    };
    if (!rc)
        rc = govern_register_public_outputs(reg, publics);
    return rc;
}

const struct govern_plugin govern_builtin_partnership = {
    .abi_version = GOVERN_PLUGIN_ABI,
    .name = RISK_PLUGIN,
    .version = "1.0",
    .summary = "the partnership's instruments: risk log, strategic priorities, Risk log item",
    .init = init,
};
