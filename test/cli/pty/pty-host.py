"""Runs a command in a pseudo-terminal of a fixed size, relaying keystrokes and screen output.

Usage: python3 pty-host.py <rows> <cols> <command> [args...]
stdin (a pipe) goes to the terminal as typed keys; everything the terminal shows comes out on
stdout. The exit status is the command's (128 + N when a signal N ended it). Stdlib only.
"""
import fcntl
import os
import select
import struct
import sys
import termios


def main() -> int:
    rows, cols, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    pid = os.fork()
    if pid == 0:
        os.close(master)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for descriptor in (0, 1, 2):
            os.dup2(slave, descriptor)
        if slave > 2:
            os.close(slave)
        os.execvp(command[0], command)
    os.close(slave)
    keys_open = True
    while True:
        watched = [master] + ([0] if keys_open else [])
        readable, _, _ = select.select(watched, [], [], 0.5)
        if master in readable:
            try:
                data = os.read(master, 65536)
            except OSError:
                data = b""
            if not data:
                break
            os.write(1, data)
        if 0 in readable:
            keys = os.read(0, 65536)
            if keys:
                os.write(master, keys)
            else:
                keys_open = False
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main())
