"""Job queue worker (demo host copy)."""


def create_app():
    raise SystemExit("The demo host does not run EchoPilot; the simulator serves its API.")
