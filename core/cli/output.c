/*
 * Where govern's standard output goes: stdout; a file (-o/--output FILE,
 * written whole or not at all: a temporary file renamed into place when
 * the command succeeded); or, when stdout is a terminal and the output is
 * longer than it, a pager (GOVERN_PAGER, then PAGER, default "less" with
 * LESS=FRX, as git does).  Also the terminal's width for text tables.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

/* LINES or COLUMNS from the environment, else the terminal's size. */
static size_t terminal_size(const char *env, bool rows)
{
    const char *v = getenv(env);
    char *end;
    long n = v && *v ? strtol(v, &end, 10) : 0;
    if (n > 0 && n < 100000 && *end == '\0')
        return (size_t)n;
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
        return rows ? ws.ws_row : ws.ws_col;
    return 0;
}

size_t cli_terminal_columns(void)
{
    return isatty(STDOUT_FILENO) ? terminal_size("COLUMNS", false) : 0;
}

int cli_output_init(struct cli_output *o, const char *path, const char *base, bool no_pager)
{
    memset(o, 0, sizeof(*o));
    o->no_pager = no_pager;
    if (!path)
        return 0;
    if (!*path)
        return govern_error_set(GOVERN_EUSAGE, "--output needs a file name");
    if (path[0] == '/' || !base || !*base)
        snprintf(o->path, sizeof(o->path), "%s", path);
    else
        snprintf(o->path, sizeof(o->path), "%s/%s", base, path);
    return 0;
}

static const char *pager_command(void)
{
    const char *p = getenv("GOVERN_PAGER");
    if (!p)
        p = getenv("PAGER");
    if (!p)
        p = "less";
    return *p && strcmp(p, "cat") ? p : NULL;
}

static size_t count_lines(const struct govern_buf *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->len; i++)
        n += b->ptr[i] == '\n';
    return n;
}

/* The first write decides where all of the output goes. */
static int start(struct cli_output *o, const struct govern_buf *b, bool final)
{
    o->started = true;
    o->f = stdout;
    if (*o->path) {
        snprintf(o->tmp, sizeof(o->tmp), "%s.govern-XXXXXX", o->path);
        int fd = mkstemp(o->tmp);
        mode_t mask = umask(0);
        umask(mask);
        if (fd < 0 || fchmod(fd, 0666 & ~mask) != 0 || !(o->f = fdopen(fd, "wb"))) {
            o->f = NULL;
            if (fd >= 0)
                close(fd), unlink(o->tmp);
            return govern_error_set(GOVERN_EIO, "cannot write %s: %s", o->path, strerror(errno));
        }
        return 0;
    }
    const char *pager = pager_command();
    size_t rows = terminal_size("LINES", true);
    if (!rows)
        rows = 24; /* a terminal that does not say */
    if (o->no_pager || !pager || !isatty(STDOUT_FILENO) || (final && count_lines(b) < rows))
        return 0;
    setenv("LESS", "FRX", 0);
    setenv("LV", "-c", 0);
    fflush(stdout);
    FILE *p = popen(pager, "w");
    if (p) {
        signal(SIGPIPE, SIG_IGN); /* quitting the pager early is not an error */
        o->f = p;
        o->pager = true;
    }
    return 0;
}

int cli_output_write(struct cli_output *o, const struct govern_buf *b, bool final)
{
    int rc = o->started ? 0 : start(o, b, final);
    if (rc || !b->len)
        return rc;
    if (fwrite(b->ptr, 1, b->len, o->f) != b->len && !o->pager)
        return govern_error_set(GOVERN_EIO, "cannot write the output%s%s: %s",
                                *o->path ? " to " : "", o->path, strerror(errno));
    return 0;
}

int cli_output_close(struct cli_output *o, bool keep)
{
    int rc = 0;
    if (!o->f) {
        rc = 0;
    } else if (o->pager) {
        pclose(o->f);
    } else if (*o->path && o->f) {
        bool ok = fflush(o->f) == 0 && fsync(fileno(o->f)) == 0;
        ok = fclose(o->f) == 0 && ok;
        if (keep && ok && rename(o->tmp, o->path) != 0)
            ok = false;
        if (!keep || !ok)
            unlink(o->tmp);
        if (keep && !ok)
            rc = govern_error_set(GOVERN_EIO, "cannot write %s: %s", o->path, strerror(errno));
    } else {
        fflush(stdout);
    }
    o->f = NULL;
    return rc;
}
