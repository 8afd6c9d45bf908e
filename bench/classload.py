#!/usr/bin/env python3
"""The class-load benchmark of issue 13: the lab serving a class, next to
Postfix on the same machine, as docs/benchmarks.md reports it.

Usage: python3 bench/classload.py MAILTUTOR SCRATCH [PART ...]
  MAILTUTOR  the built binary (go build -o /tmp/mt ./cmd/mailtutor)
  SCRATCH    a directory for the lab's store and the class file (removed)
  PART       any of: smtp logins memory durable guess (default: all)
Environment:
  POSTFIX    HOST:PORT of a Postfix smtpd to compare with (default: the test
             servers' 127.0.0.1:2525 when it answers); its mail goes to
             teacher@example.test and is removed from MAILDIR afterwards
  MAILDIR    the test servers' mail directory (/tmp/mailtutor-servers/mail)
  LAB_ARGS   extra flags for `mailtutor lab`
Every client here comes from 127.0.0.1, as a class behind one NAT address
would: the load parts raise --max-conns-per-client to 400 (default 20;
Postfix's smtpd_client_connection_count_limit is 50, and the Postfix
compared here keeps it); the guessing part keeps every default.
Needs smtp-source (Debian package postfix) and go (for bench/logins).
Everything talks to loopback only.
"""
import os, shlex, shutil, signal, socket, subprocess, sys, threading, time, base64

MT, SCRATCH = sys.argv[1], sys.argv[2]
PARTS = sys.argv[3:] or ["smtp", "logins", "memory", "durable", "guess"]
LOAD = ["--max-conns-per-client", "400"]
HERE = os.path.dirname(os.path.abspath(__file__))
STUDENTS = 300
NAMES = ["smtp", "submission", "smtps", "pop3", "pop3s", "imap", "imaps"]


def freeport():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


class Lab:
    """A `mailtutor lab` in its own process, with a class of STUDENTS."""

    def __init__(self, store, extra=()):
        self.ports = {n: freeport() for n in NAMES}
        users = os.path.join(SCRATCH, "class.yaml")
        if not os.path.exists(users):
            with open(users, "w") as f:
                f.write("users:\n" + "".join("  s%03d: pw\n" % i for i in range(1, STUDENTS + 1)))
        args = [MT, "lab", "--dir", store, "--users", users] + sum([["--%s-port" % n, str(p)] for n, p in self.ports.items()], [])
        args += shlex.split(os.environ.get("LAB_ARGS", "")) + list(extra)
        self.log = open(os.path.join(SCRATCH, "lab.log"), "ab")
        self.p = subprocess.Popen(args, stdout=self.log, stderr=self.log)
        for _ in range(400):
            try:
                socket.create_connection(("127.0.0.1", self.ports["imaps"]), timeout=1).close(); return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("the lab did not start: see %s/lab.log" % SCRATCH)

    def addr(self, name):
        return "127.0.0.1:%d" % self.ports[name]

    def rss(self):
        for line in open("/proc/%d/status" % self.p.pid):
            if line.startswith("VmRSS:"): return int(line.split()[1]) / 1024
        return 0

    def hwm(self):
        for line in open("/proc/%d/status" % self.p.pid):
            if line.startswith("VmHWM:"): return int(line.split()[1]) / 1024
        return 0

    def stop(self, sig=signal.SIGTERM):
        self.p.send_signal(sig); self.p.wait()


def smtp_source(addr, to, messages, sessions):
    t = time.time()
    r = subprocess.run(["smtp-source", "-l", "1000", "-m", str(messages), "-s", str(sessions),
                        "-f", "bench@example.org", "-t", to, addr], capture_output=True, text=True)
    took = time.time() - t
    if r.returncode != 0:
        return "failed: " + (r.stderr.strip().splitlines() or ["?"])[-1]
    return "%d messages in %.2f s = %.0f msg/s" % (messages, took, messages / took)


def part_smtp(store):
    lab = Lab(store, LOAD)
    try:
        for sessions in (50, 300):
            print("  lab MX, %3d sessions: %s" % (sessions, smtp_source(lab.addr("smtp"), "s001@example.test", 3000, sessions)))
        print("  lab peak RSS %.1f MB" % lab.hwm())
    finally:
        lab.stop()
    postfix = os.environ.get("POSTFIX", "127.0.0.1:2525")
    try:
        socket.create_connection(tuple(postfix.rsplit(":", 1)), timeout=2).close()
    except OSError:
        print("  Postfix at %s does not answer: not compared" % postfix); return
    maildir = os.path.join(os.environ.get("MAILDIR", "/tmp/mailtutor-servers/mail"), "example.test", "teacher", "new")
    before = set(os.listdir(maildir)) if os.path.isdir(maildir) else set()
    for sessions in (50, 300):
        print("  Postfix,    %3d sessions: %s" % (sessions, smtp_source(postfix, "teacher@example.test", 3000, sessions)))
    time.sleep(10)  # let the queue drain before cleaning up
    if os.path.isdir(maildir):
        for name in set(os.listdir(maildir)) - before:
            os.remove(os.path.join(maildir, name))


def part_logins(store):
    lab = Lab(store, LOAD)
    try:
        for proto in ("pop3", "imap"):
            out = subprocess.run(["go", "run", os.path.join(HERE, "logins"), "-proto", proto, "-addr", lab.addr(proto),
                                  "-c", "300", "-n", "3000", "-accounts", str(STUDENTS), "-user", "s%03d", "-pass", "pw"],
                                 capture_output=True, text=True)
            print("  " + (out.stdout + out.stderr).strip().replace("\n", "\n  "))
        print("  lab peak RSS %.1f MB" % lab.hwm())
    finally:
        lab.stop()


