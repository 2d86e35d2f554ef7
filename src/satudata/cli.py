"""The `satudata` command: a thin front to the project's management commands.

`satudata serve`, `satudata migrate`, `satudata load-demo`, `satudata user create …`,
`satudata token create USER`, `satudata backup`, `satudata restore`, `satudata import`,
`satudata audit verify`, `satudata worker` — and every Django management command."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satudata.config.settings")
    if args:
        args[0] = args[0].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["satudata", *args])


if __name__ == "__main__":
    main()
