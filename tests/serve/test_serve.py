"""`bash scripts/dev.sh serve 2`: nginx in front of two Streamlit processes, each
browser kept on one process by a cookie, a dead process restarted, every process stopped
by SIGTERM or Ctrl-C; and the sign-in throttle counting the real visitor behind the
proxy, whatever X-Forwarded-For the visitor sends."""

from __future__ import annotations

import json
import os
import re
import signal
import time
import urllib.request
from pathlib import Path

import pytest
from paths import GEODATA, copy_geodata
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit_client import Visitor

from dashboard.devtools.server import serve, streamlit_server
from dashboard.serve import nginx
from dashboard.serve.processes import healthy
from dashboard.serve.supervisor import ServeError, Supervisor
from dashboard.staff.auth import HASH_ENV, hash_password
from dashboard.ui.components.staff_auth import client_address

PASSWORD = "serve-test-password"
needs_nginx = pytest.mark.usefixtures("nginx")  # in CI a missing nginx fails, never skips
COOKIE = nginx.COOKIE


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, list[str]], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as r:
        headers_out: dict[str, list[str]] = {}
        for key, value in r.headers.items():
            headers_out.setdefault(key.lower(), []).append(value)
        return r.status, headers_out, r.read()


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited


def processes_under(prefix: Path) -> list[int]:
    """Every live process whose command line names nginx's prefix folder."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if str(prefix) in cmdline and alive(int(entry.name)):
                found.append(int(entry.name))
    return found


@pytest.fixture
def staff_env(tmp_path: Path) -> dict[str, str]:
    """A data folder and store of the test's own, and a staff password."""
    return {
        "DASHBOARD_GEODATA": str(copy_geodata(tmp_path / "geodata", GEODATA)),
        "DASHBOARD_STORE": str(tmp_path / "store"),
        HASH_ENV: hash_password(PASSWORD),
    }


@needs_nginx
def test_serve_2_answers_through_nginx_spreads_browsers_and_stops_every_process_on_sigterm(staff_env):
    with serve(2, env=staff_env) as served:
        state = served.state()
        ports = {f"127.0.0.1:{p['port']}" for p in state["streamlit"]}
        pids = [state["nginx"], *(p["pid"] for p in state["streamlit"])]
        assert len(ports) == 2 and all(alive(pid) for pid in pids)

        status, headers, body = get(f"{served.base}/")
        assert status == 200 and b"<noscript>" in body
        cookie = next(c for c in headers["set-cookie"] if c.startswith(f"{COOKIE}="))
        assert "HttpOnly" in cookie and "Path=/" in cookie
        # gzip for the scripts
        script = re.search(rb'src="\.?/?(static/js/[^"]+\.js)"', body)
        assert script, body[:500]
        status, headers, _ = get(f"{served.base}/{script.group(1).decode()}", {"Accept-Encoding": "gzip"})
        assert status == 200 and headers["content-encoding"] == ["gzip"]

        # browsers without the cookie spread over both processes ...
        for _ in range(40):
            get(f"{served.base}/_stcore/health")
        time.sleep(0.5)  # nginx logs a request just after its response
        assert set(served.upstreams("/_stcore/health")) == ports
        # ... and one with the cookie stays on one, and is not given another cookie
        route = cookie.split(";", 1)[0]
        before = len(served.upstreams("/_stcore/health"))
        for _ in range(20):
            _, headers, _ = get(f"{served.base}/_stcore/health", {"Cookie": route})
            assert not any(c.startswith(COOKIE) for c in headers.get("set-cookie", []))
        time.sleep(0.5)
        cookied = served.upstreams("/_stcore/health")[before:]
        assert len(cookied) == 20 and len(set(cookied)) == 1
        supervisor = served.supervisor
    # serve() sent SIGTERM and waited for the supervisor
    assert supervisor.returncode == 0
    assert not [pid for pid in pids if alive(pid)]
    assert processes_under(served.prefix) == []
    assert not (served.prefix / "processes.json").exists()


@needs_nginx
def test_a_page_and_its_websocket_reach_the_same_process(staff_env):
    with serve(2, env=staff_env) as served:
        routes = {}
        for n in range(12):  # twelve browsers, each with the cookie of its first response
            _, headers, _ = get(f"{served.base}/?lang=en&visitor={n}")
            routes[n] = next(c for c in headers["set-cookie"] if c.startswith(f"{COOKIE}=")).split(";", 1)[0]
            page = Visitor(served.base, headers={"Cookie": routes[n]})
            assert page.run().elements
            page.close()
        time.sleep(0.5)  # a websocket's line is logged when it closes
        pages, streams = served.upstreams("/"), served.upstreams("/_stcore/stream")
        assert len(pages) == len(streams) == 12
        assert pages == streams
        assert len(set(pages)) == 2  # and the twelve browsers did not all land on one process


