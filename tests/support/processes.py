"""Reading a child process's output line by line, then the rest with `communicate()`.

`Popen.stdout.readline()` may pull the lines after the first into the pipe object's buffer, where
`communicate()`, which reads the pipe's file descriptor directly, never sees them: a test that reads one
line, signals the process, and counts the rest then loses lines when two arrive together.
"""

from __future__ import annotations

import os
import subprocess


def read_line(process: subprocess.Popen[str]) -> str:
    """The next line of the process's standard output (with its newline), "" at its end; reads the
    descriptor a byte at a time, so nothing after the line is buffered away from `communicate()`."""
    if process.stdout is None:
        raise ValueError("the process was started without stdout=PIPE")
    descriptor = process.stdout.fileno()
    line = bytearray()
    while not line.endswith(b"\n"):
        byte = os.read(descriptor, 1)
        if not byte:
            break
        line += byte
    return line.decode("utf-8")
