"""``govcrawl replay``: serve recorded sites as the forward proxy ``crawl --replay URL`` expects."""

from __future__ import annotations

import signal
from pathlib import Path
from types import FrameType

import click


def _stop(signum: int, frame: FrameType | None) -> None:
    """SIGTERM ends the server as Ctrl-C does."""
    raise KeyboardInterrupt


def _shown(path: Path) -> str:
    """``path`` as the user would type it: relative to the working directory when under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@click.command()
@click.option("--sites-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Recordings, one folder per host (default: tests/sites).")
@click.option("--port", default=0, show_default="any free port", type=click.IntRange(0, 65535), help="Port on 127.0.0.1.")
@click.option("--delay", default=0.0, show_default=True, type=click.FloatRange(min=0), metavar="SECONDS",
              help="Wait this long before each answer (slow sites, for tests and demos).")
def replay(sites_dir: Path | None, port: int, delay: float) -> None:
    """Serve recorded sites on 127.0.0.1 until SIGTERM or Ctrl-C.

    Crawls reach it as an HTTP proxy: `govcrawl crawl SITE --replay URL`.

    Example:

    \b
        govcrawl replay --port 8800 --delay 0.5
        govcrawl crawl wenzhou --replay http://127.0.0.1:8800
    """
    from crawler.tools.replay import DEFAULT_SITES_DIR, ReplayServer

    folder = sites_dir or DEFAULT_SITES_DIR
    try:
        server = ReplayServer(folder, port=port, delay=delay)
    except OSError as problem:
        raise click.ClickException(f"cannot listen on 127.0.0.1:{port}: {problem.strerror or problem}") from None
    signal.signal(signal.SIGTERM, _stop)
    click.echo(f"replaying {_shown(folder)} at {server.url}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()


COMMANDS = (replay,)
