"""The ``govcrawl`` command line. Commands parse, call into ``crawler``, and print.

One module per group of commands, each listing its commands in ``COMMANDS``; a new group of
commands is a new module added to ``GROUPS``.
"""

from __future__ import annotations

import click

from crawler.cli import corpus, crawling, exporting, pages, regions, replay, runs
from crawler.cli.errors import FrontDoor


@click.group(cls=FrontDoor, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govcrawl")
def cli() -> None:
    """Collect Chinese government work reports (政府工作报告) into SQLite, one clean text per report."""


GROUPS = (crawling, runs, pages, corpus, exporting, regions, replay)
for group in GROUPS:
    for command in group.COMMANDS:
        cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="govcrawl")
