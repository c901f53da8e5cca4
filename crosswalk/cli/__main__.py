"""`python -m crosswalk.cli`: the `crosswalk` command."""

from crosswalk.cli.app import run

if __name__ == "__main__":
    run()
