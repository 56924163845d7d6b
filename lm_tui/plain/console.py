"""Line input and output for the plain mode, with end of input as an event, not a crash."""

from __future__ import annotations

from typing import TextIO


class InputEnded(Exception):
    """Standard input closed (end of a piped script, or Ctrl-D) before the flow asked its last."""


class Console:
    """Writes lines and reads answers; flushes after every prompt so pipes see it at once.

    When input is not a terminal (a script piped in), each answer read is echoed after its
    prompt, so the output reads as a complete transcript.
    """

    def __init__(self, stdin: TextIO, stdout: TextIO, echo: bool | None = None) -> None:
        self.stdin = stdin
        self.stdout = stdout
        if echo is None:
            try:
                echo = not stdin.isatty()
            except (AttributeError, ValueError):
                echo = True
        self.echo = echo

    def say(self, *lines: str) -> None:
        for line in lines:
            self.stdout.write(line + "\n")
        self.stdout.flush()

    def show_prompt(self, prompt: str) -> None:
        self.stdout.write(prompt)
        self.stdout.flush()

    def read(self) -> str:
        """The next line without its line ending; InputEnded at end of input."""
        line = self.stdin.readline()
        if not line:
            if self.echo:
                self.stdout.write("\n")
                self.stdout.flush()
            raise InputEnded
        text = line.rstrip("\r\n")
        if self.echo:
            self.stdout.write(text + "\n")
            self.stdout.flush()
        return text.strip()

    def ask(self, prompt: str) -> str:
        self.show_prompt(prompt)
        return self.read()
