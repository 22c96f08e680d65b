"""Command line (placeholder until the commands land)."""


def main() -> int:
    return 0
