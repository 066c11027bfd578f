"""A child process that reads files with Relais' own readers under a memory ceiling, for the
fuzz tests: one path per line on stdin, one JSON answer per line on stdout. A blow-up inside
a Rust or C reader kills this process (a test failure), never the test run.

    python -m tests.exchange.read_worker LIMIT_BYTES
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
from pathlib import Path


def main() -> None:
    limit = int(sys.argv[1])
    from desktop.core.errors import RelaisError
    from desktop.paths import DataPaths
    from desktop.services import Services
    from desktop.store.vault import Vault
    from tests.conftest import ADMIN_PASSWORD, FAST_KDF, LIEGE

    folder = Path(tempfile.mkdtemp(prefix="relais-fuzz-"))
    session, _ = Vault(DataPaths.portable(folder), kdf=FAST_KDF).create(
        LIEGE, "admin", ADMIN_PASSWORD, "Admin Liège", language="fr")
    services = Services.for_session(session)
    import pypdf  # noqa: F401 (loaded before the ceiling, as in the running app)
    import python_calamine  # noqa: F401

    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    print("ready", flush=True)
    for line in sys.stdin:
        path = Path(line.rstrip("\n"))
        try:
            if path.suffix == ".pdf":
                answer: dict[str, object] = {"read": services.fillable.read(path).persons}
            else:
                answer = {"read": services.imports.plan(path).persons}
        except RelaisError as error:
            answer = {"refused": error.key}
        except BaseException as error:  # noqa: BLE001 (what the test reports)
            answer = {"crash": f"{type(error).__name__}: {error}"[:1000]}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
