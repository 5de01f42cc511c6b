#!/usr/bin/env python3
"""pg-memory.py: what PostgreSQL's processes really use, from /proc/PID/smaps_rollup.

A lab of "Processes, Step by Step", chapter 7 (process-per-connection databases). It lists the
postmaster and each of its children (auxiliary processes and one backend per connection) with:

  RSS  resident set size: every page the process maps, shared or not (what ps and top show)
  PSS  proportional set size: each page divided by the number of processes that map it
  USS  unique set size: Private_Clean + Private_Dirty, pages no other process maps
  PTE  the kernel's page tables for the process (VmPTE in /proc/PID/status)

and prints the sums. Units: /proc writes "kB", but means KiB (1024 bytes); this script prints the
same numbers under their right name, KiB, and the sums in MiB (KiB / 1024). A MiB is 1.048576 MB.
The sums are what matter. The sum of RSS counts every shared page once per process; the sum of PSS
counts it once. Definitions: proc(5), /proc/PID/smaps_rollup and /proc/PID/status.

Usage (Linux, Python 3.8+, standard library only):
  python3 pg-memory.py                      # find the postmaster(s) with pgrep
  python3 pg-memory.py --pid 1234           # a postmaster's PID (or any process's: its children)
  python3 pg-memory.py --data-dir /var/lib/postgresql/15/main   # PID from postmaster.pid
  python3 pg-memory.py --csv                # one CSV line per process, for a spreadsheet

Run it as the user the server runs as (e.g. sudo -u postgres python3 pg-memory.py) or as root:
other users' smaps_rollup files are not readable. To find the memory one connection adds, run it
with N and with M idle connections open and divide the difference of the PSS sums by M - N.
"""
import argparse
import os
import subprocess
import sys


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def ppid_of(pid):
    # /proc/PID/stat: "pid (comm) state ppid ..."; comm may contain spaces and parentheses
    stat = read(f"/proc/{pid}/stat")
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def children_of(parent):
    kids = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if ppid_of(int(name)) == parent:
                    kids.append(int(name))
            except (OSError, ValueError, IndexError):
                pass  # the process ended while we looked
    return sorted(kids)


def kb_fields(text, names):
    out = {n: None for n in names}
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if key in out:
            out[key] = int(rest.split()[0])
    return out


def measure(pid):
    """RSS, PSS, USS and page tables of pid in KiB (/proc's "kB"), or an error string."""
    try:
        smaps = kb_fields(read(f"/proc/{pid}/smaps_rollup"), ["Rss", "Pss", "Private_Clean", "Private_Dirty"])
        status = kb_fields(read(f"/proc/{pid}/status"), ["VmPTE"])
        cmd = read(f"/proc/{pid}/cmdline").replace("\0", " ").strip() or read(f"/proc/{pid}/comm").strip()
    except FileNotFoundError:
        return "exited"
    except PermissionError:
        return "permission denied (run as the server's user or root)"
    if smaps["Rss"] is None:
        return "no smaps_rollup figures (a kernel thread, or Linux older than 4.14)"
    return {
        "pid": pid,
        "cmd": cmd,
        "rss": smaps["Rss"],
        "pss": smaps["Pss"],
        "uss": (smaps["Private_Clean"] or 0) + (smaps["Private_Dirty"] or 0),
        "pte": status["VmPTE"] or 0,
    }


def find_postmasters():
    """postgres processes whose parent is not a postgres process."""
    try:
        out = subprocess.run(["pgrep", "-x", "postgres|postmaster"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        sys.exit("pgrep not found: give the postmaster's PID with --pid or the data directory with --data-dir")
    pids = [int(p) for p in out.split()]
    found = []
    for pid in pids:
        try:
            if ppid_of(pid) not in pids:
                found.append(pid)
        except OSError:
            pass
    return found


def report(root, as_csv):
    # One listing of the children for both lists, so a backend that starts or exits meanwhile
    # cannot shift the rows against their PIDs.
    pids = [root] + children_of(root)
    rows = [measure(p) for p in pids]
    good = [r for r in rows if isinstance(r, dict)]
    if as_csv:
        print("pid,rss_kib,pss_kib,uss_kib,pte_kib,command")
        for r in good:
            print(f"{r['pid']},{r['rss']},{r['pss']},{r['uss']},{r['pte']},\"{r['cmd']}\"")
        return len(good)
    print(f"{'PID':>8} {'RSS KiB':>10} {'PSS KiB':>10} {'USS KiB':>10} {'PTE KiB':>8}  COMMAND")
    for pid, r in zip(pids, rows):
        if isinstance(r, dict):
            print(f"{r['pid']:>8} {r['rss']:>10} {r['pss']:>10} {r['uss']:>10} {r['pte']:>8}  {r['cmd'][:60]}")
        else:
            print(f"{pid:>8}  cannot read: {r}")
    total = {k: sum(r[k] for r in good) for k in ("rss", "pss", "uss", "pte")}
    print(f"{'sum':>8} {total['rss']:>10} {total['pss']:>10} {total['uss']:>10} {total['pte']:>8}  ({len(good)} processes)")
    if total["pss"]:
        print(
            f"\nThe sum of RSS ({total['rss'] / 1024:.1f} MiB) counts shared pages once per process; "
            f"the sum of PSS ({total['pss'] / 1024:.1f} MiB) counts each page once.\n"
            f"RSS overstates the memory these processes use {total['rss'] / total['pss']:.1f} times "
            f"(page tables, {total['pte'] / 1024:.1f} MiB, are in neither)."
        )
    return len(good)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pid", type=int, help="the postmaster's PID (or any process: it and its children are listed)")
    ap.add_argument("--data-dir", help="a data directory: the PID is the first line of its postmaster.pid")
    ap.add_argument("--csv", action="store_true", help="print CSV instead of a table (sizes in KiB)")
    a = ap.parse_args()
    if not os.path.exists("/proc/self/smaps_rollup"):
        sys.exit("this needs Linux 4.14 or later (/proc/PID/smaps_rollup)")
    if a.pid is not None:
        roots = [a.pid]
    elif a.data_dir:
        try:
            roots = [int(read(os.path.join(a.data_dir, "postmaster.pid")).split()[0])]
        except (OSError, ValueError, IndexError) as e:
            sys.exit(f"cannot read the PID from {a.data_dir}/postmaster.pid: {e}")
    else:
        roots = find_postmasters()
        if not roots:
            sys.exit("no postgres process found: is the server running? (or give --pid)")
    for i, root in enumerate(roots):
        if not os.path.exists(f"/proc/{root}"):
            sys.exit(f"there is no process {root}")
        if i:
            print()
        if len(roots) > 1 and not a.csv:
            print(f"postmaster {root}:")
        report(root, a.csv)


if __name__ == "__main__":
    main()
