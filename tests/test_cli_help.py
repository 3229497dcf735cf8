"""Every command and every option of `python -m pipeline` says what it does in --help."""
from __future__ import annotations

import click

from pipeline.cli import main


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    out = {}
    for name, cmd in group.commands.items():
        out[prefix + name] = cmd
        if isinstance(cmd, click.Group):
            out.update(_commands(cmd, f"{prefix}{name} "))
    return out


def test_every_command_and_option_has_help_text():
    commands = _commands(main)
    assert {"build", "extract", "normalise", "validate", "publish", "explain", "labels", "diff"} <= set(commands)
    missing = [name for name, cmd in commands.items() if not (cmd.help or "").strip()]
    missing += [f"{name} {'/'.join(p.opts)}" for name, cmd in commands.items() for p in cmd.params
                if isinstance(p, click.Option) and not (p.help or "").strip()]
    missing += [f"(group) {'/'.join(p.opts)}" for p in main.params if isinstance(p, click.Option)
                and not (p.help or "").strip()]
    assert missing == []
