"""Independent checks for tests/cli/t1300-tools.sh.

  tools_check.py usage TABLE.json   every option of every command (core and
                                    plugins, from `govern help --json`) is in
                                    its usage string; no help says
                                    "(repeatable)" itself (help adds it)
  tools_check.py usage-selftest     the usage check fails on a usage string
                                    that omits an option
  tools_check.py xlsx FILE SHEET EXPECT.json
                                    FILE, read with openpyxl: one sheet named
                                    SHEET, header row frozen and bold, then the
                                    rows of EXPECT (a list of lists; "date:Y-M-D"
                                    for a typed date, "num:N" for a number,
                                    anything else a text cell)
"""
import datetime
import json
import re
import sys


def usage_problems(table):
    problems = []
    for c in table["commands"]:
        usage = c["usage"]
        for o in c["options"]:
            if not re.search(r"--%s(?![a-z-])" % re.escape(o["name"]), usage):
                problems.append("%s: usage omits --%s" % (c["name"], o["name"]))
            if o["kind"] in ("multi", "multi-text", "optional") and "(repeatable)" in o["help"]:
                problems.append("%s: --%s says (repeatable) itself" % (c["name"], o["name"]))
    return problems


def check_xlsx(path, sheet, expect_path):
    import openpyxl

    expect = json.load(open(expect_path, encoding="utf-8"))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [sheet], wb.sheetnames
    ws = wb[sheet]
    assert ws.freeze_panes == "A2", ws.freeze_panes
    rows = list(ws.iter_rows())
    assert all(cell.font.b for cell in rows[0]), "header not bold"
    assert len(rows) == len(expect), (len(rows), len(expect))
    for r, (got, want) in enumerate(zip(rows, expect)):
        assert len(got) == len(want), (r, len(got), len(want))
        for cell, w in zip(got, want):
            v = cell.value
            if isinstance(w, str) and w.startswith("date:"):
                d = datetime.date.fromisoformat(w[5:])
                assert cell.is_date and v.date() == d, (cell.coordinate, v)
            elif isinstance(w, str) and w.startswith("num:"):
                assert cell.data_type == "n" and v == int(w[4:]), (cell.coordinate, v)
            elif w in ("", None):
                assert v is None, (cell.coordinate, v)
            else:
                # text, never a formula or a number or a date
                assert cell.data_type == "s" and v == w, (cell.coordinate, cell.data_type, v, w)


def main():
    what = sys.argv[1]
    if what == "usage":
        problems = usage_problems(json.load(open(sys.argv[2], encoding="utf-8")))
        print("\n".join(problems))
        return 1 if problems else 0
    if what == "usage-selftest":
        bad = {"commands": [{"name": "x", "usage": "govern x [--a N]", "options": [
            {"name": "a", "kind": "value", "help": ""},
            {"name": "ab", "kind": "multi", "help": "things (repeatable)"}]}]}
        got = usage_problems(bad)
        return 0 if got == ["x: usage omits --ab", "x: --ab says (repeatable) itself"] else 1
    if what == "xlsx":
        check_xlsx(sys.argv[2], sys.argv[3], sys.argv[4])
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
