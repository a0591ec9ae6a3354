"""`formaudit cache`: where the parsed-form cache is, how big, and clearing it."""

from __future__ import annotations

import click


@click.group("cache")
def cache() -> None:
    """The cache of parsed forms (re-scans of unchanged files skip reading them)."""


_dir_option = click.option(
    "--cache-dir", type=click.Path(file_okay=False), help="Cache folder (default: the platform cache folder)."
)


@cache.command("clear")
@_dir_option
def clear(cache_dir: str | None) -> None:
    """Remove every cached form and check result."""
    from ..cache import FormCache, default_dir

    c = FormCache(cache_dir or default_dir())
    n = c.clear()
    click.echo(f"removed {n} cached entr{'ies' if n != 1 else 'y'} from {c.root}")


@cache.command("info")
@_dir_option
def info(cache_dir: str | None) -> None:
    """Print the cache folder, its entries (parsed forms and check results) and size."""
    from ..cache import MAX_BYTES, FormCache, default_dir

    c = FormCache(cache_dir or default_dir())
    n, size = c.size()
    click.echo(
        f"{c.root}: {n} cached entr{'ies' if n != 1 else 'y'}, {size / 1024:.0f} KiB "
        f"(limit {MAX_BYTES // (1024 * 1024)} MiB)"
    )
