#!/usr/bin/env python3
# Peak RSS of a `mailtutor lab` holding a 400 MiB mailbox through three POP3
# logins (LIST + RETR of one 10 MiB message each): docs/benchmarks.md, issue 12.
# Usage: python3 bench/labmem.py path/to/mailtutor SCRATCH_DIR  (SCRATCH_DIR is removed)
# The mailbox is written in the first store layout, <user>/<queue ID>.eml,
# which every lab since the first one reads (today it adopts it into INBOX).
import os, socket, subprocess, sys, time, shutil
bin_, d = sys.argv[1], sys.argv[2]
def fill(d):
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "student"))
    block = b"".join((b"." if i == 0 else b"x") + b"y"*75 + b"\r\n" for i in range(10))
    data = b"Subject: big\r\n\r\n" + block * ((10 << 20) // len(block))
    for n in range(40):
        with open(os.path.join(d, "student", "%016X.eml" % (0x18EB64AE29B6703F + n)), "wb") as f:
            f.write(data)
def freeport():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
def hwm(pid):
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmHWM:"): return int(line.split()[1]) / 1024
fill(d)
ports = [freeport() for _ in range(5)]
names = ["smtp", "submission", "smtps", "pop3", "pop3s"]
args = [bin_, "lab", "--dir", d] + sum([["--%s-port" % n, str(p)] for n, p in zip(names, ports)], [])
p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(600):
    try:
        socket.create_connection(("127.0.0.1", ports[3])).close(); break
    except OSError: time.sleep(0.05)
print("after start: VmHWM %.1f MiB" % hwm(p.pid))
for i, n in enumerate([1, 20, 40]):
    s = socket.create_connection(("127.0.0.1", ports[3]))
    f = s.makefile("rb")
    f.readline()
    s.sendall(b"USER student\r\nPASS secret123\r\nLIST\r\nRETR %d\r\nQUIT\r\n" % n)
    f.readline(); f.readline(); f.readline()
    while f.readline() != b".\r\n": pass
    f.readline()
    size = 0
    while True:
        l = f.readline()
        if l == b".\r\n": break
        size += len(l)
    f.readline(); s.close()
    print("login %d: RETR %d got %d bytes, VmHWM %.1f MiB" % (i + 1, n, size, hwm(p.pid)))
p.terminate(); p.wait()
shutil.rmtree(d)
