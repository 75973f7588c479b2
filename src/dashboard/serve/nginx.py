"""nginx's configuration for `serve`, filled in from nginx.conf.template, and its command."""

from __future__ import annotations

import ipaddress
import shutil
from collections.abc import Sequence
from pathlib import Path
from string import Template

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
COOKIE = "dashboard_route"  # the affinity cookie: which process a browser sticks to
MAX_FAILS = 1  # passive health: one refused or timed-out connection ...
FAIL_TIMEOUT = 5  # ... leaves a process out for this many seconds


class _Fields(Template):
    delimiter = "@@"  # nginx uses $ for its own variables


def trusted_proxies(value: str) -> list[str]:
    """The addresses or networks in a comma-separated list (DASHBOARD_TRUSTED_PROXIES),
    checked; raises ValueError naming a wrong entry."""
    found = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        try:
            found.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise ValueError(f"not an IP address or network: {item!r}") from None
    return found


def render(prefix: Path, listen: str, ports: Sequence[int], proxies: Sequence[str] = ()) -> str:
    """The configuration: nginx on `listen` (a port, or address:port) in front of the
    Streamlit processes on 127.0.0.1:`ports`."""
    servers = "\n".join(
        f"        server 127.0.0.1:{port} max_fails={MAX_FAILS} fail_timeout={FAIL_TIMEOUT}s;" for port in ports
    )
    if proxies:
        real_ip = "\n".join(
            [f"    set_real_ip_from {net};" for net in proxies]
            + ["    real_ip_header X-Forwarded-For;", "    real_ip_recursive on;"]
        )
    else:
        real_ip = "    # (none)"
    return _Fields(TEMPLATE.read_text(encoding="utf-8")).substitute(
        prefix=str(prefix), listen=listen, servers=servers, cookie=COOKIE, real_ip=real_ip
    )


def nginx_binary() -> str | None:
    """Debian's nginx (/usr/sbin/nginx), or one on PATH; None when there is none."""
    for candidate in ("/usr/sbin/nginx", shutil.which("nginx")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def prepare(prefix: Path) -> Path:
    """nginx's folders under its prefix; returns the configuration file's path."""
    for sub in ("logs", "temp"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    return prefix / "nginx.conf"


def command(binary: str, prefix: Path) -> list[str]:
    """nginx in the foreground, everything under `prefix` (-e: errors before the
    configuration is read go there too, not to the system's log)."""
    conf = prefix / "nginx.conf"
    return [binary, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "logs" / "error.log")]
