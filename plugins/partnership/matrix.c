/*
 * The risk rating matrix: impact x probability -> rating.  The default is
 * the footnote of seed 003 (the County Strategy Group's risk and action log),
 * completed with Medium for Medium-Medium; a council configures its own
 * 3x3 or 5x5 matrix under `plugins: partnership:` in govern.yaml.  Every
 * configured matrix is checked whole: every cell rated, every rating known,
 * and no cell rated below a cell of lower impact or lower probability.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "partnership.h"

void risk_matrix_default(struct risk_matrix *m)
{
    static const char *const lv[] = {"L", "M", "H"};
    static const char *const ln[] = {"Low", "Medium", "High"};
    static const char *const rc[] = {"L", "M", "H", "U"};
    static const char *const rn[] = {"Low", "Medium", "High", "Unacceptable"};
    /* [impact][probability]; Medium-Medium is not in the footnote: Medium */
    static const int cells[3][3] = {{0, 1, 1}, {1, 1, 2}, {1, 2, 3}};
    memset(m, 0, sizeof(*m));
    m->n_levels = 3;
    m->n_ratings = 4;
    for (size_t i = 0; i < 3; i++) {
        snprintf(m->levels[i], RISK_CODE_MAX, "%s", lv[i]);
        snprintf(m->level_name[i], RISK_NAME_MAX, "%s", ln[i]);
    }
    for (size_t i = 0; i < 4; i++) {
        snprintf(m->rating_code[i], RISK_CODE_MAX, "%s", rc[i]);
        snprintf(m->rating_name[i], RISK_NAME_MAX, "%s", rn[i]);
    }
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < 3; j++)
            m->cell[i][j] = cells[i][j];
    m->agenda_above = 0; /* Medium and above go on the Risk log item */
}

int risk_level_find(const struct risk_matrix *m, const char *s)
{
    for (size_t i = 0; s && i < m->n_levels; i++)
        if (!strcasecmp(m->levels[i], s) || !strcasecmp(m->level_name[i], s))
            return (int)i;
    return -1;
}

int risk_rating_find(const struct risk_matrix *m, const char *s)
{
    for (size_t i = 0; s && i < m->n_ratings; i++)
        if (!strcasecmp(m->rating_code[i], s) || !strcasecmp(m->rating_name[i], s))
            return (int)i;
    return -1;
}

int risk_rating_of(const struct risk_matrix *m, int impact, int probability)
{
    if (impact < 0 || probability < 0 || (size_t)impact >= m->n_levels ||
        (size_t)probability >= m->n_levels)
        return -1;
    return m->cell[impact][probability];
}

/* A map CODE: Name, lowest first (levels and ratings alike). */
static int read_named(char codes[][RISK_CODE_MAX], char names[][RISK_NAME_MAX], size_t *n,
                      const struct govern_doc *doc, const struct govern_node *v, const char *what)
{
    for (size_t i = 0; i < v->n; i++) {
        const struct govern_node *c = v->items[i];
        if (!*v->keys[i] || strlen(v->keys[i]) >= RISK_CODE_MAX || strpbrk(v->keys[i], " \t"))
            return govern_doc_error(doc, v->key_lines[i],
                                    "plugins.partnership.%s: a code is one word of at most %d "
                                    "characters",
                                    what, RISK_CODE_MAX - 1);
        if (c->kind != GOVERN_NODE_SCALAR || !*c->scalar || strlen(c->scalar) >= RISK_NAME_MAX ||
            strpbrk(c->scalar, "\r\n"))
            return govern_doc_error(doc, v->key_lines[i],
                                    "plugins.partnership.%s: the name of '%s' must be one line of "
                                    "at most %d characters",
                                    what, v->keys[i], RISK_NAME_MAX - 1);
        for (size_t j = 0; j < i; j++)
            if (!strcasecmp(codes[j], v->keys[i]) || !strcasecmp(names[j], c->scalar) ||
                !strcasecmp(codes[j], c->scalar) || !strcasecmp(names[j], v->keys[i]))
                return govern_doc_error(doc, v->key_lines[i],
                                        "plugins.partnership.%s: '%s' is listed twice", what,
                                        v->keys[i]);
        snprintf(codes[i], RISK_CODE_MAX, "%s", v->keys[i]);
        snprintf(names[i], RISK_NAME_MAX, "%s", c->scalar);
    }
    *n = v->n;
    return 0;
}

static int read_levels(struct risk_matrix *m, const struct govern_doc *doc,
                       const struct govern_node *v)
{
    if (!v || v->kind != GOVERN_NODE_MAP || (v->n != 3 && v->n != 5))
        return govern_doc_error(doc, v ? v->line : 1,
                                "plugins.partnership.levels: a map of 3 or 5 levels, CODE: Name, "
                                "lowest first (a 3x3 or 5x5 matrix)");
    return read_named(m->levels, m->level_name, &m->n_levels, doc, v, "levels");
}

static int read_ratings(struct risk_matrix *m, const struct govern_doc *doc,
                        const struct govern_node *v)
{
    if (!v || v->kind != GOVERN_NODE_MAP || v->n < 2 || v->n > RISK_MAX_RATINGS)
        return govern_doc_error(doc, v ? v->line : 1,
                                "plugins.partnership.ratings: a map of 2 to %d ratings, "
                                "CODE: Name, lowest first",
                                RISK_MAX_RATINGS);
    return read_named(m->rating_code, m->rating_name, &m->n_ratings, doc, v, "ratings");
}

