"""`python -m pipeline ...` (and the `london-policing-pipeline` command)."""
from pipeline.cli import main
from pipeline.quick_exit import quick_exit


def run() -> None:
    """The command line; the process ends by quick_exit once the command is done."""
    try:
        main()
    except SystemExit as e:
        quick_exit(e.code)
    quick_exit(0)


if __name__ == "__main__":
    run()
