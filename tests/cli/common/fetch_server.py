# tests/cli/common/fetch_server.py: a hostile git server for forks.sh
# (not a test: run-all.sh runs only *.sh files).  It listens on a free
# port of 127.0.0.1, prints the port, and answers every request:
#   stall   read the request, then say nothing, for ever;
#   flood   a smart-HTTP ref advertisement that never ends.
import socket
import sys
import threading
import time

mode = sys.argv[1]
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(('127.0.0.1', 0))
srv.listen(8)
print(srv.getsockname()[1], flush=True)


def pkt(b):
    return b"%04x" % (len(b) + 4) + b


def serve(c):
    try:
        c.recv(65536)
        if mode == 'stall':
            time.sleep(3600)
            return
        c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: "
                  b"application/x-git-upload-pack-advertisement\r\n"
                  b"Connection: close\r\n\r\n")
        c.sendall(pkt(b"# service=git-upload-pack\n") + b"0000")
        c.sendall(pkt(b"1" * 40 + b" HEAD\0side-band-64k ofs-delta\n"))
        i = 0
        while True:
            c.sendall(b"".join(pkt(b"%040x refs/tags/t%d\n" % (i + k, i + k))
                               for k in range(1000)))
            i += 1000
    except OSError:
        pass


while True:
    conn, _ = srv.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
