"""A page of the app without a browser: Streamlit's websocket protocol, from a chosen
local source address (127.0.0.2, 127.0.0.3, ...: each one a different visitor to the
server), with whatever headers a visitor might add."""

from __future__ import annotations

import socket
import urllib.parse
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import ClientConnection, connect

FINISHED = ForwardMsg.ScriptFinishedStatus


@dataclass
class Run:
    """What one script run drew."""

    elements: list = field(default_factory=list)

    def widget(self, kind: str, label: str):
        for element in self.elements:
            if element.WhichOneof("type") == kind and getattr(element, kind).label == label:
                return getattr(element, kind)
        raise AssertionError(f"no {kind} labelled {label!r} in {self.texts()}")

    def texts(self) -> list[str]:
        out = []
        for element in self.elements:
            kind = element.WhichOneof("type")
            if kind in ("alert", "markdown"):
                out.append(getattr(element, kind).body)
            elif kind == "exception":
                out.append(f"EXCEPTION {element.exception.type}: {element.exception.message}")
        return out


class Visitor:
    """One page held open by a visitor at `source` (a local address)."""

    def __init__(self, base: str, source: str = "127.0.0.1", headers: dict[str, str] | None = None) -> None:
        parts = urllib.parse.urlsplit(base)
        self.base = base
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((source, 0))
        sock.settimeout(30)
        sock.connect((parts.hostname, parts.port))
        self.ws: ClientConnection = connect(  # entered here, closed by close()
            f"ws://{parts.netloc}/_stcore/stream",
            sock=sock,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=base,  # type: ignore[arg-type]
            additional_headers=headers or {},
            max_size=None,
            open_timeout=30,
        ).__enter__()

    def run(self, page: str = "", widgets: list | None = None, timeout: float = 60) -> Run:
        """One rerun of `page` (a URL path such as "staff") with these widget states."""
        msg = BackMsg()
        state = msg.rerun_script
        state.page_name = page
        state.context_info.url = f"{self.base}/{page}"
        for widget in widgets or []:
            state.widget_states.widgets.append(widget)
        self.ws.send(msg.SerializeToString())
        run = Run()
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(self.ws.recv(timeout=timeout))  # type: ignore[arg-type]
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                run.elements.append(forward.delta.new_element)
            elif kind == "script_finished":
                if forward.script_finished in (FINISHED.FINISHED_SUCCESSFULLY, FINISHED.FINISHED_EARLY_FOR_RERUN):
                    if forward.script_finished == FINISHED.FINISHED_SUCCESSFULLY:
                        return run
                else:
                    raise AssertionError(f"the run ended with status {forward.script_finished}")

    def close(self) -> None:
        self.ws.close()