def smtp_cmd(f, s, line, expect):
    s.sendall(line.encode() + b"\r\n")
    while True:
        r = f.readline()
        if not r: raise IOError("closed after " + line)
        if r[3:4] != b"-": break
    if not r.startswith(expect.encode()):
        raise IOError("%s: %s" % (line, r.decode(errors="replace").strip()))
    return r


def part_memory(store):
    """100 clients, each inside DATA with 9.9 MB sent and no end."""
    lab = Lab(store, LOAD)
    socks, peak = [], 0.0
    body = (b"x" * 998 + b"\r\n") * 1000  # ~1 MB
    try:
        base = lab.rss()
        for i in range(100):
            s = socket.create_connection(("127.0.0.1", lab.ports["smtp"]))
            f = s.makefile("rb")
            f.readline()
            smtp_cmd(f, s, "EHLO load.example", "250")
            smtp_cmd(f, s, "MAIL FROM:<load@example.org>", "250")
            smtp_cmd(f, s, "RCPT TO:<s%03d@example.test>" % (i % STUDENTS + 1), "250")
            smtp_cmd(f, s, "DATA", "354")
            socks.append((s, f))
        for _ in range(10):
            for s, _ in socks:
                s.sendall(body[: 990 * 1000])
            peak = max(peak, lab.rss())
        time.sleep(1)
        peak = max(peak, lab.rss(), lab.hwm())
        print("  100 clients in 9.9 MB DATA bodies: RSS %.1f MB before, peak %.1f MB" % (base, peak))
    finally:
        for s, _ in socks: s.close()
        lab.stop()


def send_one(port, subject):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    f = s.makefile("rb")
    try:
        f.readline()
        smtp_cmd(f, s, "EHLO durable.example", "250")
        smtp_cmd(f, s, "MAIL FROM:<load@example.org>", "250")
        smtp_cmd(f, s, "RCPT TO:<s001@example.test>", "250")
        smtp_cmd(f, s, "DATA", "354")
        s.sendall(("Subject: %s\r\n\r\nbody\r\n.\r\n" % subject).encode())
        r = f.readline()
        return r.startswith(b"250")
    finally:
        s.close()


def pop3_subjects(port, user):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    f = s.makefile("rb")
    def cmd(line):
        s.sendall(line.encode() + b"\r\n"); r = f.readline()
        if not r.startswith(b"+OK"): raise IOError("%s: %s" % (line, r))
        return r
    f.readline(); cmd("USER " + user); cmd("PASS pw")
    n = int(cmd("STAT").split()[1])
    subjects = set()
    for i in range(1, n + 1):
        cmd("TOP %d 0" % i)
        while True:
            line = f.readline().rstrip(b"\r\n")
            if line == b".": break
            if line.startswith(b"Subject: "): subjects.add(line[9:].decode())
    cmd("QUIT"); s.close()
    return subjects


def part_durable(store):
    """Every 250 is in the mailbox after kill -9 and a restart on --dir."""
    lab = Lab(store, LOAD)
    accepted, lock, stop = [], threading.Lock(), threading.Event()
    def sender(k):
        n = 0
        while not stop.is_set():
            n += 1; subject = "durable-%d-%d" % (k, n)
            try:
                if send_one(lab.ports["smtp"], subject):
                    with lock: accepted.append(subject)
            except (IOError, OSError):
                return
    threads = [threading.Thread(target=sender, args=(k,)) for k in range(20)]
    for t in threads: t.start()
    time.sleep(3)
    lab.stop(signal.SIGKILL)
    stop.set()
    for t in threads: t.join()
    lab = Lab(store, LOAD)
    try:
        found = pop3_subjects(lab.ports["pop3"], "s001")
        lost = [s for s in accepted if s not in found]
        print("  kill -9 under load: %d messages answered 250, %d in the mailbox after restart, %d lost" % (len(accepted), len(found), len(lost)))
    finally:
        lab.stop()


def part_guess(store):
    """Wrong AUTH PLAIN as fast as 20 parallel connections from one address allow."""
    lab = Lab(store)
    tries, times, lock, stop = [0], [], threading.Lock(), threading.Event()
    bad = base64.b64encode(b"\0s001\0wrong").decode()
    def guesser():
        while not stop.is_set():
            try:
                s = socket.create_connection(("127.0.0.1", lab.ports["submission"]), timeout=60)
                f = s.makefile("rb"); f.readline()
                smtp_cmd(f, s, "EHLO guess.example", "250")
                while not stop.is_set():
                    s.sendall(("AUTH PLAIN " + bad + "\r\n").encode())
                    r = f.readline()
                    if not r.startswith(b"535"): break
                    with lock: tries[0] += 1; times.append(time.time())
                s.close()
            except OSError:
                time.sleep(0.1)
    threads = [threading.Thread(target=guesser, daemon=True) for _ in range(20)]
    start = time.time()
    for t in threads: t.start()
    time.sleep(20)
    stop.set()
    took = time.time() - start
    after3 = [t for t in sorted(times)[3:]]
    rate = (len(after3) / (after3[-1] - after3[0])) if len(after3) > 1 else 0
    print("  20 connections from one address for %.0f s: %d wrong passwords tried, %.2f tries/s after the third" % (took, tries[0], rate))
    lab.stop()


def main():
    shutil.rmtree(SCRATCH, ignore_errors=True)
    os.makedirs(SCRATCH)
    for part in PARTS:
        print("== " + part)
        globals()["part_" + part](os.path.join(SCRATCH, "store-" + part))
    shutil.rmtree(SCRATCH, ignore_errors=True)


main()