/* One row of the matrix: probability code -> rating code. */
static int read_row(struct risk_matrix *m, const struct govern_doc *doc,
                    const struct govern_node *row, int impact, int line)
{
    if (!row || row->kind != GOVERN_NODE_MAP || row->n != m->n_levels)
        return govern_doc_error(doc, line,
                                "plugins.partnership.matrix: impact '%s' must map each of the "
                                "%zu probability levels to a rating",
                                m->levels[impact], m->n_levels);
    bool seen[RISK_MAX_LEVELS] = {false};
    for (size_t j = 0; j < row->n; j++) {
        int p = risk_level_find(m, row->keys[j]);
        if (p < 0 || seen[p])
            return govern_doc_error(doc, row->key_lines[j],
                                    "plugins.partnership.matrix: '%s' is %s probability level",
                                    row->keys[j], p < 0 ? "not a" : "a repeated");
        seen[p] = true;
        const struct govern_node *c = row->items[j];
        int r = c->kind == GOVERN_NODE_SCALAR ? risk_rating_find(m, c->scalar) : -1;
        if (r < 0)
            return govern_doc_error(doc, row->key_lines[j],
                                    "plugins.partnership.matrix: impact '%s', probability '%s': "
                                    "not one of the ratings",
                                    m->levels[impact], row->keys[j]);
        m->cell[impact][p] = r;
    }
    return 0;
}

/* A rating may not fall as impact or probability rises. */
static int check_monotonic(const struct risk_matrix *m, const struct govern_doc *doc, int line)
{
    for (size_t i = 0; i < m->n_levels; i++)
        for (size_t j = 0; j < m->n_levels; j++) {
            bool down_i = i && m->cell[i][j] < m->cell[i - 1][j];
            bool down_j = j && m->cell[i][j] < m->cell[i][j - 1];
            if (down_i || down_j)
                return govern_doc_error(
                    doc, line,
                    "plugins.partnership.matrix: impact '%s', probability '%s' is rated %s, "
                    "lower than impact '%s', probability '%s'",
                    m->levels[i], m->levels[j], m->rating_name[m->cell[i][j]],
                    m->levels[down_i ? i - 1 : i], m->levels[down_i ? j : j - 1]);
        }
    return 0;
}

static int read_matrix(struct risk_matrix *m, const struct govern_doc *doc,
                       const struct govern_node *sec)
{
    const struct govern_node *lv = govern_node_get(sec, "levels"),
                             *rt = govern_node_get(sec, "ratings"),
                             *mx = govern_node_get(sec, "matrix");
    int line = govern_node_key_line(sec, "matrix");
    if (!lv || !rt || !mx)
        return govern_doc_error(doc, sec->line,
                                "plugins.partnership: a matrix needs all of 'levels', 'ratings' "
                                "and 'matrix'");
    int rc;
    if ((rc = read_levels(m, doc, lv)) || (rc = read_ratings(m, doc, rt)))
        return rc;
    if (mx->kind != GOVERN_NODE_MAP || mx->n != m->n_levels)
        return govern_doc_error(doc, line,
                                "plugins.partnership.matrix: a map from each of the %zu impact "
                                "levels to its row",
                                m->n_levels);
    bool seen[RISK_MAX_LEVELS] = {false};
    for (size_t i = 0; i < mx->n; i++) {
        int imp = risk_level_find(m, mx->keys[i]);
        if (imp < 0 || seen[imp])
            return govern_doc_error(doc, mx->key_lines[i],
                                    "plugins.partnership.matrix: '%s' is %s impact level",
                                    mx->keys[i], imp < 0 ? "not a" : "a repeated");
        seen[imp] = true;
        if ((rc = read_row(m, doc, mx->items[i], imp, mx->key_lines[i])))
            return rc;
    }
    return check_monotonic(m, doc, line);
}

int risk_matrix_from_config(struct risk_matrix *m, const struct govern_config *cfg)
{
    static const char *const keys[] = {"levels", "ratings", "matrix", "risk_log_above", NULL};
    risk_matrix_default(m);
    const struct govern_node *sec = govern_config_plugin(cfg, RISK_PLUGIN);
    if (!sec || sec->kind == GOVERN_NODE_NULL)
        return 0;
    const struct govern_doc *doc = cfg->doc;
    if (sec->kind != GOVERN_NODE_MAP)
        return govern_doc_error(doc, sec->line, "plugins.partnership must be a map");
    int rc = govern_node_check_keys(doc, sec, keys);
    if (!rc && (govern_node_get(sec, "levels") || govern_node_get(sec, "ratings") ||
                govern_node_get(sec, "matrix")))
        rc = read_matrix(m, doc, sec);
    if (rc)
        return rc;
    const struct govern_node *above = govern_node_get(sec, "risk_log_above");
    if (above) {
        int r = above->kind == GOVERN_NODE_SCALAR ? risk_rating_find(m, above->scalar) : -1;
        if (r < 0)
            return govern_doc_error(doc, govern_node_key_line(sec, "risk_log_above"),
                                    "plugins.partnership.risk_log_above: not one of the ratings");
        m->agenda_above = r;
    }
    return 0;
}
