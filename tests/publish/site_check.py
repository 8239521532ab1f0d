"""Checks of a published site as its readers' tools see it (used by
publish_test.py): every internal link and fragment resolves, every page has
lang, a viewport, <main>, one <h1> and scoped table headers, and no clerk's
markup shows."""
import html.parser
import os
import posixpath
import re
import urllib.parse


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids, self.tags = [], set(), []
        self.lang = self.viewport = False
        self.th_no_scope = 0
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html" and a.get("lang"):
            self.lang = True
        if tag == "meta" and a.get("name") == "viewport" and "width=device-width" in a.get(
                "content", ""):
            self.viewport = True
        if tag == "th" and "scope" not in a:
            self.th_no_scope += 1
        for k in ("href", "src"):
            if k in a:
                self.links.append(a[k])

    def handle_data(self, data):
        self.text.append(data)


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p


def site_files(root):
    out = []
    for d, _, files in os.walk(root):
        for n in files:
            out.append(os.path.relpath(os.path.join(d, n), root))
    return sorted(out)


def target_file(root, page, link):
    """The file a relative link from page points to, or None for external."""
    u = urllib.parse.urlsplit(link)
    if u.scheme or u.netloc:
        return None, None
    if link.startswith("/"):  # only the 404 page links from the root
        path = u.path.lstrip("/")
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), u.path)) if u.path \
            else page
    if u.path.endswith("/") or path in (".", ""):
        path = posixpath.join(path, "index.html") if path not in (".", "") else "index.html"
    return path, u.fragment


def check(root):
    """Problems found, as strings."""
    problems = []
    files = site_files(root)
    pages = {f: parse(os.path.join(root, f)) for f in files if f.endswith(".html")}
    for f, p in pages.items():
        if not p.lang:
            problems.append(f"{f}: no lang")
        if not p.viewport:
            problems.append(f"{f}: no viewport")
        if p.tags.count("main") != 1:
            problems.append(f"{f}: not one <main>")
        if p.tags.count("h1") != 1:
            problems.append(f"{f}: {p.tags.count('h1')} <h1>")
        if p.th_no_scope:
            problems.append(f"{f}: {p.th_no_scope} <th> without scope")
        if "script" in p.tags:
            problems.append(f"{f}: has a script")
        text = "".join(p.text)
        for bad in ("ACTION ", "@{", "[ ] ", "due:"):
            if bad in text:
                problems.append(f"{f}: clerk's markup {bad!r} shows")
        if re.search(r"\([a-z0-9-]+/\d{4}-\d\d-\d\d(-\d+)?\)", text):
            problems.append(f"{f}: an internal meeting id shows")
        for link in p.links:
            path, frag = target_file(root, f, link)
            if path is None:
                continue
            if not os.path.isfile(os.path.join(root, path)):
                problems.append(f"{f}: broken link {link}")
            elif frag and path in pages and frag not in pages[path].ids:
                problems.append(f"{f}: no #{frag} in {path}")
    # every page and feed is reachable from the home page
    seen, todo = {"index.html"}, ["index.html"]
    while todo:
        f = todo.pop()
        for link in pages[f].links if f in pages else []:
            path, _ = target_file(root, f, link)
            if path and path not in seen and os.path.isfile(os.path.join(root, path)):
                seen.add(path)
                todo.append(path)
    for f in files:
        if f not in seen and f not in ("404.html", ".govern-manifest"):
            problems.append(f"{f}: not linked from any page")
    return problems