@needs_nginx
def test_a_killed_process_is_restarted_and_ctrl_c_stops_everything(staff_env):
    with serve(2, env=staff_env) as served:
        first = served.state()["streamlit"][0]
        os.kill(first["pid"], signal.SIGKILL)
        deadline = time.monotonic() + 60
        while True:
            now = served.state()["streamlit"][0]
            if now["restarts"] == 1 and now["pid"] != first["pid"]:
                break
            assert time.monotonic() < deadline, "the supervisor did not restart the killed process"
            time.sleep(0.2)
        # while it starts again, nginx sends its visitors to the other process
        for _ in range(10):
            assert get(f"{served.base}/_stcore/health")[0] == 200
        deadline = time.monotonic() + 90
        while not healthy(f"http://127.0.0.1:{now['port']}"):
            assert time.monotonic() < deadline
            time.sleep(0.5)
        state = served.state()
        pids = [state["nginx"], *(p["pid"] for p in state["streamlit"])]
        served.supervisor.send_signal(signal.SIGINT)  # Ctrl-C
        assert served.supervisor.wait(timeout=30) == 0
    assert not [pid for pid in pids if alive(pid)]
    assert processes_under(served.prefix) == []


def sign_in_attempts(base: str, source: str, spoof: list[str], password: str = "wrong") -> list[str]:
    """Wrong sign-ins from one visitor (one address), each with another forged
    X-Forwarded-For; the messages the page showed after each."""
    shown = []
    for fake in spoof:
        page = Visitor(base, source=source, headers={"X-Forwarded-For": fake, "X-Real-IP": fake})
        form = page.run("staff")
        name = form.widget("text_input", "Your name (kept in the history)")
        secret = form.widget("text_input", "Staff password")
        submit = form.widget("button", "Sign in")
        states = [WidgetState(id=name.id, string_value="Visitor"), WidgetState(id=secret.id, string_value=password)]
        states.append(WidgetState(id=submit.id, trigger_value=True))
        shown.append(" | ".join(page.run("staff", states).texts()))
        page.close()
    return shown


def audit_clients(store: Path) -> list[tuple[str, str]]:
    lines = (store / "audit.log").read_text(encoding="utf-8").splitlines()
    return [(e["client"], e.get("why", "")) for e in map(json.loads, lines) if e["event"].startswith("sign_in")]


@needs_nginx
def test_the_throttle_counts_each_real_visitor_behind_the_proxy_whatever_it_forwards(staff_env):
    with serve(2, env=staff_env) as served:
        # four wrong passwords from 127.0.0.2, each claiming another address
        shown = sign_in_attempts(served.base, "127.0.0.2", ["203.0.113.1", "203.0.113.2", "127.0.0.3", "10.0.0.4"])
        assert all("Wrong password." in s for s in shown[:3]), shown
        assert "Too many wrong passwords: wait 5 s before the next attempt." in shown[2], shown
        assert "Too many wrong passwords from this computer." in shown[3], shown
        # another visitor is not held up by the first one's failures
        other = sign_in_attempts(served.base, "127.0.0.3", ["127.0.0.2"])
        assert "Wrong password." in other[0] and "Too many" not in other[0], other
    clients = audit_clients(Path(staff_env["DASHBOARD_STORE"]))
    assert [c for c, _ in clients] == ["127.0.0.2"] * 4 + ["127.0.0.3"]
    assert [why for _, why in clients] == ["wrong password"] * 3 + ["locked", "wrong password"]


def test_a_process_without_a_proxy_ignores_a_visitors_forwarded_for(staff_env):
    # started as `dev.sh run` starts it: FORWARDED_ALLOW_IPS empty
    with streamlit_server(env=staff_env) as base:
        sign_in_attempts(base, "127.0.0.2", ["203.0.113.7"])
    assert audit_clients(Path(staff_env["DASHBOARD_STORE"])) == [("127.0.0.2", "wrong password")]


def test_a_forwarded_address_is_believed_only_when_someone_chose_whom_to_believe():
    # FORWARDED_ALLOW_IPS unset: uvicorn believed X-Forwarded-For from any program on the
    # machine, so the address it reports may be forged
    assert client_address("203.0.113.7", "203.0.113.7", trust_chosen=False) == "unknown"
    assert client_address("198.51.100.2", None, trust_chosen=False) == "198.51.100.2"
    assert client_address("198.51.100.2", "198.51.100.2", trust_chosen=True) == "198.51.100.2"
    assert client_address(None, None, trust_chosen=True) == "unknown"  # 127.0.0.1 / ::1


def test_the_nginx_configuration_lists_every_process_and_the_trusted_proxies(tmp_path):
    conf = nginx.render(tmp_path, "127.0.0.1:8080", [5001, 5002, 5003], nginx.trusted_proxies("10.1.0.0/16, ::1"))
    assert re.findall(r"server 127\.0\.0\.1:(\d+) max_fails=1 fail_timeout=5s;", conf) == ["5001", "5002", "5003"]
    assert "listen 127.0.0.1:8080;" in conf
    assert "set_real_ip_from 10.1.0.0/16;" in conf and "set_real_ip_from ::1/128;" in conf
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf
    assert f"pid {tmp_path}/nginx.pid;" in conf and "@@" not in conf
    assert "set_real_ip_from" not in nginx.render(tmp_path, "8080", [5001])


@needs_nginx
def test_serve_refuses_a_wrong_trusted_proxy_and_zero_processes(monkeypatch):
    monkeypatch.setenv("DASHBOARD_TRUSTED_PROXIES", "10.0.0.0/8, proxy.example.org")
    with pytest.raises(ServeError, match=r"TRUSTED_PROXIES: not an IP address or network: 'proxy\.example\.org'"):
        Supervisor(2, 8080)
    monkeypatch.delenv("DASHBOARD_TRUSTED_PROXIES")
    with pytest.raises(ServeError, match="at least one"):
        Supervisor(0, 8080)
