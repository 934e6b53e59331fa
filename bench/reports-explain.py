#!/usr/bin/env python3
"""EXPLAIN (ANALYZE, BUFFERS) of every statement GET /api/staff/reports/summary issues, for the last 7, 30 and 365
days, against a seeded database (bench/reports: tawasul_bench_reports). The SQL is read from the Java sources
(ReportQueries, ReportRollups: text blocks and their .formatted(...) arguments), so it is the statement the app runs;
each is PREPAREd and EXECUTEd with the parameters the summary gives it, once as a custom plan and once as the
generic plan a prepared statement may switch to after five executions; without JIT, as the app's connections
(quarkus.datasource.reactive.additional-properties.jit).

Usage: bench/reports-explain.py [db] [out.md]   (defaults: tawasul_bench_reports, stdout; plans in full to out.md)
Environment: TAWASUL_DB_HOST (127.0.0.1), ZONE (Asia/Riyadh), PERIODS (7,30,365), CHANNEL (none: all channels),
RAW_TRAFFIC (set: also the raw TRAFFIC statement, which the summary no longer runs for daily periods).
"""
import datetime
import os
import re
import subprocess
import sys
import zoneinfo

SOURCES = ["conversation-engine/src/main/java/gov/tawasul/engine/store/ReportQueries.java",
           "conversation-engine/src/main/java/gov/tawasul/engine/store/ReportRollups.java"]


def constants():
    """NAME -> SQL of every String constant of the two stores (qualified 'Class.NAME' and plain for each file)."""
    raw = {}
    for path in SOURCES:
        cls = os.path.basename(path)[:-5]
        text = open(path, encoding="utf-8").read()
        pat = re.compile(r'static final String (\w+) = (?:"""\n(.*?)"""|"((?:[^"\\]|\\.)*)")(\.formatted\(([^;]*)\))?;',
                         re.S)
        for m in pat.finditer(text):
            body = m.group(2) if m.group(2) is not None else m.group(3)
            args = [a.strip() for a in m.group(5).split(",")] if m.group(4) else None
            raw[cls + "." + m.group(1)] = (cls, body, args)
    done = {}

    def resolve(key):
        if key in done:
            return done[key]
        cls, body, args = raw[key]
        if args:
            vals = [resolve(a if "." in a else cls + "." + a) for a in args]
            seq = iter(vals)
            body = re.sub(r"%(\d+)\$s|%s|%%",
                          lambda g: "%" if g.group(0) == "%%" else (vals[int(g.group(1)) - 1] if g.group(1) else next(seq)),
                          body)
        done[key] = body
        return body

    return {k: resolve(k) for k in raw}


def psql(db, sql):
    host = os.environ.get("TAWASUL_DB_HOST", "127.0.0.1")
    r = subprocess.run(["psql", "-h", host, "-U", "postgres", "-d", db, "-X", "-qAt", "-v", "ON_ERROR_STOP=1"],
                       input=sql, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(r.stderr)
    return r.stdout


def lit(v):
    if v is None:
        return "null"
    if isinstance(v, list):
        return "array[" + ",".join(lit(x) for x in v) + "]"
    if isinstance(v, datetime.datetime):
        return "'" + v.astimezone(datetime.timezone.utc).isoformat() + "'::timestamptz"
    if isinstance(v, datetime.date):
        return "'" + v.isoformat() + "'::date"
    return "'" + str(v).replace("'", "''") + "'"


def main():
    db = sys.argv[1] if len(sys.argv) > 1 else "tawasul_bench_reports"
    out = open(sys.argv[2], "w", encoding="utf-8") if len(sys.argv) > 2 else None
    zone_id = os.environ.get("ZONE", "Asia/Riyadh")
    zone = zoneinfo.ZoneInfo(zone_id)
    channel = os.environ.get("CHANNEL") or None
    sql = constants()
    today = datetime.datetime.now(zone).date()

    def start(d):
        return datetime.datetime.combine(d, datetime.time(), zone)

    print("| period | statement | plan | ms | rows |")
    print("|---|---|---|---:|---:|")
    for days in [int(x) for x in os.environ.get("PERIODS", "7,30,365").split(",")]:
        first = today - datetime.timedelta(days=days - 1)
        rolled = [datetime.date.fromisoformat(x) for x in psql(db, (
            "select day from report_rolled_day where zone = %s and day between %s and %s order by day"
            % (lit(zone_id), lit(first), lit(today)))).split()]
        ranges, run, d = [], None, first
        while d <= today + datetime.timedelta(days=1):
            raw = d <= today and d not in rolled
            if raw and run is None:
                run = d
            elif not raw and run is not None:
                ranges.append((start(run), start(d)))
                run = None
            d += datetime.timedelta(days=1)
        statements = [("rolled days", "ReportRollups.ROLLED", [zone_id, first, today])]
        if rolled:
            statements += [("sums of rolled days", "ReportRollups.SUMS", [zone_id, rolled, channel]),
                           ("traffic of rolled days", "ReportRollups.TRAFFIC", [zone_id, rolled, channel]),
                           ("citizens", "ReportRollups.CITIZENS",
                            [zone_id, rolled, [a for a, _ in ranges], [b for _, b in ranges], channel]),
                           ("handoffs of rolled days", "ReportRollups.HANDOFFS", [zone_id, rolled, channel])]
            for a, b in ranges:
                span = "raw %s…%s" % (a.date(), (b - datetime.timedelta(days=1)).date())
                # FIGURES runs once per raw day (its in/out counts are the day's traffic); ranges of one day here
                statements += [("figures " + span, "ReportQueries.FIGURES", [a, b, channel]),
                               ("handoffs " + span, "ReportQueries.HANDOFFS", [a, b, channel])]
                if os.environ.get("RAW_TRAFFIC"):
                    statements.append(("traffic " + span, "ReportQueries.TRAFFIC", [a, b, channel, zone_id, "day"]))
        statements.append(("waiting now", "ReportQueries.WAITING", [channel]))
        for label, key, params in statements:
            for mode in ("force_custom_plan", "force_generic_plan"):
                script = ("set jit = off;\nset plan_cache_mode = %s;\nprepare s as %s;\n"
                          "explain (analyze, buffers) execute s(%s);\n") % (mode, sql[key], ", ".join(lit(p) for p in params))
                plan = psql(db, script)
                ms = re.search(r"Execution Time: ([\d.]+) ms", plan).group(1)
                top = re.search(r"actual time=[\d.]+\.\.[\d.]+ rows=(\d+)", plan)
                print("| %d days | %s (`%s`) | %s | %s | %s |" % (days, label, key, mode.split("_")[1], ms,
                                                                top.group(1) if top else "?"), flush=True)
                if out:
                    out.write("### %d days: %s (%s), %s plan\n\n```\n%s```\n\n" % (days, label, key, mode.split("_")[1], plan))
    if out:
        out.close()


if __name__ == "__main__":
    main()
