"""Composition root: reads the command line, builds the services, starts the CLI or the GUI.

Qt is imported only when a window is needed, so the CLI stays light and the login window
appears before the heavier modules load.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from desktop.cli import COMMANDS, UsageError, global_options, pick_language, run_cli
from desktop.core.i18n import Translator
from desktop.display import display_problem
from desktop.logs import configure_logging
from desktop.paths import DataPaths


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if any(arg in COMMANDS for arg in args) or "-h" in args or "--help" in args:
        try:
            pre, _ = global_options().parse_known_args(args)
        except UsageError:
            return run_cli(args)  # reports the usage error, exit code 2
        paths = DataPaths.portable(pre.data_dir) if pre.data_dir else DataPaths.default()
        configure_logging(paths.logs)
        return run_cli(args)
    if "--self-test" in args:
        from desktop.ui.selftest import run_self_test

        return run_self_test()
    try:
        pre, unknown = global_options().parse_known_args(args)
    except UsageError:  # e.g. --lang xx: the CLI path reports it with exit code 2
        return run_cli(args)
    if unknown:
        return run_cli(args)
    paths = DataPaths.portable(pre.data_dir) if pre.data_dir else DataPaths.default()
    configure_logging(paths.logs)
    language = pick_language(pre.lang, paths)
    problem = display_problem()
    if problem:
        print(Translator(language)(problem), file=sys.stderr)
        return 1
    from desktop.ui.application import run_gui

    return run_gui(paths, language, language_given=pre.lang is not None)


if __name__ == "__main__":
    sys.exit(main())
